"""The customer voice against the real service, on both engines: fit votes (one per
journey and style, a kiosk's burst capped), a style's fit and verdict, voice events, and
the report for staff (their store) and head office (every store), JSON and CSV."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime

from support.api import Api, assert_error, new_key

from inventory_service import rules
from inventory_service.storage import KeyScope

from .db_helpers import open_storage, rows

HEAD_OFFICE_KEY = "head-office-voice-test-key"


def journey() -> str:
    return uuid.uuid4().hex


def vote(service, style: str, fit: str, *, journey_id: str | None = None, **changes) -> dict:
    body = {
        "id": new_key(),
        "kiosk_id": service.kiosk_id,
        "store_id": service.store_id,
        "journey_id": journey_id or journey(),
        "style_id": style,
        "fit": fit,
        "size_eu": "41",
        "source": "fetched",
        "at": datetime.now(UTC).isoformat(),
    }
    return {**body, **changes}


def event(service, style: str, kind: str, **fields) -> dict:
    return {
        "id": new_key(),
        "kind": kind,
        "kiosk_id": service.kiosk_id,
        "store_id": service.store_id,
        "style_id": style,
        "at": datetime.now(UTC).isoformat(),
        **fields,
    }


def test_votes_advice_events_and_report(fresh_service, catalogue) -> None:
    style = catalogue["scenarios"]["in_store"]
    other_style = catalogue["scenarios"]["mixed"]
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        fit = kiosk.get(f"/v1/styles/{style}/fit")
        assert fit.status_code == 200, fit.text
        assert fit.json() == {
            "style_id": style,
            "small": 0,
            "true_to_size": 0,
            "large": 0,
            "votes": 0,
            "verdict": "too_few",
            "size_shift": 0,
            "min_votes": 5,
        }
        first = vote(fresh_service, style, "small")
        outcomes = [kiosk.post("/v1/fit-votes", json=first).json()["outcome"]]
        outcomes += [
            kiosk.post("/v1/fit-votes", json=vote(fresh_service, style, "small")).json()["outcome"]
            for _ in range(3)
        ]
        assert outcomes == ["counted"] * 4
        four = kiosk.get(f"/v1/styles/{style}/fit").json()
        assert (four["small"], four["verdict"]) == (4, "too_few")  # never with too few votes
        # the same journey again (another tap, another answer) and a resend: not counted
        again = vote(fresh_service, style, "large", journey_id=first["journey_id"])
        assert kiosk.post("/v1/fit-votes", json=again).json() == {"outcome": "repeat"}
        assert kiosk.post("/v1/fit-votes", json=first).json() == {"outcome": "repeat"}
        fifth = kiosk.post("/v1/fit-votes", json=vote(fresh_service, style, "small"))
        assert fifth.status_code == 202 and fifth.json() == {"outcome": "counted"}
        advice = kiosk.get(f"/v1/styles/{style}/fit").json()
        assert (advice["votes"], advice["verdict"], advice["size_shift"]) == (5, "runs_small", 1)
        # a burst from one kiosk: the sixth vote in ten minutes counts, the seventh not
        assert kiosk.post(
            "/v1/fit-votes", json=vote(fresh_service, other_style, "large")
        ).json() == {"outcome": "counted"}
        assert kiosk.post(
            "/v1/fit-votes", json=vote(fresh_service, other_style, "large")
        ).json() == {"outcome": "burst"}
        assert kiosk.get(f"/v1/styles/{other_style}/fit").json()["votes"] == 1

        # bad input: a clear 4xx, nothing stored
        assert_error(
            kiosk.post("/v1/fit-votes", json=vote(fresh_service, style, "tiny")),
            422,
            "invalid_request",
        )
        assert_error(
            kiosk.post("/v1/fit-votes", json=vote(fresh_service, "no-such-style", "small")),
            404,
            "not_found",
        )
        assert_error(
            kiosk.post("/v1/fit-votes", json=vote(fresh_service, style, "small", kiosk_id="k-9")),
            403,
            "forbidden",
        )
        assert_error(kiosk.get("/v1/styles/no-such-style/fit"), 404, "not_found")

        # why shoppers left, a size the style is not made in, answered scans
        events = [
            event(fresh_service, style, "leave_reason", reason="price"),
            event(fresh_service, style, "leave_reason", reason="price"),
            event(fresh_service, style, "leave_reason", reason="colour"),
            event(fresh_service, style, "size_wanted", size_eu="48"),
            event(fresh_service, style, "answered", answer_ms=1200),
            event(fresh_service, other_style, "answered", answer_ms=2400),
        ]
        for body in events:
            answer = kiosk.post("/v1/voice-events", json=body)
            assert answer.status_code == 202 and answer.json() == {"recorded": True}, answer.text
        assert kiosk.post("/v1/voice-events", json=events[0]).json() == {"recorded": False}
        mixed = event(fresh_service, style, "leave_reason", reason="price", size_eu="48")
        assert_error(kiosk.post("/v1/voice-events", json=mixed), 422, "invalid_request")
        bare = event(fresh_service, style, "size_wanted")
        assert_error(kiosk.post("/v1/voice-events", json=bare), 422, "invalid_request")
        assert_error(kiosk.get("/v1/reports/customer-voice"), 403, "forbidden")

    stored = rows(fresh_service.db_path, "SELECT * FROM fit_votes")
    assert len(stored) == 6  # five on the style, one on the other; nothing personal
    assert set(stored[0]) == {
        "id",
        "store_id",
        "kiosk_id",
        "journey_id",
        "style_id",
        "fit",
        "size_eu",
        "source",
        "at",
        "received_at",
    }

    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        answer = staff.get(
            "/v1/reports/customer-voice", params={"store_id": fresh_service.store_id}
        )
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert report["store_ids"] == [fresh_service.store_id]
        first_row = report["styles"][0]
        assert first_row["style_id"] == style  # most voices first
        assert (first_row["small"], first_row["votes"], first_row["verdict"]) == (
            5,
            5,
            "runs_small",
        )
        assert first_row["size_shift"] == 1
        assert first_row["sizes_wanted"] == [{"size_eu": "48", "count": 1}]
        assert first_row["leave_reasons"] == [
            {"reason": "colour", "count": 1},
            {"reason": "price", "count": 2},
        ]
        for saved in (report["period"], report["today"]):
            assert saved["journeys_answered"] == 2
            assert saved["median_answer_s"] == 1.8
            assert saved["staff_check_minutes"] == 3.0
            assert saved["minutes_saved"] == round(2 * (3 - 1.8 / 60), 1)
        slower = staff.get(
            "/v1/reports/customer-voice",
            params={"store_id": fresh_service.store_id, "staff_check_minutes": 5},
        ).json()
        assert slower["period"]["minutes_saved"] == round(2 * (5 - 1.8 / 60), 1)
        assert_error(
            staff.get("/v1/reports/customer-voice", params={"staff_check_minutes": 0}),
            422,
            "invalid_request",
        )
        assert_error(
            staff.get("/v1/reports/customer-voice", params={"store_id": "potsdam"}),
            403,
            "forbidden",
        )
        table = staff.get("/v1/reports/customer-voice.csv")
        assert table.status_code == 200
        assert table.headers["content-type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(table.text)))
        assert lines[0][:4] == ["style_id", "style_name", "brand", "votes"]
        assert lines[1][0] == style and lines[1][7] == "runs_small"
        assert lines[1][9] == "48:1"
        assert lines[-1][0] == "# time saved (today)"

    with open_storage(fresh_service.db_path) as storage:
        storage.add_api_key(
            rules.hash_api_key(HEAD_OFFICE_KEY), KeyScope.HEAD_OFFICE, "*", None, "chain"
        )
    with Api(fresh_service.url, HEAD_OFFICE_KEY) as head_office:
        chain = head_office.get("/v1/reports/customer-voice").json()
        assert fresh_service.store_id in chain["store_ids"] and len(chain["store_ids"]) > 1
        assert chain["styles"][0]["style_id"] == style
        elsewhere = head_office.get("/v1/reports/customer-voice", params={"store_id": "potsdam"})
        assert (
            elsewhere.json()["styles"] == []
            and elsewhere.json()["period"]["journeys_answered"] == 0
        )
        assert_error(
            head_office.post("/v1/fit-votes", json=vote(fresh_service, style, "small")),
            403,
            "forbidden",
        )

    # the lost-demand report: a style that runs small is restocked one size up
    variants = next(s for s in catalogue["styles"] if s["id"] == style)["variants"]
    width = variants[0].get("width", "")
    same = sorted(
        (v for v in variants if v.get("width", "") == width), key=lambda v: float(v["size_eu"])
    )
    missed, larger = same[len(same) // 2], same[len(same) // 2 + 1]
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        for _ in range(2):
            demand = {
                "id": new_key(),
                "kind": "not_in_store",
                "gtin": missed["gtin"],
                "kiosk_id": fresh_service.kiosk_id,
                "store_id": fresh_service.store_id,
                "at": datetime.now(UTC).isoformat(),
            }
            assert kiosk.post("/v1/demand-events", json=demand).status_code == 202
    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        lost = staff.get(
            "/v1/reports/lost-demand",
            params={"store_id": fresh_service.store_id, "cover_days": 365},
        ).json()
    by_gtin = {r["gtin"]: r for r in lost["rows"]}
    assert by_gtin[missed["gtin"]]["not_in_store"] == 2  # what happened stays as it was
    assert by_gtin[missed["gtin"]]["suggested_restock"] == 0  # ... but is restocked one up
    need = -(-2 * 365 // 28)
    up = by_gtin[larger["gtin"]]
    assert up["not_in_store"] == 0 and up["suggested_restock"] == max(0, need - up["on_hand"])
    assert up["suggested_restock"] > 0
    assert {by_gtin[g]["fit_shift"] for g in (missed["gtin"], larger["gtin"])} == {1}
