"""The delivery policy table: per outbox kind, how it is sent and what each answer means.

Every write the kiosk makes goes through the outbox and one ``Delivery.send``; what differs
between kinds is only data, here::

    kind              sent as                        refused for good     after refusal  keeps
    ----------------  -----------------------------  -------------------  -------------  ----------
    order             POST /v1/orders, key           NoLongerAvailable,   DROP_CONTACT   id, number
                                                     NotFound, Rejected;
                                                     Unauthorized too
                                                     while the shopper
                                                     waits
    fetch_request     POST /v1/fetch-requests, key   NoLongerAvailable,   KEEP           id, ticket
                      (dropped unsent after 10 min)  NotFound, Rejected
    stock_adjustment  POST /v1/stock-adjustments,    NoLongerAvailable,   KEEP           id
                      key, staff key                 NotFound, Rejected
    demand            POST /v1/demand-events         NotFound, Rejected   FORGET         nothing
    back_in_stock     POST /v1/back-in-stock         NotFound, Rejected;  DROP_PAYLOAD   id
                      (its id is the key)            Unauthorized too
                                                     while the shopper
                                                     waits

"key" is the ``Idempotency-Key`` header. Any other error leaves the entry pending with its
backoff (``Outbox.record_error``); for orders, fetch requests and back-in-stock requests an
``Unavailable`` or ``InvalidResponse`` is raised again with ``queued=True`` (and the kind's
own words for the shopper), because the entry will be sent later. "After refusal" is the
privacy column (``_privacy.AfterRefusal``); "keeps" is what the outbox keeps once the
service acknowledged (the payload, with any personal data, always goes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, Literal, TypeVar

from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
)
from inventory_client._outbox import OutboxKind
from inventory_client._privacy import AfterRefusal, LogSafe
from inventory_client._transport import Transport
from inventory_client.models import BackInStockRequest, FetchRequest, Order, StockAdjustment

__all__ = [
    "FETCH_REQUEST_MAX_AGE",
    "DeliveryPolicies",
    "DeliveryPolicy",
    "Receipt",
    "delivery_policies",
]

R_co = TypeVar("R_co", covariant=True)

Receipt = tuple[str, str | None]
"""What the outbox keeps of an acknowledged entry: the service's id and number."""

Post = Callable[[Transport, str, Mapping[str, str]], R_co]
"""Send one payload with these headers; return the service's acknowledgement or raise."""

FETCH_REQUEST_MAX_AGE = timedelta(minutes=10)
"""A fetch request not sent by then is dropped: the shopper has left the kiosk."""

_REFUSED = (NoLongerAvailable, NotFound, Rejected)

_FETCH_QUEUED_MESSAGE = (
    "We can't reach our stock system right now. Your request is saved on this kiosk "
    "and a member of staff will be told as soon as the connection is back."
)
_BACK_IN_STOCK_QUEUED_MESSAGE = (
    "We can't reach our stock system right now. Your request is saved on this kiosk "
    "and will be sent as soon as the connection is back."
)


@dataclass(frozen=True, slots=True)
class DeliveryPolicy(Generic[R_co]):
    """How one outbox kind is delivered (one row of the table in the module docstring).

    Attributes:
        noun: The kind in words, for logs and messages ("order").
        post: How to send a payload (the headers come from the flags below).
        refused: Errors after which the entry is never sent again.
        after_refusal: What the outbox keeps of a refused entry.
        receipt: What the outbox keeps of an acknowledged one; None: it is forgotten.
        refused_with_shopper: Errors that are final only while the shopper waits (they are
            told at once); in the background the entry waits for the error to be fixed.
        idempotency_key: Send the entry's key as the ``Idempotency-Key`` header.
        staff_key: Send the store's staff key (``Unauthorized`` before sending without one).
        queued: Raise ``Unavailable``/``InvalidResponse`` again with ``queued=True``.
        queued_message: The shopper's words for that (None: the error class's own).
        max_age: A background send of an entry older than this drops it unsent.
    """

    noun: LogSafe
    post: Post[R_co]
    refused: tuple[type[InventoryError], ...]
    after_refusal: AfterRefusal
    receipt: Callable[[R_co], Receipt] | None
    refused_with_shopper: tuple[type[InventoryError], ...] = ()
    idempotency_key: bool = True
    staff_key: bool = False
    queued: bool = False
    queued_message: str | None = None
    max_age: timedelta | None = None


