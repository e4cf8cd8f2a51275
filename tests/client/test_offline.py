"""Offline behaviour against the real service: cached reads, every kind through the outbox,
strict ordering of stock adjustments, refused offline orders, the background sender,
damaged local files."""

from __future__ import annotations

import json
import random
import sqlite3
import stat
import time
from datetime import UTC, datetime, timedelta

import pytest
from support.api import Api

from inventory_client import (
    CircuitBreaker,
    InventoryClient,
    NotFound,
    OutboxSender,
    Unavailable,
    UnfulfillableOrder,
)
from inventory_client._outbox import OutboxKind, OutboxStatus, backoff_delay
from inventory_client.models import AdjustmentKind, DemandKind, OrderLineRequest

from .conftest import SHIP_TO, make_client


class Offline:
    """Stands in for a service that cannot be reached (nothing listens on its port)."""

    def __init__(self, service, url):
        self.url = url
        self.kiosk_key = service.kiosk_key
        self.staff_key = service.staff_key
        self.kiosk_id = service.kiosk_id
        self.store_id = service.store_id


def poll(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


@pytest.fixture
def pair(fresh_service, closed_port_url, tmp_path):
    """An online and an offline client sharing one outbox and one cache file."""
    made = []

    def build(service, **kwargs):
        kwargs.setdefault("staff_key", fresh_service.staff_key)
        client = make_client(
            service,
            tmp_path / "outbox.sqlite",
            connect_timeout=0.3,
            read_timeout=2.0,
            cache_path=tmp_path / "cache.sqlite",
            **kwargs,
        )
        made.append(client)
        return client

    online = build(fresh_service)
    offline = build(Offline(fresh_service, closed_port_url), breaker=CircuitBreaker(100, 0.0))
    yield online, offline
    for client in made:
        client.close()


def home_gtin(catalogue):
    home = catalogue["home_store_id"]
    return next(
        r["gtin"] for r in catalogue["stock"] if r["location_id"] == home and r["on_hand"] > 0
    )


def test_offline_reads_come_from_the_cache_with_their_age(pair, catalogue, tmp_path):
    online, offline = pair
    gtin = catalogue["demo_scans"][0]
    before = datetime.now(UTC)
    detail = online.lookup(gtin)
    run = online.size_run(detail)
    assert online.last_lookup_cached_at is None and not run.from_cache

    cached = offline.lookup(gtin)
    assert cached == detail
    assert before <= offline.last_lookup_cached_at <= datetime.now(UTC)
    cached_run = offline.size_run(cached)
    assert cached_run.from_cache
    assert cached_run.as_of == offline.last_lookup_cached_at or cached_run.as_of >= before
    assert [s.in_store for s in cached_run.sizes] == [s.in_store for s in run.sizes]

    sibling = next(v.gtin for v in detail.variants if v.gtin != gtin)
    assert offline.lookup(sibling).variant.gtin == sibling  # any size of a seen style
    unseen = next(g for g in catalogue["demo_scans"] if g not in {v.gtin for v in detail.variants})
    with pytest.raises(Unavailable):
        offline.lookup(unseen)
    with pytest.raises(NotFound):
        offline.lookup("not-a-gtin")
    assert stat.S_IMODE((tmp_path / "cache.sqlite").stat().st_mode) == 0o600


def test_fetch_request_queued_offline_sent_later(pair, fresh_service, catalogue):
    online, offline = pair
    gtin = home_gtin(catalogue)
    with pytest.raises(Unavailable) as info:
        offline.create_fetch_request(gtin, idempotency_key="fetch-key-0001")
    assert info.value.queued and "request is saved" in info.value.user_message
    [entry] = online.outbox.entries(kind=OutboxKind.FETCH_REQUEST)
    assert entry.status == OutboxStatus.PENDING and entry.attempts == 1
    assert entry.reason == "the service could not be reached"

    assert online.flush_outbox() == 1
    sent = online.outbox.get("fetch-key-0001")
    assert sent.status == OutboxStatus.SENT
    again = online.create_fetch_request(gtin, idempotency_key="fetch-key-0001")
    assert again.id == sent.result_id and str(again.ticket) == sent.result_number
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        listed = api.get("/v1/fetch-requests", params={"store_id": fresh_service.store_id}).json()
    assert [r["id"] for r in listed] == [again.id]


def test_stale_fetch_request_is_dropped_not_sent(pair, fresh_service, catalogue):
    online, offline = pair
    with pytest.raises(Unavailable):
        offline.create_fetch_request(home_gtin(catalogue), idempotency_key="fetch-key-0002")
    old = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    online.outbox._db.execute("update outbox set created_at = ?", [old])
    assert online.flush_outbox() == 0
    [failed] = online.outbox.failed()
    assert failed.reason == "too old to send (the shopper has left)"
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        assert (
            api.get("/v1/fetch-requests", params={"store_id": fresh_service.store_id}).json() == []
        )


def test_stock_adjustments_queued_offline_are_applied_in_order(pair, catalogue):
    online, offline = pair
    gtin = home_gtin(catalogue)
    first = online.staff().adjust_stock(gtin, AdjustmentKind.SET_COUNT, 5, actor="Sam")
    assert first is not None and first.on_hand == 5

    steps = [
        (AdjustmentKind.RECEIVE, 3),
        (AdjustmentKind.SET_COUNT, 1),
        (AdjustmentKind.RECEIVE, 2),
    ]
    for kind, quantity in steps:
        assert (
            offline.staff().adjust_stock(gtin, kind, quantity, actor="Sam", reason="delivery")
            is None
        )
    assert len(online.outbox.pending(OutboxKind.STOCK_ADJUSTMENT)) == 3

    # Only the head of the chain is due; the rest must wait for it, even when due.
    head = online.outbox.pending(OutboxKind.STOCK_ADJUSTMENT)[0]
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    online.outbox._db.execute(
        "update outbox set next_attempt_at = ? where idempotency_key = ?",
        [later, head.idempotency_key],
    )
    online.outbox._db.execute(
        "update outbox set next_attempt_at = null where idempotency_key != ?",
        [head.idempotency_key],
    )
    assert online.flush_outbox(due_only=True) == 0

    # A new adjustment while three wait: sent after them, so the count ends right.
    last = online.staff().adjust_stock(gtin, AdjustmentKind.RECEIVE, 1, actor="Sam")
    assert last is not None and last.on_hand == 1 + 2 + 1
    assert online.outbox.pending() == []


def test_adjust_stock_without_staff_key_is_refused_before_queueing(
    fresh_service, client_factory, catalogue
):
    from inventory_client import Unauthorized

    client = client_factory(fresh_service)
    with pytest.raises(Unauthorized):
        client.staff().adjust_stock(home_gtin(catalogue), AdjustmentKind.RECEIVE, 1, actor="Sam")
    assert client.outbox.entries() == []


def test_demand_is_queued_without_network_and_sent_once(pair, fresh_service, catalogue):
    online, offline = pair
    gtin = catalogue["demo_scans"][0]
    started = time.monotonic()
    for kind in (DemandKind.SCANNED, DemandKind.NOT_IN_STORE):
        assert offline.record_demand(kind, gtin) is None
    assert time.monotonic() - started < 5  # no socket was dialled on the caller's thread
    assert len(online.outbox.pending(OutboxKind.DEMAND)) == 2
    assert offline.flush_outbox() == 0
    assert online.flush_outbox() == 2
    assert online.outbox.entries() == []  # counted: nothing kept
    conn = sqlite3.connect(f"file:{fresh_service.db_path}?mode=ro", uri=True)
    kinds = sorted(k for (k,) in conn.execute("select kind from demand_events"))
    conn.close()
    assert kinds == ["not_in_store", "scanned"]


def test_offline_order_refused_later_reaches_staff_then_forgets_the_email(
    pair, fresh_service, client_factory, catalogue, tmp_path
):
    online, offline = pair
    gtin = catalogue["scenarios"]["last_pair"]
    key = "offline-order-0001"
    with pytest.raises(Unavailable) as info:
        offline.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key)
    assert info.value.queued
    # Meanwhile another kiosk sells the last pair.
    other = client_factory(fresh_service, outbox="other.sqlite")
    other.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key="other-order-0001")

    assert online.flush_outbox() == 0
    [failed] = online.outbox.failed()
    assert failed.reason == "no longer in stock when it could be sent"
    assert not hasattr(failed, "payload")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("outbox.sqlite*"))
    assert SHIP_TO.email.encode() in raw  # kept only to tell the shopper
    assert SHIP_TO.name.encode() not in raw and SHIP_TO.street.encode() not in raw

    told: list[UnfulfillableOrder] = []
    online.notify_unfulfillable(told.append)
    assert [(n.idempotency_key, n.lines, n.email, n.reason) for n in told] == [
        (key, ((gtin, 1),), SHIP_TO.email, "no longer in stock")
    ]
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("outbox.sqlite*"))
    assert SHIP_TO.email.encode() not in raw
    online.flush_outbox()
    assert len(told) == 1  # told once


