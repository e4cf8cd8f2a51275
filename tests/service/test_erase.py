"""Erasing one shopper everywhere (issue 15 item 5), on both engines, through the command
the IT person runs: orders' contact details, order notes, back-in-stock requests, audit
details; the counts it prints; another shopper untouched; the audit chain still verifies;
and afterwards no table holds any of the shopper's details.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
from support.api import Api, new_key, order_body

from inventory_service.__main__ import main
from inventory_service.launcher import ServiceProcess

from .db_helpers import dump, rows

ERIKA = {
    "name": "Erika Mustermann",
    "street": "Heidestraße 17",
    "email": "Erika.M@example.org",
    "phone": "+49 170 1234567",
}
OTTO = {"name": "Otto Normal", "street": "Lindenweg 3", "email": "otto@example.net"}


def _order(kiosk: Api, svc: ServiceProcess, gtin: str, shopper: dict[str, str]) -> dict[str, Any]:
    body = order_body(gtin, kiosk_id=svc.kiosk_id, store_id=svc.store_id)
    body["ship_to"] = {**body["ship_to"], **shopper}
    made = kiosk.post("/v1/orders", json=body, idempotency_key=new_key())
    assert made.status_code == 201, made.text
    return dict(made.json())


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _everything(db: str | Path) -> str:
    return repr(dump(db)).casefold()


def _traces(db: str | Path, shopper: dict[str, str]) -> list[str]:
    text = _everything(db)
    found = [v for v in shopper.values() if v.casefold() in text]
    if "1234567" in text:
        found.append("phone digits")
    return found


@pytest.fixture
def shop(fresh_service: ServiceProcess, catalogue: dict[str, Any]) -> dict[str, Any]:
    """Two orders and a back-in-stock request of Erika, one order of Otto; staff notes
    that (wrongly) repeat Erika's details."""
    svc = fresh_service
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    gtins = [
        r["gtin"] for r in catalogue["stock"] if r["location_id"] in warehouses and r["on_hand"] > 2
    ]
    with Api(svc.url, svc.kiosk_key) as kiosk, Api(svc.url, svc.staff_key) as staff:
        first = _order(kiosk, svc, gtins[0], ERIKA)
        second = _order(kiosk, svc, gtins[1], {**ERIKA, "email": "erika.m@EXAMPLE.org"})
        other = _order(kiosk, svc, gtins[2], OTTO)
        note = f"paid by Erika Mustermann, call +49 170 1234567 or {ERIKA['email']}"
        paid = staff.post(
            f"/v1/orders/{first['id']}/status",
            json={"status": "paid", "note": note},
            headers={"X-Actor": "Anna"},
        )
        assert paid.status_code == 200, paid.text
        assert staff.post(
            f"/v1/orders/{other['id']}/status", json={"status": "paid", "note": "cash"}
        ).ok
        wish = {
            "id": new_key(),
            "gtin": catalogue["scenarios"]["last_pair"],
            "email": ERIKA["email"],
            "language": "de",
            "kiosk_id": svc.kiosk_id,
            "store_id": svc.store_id,
            "at": "2026-03-01T10:15:00+01:00",
        }
        assert kiosk.post("/v1/back-in-stock", json=wish).status_code == 201
        # A staff member writes the shopper's email into a free-text audit reason.
        assert staff.post(
            "/v1/audit",
            json={"id": new_key(), "action": "admin.note", "detail": "rang Erika Mustermann"},
        ).ok
    return {"first": first, "second": second, "other": other, "paid": paid.json()}


def test_erase_by_email_erases_the_shopper_everywhere_and_the_chain_verifies(
    fresh_service: ServiceProcess, shop, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(fresh_service.db_path)
    # Staff notes never copy the shopper's details into the order history or the audit.
    [event] = [e for e in shop["paid"]["history"] if e["status"] == "paid"]
    assert "Erika" not in event["note"] and "1234567" not in event["note"]
    assert "@" not in event["note"] and event["note"].startswith("paid by [personal data")
    details = [r["detail"] for r in rows(db, "SELECT detail FROM audit_events")]
    note_rows = [d for d in details if d.startswith("order ")]
    assert note_rows and not any("Erika" in d or "1234567" in d or "@" in d for d in note_rows)
    assert _traces(db, ERIKA)  # the orders hold them before
    code, out = _cli(capsys, "erase", "--db", db, "--email", "ERIKA.m@example.org ")
    assert code == 0, out
    counts = dict(line.split() for line in out.splitlines()[1:] if line.startswith("  "))
    # audit: the note naming her, and the status change of one of her orders
    assert counts == {"orders": "2", "order_events": "1", "back_in_stock": "1", "audit_events": "2"}
    assert "Erika" not in out and "example.org" not in out  # counts only
    assert _traces(db, ERIKA) == []
    assert all(v.casefold() in _everything(db) for v in OTTO.values())  # Otto untouched

    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        first = staff.get(f"/v1/orders/{shop['first']['id']}").json()
        assert first["ship_to"]["name"] == "erased" and first["ship_to"]["email"] is None
        assert first["ship_to"]["country"] == "DE" and first["status"] == "paid"
        trail = staff.get("/v1/audit", params={"store_id": fresh_service.store_id}).json()
    assert [a["detail"] for a in trail if a["action"] == "admin.note"] == [""]

    code, out = _cli(capsys, "audit", "verify", "--db", db)
    assert code == 0 and "2 details erased" in out, out
    [erase_row] = rows(db, "SELECT * FROM audit_events WHERE action = 'privacy.erase'")
    assert erase_row["detail"].startswith("one shopper, found by email: orders 2")

    code, out = _cli(capsys, "erase", "--db", db, "--email", ERIKA["email"])
    assert code == 0 and "nothing matched" in out  # again: nothing left, still recorded


def test_erase_by_phone_and_by_order(
    fresh_service: ServiceProcess, shop, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(fresh_service.db_path)
    code, out = _cli(capsys, "erase", "--db", db, "--phone", "0170 / 123 45 67")
    assert code == 0, out
    assert "orders         2" in out and "back_in_stock  1" in out
    number = shop["other"]["number"].lower().removeprefix("ea-")
    code, out = _cli(capsys, "erase", "--db", db, "--order", number)
    assert code == 0 and "orders         1" in out, out
    assert _traces(db, OTTO) == [] and _traces(db, ERIKA) == []
    assert _cli(capsys, "audit", "verify", "--db", db)[0] == 0


@pytest.mark.parametrize(
    "argv",
    [["--email", "a@b.c", "--phone", "0170123456"], ["--phone", "12"], []],
    ids=["two-ways", "short-phone", "none"],
)
def test_bad_erase_requests_change_nothing(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    with pytest.raises(SystemExit) if len(argv) != 2 else nullcontext():
        code = main(["erase", "--db", str(db), *argv])
        assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not db.exists()
