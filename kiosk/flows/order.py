"""Ship to home: the order draft, its review and "Place order", exactly once per review."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from PySide6.QtCore import Signal

from inventory_client import InventoryError
from inventory_client.models import Order, ShipTo
from kiosk.flows._base import Flow
from kiosk.journey.order import OrderDraft, OrderItem, Receipt, reference_for
from kiosk.journey.outcomes import was_queued
from kiosk.journey.phases import GENERIC_ERROR, OrderPhase

__all__ = ["OrderFlow"]

log = logging.getLogger(__name__)

CHANNEL = "order"


class OrderFlow(Flow):
    """Holds the draft (with the shopper's personal details) until the service has the order.

    Signals:
        changed(phase, message): an :class:`OrderPhase` value and a message for the shopper.
        placed(): the service (or the outbox) has the order; :attr:`receipt` says which.
            The draft is already gone when it fires.
        draft_dropped(): the draft and its personal details are gone from memory.
    """

    changed = Signal(str, str)
    placed = Signal()
    draft_dropped = Signal()

    _draft: OrderDraft | None = None
    _phase: OrderPhase = OrderPhase.READY
    _receipt: Receipt | None = None

    @property
    def draft(self) -> OrderDraft | None:
        """The order being made (holds personal details until the service has them)."""
        return self._draft

    @property
    def phase(self) -> OrderPhase:
        return self._phase

    @property
    def receipt(self) -> Receipt | None:
        return self._receipt

    @property
    def sending(self) -> bool:
        return self._phase is OrderPhase.SENDING

    def start(self, item: OrderItem) -> None:
        """A warehouse size was chosen: order ``item`` (an address typed before is kept)."""
        if self._draft is None:
            self._draft = OrderDraft(item=item)
        else:
            self._draft.item = item

    def review(self, ship_to: ShipTo) -> bool:
        """Keep the address and open a fresh review; False when there is no draft.

        Each review gets one new idempotency key: every tap and retry of "Place order"
        on it reuses that key, so the service makes at most one order of it."""
        if self._draft is None:
            return False
        self._draft.ship_to = ship_to
        self._draft.idempotency_key = uuid.uuid4().hex
        self._set(OrderPhase.READY)
        return True

    def place(self) -> None:
        draft, backend = self._draft, self._backend
        if draft is None or backend is None:
            return
        if self._phase not in (OrderPhase.READY, OrderPhase.RETRY):
            return  # a double tap while sending, or refused for good
        assert draft.ship_to is not None and draft.idempotency_key is not None
        lines, ship_to, key = draft.item.lines(), draft.ship_to, draft.idempotency_key
        self._set(OrderPhase.SENDING)
        self._runner.submit(
            CHANNEL,
            lambda: backend.place_order(lines, ship_to, idempotency_key=key),
            self._answered,
            self._failed,
        )

    def end_review(self) -> None:
        """Back to the address form: the next review gets a new key."""
        self._runner.cancel(CHANNEL)
        if self._draft is not None:
            self._draft.idempotency_key = None
        self._phase = OrderPhase.READY

    def forget_receipt(self) -> None:
        self._receipt = None

    def reset(self) -> None:
        """Leave the journey: no unsent review, no receipt, no draft."""
        self._runner.cancel(CHANNEL)
        self._phase = OrderPhase.READY
        self._receipt = None
        self.drop_draft()

    def drop_draft(self) -> None:
        had = self._draft is not None
        self._draft = None
        if had:
            self.draft_dropped.emit()

    # --- answers -----------------------------------------------------------------------

    def _answered(self, order: Order) -> None:
        if self._on_screen():
            self._done(order.number, order.reserved_until, queued=False)

    def _failed(self, error: Exception) -> None:
        if not self._on_screen():
            return
        if was_queued(error):
            log.info("order saved in the outbox; it will be sent later")
            self._done(None, None, queued=True)
        elif isinstance(error, InventoryError):  # refused for good: say why, no retry
            log.warning("order refused: %s", type(error).__name__)
            self._set(OrderPhase.FAILED, error.user_message)
        else:
            log.error("placing the order crashed", exc_info=error)
            self._set(OrderPhase.RETRY, GENERIC_ERROR)

    def _done(self, number: str | None, reserved_until: datetime | None, *, queued: bool) -> None:
        """The service (or the outbox) has the order: forget the personal details now."""
        draft = self._draft
        assert draft is not None and draft.idempotency_key is not None
        self._receipt = Receipt(
            number=number,
            reference=reference_for(draft.idempotency_key),
            reserved_until=reserved_until,
            item=draft.item,
            queued=queued,
            idempotency_key=draft.idempotency_key,
        )
        self.drop_draft()
        self._phase = OrderPhase.READY
        self.placed.emit()

    def _set(self, phase: OrderPhase, message: str = "") -> None:
        self._phase = phase
        self.changed.emit(phase.value, message)
