"""Staff calls (``client.staff()``) and the kiosk-scope lists the staff screen reads,
against the real service on loopback; broken answers from a mounted adapter."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from inventory_client import (
    CircuitBreaker,
    InvalidResponse,
    InventoryClient,
    NotFound,
    Rejected,
    StaffClient,
    Unauthorized,
    Unavailable,
)
from inventory_client.models import (
    AdjustmentKind,
    AuditEventCreate,
    DemandKind,
    FetchStatus,
    ImportKind,
    OrderLineRequest,
    OrderStatus,
)

from .conftest import SHIP_TO, ScriptedAdapter, canned, mount


def gtin_at(catalogue: dict[str, Any], kind: str, at_least: int = 2) -> str:
    """A GTIN of which one location of ``kind`` holds at least ``at_least`` pairs."""
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    home = catalogue["home_store_id"]
    for row in catalogue["stock"]:
        here = row["location_id"] == home if kind == "home" else kinds[row["location_id"]] == kind
        if here and row["on_hand"] >= at_least:
            return row["gtin"]
    raise AssertionError(f"demo catalogue has no {kind} stock")


def in_store(client: InventoryClient, gtin: str) -> int | None:
    run = client.size_run(client.lookup(gtin))
    return next(s.in_store for s in run.sizes if s.variant.gtin == gtin)


def audit_entry(staff: StaffClient, action: str) -> Any:
    return next(e for e in staff.audit_events() if e.action == action)


@pytest.fixture
def staff_client(fresh_service, client_factory) -> InventoryClient:
    """A kiosk client that was also given the store's staff key."""
    return client_factory(fresh_service, staff_key=fresh_service.staff_key)


# -- without a staff key nothing is sent -------------------------------------------------

AUDIT_EVENT = AuditEventCreate(id="a" * 32, action="admin.login")
STAFF_CALLS: dict[str, Callable[[StaffClient], object]] = {
    "orders": lambda s: s.orders(),
    "order_by_number": lambda s: s.order_by_number("EA-4K7Q9M"),
    "set_order_status": lambda s: s.set_order_status("o1", OrderStatus.PAID, actor="anna"),
    "update_fetch_request": lambda s: s.update_fetch_request("f1", FetchStatus.CLAIMED),
    "lost_demand": lambda s: s.lost_demand(7),
    "lost_demand_csv": lambda s: s.lost_demand_csv(7),
    "import_csv": lambda s: s.import_csv(ImportKind.STOCK, "gtin,on_hand\n", dry_run=True),
    "audit": lambda s: s.audit(AUDIT_EVENT),
    "audit_events": lambda s: s.audit_events(),
    "stock_adjustments": lambda s: s.stock_adjustments(),
    "adjust_stock": lambda s: s.adjust_stock("2000000000017", AdjustmentKind.RECEIVE, 1, actor="a"),
    "fetch_requests": lambda s: s.fetch_requests(),
    "back_in_stock": lambda s: s.back_in_stock(),
}


@pytest.mark.parametrize("call", STAFF_CALLS.values(), ids=STAFF_CALLS.keys())
def test_kiosk_key_only_client_is_unauthorized_without_a_request(fresh_client, call):
    adapter = ScriptedAdapter(canned(200, b"[]"))
    mount(fresh_client, adapter)

    with pytest.raises(Unauthorized) as caught:
        call(fresh_client.staff())

    assert "no staff key" in str(caught.value)
    assert adapter.requests == []
    assert fresh_client.outbox.entries() == []  # nothing queued either


def test_wrong_staff_key_is_refused_by_the_service(fresh_service, fresh_client):
    with pytest.raises(Unauthorized) as unknown:
        fresh_client.staff("not-a-key-of-this-service").orders()
    with pytest.raises(Unauthorized) as kiosk_key:
        fresh_client.staff(fresh_service.kiosk_key).orders()

    assert (unknown.value.status_code, kiosk_key.value.status_code) == (401, 403)


# -- the real service --------------------------------------------------------------------


