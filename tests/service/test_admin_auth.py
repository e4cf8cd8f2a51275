"""Authentication and authorisation on the staff admin and kiosk health routes."""

from __future__ import annotations

import pytest
from support.api import Api, assert_error

STAFF_ROUTES = [
    ("GET", "/v1/reports/lost-demand?store_id={store}"),
    ("GET", "/v1/reports/lost-demand.csv?store_id={store}"),
    ("POST", "/v1/imports/stock?dry_run=true"),
    ("POST", "/v1/imports/catalogue?dry_run=true"),
    ("POST", "/v1/audit"),
    ("GET", "/v1/audit?store_id={store}"),
    ("GET", "/v1/orders/by-number/EA-222222"),
    ("GET", "/v1/kiosks?store_id={store}"),
    ("GET", "/v1/kiosks/kiosk-1/heartbeats?store_id={store}"),
]
KIOSK_ROUTES = [
    ("GET", "/v1/catalogue/search?q=x"),
    ("POST", "/v1/kiosks/heartbeat"),
]
BODIES = {
    "/v1/audit": {
        "id": "audit-0001",
        "actor": "A",
        "action": "admin.login",
        "at": "2025-01-01T00:00:00Z",
    },
}


def _send(api: Api, method: str, path: str, store: str):
    url = path.format(store=store)
    if "/v1/imports/" in path:
        return api.request(
            method, url, data=b"gtin,on_hand\n", headers={"Content-Type": "text/csv"}
        )
    return api.request(method, url, json=BODIES.get(path, {}))


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES + KIOSK_ROUTES)
@pytest.mark.parametrize("key", [None, "wrong-key"])
def test_missing_or_unknown_key_is_401(live_service, method, path, key) -> None:
    with Api(live_service.url, key) as api:
        assert_error(_send(api, method, path, live_service.store_id), 401, "unauthorized")


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES)
def test_kiosk_key_on_staff_route_is_403(live_service, method, path) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        assert_error(_send(api, method, path, live_service.store_id), 403, "forbidden")


@pytest.mark.parametrize(
    "path",
    [p for m, p in STAFF_ROUTES if "{store}" in p],
)
def test_staff_key_for_another_store_is_403(live_service, path) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        assert_error(_send(api, "GET", path, "potsdam"), 403, "forbidden")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/reports/lost-demand?store_id=../x",
        "/v1/reports/lost-demand?store_id=",
        "/v1/audit?store_id={store}&limit=0",
        "/v1/audit?store_id={store}&limit=abc",
        "/v1/kiosks",
        "/v1/kiosks/..%2Fx/heartbeats?store_id={store}",
        "/v1/kiosks/kiosk-1/heartbeats?store_id={store}&limit=1000",
    ],
)
def test_bad_queries_are_4xx_never_500(live_service, path) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        resp = api.get(path.format(store=live_service.store_id))
    assert 400 <= resp.status_code < 500, resp.text
    assert set(resp.json()) == {"error"}


def test_staff_key_may_send_kiosk_requests(live_service) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        assert api.get("/v1/catalogue/search", params={"q": "pacelab"}).status_code == 200
