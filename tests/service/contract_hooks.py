"""schemathesis hooks for ``test_contract.py``: what the seeded service holds, and the one
rule the schema states in words only.

Loaded by the schemathesis CLI through ``SCHEMATHESIS_HOOKS=service.contract_hooks``. Both
hooks touch *positive* cases only (requests the schema calls valid); negative cases are
sent exactly as schemathesis made them, so every refusal is still checked.

- Seeded data: a random 13-digit GTIN is valid by the schema but names no shoe, and the
  service refuses it (422 "Unknown GTIN"), as it must. Positive cases get GTINs, store,
  location and kiosk ids of the demo catalogue instead, so they reach the real work
  (orders are placed, fetch requests made; the stateful phase follows the links).
- Rules the models state in words: a receipt never takes stock below zero (state the
  schema cannot know), a voice event carries exactly its kind's field.
- The report window: ``since`` before ``until`` and at most 366 days between them is
  written in the parameter's description and as ``x-max-period-days`` (OpenAPI cannot
  relate two parameters); positive cases are moved into such a window.
"""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis

SEED = json.loads(os.environ.get("EA_CONTRACT_SEED", "{}"))
GTINS: list[str] = SEED.get("gtins", ["2400013600002"])
IDS = {
    "store_id": SEED.get("store_id", "berlin-mitte"),
    "location_id": SEED.get("store_id", "berlin-mitte"),
    "kiosk_id": SEED.get("kiosk_id", "kiosk-1"),
    "style_id": SEED.get("style_id", "nordhain-fjord-hiker"),
}
MAX_PERIOD = timedelta(days=366)


def _positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    generation = getattr(meta, "generation", None)
    mode = getattr(generation, "mode", None)
    return bool(mode is not None and mode.is_positive)


def _seeded(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "gtin" and isinstance(item, str):
                out[key] = rng.choice(GTINS)
            elif key in IDS and isinstance(item, str):
                out[key] = IDS[key]
            else:
                out[key] = _seeded(item, rng)
        return out
    if isinstance(value, list):
        return [_seeded(item, rng) for item in value]
    return value


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _within_window(query: dict[str, Any]) -> dict[str, Any]:
    since, until = _time(query.get("since")), _time(query.get("until"))
    if since is None and until is None:
        return query
    end = until or datetime.now(UTC)
    start = since or end - timedelta(days=28)
    if not start < end or end - start > MAX_PERIOD:
        start = end - timedelta(days=28)
        if start.year < 1970:  # the service clamps times into 1970..2999
            end = datetime(1970, 2, 1, tzinfo=UTC)
            start = end - timedelta(days=28)
        query = {**query, "since": start.isoformat()}
        if until is not None:
            query["until"] = end.isoformat()
    return query


#: Rules the models state in their descriptions (the schema's words), not as keywords:
#: a voice event carries exactly the field of its kind (VoiceEventCreate).
VOICE_FIELD_OF_KIND = {"leave_reason": "reason", "size_wanted": "size_eu", "answered": "answer_ms"}
VOICE_EXAMPLE = {"reason": "colour", "size_eu": "49", "answer_ms": 1500}


def _documented_rules(body: dict[str, Any]) -> dict[str, Any]:
    # StockAdjustmentCreate: "receive: add quantity (may be negative to undo, never below
    # zero on hand)"; how much is on hand is state, so positive cases receive (>= 0).
    if body.get("kind") == "receive" and isinstance(body.get("quantity"), int):
        body = {**body, "quantity": abs(body["quantity"])}
    needed = VOICE_FIELD_OF_KIND.get(str(body.get("kind")))
    if needed is not None:
        body = {**body, **dict.fromkeys(VOICE_FIELD_OF_KIND.values())}
        body[needed] = VOICE_EXAMPLE[needed]
        body = {k: v for k, v in body.items() if v is not None}
    return body


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    if not _positive(case):
        return case
    rng = random.Random(repr(case.body) + repr(case.query))
    if isinstance(case.body, dict | list):
        case.body = _seeded(case.body, rng)
    if isinstance(case.body, dict):
        case.body = _documented_rules(case.body)
    if isinstance(case.query, dict):
        case.query = _within_window(_seeded(case.query, rng))
    if isinstance(case.path_parameters, dict):
        case.path_parameters = _seeded(case.path_parameters, rng)
    return case
