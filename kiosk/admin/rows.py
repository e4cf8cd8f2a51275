"""What the fetch queue and the order list show, computed from wire models (plain Python)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inventory_client.models import FetchRequest, FetchStatus, Order, OrderStatus

__all__ = [
    "FetchRow",
    "OrderRow",
    "fetch_rows",
    "format_age",
    "order_rows",
]

QUEUED_ON_KIOSK = "queued on the kiosk"
FAILED = "failed"


def format_age(seconds: float) -> str:
    """``"45 s"``, ``"3 min"``, ``"1 h 05 min"``: how long a shopper has been waiting."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def format_countdown(seconds: float) -> str:
    """``"1:45"``: a lock's remaining time, rounded up so it never shows 0:00 while locked."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True, slots=True)
class FetchRow:
    request_id: str
    ticket: int
    product: str
    size: str
    kiosk: str
    age: str
    status: FetchStatus
    claimed_by: str | None

    @property
    def can_claim(self) -> bool:
        return self.status == FetchStatus.OPEN

    @property
    def can_finish(self) -> bool:
        return self.status == FetchStatus.CLAIMED


def fetch_rows(requests: list[FetchRequest], now: datetime) -> list[FetchRow]:
    """Open and claimed requests, oldest first (done and cancelled ones leave the queue)."""
    live = [r for r in requests if r.status in (FetchStatus.OPEN, FetchStatus.CLAIMED)]
    live.sort(key=lambda r: r.created_at)
    return [
        FetchRow(
            request_id=r.id,
            ticket=r.ticket,
            product=r.style_name,
            size=r.size_eu,
            kiosk=r.kiosk_id,
            age=format_age((now - r.created_at).total_seconds()),
            status=r.status,
            claimed_by=r.claimed_by,
        )
        for r in live
    ]


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One line of the order list: a service order, or one still on this kiosk."""

    number: str
    status: str
    items: str
    created_at: datetime | None
    order_id: str | None = None  # service id; None while only on the kiosk
    outbox_key: str | None = None  # idempotency key of a kiosk-side entry

    @property
    def can_mark_paid(self) -> bool:
        return self.status == OrderStatus.RESERVED

    @property
    def can_cancel(self) -> bool:
        return self.status in (OrderStatus.RESERVED, OrderStatus.PAID)

    @property
    def can_retry(self) -> bool:
        return self.outbox_key is not None and self.status == QUEUED_ON_KIOSK


def order_rows(orders: list[Order], outbox_entries: list[Any]) -> list[OrderRow]:
    """Service orders plus this kiosk's unsent (pending) and refused (failed) ones, newest first.

    ``outbox_entries`` are ``inventory_client`` outbox entries (kind ``order``); sent ones
    are skipped because the service list already has them.
    """
    rows = [
        OrderRow(
            number=o.number,
            status=str(o.status),
            items=", ".join(f"{ln.quantity}× {ln.style_name} {ln.size_eu}" for ln in o.lines),
            created_at=o.created_at,
            order_id=o.id,
        )
        for o in orders
    ]
    for entry in outbox_entries:
        if str(entry.kind) != "order" or str(entry.status) == "sent":
            continue
        status = FAILED if str(entry.status) == "failed" else QUEUED_ON_KIOSK
        rows.append(
            OrderRow(
                number="—",
                status=status,
                items=_outbox_items(entry.payload),
                created_at=entry.created_at,
                outbox_key=entry.idempotency_key,
            )
        )
    rows.sort(key=lambda r: r.created_at.timestamp() if r.created_at else 0.0, reverse=True)
    return rows


def _outbox_items(payload: str | None) -> str:
    """The lines of a kiosk-side order: GTINs and quantities only (no address)."""
    if not payload:
        return ""
    try:
        lines = json.loads(payload).get("lines", [])
        return ", ".join(f"{ln['quantity']}× {ln['gtin']}" for ln in lines)
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""
