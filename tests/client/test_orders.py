"""Orders through the outbox, against the real service on loopback."""

from __future__ import annotations

import threading

import pytest
import requests
from support.api import Api

from inventory_client import NoLongerAvailable, Outbox, Unavailable
from inventory_client._outbox import OutboxKind, OutboxStatus
from inventory_client.models import OrderCreate, OrderLineRequest, OrderStatus

from .conftest import SHIP_TO, InterceptingAdapter, mount


def warehouse_gtin(catalogue, at_least=2):
    """A GTIN that only warehouses hold, with at least ``at_least`` pairs."""
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    totals: dict[str, int] = {}
    for row in catalogue["stock"]:
        if kinds[row["location_id"]] == "warehouse":
            totals[row["gtin"]] = totals.get(row["gtin"], 0) + row["on_hand"]
    return next(g for g, n in sorted(totals.items()) if n >= at_least)


def warehouse_available(client, gtin):
    detail = client.lookup(gtin)
    run = client.size_run(detail)
    return next(s.warehouse for s in run.sizes if s.variant.gtin == gtin)


def orders_at_service(service):
    with Api(service.url, service.staff_key) as api:
        response = api.get("/v1/orders", params={"store_id": service.store_id})
        assert response.status_code == 200, response.text
        return response.json()


def test_order_happy_path(fresh_service, fresh_client, catalogue):
    gtin = warehouse_gtin(catalogue)
    before = warehouse_available(fresh_client, gtin)
    key = fresh_client.new_idempotency_key()

    order = fresh_client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)

    assert order.status == OrderStatus.RESERVED
    assert [(line.gtin, line.quantity) for line in order.lines] == [(gtin, 1)]
    assert order.ship_to == SHIP_TO
    assert (order.kiosk_id, order.store_id) == (fresh_service.kiosk_id, fresh_service.store_id)
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        fetched = api.get(f"/v1/orders/{order.id}").json()
    assert fetched["id"] == order.id and fetched["number"] == order.number
    assert fetched["lines"][0]["gtin"] == gtin
    assert fetched["ship_to"]["name"] == SHIP_TO.name
    assert warehouse_available(fresh_client, gtin) == before - 1

    entry = fresh_client.outbox.get(key)
    assert entry.status == OutboxStatus.SENT
    assert (entry.result_id, entry.result_number) == (order.id, order.number)
    assert entry.payload is None
    assert fresh_client.pending_orders() == 0


def test_same_key_twice_is_one_order(fresh_service, fresh_client, catalogue):
    gtin = warehouse_gtin(catalogue)
    before = warehouse_available(fresh_client, gtin)
    key = fresh_client.new_idempotency_key()
    lines = [OrderLineRequest(gtin=gtin)]

    first = fresh_client.place_order(lines, SHIP_TO, idempotency_key=key)
    second = fresh_client.place_order(lines, SHIP_TO, idempotency_key=key)

    assert second.id == first.id and second.number == first.number
    assert warehouse_available(fresh_client, gtin) == before - 1
    assert [o["id"] for o in orders_at_service(fresh_service)] == [first.id]


def test_same_key_resent_by_another_kiosk_outbox_is_one_order(
    fresh_service, client_factory, catalogue
):
    """The service, not only the local outbox, dedupes: a second outbox with the same key."""
    gtin = warehouse_gtin(catalogue)
    key = "shared-key-0001"
    lines = [OrderLineRequest(gtin=gtin)]
    first = client_factory(fresh_service, outbox="a.sqlite").place_order(
        lines, SHIP_TO, idempotency_key=key
    )
    second = client_factory(fresh_service, outbox="b.sqlite").place_order(
        lines, SHIP_TO, idempotency_key=key
    )
    assert first.id == second.id
    assert len(orders_at_service(fresh_service)) == 1


def test_crash_before_sending_then_flush_sends_once(
    fresh_service, client_factory, catalogue, tmp_path
):
    gtin = warehouse_gtin(catalogue)
    key = "crashed-before-send-1"
    body = OrderCreate(
        kiosk_id=fresh_service.kiosk_id,
        store_id=fresh_service.store_id,
        lines=[OrderLineRequest(gtin=gtin)],
        ship_to=SHIP_TO,
    )
    # The kiosk wrote the order to its outbox and died before sending it.
    with Outbox(tmp_path / "outbox.sqlite") as outbox:
        outbox.add(OutboxKind.ORDER, key, body.model_dump_json())

    restarted = client_factory(fresh_service)
    assert restarted.pending_orders() == 1
    assert restarted.flush_outbox() == 1
    assert restarted.pending_orders() == 0
    assert restarted.flush_outbox() == 0

    [order] = orders_at_service(fresh_service)
    entry = restarted.outbox.get(key)
    assert entry.result_id == order["id"] and entry.result_number == order["number"]
    assert entry.payload is None


