"""Flush scheduling: which pending outbox entries one flush sends, in what order, and when
it stops.

- Orders, fetch requests, stock adjustments and back-in-stock requests go first, oldest
  first; demand events last (they matter least and are the most numerous).
- Entries sharing an ``ordering_key`` (stock adjustments of one ``location:gtin``) go
  strictly in order: while one is not acknowledged (waiting out its backoff, being sent by
  another thread, or failed but still pending) the later ones wait for the next flush.
- ``due_only`` (the background sender) skips entries still waiting out their backoff.
- The first ``Unavailable`` ends the flush: the service is away, the rest would fail too.
"""

from __future__ import annotations

from datetime import UTC, datetime

from inventory_client._delivery import Delivery
from inventory_client._errors import InventoryError, Unavailable
from inventory_client._outbox import OutboxEntry, OutboxKind, OutboxStatus

__all__ = ["flush_pending"]


def flush_pending(delivery: Delivery, *, due_only: bool) -> int:
    """Send what is pending under the same keys; return how many the service acknowledged."""
    outbox = delivery.outbox
    acknowledged = 0
    blocked: set[str] = set()
    now = datetime.now(UTC)
    for entry in sorted(outbox.pending(), key=_send_order):
        if entry.ordering_key is not None and entry.ordering_key in blocked:
            continue
        if due_only and entry.next_attempt_at is not None and entry.next_attempt_at > now:
            _block(blocked, entry)
            continue
        policy = delivery.policies.for_kind(entry.kind)
        with delivery.claims.claim(entry.idempotency_key, wait=False) as claimed:
            if not claimed:  # being sent by another thread right now
                _block(blocked, entry)
                continue
            current = outbox.get(entry.idempotency_key)
            if current is None or current.status != OutboxStatus.PENDING:
                continue
            try:
                outcome = delivery.send(policy, current, shopper_present=False)
            except Unavailable:
                break
            except InventoryError:
                still = outbox.get(entry.idempotency_key)
                if still is not None and still.status == OutboxStatus.PENDING:
                    _block(blocked, entry)
                continue
        if outcome is not None:
            acknowledged += 1
    return acknowledged


def _send_order(entry: OutboxEntry) -> tuple[bool, int]:
    return (entry.kind == OutboxKind.DEMAND, entry.id)


def _block(blocked: set[str], entry: OutboxEntry) -> None:
    """Hold back the later entries that must follow this one."""
    if entry.ordering_key is not None:
        blocked.add(entry.ordering_key)
