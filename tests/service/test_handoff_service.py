"""Continue on the phone, over HTTP against the real service (both engines): the kiosk's
hand-off API, the phone pages without a browser (tests/mobile drives a real one), the
status page by token and the staff lookup by order number or kiosk reference."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
from fastapi import FastAPI
from support.api import Api, new_key, order_body

from inventory_client.handoff import kiosk_reference, status_link, status_token
from inventory_service.launcher import ServiceProcess
from inventory_service.mobile.routes import add_phone_routes

from .conftest import BACKENDS, _new_db
from .db_helpers import rows

PHONE_NAME = "Erika Handy"
ADDRESS = {
    "name": PHONE_NAME,
    "street": "Torstraße 5",
    "postcode": "10119",
    "city": "Berlin",
    "country": "DE",
    "email": "erika.handy@example.org",
    "phone": "",
}


def warehouse_gtin(catalogue: dict[str, Any]) -> str:
    """A size the warehouses have (what ships home)."""
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    return next(
        s["gtin"] for s in catalogue["stock"] if s["location_id"] in warehouses and s["on_hand"] > 2
    )


def start_handoff(kiosk: Api, service, gtin: str, language: str = "de") -> dict[str, Any]:
    made = kiosk.post(
        "/v1/handoffs",
        json={
            "kiosk_id": service.kiosk_id,
            "store_id": service.store_id,
            "gtin": gtin,
            "language": language,
        },
    )
    assert made.status_code == 201, made.text
    return made.json()


def stage(kiosk: Api, handoff_id: str) -> str:
    answer = kiosk.get(f"/v1/handoffs/{handoff_id}")
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == {"id", "stage"}  # nothing the shopper typed, ever
    return str(answer.json()["stage"])


def hidden_key(html: str) -> str:
    found = re.search(r'name="order_key" value="([0-9a-f]{32})"', html)
    assert found, html
    return found.group(1)


def assert_page_headers(response: requests.Response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "script-src" not in csp  # no script is allowed at all
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.fixture(scope="module", params=BACKENDS)
def fresh_service(request, tmp_path_factory):
    """One demo service per engine for this module (each test makes its own orders)."""
    db = _new_db(request.param, request, tmp_path_factory.mktemp("handoff"))
    with ServiceProcess(db, seed="demo") as service:
        yield service


@pytest.fixture
def kiosk_api(fresh_service):
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        yield api


def test_phone_order_from_a_handoff(fresh_service, kiosk_api, catalogue) -> None:
    gtin = warehouse_gtin(catalogue)
    ticket = start_handoff(kiosk_api, fresh_service, gtin)
    assert stage(kiosk_api, ticket["id"]) == "waiting"

    phone = requests.Session()
    link = f"{fresh_service.url}/m/h/{ticket['token']}?lang=de"
    opened = phone.get(link, allow_redirects=False, timeout=10)
    assert opened.status_code == 303 and opened.headers["location"] == "/m/order?lang=de"
    assert_page_headers(opened)
    cookie = opened.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/m/" in cookie
    assert stage(kiosk_api, ticket["id"]) == "opened"

    # Single use: the same link on another phone is spent.
    again = requests.get(link, timeout=10)
    assert again.status_code == 410 and "Dieser Link funktioniert nicht mehr" in again.text

    form = phone.get(f"{fresh_service.url}/m/order?lang=de", timeout=10)
    assert form.status_code == 200, form.text
    assert_page_headers(form)
    assert '<html lang="de">' in form.text and "Wählen Sie Ihre Größe" in form.text
    assert f'value="{gtin}" checked' in form.text
    key = hidden_key(form.text)

    wrong = {**ADDRESS, "postcode": "1011", "gtin": gtin, "order_key": key}
    refused = phone.post(f"{fresh_service.url}/m/order?lang=de", data=wrong, timeout=10)
    assert refused.status_code == 422
    assert "Diese Postleitzahl passt nicht zu Deutschland." in refused.text
    assert hidden_key(refused.text) == key  # the same order, still to be placed
    assert 'value="Torstraße 5"' in refused.text  # nothing typed is lost

    right = {**ADDRESS, "gtin": gtin, "order_key": key}
    first = phone.post(
        f"{fresh_service.url}/m/order?lang=de", data=right, allow_redirects=False, timeout=10
    )
    second = phone.post(
        f"{fresh_service.url}/m/order?lang=de", data=right, allow_redirects=False, timeout=10
    )
    assert first.status_code == second.status_code == 303, first.text
    assert first.headers["location"] == second.headers["location"]
    assert first.headers["location"] == f"/m/s/{status_token(key)}?lang=de"
    orders = [
        o
        for o in rows(fresh_service.db_path, "select id, kiosk_id, ship_to from orders")
        if PHONE_NAME in o["ship_to"]
    ]
    assert len(orders) == 1  # the double tap made one order
    assert orders[0]["kiosk_id"] == fresh_service.kiosk_id and PHONE_NAME in orders[0]["ship_to"]
    assert stage(kiosk_api, ticket["id"]) == "ordered"
    # The form is done: opening it again shows the order, not a new form.
    back = phone.get(f"{fresh_service.url}/m/order?lang=de", allow_redirects=False, timeout=10)
    assert back.status_code == 303 and back.headers["location"] == first.headers["location"]

    status = phone.get(fresh_service.url + first.headers["location"], timeout=10)
    assert status.status_code == 200
    assert_page_headers(status)
    assert 'id="status"' in status.text and "reserviert" in status.text
    assert "Reserviert bis" in status.text
    assert PHONE_NAME not in status.text  # the page shows no personal data
    assert PHONE_NAME not in fresh_service.stderr_text()


def test_first_load_is_small(fresh_service, kiosk_api, catalogue) -> None:
    """The order page with its stylesheet and picture: under 50 KB on the first load."""
    ticket = start_handoff(kiosk_api, fresh_service, warehouse_gtin(catalogue), "en")
    phone = requests.Session()
    page = phone.get(f"{fresh_service.url}/m/h/{ticket['token']}?lang=en", timeout=10)
    assert page.status_code == 200
    assets = re.findall(r'(?:href|src)="(/[^"]+)"', page.text)
    assert "/m/style.css" in assets and any(a.startswith("/v1/images/") for a in assets)
    sizes = {"page": len(page.content)}
    for path in assets:
        fetched = phone.get(fresh_service.url + path, timeout=10)
        assert fetched.status_code == 200, path
        sizes[path] = len(fetched.content)
    assert sum(sizes.values()) < 50 * 1024, sizes


def test_status_and_staff_lookup_by_kiosk_reference(fresh_service, catalogue) -> None:
    """An order sent by a kiosk (as its outbox sends it after an outage): the reference
    the kiosk printed and the link it made both find it."""
    key = new_key()
    body = order_body(
        warehouse_gtin(catalogue), kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id
    )
    link = status_link(fresh_service.url, key, "fr")
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        # Before the order arrives the link says so, calmly.
        early = requests.get(link, timeout=10)
        assert early.status_code == 404 and "Commande introuvable" in early.text
        made = kiosk.post("/v1/orders", json=body, idempotency_key=key)
        assert made.status_code == 201, made.text
        again = kiosk.post("/v1/orders", json=body, idempotency_key=key)
        assert again.status_code == 200
        # A kiosk key may not look orders up.
        assert (
            kiosk.get(
                "/v1/order-lookup",
                params={"store_id": fresh_service.store_id, "code": kiosk_reference(key)},
            ).status_code
            == 403
        )
    order = made.json()
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and "réservée" in page.text and order["number"] in page.text

    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        for code in (kiosk_reference(key), kiosk_reference(key).lower(), order["number"]):
            found = staff.get(
                "/v1/order-lookup", params={"store_id": fresh_service.store_id, "code": code}
            )
            assert found.status_code == 200, found.text
            assert [o["id"] for o in found.json()] == [order["id"]]
        none = staff.get(
            "/v1/order-lookup", params={"store_id": fresh_service.store_id, "code": "00000000"}
        )
        assert none.status_code == 200 and none.json() == []
        bad = staff.get(
            "/v1/order-lookup", params={"store_id": fresh_service.store_id, "code": "<script>"}
        )
        assert bad.status_code == 422
        paid = staff.post(f"/v1/orders/{order['id']}/status", json={"status": "paid"})
        assert paid.status_code == 200, paid.text
    assert "payée" in requests.get(link, timeout=10).text


def test_links_that_do_not_work(fresh_service, kiosk_api, catalogue) -> None:
    for path in ("/m/h/not-a-token", "/m/h/" + "A" * 32, "/m/order"):
        answer = requests.get(fresh_service.url + path, timeout=10)
        assert answer.status_code == 410, path
        assert_page_headers(answer)
    for path in ("/m/s/" + "0" * 32, "/m/s/EA-6JNXK6"):
        answer = requests.get(fresh_service.url + path, timeout=10)
        assert answer.status_code in (404, 410), (path, answer.status_code)
    # A hand-off only for a shoe in the catalogue, and only for the key's own kiosk.
    bad = kiosk_api.post(
        "/v1/handoffs",
        json={
            "kiosk_id": fresh_service.kiosk_id,
            "store_id": fresh_service.store_id,
            "gtin": "2000000000000",
        },
    )
    assert bad.status_code == 422
    other = kiosk_api.post(
        "/v1/handoffs",
        json={
            "kiosk_id": "someone-else",
            "store_id": fresh_service.store_id,
            "gtin": warehouse_gtin(catalogue),
        },
    )
    assert other.status_code == 403
    assert kiosk_api.get("/v1/handoffs/nope").status_code == 404


def test_pages_are_not_in_the_api_contract() -> None:
    """HTML pages stay out of the JSON API's OpenAPI; the kiosk and staff routes are in."""
    app = FastAPI()
    add_phone_routes(app)
    paths = app.openapi()["paths"]
    assert set(paths) == {"/v1/handoffs", "/v1/handoffs/{handoff_id}", "/v1/order-lookup"}


def test_unknown_tokens_are_rate_limited(fresh_service) -> None:
    phone = requests.Session()
    answers = [
        phone.get(f"{fresh_service.url}/m/s/{i:032x}", timeout=10).status_code for i in range(25)
    ]
    # 20 misses per address at once (earlier tests in this module spent a few), then 429
    # (one more every 5 s: a slow run may see a 404 between them).
    first = answers.index(429)
    assert first >= 10 and set(answers[:first]) == {404}
    assert answers[first:].count(429) >= len(answers[first:]) - 1
    assert "Zu viele Versuche" in phone.get(f"{fresh_service.url}/m/s/{0:032x}?lang=de").text
