"""Notices about orders accepted while offline that the service then refused.

The shopper left with "pending confirmation"; when a later flush finds the order refused
(sold out meanwhile, or rejected), the kiosk's callbacks are told with an
``UnfulfillableOrder``. Privacy trade-off: to tell the shopper, the outbox keeps their email
address (only that, see ``_privacy.contact_only``) until a callback returned without
raising; then the address goes too. A callback that raises gets the notice again on the
next flush.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from inventory_client._outbox import Outbox, OutboxEntry
from inventory_client._privacy import without_contact

__all__ = ["Notices", "UnfulfillableOrder"]

log = logging.getLogger("inventory_client")

_REASONS = {
    "NoLongerAvailable": "no longer in stock",
    "NotFound": "item unknown to the service",
}


@dataclass(frozen=True, slots=True)
class UnfulfillableOrder:
    """An order accepted while offline ("pending confirmation") that the service refused.

    Handed to the ``notify_unfulfillable`` callbacks. ``email`` is the shopper's address
    when they gave one, so the kiosk can tell them; it is deleted from the kiosk as soon as
    a callback returned without raising.
    """

    idempotency_key: str
    lines: tuple[tuple[str, int], ...]  # (gtin, quantity)
    reason: str
    email: str | None
    failed_at: datetime

    @classmethod
    def from_entry(cls, entry: OutboxEntry) -> UnfulfillableOrder:
        """Read a failed order entry whose payload was reduced by ``contact_only``."""
        data = json.loads(entry.payload or "{}")
        lines = tuple(
            (line["gtin"], int(line.get("quantity", 1))) for line in data.get("lines", [])
        )
        name = (entry.last_error or "").split(":", 1)[0]
        return cls(
            idempotency_key=entry.idempotency_key,
            lines=lines,
            reason=_REASONS.get(name, "refused by the service"),
            email=data.get("email"),
            failed_at=entry.updated_at,
        )


class Notices:
    """The kiosk's callbacks, and handing them the notices due in one outbox."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self._callbacks: list[Callable[[UnfulfillableOrder], object]] = []

    def register(self, callback: Callable[[UnfulfillableOrder], object]) -> None:
        """Add a callback and hand it (with the others) the notices already due."""
        self._callbacks.append(callback)
        self.deliver()

    def deliver(self) -> None:
        """Offer every due notice to the callbacks; forget the email of each one taken."""
        if not self._callbacks:
            return
        for entry in self._outbox.notices_due():
            notice = UnfulfillableOrder.from_entry(entry)
            try:
                for callback in self._callbacks:
                    callback(notice)
            except Exception as exc:  # the kiosk's handler failed: offer it again later
                log.warning(
                    "notice about refused order %s not delivered: %s",
                    entry.idempotency_key,
                    type(exc).__name__,
                )
                continue
            self._outbox.handle_notice(entry.idempotency_key, without_contact(entry.payload))
            log.info("refused order %s reported to staff", entry.idempotency_key)