def test_a_failing_notice_handler_is_offered_again(pair, fresh_service, client_factory, catalogue):
    online, offline = pair
    gtin = catalogue["scenarios"]["last_pair"]
    with pytest.raises(Unavailable):
        offline.place_order(
            [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key="offline-order-2"
        )
    client_factory(fresh_service, outbox="o.sqlite").place_order(
        [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key="other-order-0002"
    )
    calls = []

    def flaky(notice):
        calls.append(notice.idempotency_key)
        if len(calls) == 1:
            raise RuntimeError("screen busy")

    online.notify_unfulfillable(flaky)
    online.flush_outbox()  # refused; the handler fails
    assert online.outbox.notices_due() != []
    online.flush_outbox()  # offered again
    assert calls == ["offline-order-2", "offline-order-2"]
    assert online.outbox.notices_due() == []


def test_backoff_grows_with_jitter_and_is_capped():
    rng = random.Random(7)
    delays = [backoff_delay(n, rng) for n in range(1, 12)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(300.0, 2.0 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert len(set(delays)) == len(delays)


def test_failed_attempt_is_not_due_until_its_backoff_is_over(pair, catalogue):
    online, offline = pair
    gtin = catalogue["demo_scans"][0]
    offline.record_demand(DemandKind.SCANNED, gtin)
    assert offline.flush_outbox() == 0
    [entry] = online.outbox.pending()
    assert entry.next_attempt_at > datetime.now(UTC)
    assert online.flush_outbox(due_only=True) == 0
    assert online.flush_outbox() == 1  # "send now" ignores the backoff


def test_background_sender_drains_the_outbox(pair, catalogue):
    online, _ = pair
    with OutboxSender(online, interval=60.0) as sender:
        online.record_demand(DemandKind.SCANNED, catalogue["demo_scans"][0])
        poll(lambda: online.outbox.count() == 0)  # poked, not waiting the interval
        assert sender.running
    assert not sender.running


def test_damaged_outbox_and_cache_are_moved_aside(fresh_service, tmp_path, caplog, catalogue):
    (tmp_path / "outbox.sqlite").write_bytes(b"this is not a database" * 100)
    (tmp_path / "outbox-cache.sqlite").write_bytes(b"\x00\x01garbage" * 500)
    with caplog.at_level("WARNING", logger="inventory_client"):
        client = make_client(fresh_service, tmp_path / "outbox.sqlite")
    try:
        assert client.lookup(catalogue["demo_scans"][0])
        client.record_demand(DemandKind.SCANNED, catalogue["demo_scans"][0])
        assert client.flush_outbox() == 1
    finally:
        client.close()
    aside = sorted(p.name for p in tmp_path.glob("*.corrupt-*"))
    assert len(aside) == 2
    assert aside[0].startswith("outbox-cache.sqlite.corrupt-")
    assert aside[1].startswith("outbox.sqlite.corrupt-")
    messages = [r.getMessage() for r in caplog.records]
    assert sum("moved aside" in m for m in messages) == 2


def test_staff_view_has_no_personal_data(pair, catalogue):
    _, offline = pair
    with pytest.raises(Unavailable):
        offline.place_order(
            [OrderLineRequest(gtin=catalogue["demo_scans"][0])], SHIP_TO, idempotency_key="k" * 16
        )
    [entry] = offline.outbox.entries()
    text = json.dumps({k: str(getattr(entry, k)) for k in entry.__slots__})
    for value in (SHIP_TO.name, SHIP_TO.street, SHIP_TO.email, SHIP_TO.city):
        assert value not in text
    assert entry.kind == OutboxKind.ORDER and entry.age >= timedelta(0)


def test_client_still_constructs_with_old_arguments(tmp_path):
    InventoryClient(
        "http://127.0.0.1:9", "k", kiosk_id="k1", store_id="s1", outbox_path=tmp_path / "o.sqlite"
    ).close()
    assert (tmp_path / "o-cache.sqlite").exists()
