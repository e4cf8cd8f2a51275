"""The API table in docs/API.md, the OpenAPI document and the command line agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.api import Api

from inventory_service.__main__ import main
from inventory_service.launcher import ServiceError, ServiceProcess

API_DOC = Path(__file__).resolve().parents[2] / "docs" / "API.md"
ROW = re.compile(r"^\|\s*(GET|POST|PATCH|PUT|DELETE)\s*\|\s*([^|\s]+)")


def _documented_routes() -> set[tuple[str, str]]:
    routes = set()
    for line in API_DOC.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            routes.add((m.group(1).lower(), _shape(m.group(2).split("?")[0])))
    return routes


def _shape(path: str) -> str:
    """Path parameters compared by position, not name: /v1/orders/{id} == {order_id}."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_documented_route_is_in_openapi(live_service) -> None:
    documented = _documented_routes()
    assert len(documented) >= 15
    with Api(live_service.url) as api:
        spec = api.get("/openapi.json").json()
    published = {(method, _shape(path)) for path, ops in spec["paths"].items() for method in ops}
    assert documented - published == set()
    assert published - documented == set()  # and nothing undocumented


def test_openapi_documents_error_bodies_and_auth(live_service) -> None:
    with Api(live_service.url) as api:
        spec = api.get("/openapi.json").json()
    assert "ErrorBody" in spec["components"]["schemas"]
    orders = spec["paths"]["/v1/orders"]["post"]
    assert {"201", "200", "409", "422"} <= set(orders["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in orders["parameters"])
    assert orders["security"]


def test_add_key_prints_a_working_key(tmp_path, capsys, catalogue) -> None:
    db = tmp_path / "inventory.db"
    args = [
        "add-key",
        "--db",
        str(db),
        "--scope",
        "kiosk",
        "--store-id",
        catalogue["home_store_id"],
    ]
    assert main(args) == 2  # a kiosk key needs a kiosk id
    assert "--kiosk-id" in capsys.readouterr().err
    assert main([*args, "--kiosk-id", "kiosk-7"]) == 0
    key = capsys.readouterr().out.strip()
    assert len(key) >= 32
    with ServiceProcess(db, seed="demo") as svc, Api(svc.url, key) as api:
        assert api.get("/v1/locations").status_code == 200
        body = {
            "kiosk_id": "kiosk-7",
            "store_id": catalogue["home_store_id"],
            "gtin": "2999999999999",
        }
        assert api.post("/v1/fetch-requests", json=body).status_code == 422  # authorised, bad gtin


def test_launcher_reports_startup_failure(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"locations": []}')
    with pytest.raises(ServiceError, match="bad catalogue"):
        ServiceProcess(tmp_path / "inventory.db", seed=str(bad)).start(timeout=30)


def test_launcher_stop_is_clean(tmp_path) -> None:
    svc = ServiceProcess(tmp_path / "inventory.db", seed=None)
    svc.start()
    assert svc.running and svc.url.startswith("http://127.0.0.1:")
    assert svc.kiosk_key is None
    svc.stop()
    assert not svc.running
    svc.stop()  # twice is fine


def test_help_lists_the_commands() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "inventory_service", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    for word in ("--db", "--host", "--port", "--seed", "--images", "--workers", "add-key", "copy"):
        assert word in out