def test_orders_listed_found_by_number_paid_and_cancelled(staff_client, catalogue):
    gtin = gtin_at(catalogue, "warehouse", at_least=3)
    key = staff_client.new_idempotency_key()
    placed = staff_client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    other = staff_client.place_order(
        [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=staff_client.new_idempotency_key()
    )
    staff = staff_client.staff()

    assert {o.number for o in staff.orders()} == {placed.number, other.number}
    assert staff.orders(OrderStatus.PAID) == []
    found = staff.order_by_number(f"  {placed.number.lower()} ")
    assert found.id == placed.id

    paid = staff.set_order_status(placed.id, OrderStatus.PAID, "at the counter", actor="anna")
    assert paid.status == OrderStatus.PAID
    assert [o.id for o in staff.orders(OrderStatus.PAID)] == [placed.id]
    assert audit_entry(staff, "order.status").actor == "anna"

    cancelled = staff.set_order_status(other.id, OrderStatus.CANCELLED, "changed mind")
    assert cancelled.status == OrderStatus.CANCELLED
    with pytest.raises(Rejected) as bad_move:  # cancelled is final
        staff.set_order_status(other.id, OrderStatus.PAID)
    assert bad_move.value.code == "invalid_transition"
    with pytest.raises(NotFound):
        staff.order_by_number("EA-ZZZZZZ")
    with pytest.raises(NotFound):
        staff.order_by_number("   ")


def test_fetch_queue_claim_and_done(staff_client, fresh_service, client_factory, catalogue):
    gtin = gtin_at(catalogue, "home")
    request = staff_client.create_fetch_request(gtin)
    kiosk_only = client_factory(fresh_service, outbox="kiosk-only.sqlite")

    staff = staff_client.staff()
    queue = staff.fetch_requests()
    assert [(r.id, r.status) for r in queue] == [(request.id, FetchStatus.OPEN)]
    claimed = staff.update_fetch_request(request.id, FetchStatus.CLAIMED, actor="ben")
    assert claimed.status == FetchStatus.CLAIMED
    assert audit_entry(staff, "fetch.claimed").actor == "ben"
    assert staff.fetch_requests(FetchStatus.OPEN) == []

    staff.update_fetch_request(request.id, FetchStatus.DONE)
    assert kiosk_only.get_fetch_request(request.id).status == FetchStatus.DONE
    with pytest.raises(Rejected):
        staff.update_fetch_request(request.id, FetchStatus.CLAIMED)


def test_catalogue_search_by_brand_and_by_gtin(live_client, catalogue):
    gtin = gtin_at(catalogue, "home")
    style = live_client.lookup(gtin).style

    by_gtin = live_client.search_catalogue(gtin)
    by_brand = live_client.search_catalogue(style.brand.upper(), limit=100)

    assert by_gtin[0].style.id == style.id
    assert gtin in {v.gtin for v in by_gtin[0].variants}
    assert style.id in {s.style.id for s in by_brand}
    assert all(s.style.brand == style.brand for s in by_brand)


def test_blank_search_asks_nothing(fresh_client):
    adapter = ScriptedAdapter(canned(500, b"{}"))
    mount(fresh_client, adapter)

    assert fresh_client.search_catalogue("  ") == []
    assert adapter.requests == []


def test_lost_demand_report_and_its_csv(staff_client, catalogue):
    gtin = gtin_at(catalogue, "warehouse")
    for _ in range(3):
        staff_client.record_demand(DemandKind.NOT_IN_STORE, gtin)
    assert staff_client.flush_outbox() == 3
    staff = staff_client.staff()

    report = staff.lost_demand(7)
    csv = staff.lost_demand_csv(7).decode("utf-8")

    row = next(r for r in report.rows if r.gtin == gtin)
    assert (row.not_in_store, row.orders) == (3, 0)
    assert report.store_id == staff.store_id
    lines = csv.splitlines()
    assert lines[0].startswith("style_id,style_name,brand,size_eu,gtin,")
    assert any(f",{gtin},0,0,3," in line for line in lines[1:])
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    assert staff.lost_demand(7, now=long_ago).rows == []
    with pytest.raises(ValueError):
        staff.lost_demand(0)


def test_stock_import_dry_run_names_bad_lines_and_a_real_one_applies(staff_client, catalogue):
    gtin = gtin_at(catalogue, "home")
    before = in_store(staff_client, gtin)
    staff = staff_client.staff()
    bad = f"gtin,on_hand\n{gtin},9\n1234567890123,2\n{gtin},-4\n"

    checked = staff.import_csv(ImportKind.STOCK, bad, dry_run=False, actor="anna")

    assert not checked.applied
    assert sorted({e.line for e in checked.errors}) == [3, 4]
    assert in_store(staff_client, gtin) == before

    not_utf8 = f"gtin,on_hand\n{gtin},9\n".encode() + b"\xff\xfe,1\n"
    assert [e.line for e in staff.import_csv(ImportKind.STOCK, not_utf8, dry_run=True).errors] == [
        3
    ]

    dry = staff.import_csv(ImportKind.STOCK, f"gtin,on_hand\n{gtin},9\n", dry_run=True)
    assert (dry.dry_run, dry.applied, dry.errors) == (True, False, [])
    assert in_store(staff_client, gtin) == before
    done = staff.import_csv(
        ImportKind.STOCK, f"gtin,on_hand\n{gtin},9\n", dry_run=False, actor="anna"
    )
    assert done.applied and in_store(staff_client, gtin) == 9
    assert audit_entry(staff, "import.stock").actor == "anna"


def test_audit_event_posted_once_and_listed(staff_client):
    staff = staff_client.staff()
    event = AuditEventCreate(id=uuid.uuid4().hex, action="admin.login")

    first = staff.audit(event, actor="anna")
    again = staff.audit(event, actor="anna")

    assert first.id == again.id == event.id
    assert first.actor == "anna" and first.at == again.at  # the service's time, kept once
    assert [e.id for e in staff.audit_events() if e.action == "admin.login"] == [event.id]


def test_back_in_stock_list_and_stock_adjustments(staff_client, catalogue):
    gtin = gtin_at(catalogue, "warehouse")
    staff_client.request_back_in_stock(gtin, "kim@example.org", "de")
    home = gtin_at(catalogue, "home")
    staff_client.staff().adjust_stock(home, AdjustmentKind.RECEIVE, 1, actor="anna")
    staff = staff_client.staff()

    waiting = staff.back_in_stock(gtin=gtin)
    assert [(w.gtin, w.email) for w in waiting] == [(gtin, "kim@example.org")]
    assert [a.gtin for a in staff.stock_adjustments(limit=5)] == [home]


# -- broken answers ------------------------------------------------------------------------

BROKEN: dict[str, tuple[Callable[[StaffClient], object], tuple[int, bytes, str]]] = {
    "order list of wrong shape": (lambda s: s.orders(), (200, b'[{"id": 1}]', "application/json")),
    "order list not JSON": (lambda s: s.orders(), (200, b"<html>", "text/html")),
    "order for a status change truncated": (
        lambda s: s.set_order_status("o1", OrderStatus.PAID),
        (200, b'{"id": "o1", "numb', "application/json"),
    ),
    "report is a list": (lambda s: s.lost_demand(7), (200, b"[]", "application/json")),
    "csv report as JSON": (lambda s: s.lost_demand_csv(7), (200, b"{}", "application/json")),
    "import report missing fields": (
        lambda s: s.import_csv(ImportKind.CATALOGUE, b"x\n", dry_run=True),
        (200, b'{"kind": "catalogue"}', "application/json"),
    ),
    "audit answer not JSON": (lambda s: s.audit(AUDIT_EVENT), (201, b"ok", "text/plain")),
    "404 page without error body": (
        lambda s: s.order_by_number("EA-4K7Q9M"),
        (404, b"<h1>Not Found</h1>", "text/html"),
    ),
}


@pytest.mark.parametrize("call, answer", BROKEN.values(), ids=BROKEN.keys())
def test_malformed_staff_answers_are_invalid_responses(fresh_service, client_factory, call, answer):
    client = client_factory(fresh_service, staff_key="some-staff-key")
    adapter = ScriptedAdapter(canned(*answer))
    mount(client, adapter)

    with pytest.raises(InvalidResponse) as caught:
        call(client.staff())

    assert isinstance(caught.value.user_message, str) and caught.value.user_message
    assert len(adapter.requests) == 1
    assert adapter.requests[0].headers["Authorization"] == "Bearer some-staff-key"


def test_another_stores_answer_is_invalid(fresh_service, client_factory, staff_client, catalogue):
    gtin = gtin_at(catalogue, "warehouse", at_least=3)
    staff_client.place_order(
        [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=staff_client.new_idempotency_key()
    )
    body = (
        staff_client.staff()
        .orders()[0]
        .model_dump_json()
        .replace(f'"store_id":"{fresh_service.store_id}"', '"store_id":"elsewhere"')
    )
    mount(staff_client, ScriptedAdapter(canned(200, f"[{body}]".encode())))

    with pytest.raises(InvalidResponse, match="elsewhere"):
        staff_client.staff().orders()


def test_staff_failures_count_on_the_clients_breaker(fresh_service, client_factory):
    client = client_factory(
        fresh_service, staff_key="k", breaker=CircuitBreaker(failure_threshold=2, cooldown=60)
    )
    adapter = ScriptedAdapter(canned(503, b"{}"))
    mount(client, adapter)
    staff = client.staff()

    for _ in range(2):
        with pytest.raises(Unavailable):
            staff.audit_events()

    assert client.connectivity == "offline"
    with pytest.raises(Unavailable) as caught:
        client.lookup("2000000000017")
    assert caught.value.code == "circuit_open"
    assert len(adapter.requests) == 2  # the open circuit stopped the shopper's call too
