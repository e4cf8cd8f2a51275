"""A broken or absent server gives the right error class and a shopper message; nothing
from requests, json or pydantic leaks. Also: the retry policy and the parallel size run."""

from __future__ import annotations

import json
import threading

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_client import (
    InvalidResponse,
    InventoryClient,
    InventoryError,
    NotFound,
    Rejected,
    Unavailable,
)
from inventory_client.models import OrderLineRequest

from .conftest import SHIP_TO, InterceptingAdapter, ScriptedAdapter, canned, mount

GTIN = "2400094200009"


@pytest.fixture
def offline_client(tmp_path):
    """A client whose Session gets a scripted adapter; its URL is never dialled."""
    with InventoryClient(
        "http://127.0.0.1:9",
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
    ) as client:
        yield client


def assert_translated(error: InventoryError, cls: type[InventoryError]) -> None:
    assert type(error) is cls
    assert error.user_message
    assert str(error)  # the technical text exists and names the request
    assert "/v1/" in str(error) or "outbox" in str(error)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (canned(200, b"\x00\xff garbage \x13\x37", "application/octet-stream"), InvalidResponse),
        (canned(200, b"\x00\xff garbage \x13\x37"), InvalidResponse),
        (canned(200, b'{"variant": {"gtin": 42}}'), InvalidResponse),
        (canned(200, b"[1, 2, 3]"), InvalidResponse),
        (canned(200, b'{"variant": '), InvalidResponse),
        (canned(200, b"<html>ok</html>", "text/html"), InvalidResponse),
        (canned(500, b"<html><h1>Internal Server Error</h1></html>", "text/html"), Unavailable),
        (canned(503, b'{"error": {"code": "internal", "message": "busy"}}'), Unavailable),
        (canned(404, b"<html>Not Found</html>", "text/html"), InvalidResponse),
        (canned(404, b'{"error": {"code": "not_found", "message": "no such"}}'), NotFound),
        (canned(422, b'{"error": {"code": "invalid_request", "message": "x"}}'), Rejected),
        (canned(302, b"", "text/plain"), InvalidResponse),
    ],
    ids=[
        "garbage-bytes",
        "garbage-as-json",
        "wrong-shape",
        "json-list",
        "truncated-json",
        "html-200",
        "html-500",
        "json-503",
        "html-404",
        "json-404",
        "json-422",
        "redirect",
    ],
)
def test_broken_answers_to_a_lookup(offline_client, answer, expected):
    adapter = ScriptedAdapter(answer)
    mount(offline_client, adapter)
    with pytest.raises(InventoryError) as info:
        offline_client.lookup(GTIN)
    assert_translated(info.value, expected)
    assert adapter.requests[0].headers["Authorization"] == "Bearer key"
    assert adapter.requests[0].headers["User-Agent"].startswith("endless-aisle-kiosk/")


def test_reset_mid_body_is_unavailable(offline_client):
    def reset(request):
        raise requests.exceptions.ChunkedEncodingError("Connection broken: reset by peer")

    mount(offline_client, ScriptedAdapter(reset))
    with pytest.raises(Unavailable) as info:
        offline_client.health()
    assert isinstance(info.value.__cause__, requests.exceptions.ChunkedEncodingError)


def test_wrong_shape_stock_answer_leaves_that_side_unknown(offline_client, tmp_path):
    detail_json = json.dumps(
        {
            "variant": {
                "gtin": GTIN,
                "style_id": "s1",
                "size_eu": "42",
                "size_uk": "8",
                "size_us": "9",
            },
            "style": {
                "id": "s1",
                "name": "Runner",
                "brand": "B",
                "colour": "Red",
                "price": "10.00",
                "currency": "EUR",
                "image": "s1.png",
            },
            "variants": [
                {"gtin": GTIN, "style_id": "s1", "size_eu": "42", "size_uk": "8", "size_us": "9"}
            ],
        }
    ).encode()
    stores_json = json.dumps(
        {
            "style_id": "s1",
            "scope": "stores",
            "store_id": "berlin-mitte",
            "as_of": "2025-01-01T00:00:00Z",
            "variants": [
                {
                    "gtin": GTIN,
                    "locations": [
                        {
                            "location_id": "berlin-mitte",
                            "location_name": "Mitte",
                            "kind": "store",
                            "distance_km": 0,
                            "on_hand": 3,
                            "reserved": 1,
                            "available": 2,
                        }
                    ],
                }
            ],
        }
    ).encode()

    def respond(request):
        if "/v1/variants/" in request.url:
            return canned(200, detail_json)(request)
        if "scope=stores" in request.url:
            return canned(200, stores_json)(request)
        return canned(200, b'{"style_id": "s1", "scope": "warehouses"}')(request)

    mount(offline_client, ScriptedAdapter(respond))
    run = offline_client.size_run(offline_client.lookup(GTIN))
    assert run.stores_known and not run.warehouses_known
    assert [(s.in_store, s.warehouse) for s in run.sizes] == [(2, None)]


def test_connection_refused_is_unavailable(closed_port_url, tmp_path):
    with InventoryClient(
        closed_port_url,
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
        connect_timeout=0.5,
    ) as client:
        with pytest.raises(Unavailable) as info:
            client.lookup(GTIN)
        assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)
        assert "stock system" in info.value.user_message

        key = client.new_idempotency_key()
        with pytest.raises(Unavailable) as info:
            client.place_order([OrderLineRequest(gtin=GTIN)], SHIP_TO, idempotency_key=key)
        assert info.value.queued
        assert client.pending_orders() == 1


