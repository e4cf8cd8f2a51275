"""Retention (issue 15 item 5): contact details of shipped and cancelled orders and old
back-in-stock requests are erased after the policy's days, by the running service (at
start, then every hour) and by ``python -m inventory_service retention``; both engines.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.api import Api, new_key, order_body

from inventory_service.__main__ import main
from inventory_service.launcher import ServiceProcess
from inventory_service.retention import RetentionPolicy, RetentionSweeper, apply_retention

from .db_helpers import open_storage, rows

POLICY = RetentionPolicy()  # 90 days after shipping, 30 after a cancel, 90 for wishes


def _order(kiosk: Api, svc: ServiceProcess, gtin: str, name: str) -> dict[str, Any]:
    body = order_body(gtin, kiosk_id=svc.kiosk_id, store_id=svc.store_id, name=name)
    made = kiosk.post("/v1/orders", json=body, idempotency_key=new_key())
    assert made.status_code == 201, made.text
    return dict(made.json())


def _contact(db: str | Path, order_id: str) -> str:
    [row] = rows(db, "SELECT ship_to FROM orders WHERE id = ?", (order_id,))
    return str(row["ship_to"])


def test_retention_erases_after_the_policys_days_by_command_and_by_the_service(
    fresh_service: ServiceProcess, catalogue: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    svc = fresh_service
    db = svc.db_path
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    gtins = [
        r["gtin"] for r in catalogue["stock"] if r["location_id"] in warehouses and r["on_hand"] > 2
    ]
    with Api(svc.url, svc.kiosk_key) as kiosk, Api(svc.url, svc.staff_key) as staff:
        shipped = _order(kiosk, svc, gtins[0], "Shipped Shopper")
        cancelled = _order(kiosk, svc, gtins[1], "Cancelled Shopper")
        open_order = _order(kiosk, svc, gtins[2], "Paid Shopper")
        for order_id, steps in [
            (shipped["id"], ["paid", "shipped"]),
            (cancelled["id"], ["cancelled"]),
            (open_order["id"], ["paid"]),
        ]:
            for status in steps:
                note = {"status": status, "note": "checked"}
                assert staff.post(f"/v1/orders/{order_id}/status", json=note).ok
        wish = {
            "id": new_key(),
            "gtin": catalogue["scenarios"]["last_pair"],
            "email": "wish@example.org",
            "language": "de",
            "kiosk_id": svc.kiosk_id,
            "store_id": svc.store_id,
            "at": datetime.now(UTC).isoformat(),
        }
        assert kiosk.post("/v1/back-in-stock", json=wish).status_code == 201

    now = datetime.now(UTC)
    with open_storage(db) as storage:
        assert apply_retention(storage, POLICY, now + timedelta(days=29)).total == 0
        month = apply_retention(storage, POLICY, now + timedelta(days=31))
        assert (month.orders, month.order_events, month.back_in_stock) == (1, 1, 0)
        assert apply_retention(storage, POLICY, now + timedelta(days=31)).total == 0
    assert "Cancelled Shopper" not in _contact(db, cancelled["id"])
    assert "Shipped Shopper" in _contact(db, shipped["id"])

    code = main(["retention", "--db", str(db), "--keep-cancelled-days", "-1"])
    assert code == 2 and "between 0 and 3660" in capsys.readouterr().err

    # The serving process sweeps at start: a second service on the same database, with
    # a policy of no days at all, erases the shipped order and the wish.
    with ServiceProcess(
        db, seed=None, extra_args=["--keep-shipped-days", "0", "--keep-back-in-stock-days", "0"]
    ):
        deadline = time.monotonic() + 30
        while "Shipped Shopper" in _contact(db, shipped["id"]) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert "Shipped Shopper" not in _contact(db, shipped["id"])
    assert "Paid Shopper" in _contact(db, open_order["id"])  # not closed: kept
    assert rows(db, "SELECT id FROM back_in_stock") == []
    actions = [r["action"] for r in rows(db, "SELECT action FROM audit_events ORDER BY seq")]
    assert actions.count("privacy.retention") == 2  # one per sweep that erased something
    assert main(["audit", "verify", "--db", str(db)]) == 0


def test_a_failing_sweep_logs_no_data_and_the_sweeper_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> Any:
        raise OSError("disk full at /srv/shopper@example.org")

    sweeper = RetentionSweeper(broken, RetentionPolicy())
    with caplog.at_level(logging.WARNING, logger="inventory_service.retention"):
        assert sweeper.sweep_once() is None
        sweeper.start()
        sweeper.stop()
    assert "retention sweep failed: OSError" in caplog.text
    assert "example.org" not in caplog.text


@pytest.mark.parametrize(
    "change", [{"shipped_days": -1}, {"back_in_stock_days": 5000}, {"every": timedelta(0)}]
)
def test_a_policy_out_of_range_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        RetentionPolicy(**change)


def test_a_database_made_from_the_command_line_is_private(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    old = os.umask(0o022)  # the usual umask, which would give 0644
    try:
        assert main(["retention", "--db", str(db)]) == 0
        with open_storage(db) as storage:  # an open writer keeps -wal and -shm
            storage.db.transact(lambda: storage.db.run("DELETE FROM back_in_stock"))
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    finally:
        os.umask(old)
    assert modes == {"store.db": 0o600, "store.db-wal": 0o600, "store.db-shm": 0o600}
