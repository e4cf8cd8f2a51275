"""After a journey with personal details, nothing personal stays on the kiosk.

Orders go through the client (one straight through, one queued behind a broken network and
sent later, one refused because the pair sold out while the shopper watched). Then the raw
bytes of the outbox and cache files (with their -wal and -shm companions) and every log
line captured on the way are searched for the shopper's name, street, email and phone.
"""

from __future__ import annotations

import logging
import stat

import pytest
from fault_harness import FaultyService, make_client, pools
from proxy import Fault, FaultKind

from inventory_client import InventoryError, NoLongerAvailable
from inventory_client.models import DemandKind, OrderLineRequest, ShipTo

SHOPPER = ShipTo(
    name="Zofia Privatna",
    street="Geheimgasse 42",
    postcode="10117",
    city="Berlin",
    country="DE",
    email="zofia.privatna@example.org",
    phone="+49 30 5550142",
)
PERSONAL = [SHOPPER.name, SHOPPER.street, SHOPPER.email, SHOPPER.phone, "Geheimgasse", "Zofia"]


def no_warehouse_stock(catalogue) -> str:
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    stocked = {r["gtin"] for r in catalogue["stock"] if kinds[r["location_id"]] == "warehouse"}
    every = sorted(v["gtin"] for style in catalogue["styles"] for v in style["variants"])
    return next(g for g in every if g not in stocked)


@pytest.mark.slow
def test_no_personal_data_left_after_the_service_acknowledged(tmp_path, catalogue, caplog):
    caplog.set_level(logging.DEBUG)
    gtins = pools(catalogue)
    kiosk_dir = tmp_path / "kiosk"
    with FaultyService(tmp_path) as faulty:
        client = make_client(faulty.url, faulty.service, kiosk_dir / "outbox.sqlite")
        try:
            detail = client.lookup(gtins.read_gtins[0])
            client.size_run(detail)
            client.record_demand(DemandKind.SCANNED, gtins.read_gtins[0])

            client.place_order(
                [OrderLineRequest(gtin=gtins.order_gtins[0])],
                SHOPPER,
                idempotency_key=client.new_idempotency_key(),
            )
            faulty.proxy.push(*[Fault(FaultKind.REFUSE)] * 8)
            with pytest.raises(InventoryError) as queued:
                client.place_order(
                    [OrderLineRequest(gtin=gtins.order_gtins[1])],
                    SHOPPER,
                    idempotency_key=client.new_idempotency_key(),
                )
            assert queued.value.queued
            faulty.proxy.clear()  # the network is back
            client.breaker.reset()
            raw = b"".join(p.read_bytes() for p in kiosk_dir.glob("outbox.sqlite*"))
            assert SHOPPER.street.encode() in raw  # kept while the service does not have it

            with pytest.raises(NoLongerAvailable):
                client.place_order(
                    [OrderLineRequest(gtin=no_warehouse_stock(catalogue))],
                    SHOPPER,
                    idempotency_key=client.new_idempotency_key(),
                )
            assert client.flush_outbox() >= 1
            assert client.outbox.count() == 0
        finally:
            client.close()
        service_log = faulty.service.stderr_text()

    files = sorted(kiosk_dir.iterdir())
    assert {p.name for p in files} >= {"outbox.sqlite", "outbox-cache.sqlite"}
    for path in files:
        raw = path.read_bytes()
        for value in PERSONAL:
            assert value.encode() not in raw, (path.name, value)
        if path.name.startswith("outbox.sqlite"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    logged = "\n".join(r.getMessage() for r in caplog.records) + service_log
    assert "order" in logged  # something was logged at all
    for value in PERSONAL:
        assert value not in logged, value
