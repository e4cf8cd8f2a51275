"""A thin HTTP helper for tests that talk to the real service (not the product client)."""

from __future__ import annotations

import uuid
from typing import Any

import requests

TIMEOUT = (5, 30)


class Api:
    """requests.Session bound to one service URL and one API key."""

    def __init__(self, url: str, key: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.session = requests.Session()
        if key is not None:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def request(
        self, method: str, path: str, *, idempotency_key: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return self.session.request(
            method, self.url + path, headers=headers, timeout=TIMEOUT, **kwargs
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_key() -> str:
    return uuid.uuid4().hex


def order_body(
    gtin: str, *, kiosk_id: str, store_id: str, quantity: int = 1, name: str = "Test Shopper"
) -> dict[str, Any]:
    """A valid OrderCreate body (invented address)."""
    return {
        "kiosk_id": kiosk_id,
        "store_id": store_id,
        "lines": [{"gtin": gtin, "quantity": quantity}],
        "ship_to": {
            "name": name,
            "street": "Musterstraße 1",
            "postcode": "10115",
            "city": "Berlin",
            "country": "DE",
            "email": "shopper@example.org",
        },
    }


def assert_error(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    """Assert an ErrorBody with that status and code; returns the ``error`` object."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]
