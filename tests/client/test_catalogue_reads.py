"""Lookups and size runs against the real, demo-seeded service."""

from __future__ import annotations

from collections import defaultdict

import pytest

from inventory_client import NoLongerAvailable, NotFound, Rejected, Unauthorized
from inventory_client.models import DemandKind, SizeStatus

SCENARIOS = ["in_store", "warehouse_only", "other_store_only", "sold_out", "mixed"]


def expected_stock(catalogue):
    """{gtin: {location_id: on_hand}} from the catalogue's stock list (absent = 0)."""
    stock: dict[str, dict[str, int]] = defaultdict(dict)
    for row in catalogue["stock"]:
        stock[row["gtin"]][row["location_id"]] = row["on_hand"]
    return stock


def style(catalogue, style_id):
    return next(s for s in catalogue["styles"] if s["id"] == style_id)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_size_run_matches_the_catalogue(live_client, catalogue, scenario):
    home = catalogue["home_store_id"]
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    stock = expected_stock(catalogue)
    wanted = style(catalogue, catalogue["scenarios"][scenario])
    gtin = wanted["variants"][0]["gtin"]

    detail = live_client.lookup(gtin)
    assert detail.variant.gtin == gtin
    assert detail.style.id == wanted["id"]
    assert {v.gtin for v in detail.variants} == {v["gtin"] for v in wanted["variants"]}

    run = live_client.size_run(detail)
    assert run.stores_known and run.warehouses_known and not run.from_cache
    assert run.style.id == wanted["id"] and run.store_id == home
    assert len(run.sizes) == len(wanted["variants"])
    assert [s.variant.size_sort for s in run.sizes] == sorted(
        s.variant.size_sort for s in run.sizes
    )
    for size in run.sizes:
        here = stock[size.variant.gtin]
        assert size.in_store == here.get(home, 0), size.variant.gtin
        assert size.warehouse == sum(n for loc, n in here.items() if kinds[loc] == "warehouse")
        assert {n.location_id: n.available for n in size.nearby} == {
            loc: n for loc, n in here.items() if kinds[loc] == "store" and loc != home and n > 0
        }
        distances = [n.distance_km for n in size.nearby]
        assert distances == sorted(distances)

    statuses = {s.status for s in run.sizes}
    if scenario == "in_store":
        assert SizeStatus.IN_STORE in statuses
    elif scenario == "warehouse_only":
        assert statuses <= {SizeStatus.WAREHOUSE, SizeStatus.SOLD_OUT}
        assert SizeStatus.WAREHOUSE in statuses
    elif scenario == "other_store_only":
        assert statuses <= {SizeStatus.OTHER_STORE, SizeStatus.SOLD_OUT}
        assert SizeStatus.OTHER_STORE in statuses
    elif scenario == "sold_out":
        assert statuses == {SizeStatus.SOLD_OUT}
    else:
        assert statuses >= {
            SizeStatus.IN_STORE,
            SizeStatus.WAREHOUSE,
            SizeStatus.OTHER_STORE,
            SizeStatus.SOLD_OUT,
        }


def test_unknown_gtin_is_not_found(live_client):
    with pytest.raises(NotFound) as info:
        live_client.lookup("2999999999992")
    assert info.value.status_code == 404
    assert info.value.user_message


@pytest.mark.parametrize("code", ["", "123", "abcdefghijklm", "24000942000091", "../../etc"])
def test_malformed_code_is_not_found_without_asking(live_client, code):
    with pytest.raises(NotFound) as info:
        live_client.lookup(code)
    assert info.value.status_code is None


def test_wrong_key_is_unauthorized(live_service, client_factory, catalogue):
    client = client_factory(live_service, api_key="not-a-real-key")
    with pytest.raises(Unauthorized) as info:
        client.lookup(catalogue["demo_scans"][0])
    assert info.value.status_code == 401
    assert "staff" in info.value.user_message


def test_both_sides_unauthorized_is_unauthorized(live_service, client_factory, catalogue):
    detail = client_factory(live_service).lookup(catalogue["demo_scans"][0])
    client = client_factory(live_service, outbox="other.sqlite", api_key="not-a-real-key")
    with pytest.raises(Unauthorized):
        client.size_run(detail)


def test_health_and_image(live_client, catalogue):
    health = live_client.health()
    assert health.status == "ok"
    png = live_client.image(catalogue["styles"][0]["image"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(NotFound):
        live_client.image("no-such-image.png")


def test_record_demand_never_raises(live_client, closed_port_url, client_factory, catalogue):
    gtin = catalogue["demo_scans"][0]
    for kind in DemandKind:
        assert live_client.record_demand(kind, gtin) is None
    live_client.record_demand(DemandKind.SCANNED, "not-a-gtin")

    class FakeService:
        url = closed_port_url
        kiosk_key = "k"
        kiosk_id = "kiosk-1"
        store_id = "berlin-mitte"

    offline = client_factory(FakeService(), outbox="offline.sqlite", connect_timeout=0.5)
    offline.record_demand(DemandKind.NOT_IN_STORE, gtin)  # must not raise


def test_fetch_request_lifecycle(fresh_client, catalogue):
    home = catalogue["home_store_id"]
    gtin = next(
        row["gtin"]
        for row in catalogue["stock"]
        if row["location_id"] == home and row["on_hand"] > 0
    )
    key = fresh_client.new_idempotency_key()
    created = fresh_client.create_fetch_request(gtin, idempotency_key=key)
    assert created.gtin == gtin and created.status == "open" and created.store_id == home
    assert fresh_client.get_fetch_request(created.id) == created
    cancelled = fresh_client.cancel_fetch_request(created.id)
    assert cancelled.status == "cancelled" and cancelled.id == created.id
    with pytest.raises(NotFound):
        fresh_client.get_fetch_request("no-such-request")
    with pytest.raises(Rejected) as info:  # cancelling twice is a bad transition
        fresh_client.cancel_fetch_request(created.id)
    assert info.value.code == "invalid_transition"


def test_fetch_request_for_a_size_not_in_store(fresh_client, catalogue):
    sold_out = style(catalogue, catalogue["scenarios"]["sold_out"])
    with pytest.raises(NoLongerAvailable):
        fresh_client.create_fetch_request(sold_out["variants"][0]["gtin"])
