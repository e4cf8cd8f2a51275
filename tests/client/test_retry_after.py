"""Rate limits (issue 15 item 8), client side: a 429 from the real service is a clear
``Busy`` error on reads, and the outbox does not send again before ``Retry-After``.

The service limits failed authentications per presented key (also on loopback, where the
address itself is not limited): a client with an unknown key gets 401s, then 429s.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from inventory_client import Busy, InventoryClient, Outbox, Unauthorized, Unavailable
from inventory_client._outbox import OutboxKind
from inventory_client._transport import parse_retry_after
from inventory_client.models import DemandKind
from inventory_service.launcher import ServiceProcess
from inventory_service.rate_limits import RateLimitPolicy

GTIN = "2400013600002"
BURST = RateLimitPolicy().auth_failures.burst


def _until_busy(client: InventoryClient) -> Busy:
    for _ in range(BURST + 5):
        try:
            client.lookup(GTIN)
        except Unauthorized:
            continue
        except Busy as busy:
            return busy
    pytest.fail("the service never said 429")


def test_a_read_meets_a_clear_busy_error_with_the_wait(
    live_service: ServiceProcess, client_factory: Callable[..., InventoryClient]
) -> None:
    client = client_factory(live_service, api_key=f"unknown-{uuid.uuid4().hex}")
    busy = _until_busy(client)
    assert isinstance(busy, Unavailable)  # callers that handle "try later" handle it too
    assert busy.status_code == 429 and busy.code == "rate_limited"
    assert busy.retry_after is not None and 1 <= busy.retry_after <= 3600
    assert "busy" in busy.user_message.lower()
    # The service answered: not a reason to open the circuit for every other call.
    assert client.breaker.allow()


def test_the_outbox_waits_at_least_retry_after(
    live_service: ServiceProcess, client_factory: Callable[..., InventoryClient]
) -> None:
    client = client_factory(live_service, api_key=f"unknown-{uuid.uuid4().hex}")
    busy = _until_busy(client)
    assert busy.retry_after is not None
    waits: list[int] = []  # what the service said to the outbox's own attempt

    def observe(response: requests.Response, *args: object, **kwargs: object) -> None:
        if response.status_code == 429:
            waits.append(int(response.headers["Retry-After"]))

    client._transport.session.hooks["response"].append(observe)
    client.record_demand(DemandKind.SCANNED, GTIN)
    sent_at = datetime.now(UTC)
    client.flush_outbox()
    (entry,) = client.outbox.pending()
    assert entry.last_error is not None and entry.last_error.startswith("Busy: 429")
    assert waits, "the outbox's attempt was not answered 429"
    due = entry.next_attempt_at
    assert due is not None and due >= sent_at + timedelta(seconds=waits[-1])
    assert client.flush_outbox(due_only=True) == 0  # not due yet: nothing sent
    assert client.outbox.pending()[0].attempts == entry.attempts


def test_record_error_never_schedules_before_the_services_wait(tmp_path: Path) -> None:
    with Outbox(tmp_path / "outbox.sqlite") as outbox:
        outbox.add(OutboxKind.DEMAND, "k" * 16, '{"id": "x"}')
        before = datetime.now(UTC)
        outbox.record_error("k" * 16, "Busy: 429 rate_limited", not_before_s=600)
        (entry,) = outbox.pending()
    assert entry.next_attempt_at is not None
    assert entry.next_attempt_at >= before + timedelta(seconds=600)  # backoff alone: <= 2 s


def test_retry_after_forms_and_bounds() -> None:
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Mon, 07 Dec 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Mon, 07 Dec 2026 11:00:00 GMT", now) == 0.0  # in the past
    assert parse_retry_after("99999999") == 3600.0  # a hostile server cannot park us
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
