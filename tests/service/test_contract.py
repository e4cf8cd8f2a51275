"""The contract is exact (issue 15, item 7): ``/openapi.json`` says what the service enforces.

- The schema states every header, limit, pattern and content type the service enforces
  (checked directly below, cheaply).
- ``OPTIONS`` (any method a path does not serve) answers 405 with an ``Allow`` that lists
  exactly the documented methods, on every path of the document.
- schemathesis (its CLI, version pinned in pyproject.toml) runs every check
  (``--checks all``) in every phase (examples, coverage, fuzzing, stateful through the
  OpenAPI links) against a demo-seeded service, over every operation of the document, so
  a route added later is covered without touching this file. ``contract_hooks.py`` gives
  positive cases the seeded ids and a valid report window; negative cases go out as
  generated. Bounded by ``MAX_EXAMPLES`` and a fixed seed (about two minutes here).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from inventory_service.launcher import ServiceProcess

TESTS_DIR = Path(__file__).resolve().parents[1]
MAX_EXAMPLES = 2
SEED = 20261207
RUN_LIMIT_S = 600
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    # The fuzzer presents one wrong key (and none) to every route to check the 401; after
    # 20 such failures the service rightly answers 429 (tests/service/test_rate_limits.py),
    # which its ignored-auth check does not allow. So this service allows more of them.
    burst = ["--auth-failure-burst", "1000000"]
    with ServiceProcess(
        tmp_path_factory.mktemp("contract") / "inventory.db", extra_args=burst
    ) as svc:
        yield svc


@pytest.fixture(scope="module")
def schema(service: ServiceProcess) -> dict[str, Any]:
    document: dict[str, Any] = requests.get(f"{service.url}/openapi.json", timeout=10).json()
    return document


def _param(schema: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    [found] = [p for p in schema["paths"][path][method]["parameters"] if p["name"] == name]
    return found


def _component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = schema["components"]["schemas"][name]
    return found


def test_required_headers_and_their_patterns_are_in_the_schema(schema: dict[str, Any]):
    for path in ("/v1/orders", "/v1/stock-adjustments"):
        key = _param(schema, path, "post", "Idempotency-Key")
        assert key["in"] == "header" and key["required"] is True
        assert key["schema"]["pattern"] == r"^[\x21-\x7e]{8,64}$"
    optional = _param(schema, "/v1/fetch-requests", "post", "Idempotency-Key")
    assert optional["required"] is False and "anyOf" not in optional["schema"]  # never "null"
    actor = _param(schema, "/v1/orders/{order_id}/status", "post", "X-Actor")
    assert actor["schema"]["pattern"] and "[Ss][Yy][Ss][Tt][Ee][Mm]" in str(actor["schema"]["not"])


def test_emails_times_and_text_carry_their_rules(schema: dict[str, Any]):
    ship_to = _component(schema, "ShipTo")["properties"]
    email = ship_to["email"]["anyOf"][0]
    assert email["pattern"].startswith("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+") and email["maxLength"]
    assert "\\u202a-\\u202e" in ship_to["name"]["pattern"]
    notify = _component(schema, "BackInStockCreate")["properties"]
    assert notify["email"]["pattern"] == email["pattern"]
    beat = _component(schema, "Heartbeat")["properties"]
    assert beat["at"] == {"type": "string", "format": "date-time", "title": "At"}


def test_report_limits_and_the_csv_content_type_are_in_the_schema(schema: dict[str, Any]):
    for path in ("/v1/reports/lost-demand", "/v1/reports/lost-demand.csv"):
        operation = schema["paths"][path]["get"]
        assert operation["x-max-period-days"] == 366
        assert "366 days" in _param(schema, path, "get", "since")["description"]
        assert _param(schema, path, "get", "cover_days")["schema"]["maximum"] == 365
    csv_answer = schema["paths"]["/v1/reports/lost-demand.csv"]["get"]["responses"]
    assert list(csv_answer["200"]["content"]) == ["text/csv"]
    for status, answer in csv_answer.items():
        if status.startswith("4"):
            assert list(answer["content"]) == ["application/json"], status


def test_the_csv_report_answers_the_documented_content_type(service: ServiceProcess):
    answer = requests.get(
        f"{service.url}/v1/reports/lost-demand.csv",
        params={"store_id": service.store_id},
        headers={"Authorization": f"Bearer {service.staff_key}"},
        timeout=10,
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")


def test_options_answers_405_with_exactly_the_documented_methods(
    service: ServiceProcess, schema: dict[str, Any]
):
    checked = 0
    for path, item in schema["paths"].items():
        documented = sorted(m.upper() for m in item if m in HTTP_METHODS)
        url = service.url + path.replace("{", "").replace("}", "")  # any value fits a segment
        answer = requests.options(url, timeout=10)
        assert answer.status_code == 405, (path, answer.status_code)
        assert sorted(answer.headers["allow"].replace(" ", "").split(",")) == documented, path
        checked += 1
    assert checked == len(schema["paths"]) >= 20


def _seed_data(service: ServiceProcess, catalogue: dict[str, Any]) -> dict[str, Any]:
    store = catalogue["home_store_id"]
    in_store = sorted({row["gtin"] for row in catalogue["stock"] if row["location_id"] == store})
    return {
        "store_id": service.store_id,
        "kiosk_id": service.kiosk_id,
        "style_id": catalogue["styles"][0]["id"],
        "gtins": in_store[:40],
    }


@pytest.mark.slow
def test_schemathesis_all_checks_all_phases_run_clean(
    service: ServiceProcess, schema: dict[str, Any], catalogue: dict[str, Any], tmp_path: Path
):
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        "[parameters]\n"
        f'"query.store_id" = "{service.store_id}"\n'
        f'"query.location_id" = "{service.store_id}"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "service.contract_hooks",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
        "EA_CONTRACT_SEED": json.dumps(_seed_data(service, catalogue)),
        "NO_COLOR": "1",
    }
    st = Path(sys.executable).with_name("st")
    command = [
        str(st), "--config-file", str(config), "run", f"{service.url}/openapi.json",
        "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--workers", "1",  # CPython 3.11's ast.parse is not thread-safe (hypothesis uses it)
        "--continue-on-failure",
        "-H", f"Authorization: Bearer {service.staff_key}",
    ]  # fmt: skip
    done = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT_S,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-12000:]
    operations = sum(1 for item in schema["paths"].values() for m in item if m in HTTP_METHODS)
    assert f"Selected: {operations}/{operations}" in report, report[-3000:]
    assert f"Tested: {operations}" in report, report[-3000:]
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in report, report[-3000:]