@dataclass(frozen=True, slots=True)
class DeliveryPolicies:
    """The table, one named policy per kind (so callers keep the result's type)."""

    order: DeliveryPolicy[Order]
    fetch_request: DeliveryPolicy[FetchRequest]
    stock_adjustment: DeliveryPolicy[StockAdjustment]
    demand: DeliveryPolicy[Literal[True]]
    back_in_stock: DeliveryPolicy[BackInStockRequest]

    def for_kind(self, kind: OutboxKind) -> DeliveryPolicy[object]:
        policy: DeliveryPolicy[object] = getattr(self, str(kind))
        return policy


def delivery_policies(*, kiosk_id: str, store_id: str) -> DeliveryPolicies:
    """The table for one kiosk (an order's acknowledgement must be for this kiosk)."""

    def post_order(transport: Transport, payload: str, headers: Mapping[str, str]) -> Order:
        order = transport.call("POST", "/v1/orders", Order, body=payload, headers=headers)
        if order.kiosk_id != kiosk_id or order.store_id != store_id:
            raise InvalidResponse("POST /v1/orders: acknowledgement is for another kiosk")
        return order

    return DeliveryPolicies(
        order=DeliveryPolicy(
            noun=LogSafe("order"),
            post=post_order,
            refused=_REFUSED,
            refused_with_shopper=(Unauthorized,),
            after_refusal=AfterRefusal.DROP_CONTACT,
            receipt=lambda order: (order.id, order.number),
            queued=True,
        ),
        fetch_request=DeliveryPolicy(
            noun=LogSafe("fetch request"),
            post=_post_fetch_request,
            refused=_REFUSED,
            after_refusal=AfterRefusal.KEEP,
            receipt=lambda request: (request.id, str(request.ticket)),
            queued=True,
            queued_message=_FETCH_QUEUED_MESSAGE,
            max_age=FETCH_REQUEST_MAX_AGE,
        ),
        stock_adjustment=DeliveryPolicy(
            noun=LogSafe("stock adjustment"),
            post=_post_stock_adjustment,
            refused=_REFUSED,
            after_refusal=AfterRefusal.KEEP,
            receipt=lambda adjustment: (adjustment.id, None),
            staff_key=True,
        ),
        demand=DeliveryPolicy(
            noun=LogSafe("demand event"),
            post=_post_demand_event,
            refused=(Rejected, NotFound),
            after_refusal=AfterRefusal.FORGET,
            receipt=None,  # worth nothing once counted
            idempotency_key=False,  # the event's id is in the body; a resend counts once
        ),
        back_in_stock=DeliveryPolicy(
            noun=LogSafe("back-in-stock request"),
            post=_post_back_in_stock,
            refused=(NotFound, Rejected),
            refused_with_shopper=(Unauthorized,),
            after_refusal=AfterRefusal.DROP_PAYLOAD,
            receipt=lambda stored: (stored.id, None),
            idempotency_key=False,  # the request's id is in the body
            queued=True,
            queued_message=_BACK_IN_STOCK_QUEUED_MESSAGE,
        ),
    )


def _post_fetch_request(
    transport: Transport, payload: str, headers: Mapping[str, str]
) -> FetchRequest:
    return transport.call("POST", "/v1/fetch-requests", FetchRequest, body=payload, headers=headers)


def _post_stock_adjustment(
    transport: Transport, payload: str, headers: Mapping[str, str]
) -> StockAdjustment:
    return transport.call(
        "POST", "/v1/stock-adjustments", StockAdjustment, body=payload, headers=headers
    )


def _post_demand_event(
    transport: Transport, payload: str, headers: Mapping[str, str]
) -> Literal[True]:
    transport.call_no_content("POST", "/v1/demand-events", body=payload, headers=headers)
    return True


def _post_back_in_stock(
    transport: Transport, payload: str, headers: Mapping[str, str]
) -> BackInStockRequest:
    return transport.call(
        "POST", "/v1/back-in-stock", BackInStockRequest, body=payload, headers=headers
    )
