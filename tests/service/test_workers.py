"""Several workers on one database, on both engines: no oversell, one order per key.

- 50 kiosks race for the last pair through ``--workers 4``: exactly one order.
- The worst case of an idempotent order: the service commits it, its answer is held by
  the fault proxy past the client's read timeout, the client retries under the same key
  and the retry reaches another service process: one order, one number on the kiosk.
- Two workers expiring the same hold at once free the pair once.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faults.proxy import Fault, FaultKind, FaultProxy
from support.api import Api, new_key, order_body

from inventory_client import InventoryClient, Unavailable
from inventory_client.models import OrderCreate, OrderLineRequest, ShipTo
from inventory_service import rules
from inventory_service.launcher import ServiceProcess
from inventory_service.storage import Idempotency

from .db_helpers import open_storage, rows

SHIP_TO = ShipTo(
    name="Test Shopper", street="Teststraße 1", postcode="10115", city="Berlin", country="DE"
)
RACERS = 50
WORKERS = 4
WORKERS_START_S = 180
BUSY_RETRIES = 5


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def _orders_for(db: str | Path, gtin: str) -> list[dict[str, object]]:
    return rows(
        db,
        "SELECT o.number, o.status FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "WHERE l.gtin = ?",
        (gtin,),
    )


def test_fifty_kiosks_four_workers_one_last_pair(service_db, catalogue) -> None:
    gtin = catalogue["scenarios"]["last_pair"]
    svc = ServiceProcess(service_db, seed="demo", extra_args=["--workers", str(WORKERS)])
    svc.start(timeout=WORKERS_START_S)  # four processes import the app on a busy machine
    with svc:
        start = threading.Barrier(RACERS)

        def race(_: int) -> int:
            """One kiosk's checkout; a 503 (busy: nothing written) is sent again under
            the same key, as the kiosk's client does."""
            with Api(svc.url, svc.kiosk_key) as api:
                body = order_body(gtin, kiosk_id=svc.kiosk_id, store_id=svc.store_id)
                key = new_key()
                start.wait()
                for _ in range(BUSY_RETRIES):
                    status = api.post("/v1/orders", json=body, idempotency_key=key).status_code
                    if status != 503:
                        break
                return status

        with ThreadPoolExecutor(RACERS) as pool:
            outcomes = Counter(pool.map(race, range(RACERS)))
    assert outcomes == {201: 1, 409: RACERS - 1}
    assert len(_orders_for(service_db, gtin)) == 1
    stock = rows(service_db, "SELECT on_hand, reserved FROM stock WHERE gtin = ?", (gtin,))
    assert stock == [{"on_hand": 1, "reserved": 1}]


def test_answer_lost_past_timeout_retry_on_another_worker_makes_one_order(
    service_db, catalogue, tmp_path
) -> None:
    gtin = catalogue["scenarios"]["last_pair"]
    with (
        ServiceProcess(service_db, seed="demo") as first,
        ServiceProcess(service_db, seed="demo") as second,
        FaultProxy(_address(first.url)) as proxy,
        InventoryClient(
            proxy.url,
            str(first.kiosk_key),
            kiosk_id=str(first.kiosk_id),
            store_id=str(first.store_id),
            outbox_path=tmp_path / "outbox.sqlite",
            read_timeout=0.5,
        ) as client,
    ):
        # The first worker commits the order; its answer is held until the test ends.
        proxy.push(Fault(FaultKind.HOLD, after_forward=True))
        key = client.new_idempotency_key()
        outcome: list[object] = []

        def checkout() -> None:
            try:
                outcome.append(
                    client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
                )
            except Unavailable as exc:
                outcome.append(exc)

        shopper = threading.Thread(target=checkout)
        shopper.start()
        assert proxy.wait_held(timeout=20)
        assert len(_orders_for(service_db, gtin)) == 1  # committed; the kiosk does not know
        proxy.retarget(_address(second.url))  # every later request reaches the other worker
        seen_before_retry = len(proxy.forwarded)
        shopper.join(timeout=60)
        assert not shopper.is_alive()
        if isinstance(outcome[0], Unavailable):  # the client gave up and queued the order
            assert outcome[0].queued
            order = client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
        else:  # the client's own retry already reached the second worker
            order = outcome[0]
        proxy.release()
        assert any("/v1/orders" in line for line in proxy.forwarded[seen_before_retry:])
        assert client.pending_orders() == 0
    orders = _orders_for(service_db, gtin)
    assert len(orders) == 1
    assert orders[0]["number"] == order.number  # the kiosk shows the one order's number


def test_two_workers_expire_one_hold_once(service_db, catalogue) -> None:
    from inventory_service.seed import seed_demo

    gtin = catalogue["scenarios"]["last_pair"]
    seed_demo(service_db)
    placed = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    with open_storage(service_db) as storage:
        request = OrderCreate.model_validate(
            order_body(gtin, kiosk_id="kiosk-1", store_id=catalogue["home_store_id"])
        )
        storage.create_order(
            request,
            idempotency=Idempotency(new_key(), "h"),
            actor="t",
            now=placed,
            hold=timedelta(minutes=5),
        )
    later = placed + timedelta(hours=1)
    both = threading.Barrier(2)

    def expire(_: int) -> int:
        with open_storage(service_db) as storage:
            both.wait()
            return storage.release_expired_holds(later)

    with ThreadPoolExecutor(2) as pool:
        released = sorted(pool.map(expire, range(2)))
    assert released == [0, 1]  # one worker freed the pair, the other found nothing to do
    stock = rows(service_db, "SELECT on_hand, reserved FROM stock WHERE gtin = ?", (gtin,))
    assert stock == [{"on_hand": 1, "reserved": 0}]
    events = rows(service_db, "SELECT status, note FROM order_events WHERE status = 'cancelled'")
    assert events == [{"status": "cancelled", "note": "hold expired"}]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_copy_sqlite_to_postgresql_twice(service_db, tmp_path, capsys) -> None:
    from inventory_service.__main__ import main

    source = tmp_path / "store.db"
    with ServiceProcess(source, seed="demo") as svc, Api(svc.url, svc.kiosk_key) as api:
        body = order_body("2400094200009", kiosk_id=svc.kiosk_id, store_id=svc.store_id)
        assert api.post("/v1/orders", json=body, idempotency_key=new_key()).status_code == 201
    for _ in range(2):  # safe to run again
        assert main(["copy", "--from", f"sqlite:///{source}", "--to", str(service_db)]) == 0
        report = capsys.readouterr().out
        assert "all rows of the source are in the target" in report
    assert "orders                      1        0          1" in report  # second run copies 0
    assert rows(service_db, "SELECT COUNT(*) AS n FROM orders") == [{"n": 1}]
    with open_storage(service_db) as storage:
        assert storage.find_api_key(rules.hash_api_key(str(svc.kiosk_key))) is not None