def test_silent_server_is_a_read_timeout(silent_server, tmp_path):
    with InventoryClient(
        silent_server.url,
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
        read_timeout=0.2,
    ) as client:
        with pytest.raises(Unavailable) as info:
            client.lookup(GTIN)
        assert "read timed out" in str(info.value)
        assert isinstance(info.value.__cause__, requests.exceptions.RequestException)


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    with InventoryClient(
        "http://127.0.0.1:9",
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path_factory.mktemp("fuzz") / "outbox.sqlite",
    ) as client:
        yield client


@settings(max_examples=150, deadline=None)
@given(
    status=st.sampled_from([200, 201, 400, 401, 404, 409, 422, 429, 500, 502]),
    body=st.one_of(
        st.binary(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda children: (
                st.lists(children, max_size=4)
                | st.dictionaries(st.text(max_size=10), children, max_size=4)
            ),
            max_leaves=12,
        ).map(lambda value: json.dumps(value).encode()),
    ),
    content_type=st.sampled_from(["application/json", "text/html", "image/png", ""]),
)
def test_any_answer_is_a_result_or_an_inventory_error(fuzz_client, status, body, content_type):
    client = fuzz_client
    mount(client, ScriptedAdapter(canned(status, body, content_type)))
    for call in (lambda: client.lookup(GTIN), client.health, lambda: client.get_fetch_request("x")):
        try:
            call()
        except InventoryError as error:
            assert error.user_message


# --- the retry policy, on a real HTTP server answering from a script --------------------

OK_HEALTH = b'{"status": "ok", "version": "1", "time": "2025-01-01T00:00:00Z"}'
BUSY = (503, b'{"error": {"code": "internal", "message": "busy"}}')


def scripted_client(server, tmp_path):
    return InventoryClient(
        server.url,
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
    )


def test_get_is_retried_after_a_503(scripted_server, tmp_path):
    scripted_server.script[:] = [BUSY, (200, OK_HEALTH)]
    with scripted_client(scripted_server, tmp_path) as client:
        assert client.health().status == "ok"
    assert [s[:2] for s in scripted_server.seen] == [("GET", "/v1/health")] * 2


def test_get_gives_up_after_a_few_503s(scripted_server, tmp_path):
    scripted_server.script[:] = [BUSY] * 10
    with scripted_client(scripted_server, tmp_path) as client, pytest.raises(Unavailable) as info:
        client.health()
    assert info.value.status_code == 503
    assert 1 < len(scripted_server.seen) <= 4


def test_order_post_is_retried_with_the_same_key(scripted_server, tmp_path):
    scripted_server.script[:] = [BUSY, BUSY, BUSY, BUSY]
    with scripted_client(scripted_server, tmp_path) as client:
        key = client.new_idempotency_key()
        with pytest.raises(Unavailable) as info:
            client.place_order([OrderLineRequest(gtin=GTIN)], SHIP_TO, idempotency_key=key)
        assert info.value.queued
    posts = [s for s in scripted_server.seen if s[0] == "POST"]
    assert len(posts) > 1
    assert {headers["Idempotency-Key"] for _, _, headers in posts} == {key}


def test_fetch_request_post_and_patch_are_not_retried(scripted_server, tmp_path):
    scripted_server.script[:] = [BUSY, BUSY]
    with scripted_client(scripted_server, tmp_path) as client:
        with pytest.raises(Unavailable):
            client.create_fetch_request(GTIN)
        with pytest.raises(Unavailable):
            client.cancel_fetch_request("fr-1")
    assert [s[0] for s in scripted_server.seen] == ["POST", "PATCH"]


# --- the size run asks both sides at once ------------------------------------------------


def test_size_run_asks_stores_and_warehouses_in_parallel(live_service, client_factory, catalogue):
    client = client_factory(live_service)
    detail = client.lookup(catalogue["demo_scans"][0])
    # Each stock request waits at the barrier until the other one is in flight too: if the
    # client asked one after the other, the barrier would break and the test would fail.
    both_in_flight = threading.Barrier(2, timeout=10)

    def meet(request):
        if "/stock" in request.url:
            both_in_flight.wait()
        return None

    adapter = InterceptingAdapter(meet)
    mount(client, adapter)
    run = client.size_run(detail)
    assert run.stores_known and run.warehouses_known
    scopes = sorted(
        requests.utils.urlparse(r.url).query.split("scope=")[1].split("&")[0]
        for r in adapter.seen
        if "/stock" in r.url
    )
    assert scopes == ["stores", "warehouses"]


def test_failing_warehouse_side_keeps_store_numbers(live_service, client_factory, catalogue):
    client = client_factory(live_service)
    home = catalogue["home_store_id"]
    in_store = next(s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"]["in_store"])
    detail = client.lookup(in_store["variants"][0]["gtin"])
    full = client.size_run(detail)

    def break_warehouses(request):
        if "scope=warehouses" in request.url:
            return canned(503, b'{"error": {"code": "internal", "message": "down"}}')(request)
        return None

    mount(client, InterceptingAdapter(break_warehouses))
    run = client.size_run(detail)
    assert run.stores_known and not run.warehouses_known
    assert [s.in_store for s in run.sizes] == [s.in_store for s in full.sizes]
    assert all(s.warehouse is None for s in run.sizes)
    assert any(s.in_store for s in run.sizes)
    assert run.store_id == home


def test_both_sides_failing_raises_unavailable(live_service, client_factory, catalogue):
    client = client_factory(live_service)
    detail = client.lookup(catalogue["demo_scans"][0])
    mount(client, ScriptedAdapter(canned(500, b"<html>down</html>", "text/html")))
    with pytest.raises(Unavailable):
        client.size_run(detail)
