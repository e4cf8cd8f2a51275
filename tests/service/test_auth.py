"""Authentication (401) and authorisation (403) on every kind of route."""

from __future__ import annotations

import pytest
from support.api import Api, assert_error, new_key, order_body

KIOSK_ROUTES = [
    ("GET", "/v1/locations"),
    ("GET", "/v1/variants/2400013600002"),
    ("GET", "/v1/styles/x/stock?store_id=berlin-mitte"),
    ("GET", "/v1/orders/abc"),
    ("GET", "/v1/fetch-requests?store_id=berlin-mitte"),
    ("POST", "/v1/demand-events"),
    ("POST", "/v1/orders"),
]
STAFF_ROUTES = [
    ("GET", "/v1/orders?store_id={store}"),
    ("POST", "/v1/orders/abc/status"),
    ("POST", "/v1/stock-adjustments"),
    ("GET", "/v1/stock-adjustments?location_id={store}"),
]


@pytest.mark.parametrize(("method", "path"), KIOSK_ROUTES + STAFF_ROUTES)
@pytest.mark.parametrize("key", [None, "wrong-key", ""])
def test_missing_or_unknown_key_is_401(live_service, method, path, key) -> None:
    with Api(live_service.url, key) as api:
        resp = api.request(method, path.format(store=live_service.store_id), json={})
    assert_error(resp, 401, "unauthorized")
    assert resp.headers.get("www-authenticate") == "Bearer"


def test_other_auth_scheme_is_401(live_service) -> None:
    with Api(live_service.url) as api:
        resp = api.get(
            "/v1/locations", headers={"Authorization": f"Basic {live_service.kiosk_key}"}
        )
    assert_error(resp, 401, "unauthorized")


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES)
def test_kiosk_key_on_staff_route_is_403(live_service, method, path) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        body = (
            {"status": "paid"}
            if "status" in path
            else {
                "location_id": live_service.store_id,
                "gtin": "2400013600002",
                "kind": "receive",
                "quantity": 1,
                "actor": "someone",
            }
        )
        resp = api.request(
            method, path.format(store=live_service.store_id), json=body, idempotency_key=new_key()
        )
    assert_error(resp, 403, "forbidden")


def test_kiosk_key_cannot_act_for_other_store_or_kiosk(live_service, catalogue) -> None:
    other_store = next(
        loc["id"]
        for loc in catalogue["locations"]
        if loc["kind"] == "store" and loc["id"] != live_service.store_id
    )
    gtin = catalogue["stock"][0]["gtin"]
    with Api(live_service.url, live_service.kiosk_key) as api:
        style = catalogue["styles"][0]["id"]
        assert_error(
            api.get(f"/v1/styles/{style}/stock", params={"store_id": other_store}), 403, "forbidden"
        )
        assert_error(
            api.get("/v1/fetch-requests", params={"store_id": other_store}), 403, "forbidden"
        )
        for kiosk_id, store_id in [
            ("kiosk-99", live_service.store_id),
            (live_service.kiosk_id, other_store),
        ]:
            body = order_body(gtin, kiosk_id=kiosk_id, store_id=store_id)
            assert_error(
                api.post("/v1/orders", json=body, idempotency_key=new_key()), 403, "forbidden"
            )
            fetch = {"kiosk_id": kiosk_id, "store_id": store_id, "gtin": gtin}
            assert_error(api.post("/v1/fetch-requests", json=fetch), 403, "forbidden")
            event = {
                "id": new_key(),
                "kind": "scanned",
                "gtin": gtin,
                "kiosk_id": kiosk_id,
                "store_id": store_id,
                "at": "2025-01-01T10:00:00Z",
            }
            assert_error(api.post("/v1/demand-events", json=event), 403, "forbidden")


def test_staff_key_cannot_act_for_other_store(live_service, catalogue) -> None:
    other_store = next(
        loc["id"]
        for loc in catalogue["locations"]
        if loc["kind"] == "store" and loc["id"] != live_service.store_id
    )
    with Api(live_service.url, live_service.staff_key) as api:
        assert_error(api.get("/v1/orders", params={"store_id": other_store}), 403, "forbidden")
        assert_error(
            api.get("/v1/stock-adjustments", params={"location_id": other_store}), 403, "forbidden"
        )
        body = {
            "location_id": other_store,
            "gtin": "2400013600002",
            "kind": "receive",
            "quantity": 1,
            "actor": "someone",
        }
        assert_error(
            api.post("/v1/stock-adjustments", json=body, idempotency_key=new_key()),
            403,
            "forbidden",
        )


def test_staff_key_may_do_kiosk_things(live_service) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        assert api.get("/v1/locations").status_code == 200
