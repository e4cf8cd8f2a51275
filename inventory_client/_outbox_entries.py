"""The outbox's rows as Python sees them: kinds, statuses, entries, the staff view, backoff.

Kept apart from ``_outbox`` (the SQLite queue itself) so the sender side (``_delivery``,
``_flush``) and the staff screens can read what an entry is without the storage code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from inventory_client._errors import InventoryError

__all__ = [
    "BacklogEntry",
    "Notice",
    "OutboxEntry",
    "OutboxError",
    "OutboxKind",
    "OutboxStatus",
    "backoff_delay",
]

BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 300.0


def backoff_delay(
    attempts: int,
    rng: random.Random,
    *,
    base: float = BACKOFF_BASE_SECONDS,
    cap: float = BACKOFF_CAP_SECONDS,
) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt: exponential, capped, with
    jitter over the upper half (so the delay still grows, but kiosks do not retry in step)."""
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return rng.uniform(ceiling / 2, ceiling)


class OutboxKind(StrEnum):
    ORDER = "order"
    FETCH_REQUEST = "fetch_request"
    STOCK_ADJUSTMENT = "stock_adjustment"
    DEMAND = "demand"
    BACK_IN_STOCK = "back_in_stock"  # holds an email address until acknowledged


class OutboxStatus(StrEnum):
    PENDING = "pending"  # written, not acknowledged yet: will be (re)sent
    SENT = "sent"  # acknowledged by the service; payload deleted
    FAILED = "failed"  # refused by the service for good: never resent


class Notice(StrEnum):
    """State of the "could not be fulfilled" notice of a failed order."""

    DUE = "due"  # staff (and the shopper, by email) must still be told
    HANDLED = "handled"  # told; the email address has been deleted


# Plain words for staff, by the error class recorded in ``last_error``.
_REASONS = {
    "NoLongerAvailable": "no longer in stock when it could be sent",
    "NotFound": "the service does not know this item",
    "Rejected": "the service refused the request",
    "Unauthorized": "this kiosk's key was refused",
    "Unavailable": "the service could not be reached",
    "InvalidResponse": "the service gave an answer that made no sense",
    "Expired": "too old to send (the shopper has left)",
}


class OutboxError(InventoryError):
    """The outbox file could not be read or written (disk full, file damaged)."""

    default_user_message = (
        "This kiosk can't save your request right now. Please ask a member of staff for help."
    )


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    kind: OutboxKind
    idempotency_key: str
    payload: str | None
    payload_sha256: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    result_id: str | None
    result_number: str | None
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None = None
    ordering_key: str | None = None
    notice: Notice | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxEntry:
        return cls(
            id=row["id"],
            kind=OutboxKind(row["kind"]),
            idempotency_key=row["idempotency_key"],
            payload=row["payload"],
            payload_sha256=row["payload_sha256"],
            status=OutboxStatus(row["status"]),
            attempts=row["attempts"],
            last_error=row["last_error"],
            result_id=row["result_id"],
            result_number=row["result_number"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            next_attempt_at=_parse_time(row.get("next_attempt_at")),
            ordering_key=row.get("ordering_key"),
            notice=Notice(row["notice"]) if row.get("notice") else None,
        )


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class BacklogEntry:
    """One outbox entry as staff see it: no payload, so no personal data."""

    idempotency_key: str
    kind: OutboxKind
    status: OutboxStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    age: timedelta
    next_attempt_at: datetime | None
    result_number: str | None

    @property
    def reason(self) -> str | None:
        """Why it is not sent yet, or why it failed, in plain words (None when fine)."""
        if not self.last_error:
            return None
        name = self.last_error.split(":", 1)[0]
        return _REASONS.get(name, self.last_error)
