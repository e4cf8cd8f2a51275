"""Bad input always gives a 4xx with an ErrorBody, never a 500 or an HTML page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.api import Api, assert_error, new_key, order_body


def _check_4xx(resp) -> None:
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:300])
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] in {
        "invalid_request",
        "not_found",
        "forbidden",
        "unauthorized",
        "no_longer_available",
    }, body


def _malformed_orders(kiosk_id: str, store_id: str) -> list[Any]:
    good = order_body("2400013600002", kiosk_id=kiosk_id, store_id=store_id)
    ship = good["ship_to"]
    line = good["lines"][0]
    return [
        {},
        [],
        None,
        "string",
        12,
        {**good, "lines": []},
        {**good, "lines": [dict(line, quantity=0)]},
        {**good, "lines": [dict(line, quantity=-1)]},
        {**good, "lines": [dict(line, quantity=10**30)]},
        {**good, "lines": [dict(line, quantity="1; DROP TABLE stock")]},
        {**good, "lines": [dict(line, quantity=1.5)]},
        {**good, "lines": [dict(line, gtin="123")]},
        {**good, "lines": [dict(line, gtin=2400013600002)]},
        {**good, "lines": [dict(line, gtin="24000136000029")]},
        {**good, "lines": [dict(line, gtin="२४००१३६००००२")]},  # non-ASCII digits
        {**good, "lines": [line] * 21},
        {**good, "lines": "not a list"},
        {**good, "lines": [None]},
        {**good, "extra_field": 1},
        {**good, "ship_to": None},
        {**good, "ship_to": {**ship, "country": "Germany"}},
        {**good, "ship_to": {**ship, "name": ""}},
        {**good, "ship_to": {**ship, "name": "x" * 10_000}},
        {**good, "ship_to": {**ship, "postcode": "1"}},
        {**good, "ship_to": {k: v for k, v in ship.items() if k != "city"}},
        {**good, "kiosk_id": "../../etc"},
        {**good, "kiosk_id": ""},
        {**good, "store_id": None},
        {**good, "store_id": "x" * 65},
        {**good, "lines": [dict(line, gtin="2999999999999")]},  # unknown GTIN
        {**good, "lines": [{"gtin": {"$ne": 1}}]},
        {**good, "lines": [[[[[[[[[[]]]]]]]]]]},
    ]


def test_many_malformed_order_bodies(fresh_service) -> None:
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        for body in _malformed_orders(fresh_service.kiosk_id, fresh_service.store_id):
            resp = api.post("/v1/orders", json=body, idempotency_key=new_key())
            _check_4xx(resp)
        # nothing was reserved by any of them
        assert api.get("/v1/orders/none").status_code == 404
    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        assert staff.get("/v1/orders", params={"store_id": fresh_service.store_id}).json() == []


RAW_BODIES = [
    b"",
    b"{",
    b"not json",
    b"\xff\xfe\x00garbage",
    b'{"kiosk_id": "kiosk-1", "store_id": ',
    b"[" * 100_00 + b"]" * 100_00,
    b'{"a": ' * 5000 + b"1" + b"}" * 5000,
    b"1e999999",
    b"NaN",
    b'"\\ud800"',
]


@pytest.mark.parametrize(
    "path", ["/v1/orders", "/v1/fetch-requests", "/v1/demand-events", "/v1/stock-adjustments"]
)
def test_raw_garbage_bodies(live_service, path) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        for raw in RAW_BODIES:
            for content_type in ("application/json", "text/plain", None):
                headers = {"Content-Type": content_type} if content_type else {}
                resp = api.post(path, data=raw, headers=headers, idempotency_key=new_key())
                _check_4xx(resp)


def test_oversized_body_is_413(live_service) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        resp = api.post(
            "/v1/demand-events",
            data=json.dumps({"pad": "x" * 200_000}),
            headers={"Content-Type": "application/json"},
        )
    assert_error(resp, 413, "invalid_request")


def test_oversized_chunked_body_is_refused(live_service) -> None:
    def chunks():
        yield b'{"pad": "'
        for _ in range(100):
            yield b"x" * 4096
        yield b'"}'

    with Api(live_service.url, live_service.kiosk_key) as api:
        resp = api.post(
            "/v1/demand-events", data=chunks(), headers={"Content-Type": "application/json"}
        )
    # 400 (cut off while streaming), not 422: the body was never parsed
    assert_error(resp, 400, "invalid_request")


@pytest.mark.parametrize(
    "query",
    [
        {"store_id": "x" * 500},
        {"store_id": "berlin-mitte", "scope": "everywhere"},
        {"store_id": "berlin mitte"},
        {},
    ],
)
def test_bad_query_parameters(live_service, query) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        _check_4xx(api.get("/v1/styles/some-style/stock", params=query))
        _check_4xx(api.get("/v1/fetch-requests", params={**query, "status": "sleeping"}))


@pytest.mark.parametrize(
    "path",
    [
        "/v1/variants/" + "9" * 5000,
        "/v1/variants/%00%01",
        "/v1/orders/" + "a" * 1000,
        "/v1/nowhere",
        "/",
        "/v1/styles/%2e%2e/stock?store_id=berlin-mitte",
    ],
)
def test_bad_paths(live_service, path) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        _check_4xx(api.get(path))


def test_wrong_method_is_json_405(live_service) -> None:
    with Api(live_service.url, live_service.kiosk_key) as api:
        resp = api.request("DELETE", "/v1/locations")
    assert resp.status_code == 405
    assert resp.json()["error"]["code"] == "invalid_request"


def test_validation_errors_do_not_echo_personal_data(fresh_service) -> None:
    body = order_body(
        "2400013600002", kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id
    )
    body["ship_to"]["email"] = "secret.person@example.org" + "x" * 300
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        resp = api.post("/v1/orders", json=body, idempotency_key=new_key())
    assert_error(resp, 422, "invalid_request")
    assert "secret.person" not in resp.text
    assert "secret.person" not in fresh_service.stderr_text()
