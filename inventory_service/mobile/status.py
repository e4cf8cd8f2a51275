"""What the status page says about an order: the state in the shopper's words and what
to do next. Plain Python over the ``Order``; the template only shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inventory_client.models import Order, OrderStatus
from inventory_service import rules
from inventory_service.mobile.i18n import Translate

#: How long a status link works after the order was made.
STATUS_LINK_DAYS = 60

_NEXT = {
    "reserved": "Pay at the counter of {store} before the hold ends; show this page or "
    "your order number.",
    "paid": "Paid, thank you. We send the pair to your home and this page says when it leaves.",
    "shipped": "Your pair is on its way.",
    "cancelled": "This order was cancelled. Nothing is charged; ask at {store} if you did not "
    "expect this.",
    "hold expired": "The hold ended before the order was paid, so the pair went back on sale. "
    "Scan the shoe at {store} again to order it anew.",
}


@dataclass(frozen=True)
class StatusView:
    state: str  # reserved, paid, shipped, cancelled, hold expired (English key)
    label: str  # the state in the shopper's language
    hold_until: datetime | None
    next_step: str


def state_of(order: Order) -> str:
    """The five states a shopper tells apart: a cancel by the hold's end is its own."""
    expired = bool(order.history) and order.history[-1].note == rules.HOLD_EXPIRED_NOTE
    if order.status == OrderStatus.CANCELLED and expired:
        return "hold expired"
    return str(order.status)


def status_view(order: Order, store_name: str, t: Translate) -> StatusView:
    state = state_of(order)
    hold = order.reserved_until if order.status == OrderStatus.RESERVED else None
    return StatusView(
        state=state,
        label=t(state),
        hold_until=hold,
        next_step=t(_NEXT[state]).format(store=store_name),
    )