def test_crash_after_service_acknowledged_then_flush_finds_the_order(
    fresh_service, client_factory, catalogue, tmp_path
):
    gtin = warehouse_gtin(catalogue)
    key = "crashed-after-ack-1"
    body = OrderCreate(
        kiosk_id=fresh_service.kiosk_id,
        store_id=fresh_service.store_id,
        lines=[OrderLineRequest(gtin=gtin)],
        ship_to=SHIP_TO,
    ).model_dump_json()
    with Outbox(tmp_path / "outbox.sqlite") as outbox:
        outbox.add(OutboxKind.ORDER, key, body)
    # The POST reached the service, which made the order; the kiosk died before noting it.
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        response = api.post(
            "/v1/orders",
            data=body,
            headers={"Content-Type": "application/json"},
            idempotency_key=key,
        )
        assert response.status_code == 201, response.text
        made = response.json()

    restarted = client_factory(fresh_service)
    assert restarted.flush_outbox() == 1
    assert [o["id"] for o in orders_at_service(fresh_service)] == [made["id"]]
    assert restarted.outbox.get(key).result_number == made["number"]
    # The GUI retrying with the same key gets the same order back, without a new one.
    again = restarted.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    assert again.id == made["id"]
    assert len(orders_at_service(fresh_service)) == 1


def test_unreachable_service_keeps_the_order_queued(fresh_service, client_factory, catalogue):
    gtin = warehouse_gtin(catalogue)
    client = client_factory(fresh_service, connect_timeout=0.5)

    def refuse_orders(request: requests.PreparedRequest):
        if request.method == "POST":
            raise requests.exceptions.ConnectionError("connection refused (simulated)")
        return None

    mount(client, InterceptingAdapter(refuse_orders))
    key = client.new_idempotency_key()
    with pytest.raises(Unavailable) as info:
        client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    assert info.value.queued
    assert "saved" in info.value.user_message
    assert client.pending_orders() == 1
    assert client.flush_outbox() == 0  # still unreachable: stays pending
    entry = client.outbox.get(key)
    assert entry.status == OutboxStatus.PENDING and entry.attempts == 2
    assert entry.last_error.startswith("Unavailable")
    assert "Erika" not in entry.last_error

    # The network is back: a restarted kiosk sends it.
    client.close()
    restarted = client_factory(fresh_service)
    assert restarted.flush_outbox() == 1
    assert len(orders_at_service(fresh_service)) == 1


def test_last_pair_bought_by_two_kiosks(fresh_service, client_factory, catalogue):
    gtin = catalogue["scenarios"]["last_pair"]
    first = client_factory(fresh_service, outbox="first.sqlite")
    second = client_factory(fresh_service, outbox="second.sqlite")

    order = first.place_order(
        [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=first.new_idempotency_key()
    )
    key = second.new_idempotency_key()
    with pytest.raises(NoLongerAvailable) as info:
        second.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)

    assert info.value.code == "no_longer_available"
    assert "sold out" in info.value.user_message
    entry = second.outbox.get(key)
    assert entry.status == OutboxStatus.FAILED
    assert "Erika" not in (entry.payload or "") and gtin in entry.payload
    assert second.pending_orders() == 0
    assert second.flush_outbox() == 0
    with pytest.raises(NoLongerAvailable):  # asking again does not resend
        second.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    assert [o["id"] for o in orders_at_service(fresh_service)] == [order.id]


def test_many_kiosks_racing_for_the_last_pair(fresh_service, client_factory, catalogue):
    gtin = catalogue["scenarios"]["last_pair"]
    clients = [client_factory(fresh_service, outbox=f"k{n}.sqlite") for n in range(6)]
    start = threading.Barrier(len(clients))
    outcomes: list[str] = []

    def buy(client):
        start.wait(timeout=30)
        try:
            client.place_order(
                [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=client.new_idempotency_key()
            )
            outcomes.append("ordered")
        except NoLongerAvailable:
            outcomes.append("sold out")

    threads = [threading.Thread(target=buy, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ordered"] + ["sold out"] * 5
    assert len(orders_at_service(fresh_service)) == 1


def test_local_key_reuse_with_another_order_is_rejected(fresh_client, catalogue):
    from inventory_client import Rejected

    gtin = warehouse_gtin(catalogue)
    key = fresh_client.new_idempotency_key()
    fresh_client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    other = SHIP_TO.model_copy(update={"city": "Potsdam"})
    with pytest.raises(Rejected):
        fresh_client.place_order([OrderLineRequest(gtin=gtin)], other, idempotency_key=key)
