"""Orders: idempotency, reservation at the nearest warehouse, status transitions, the race."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from support.api import Api, assert_error, new_key, order_body

from inventory_client.models import Order


def _warehouse_available(
    api: Api, catalogue: dict[str, Any], gtin: str
) -> dict[str, tuple[int, int]]:
    detail = api.get(f"/v1/variants/{gtin}").json()
    report = api.get(
        f"/v1/styles/{detail['style']['id']}/stock",
        params={"store_id": catalogue["home_store_id"], "scope": "warehouses"},
    ).json()
    [vs] = [v for v in report["variants"] if v["gtin"] == gtin]
    return {e["location_id"]: (e["on_hand"], e["reserved"]) for e in vs["locations"]}


def _warehouse_gtin(catalogue: dict[str, Any], minimum: int = 2) -> str:
    """A GTIN with at least ``minimum`` pairs in some warehouse."""
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    return next(
        r["gtin"]
        for r in catalogue["stock"]
        if r["location_id"] in warehouses and r["on_hand"] >= minimum
    )


def test_order_reserves_and_replays(kiosk, fresh_service, catalogue) -> None:
    gtin = _warehouse_gtin(catalogue)
    before = _warehouse_available(kiosk, catalogue, gtin)
    body = order_body(gtin, kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id)
    key = new_key()
    first = kiosk.post("/v1/orders", json=body, idempotency_key=key)
    assert first.status_code == 201, first.text
    order = Order.model_validate(first.json())
    assert order.status == "reserved"
    assert order.number.startswith("EA-") and len(order.number) == 9
    assert order.reserved_until is not None and order.reserved_until > order.created_at
    [line] = order.lines
    assert line.gtin == gtin and line.quantity == 1
    assert order.total == line.unit_price
    assert [e.status for e in order.history] == ["reserved"]

    again = kiosk.post("/v1/orders", json=body, idempotency_key=key)
    assert again.status_code == 200
    assert again.json() == first.json()

    after = _warehouse_available(kiosk, catalogue, gtin)
    src = line.fulfilled_from
    assert after[src] == (before[src][0], before[src][1] + 1)  # reserved once, not twice
    assert kiosk.get(f"/v1/orders/{order.id}").json() == first.json()


def test_same_key_other_body_is_conflict(kiosk, fresh_service, catalogue) -> None:
    gtin = _warehouse_gtin(catalogue)
    body = order_body(gtin, kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id)
    key = new_key()
    assert kiosk.post("/v1/orders", json=body, idempotency_key=key).status_code == 201
    other = dict(body, ship_to=dict(body["ship_to"], city="Potsdam"))
    assert_error(
        kiosk.post("/v1/orders", json=other, idempotency_key=key), 409, "idempotency_conflict"
    )


@pytest.mark.parametrize("key", [None, "short", "x" * 65, "has space in it"])
def test_idempotency_key_required_and_checked(kiosk, fresh_service, catalogue, key) -> None:
    body = order_body(
        _warehouse_gtin(catalogue), kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id
    )
    # 422: the header is declared (required, with its pattern) in the schema (issue 15 item 7)
    assert_error(kiosk.post("/v1/orders", json=body, idempotency_key=key), 422, "invalid_request")


def test_nothing_in_warehouse_is_no_longer_available(kiosk, fresh_service, catalogue) -> None:
    sold_out = next(s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"]["sold_out"])
    body = order_body(
        sold_out["variants"][0]["gtin"],
        kiosk_id=fresh_service.kiosk_id,
        store_id=fresh_service.store_id,
    )
    err = assert_error(
        kiosk.post("/v1/orders", json=body, idempotency_key=new_key()), 409, "no_longer_available"
    )
    assert err["details"][0]["gtin"] == sold_out["variants"][0]["gtin"]


def test_last_pair_race_gives_exactly_one_order(fresh_service, catalogue) -> None:
    gtin = catalogue["scenarios"]["last_pair"]
    threads_n = 20
    barrier = threading.Barrier(threads_n)
    results: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def buy(i: int) -> None:
        with Api(fresh_service.url, fresh_service.kiosk_key) as api:
            body = order_body(
                gtin,
                kiosk_id=fresh_service.kiosk_id,
                store_id=fresh_service.store_id,
                name=f"Shopper {i}",
            )
            barrier.wait(timeout=30)
            resp = api.post("/v1/orders", json=body, idempotency_key=new_key())
            with lock:
                results.append((resp.status_code, resp.json()))

    workers = [threading.Thread(target=buy, args=(i,)) for i in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    statuses = sorted(code for code, _ in results)
    assert len(results) == threads_n
    assert statuses.count(201) == 1, statuses
    assert statuses.count(409) == threads_n - 1, statuses
    assert all(
        body["error"]["code"] == "no_longer_available" for code, body in results if code == 409
    )

    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        levels = _warehouse_available(api, catalogue, gtin)
    assert sum(on_hand for on_hand, _ in levels.values()) == 1
    assert sum(reserved for _, reserved in levels.values()) == 1


def test_status_lifecycle_ship_decrements_and_cancel_releases(
    kiosk, staff, fresh_service, catalogue
) -> None:
    gtin = _warehouse_gtin(catalogue, minimum=2)
    before = _warehouse_available(kiosk, catalogue, gtin)
    ids = []
    for _ in range(2):
        body = order_body(gtin, kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id)
        resp = kiosk.post("/v1/orders", json=body, idempotency_key=new_key())
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["id"])
    src = kiosk.get(f"/v1/orders/{ids[0]}").json()["lines"][0]["fulfilled_from"]
    on_hand0, reserved0 = before[src]
    assert _warehouse_available(kiosk, catalogue, gtin)[src] == (on_hand0, reserved0 + 2)

    # kiosk keys cannot change status
    assert_error(
        kiosk.post(f"/v1/orders/{ids[0]}/status", json={"status": "paid"}), 403, "forbidden"
    )
    # reserved -> shipped is not allowed
    assert_error(
        staff.post(f"/v1/orders/{ids[0]}/status", json={"status": "shipped"}),
        409,
        "invalid_transition",
    )
    paid = staff.post(f"/v1/orders/{ids[0]}/status", json={"status": "paid", "note": "card"}).json()
    assert paid["status"] == "paid" and paid["reserved_until"] is not None
    shipped = staff.post(f"/v1/orders/{ids[0]}/status", json={"status": "shipped"}).json()
    assert [e["status"] for e in shipped["history"]] == ["reserved", "paid", "shipped"]
    assert shipped["history"][1]["note"] == "card"
    assert _warehouse_available(kiosk, catalogue, gtin)[src] == (on_hand0 - 1, reserved0 + 1)

    cancelled = staff.post(f"/v1/orders/{ids[1]}/status", json={"status": "cancelled"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["reserved_until"] is None
    assert _warehouse_available(kiosk, catalogue, gtin)[src] == (on_hand0 - 1, reserved0)
    assert_error(
        staff.post(f"/v1/orders/{ids[1]}/status", json={"status": "paid"}),
        409,
        "invalid_transition",
    )

    listed = staff.get("/v1/orders", params={"store_id": fresh_service.store_id}).json()
    assert {o["id"] for o in listed} == set(ids)
    only_shipped = staff.get(
        "/v1/orders", params={"store_id": fresh_service.store_id, "status": "shipped"}
    ).json()
    assert [o["id"] for o in only_shipped] == [ids[0]]


def test_unknown_order_is_404(kiosk) -> None:
    assert_error(kiosk.get("/v1/orders/does-not-exist"), 404, "not_found")
