"""A ship-to-home order while the shopper makes it, and what is left of it afterwards.

:class:`OrderDraft` holds the personal details only between the form and the service's
acknowledgement; :class:`Receipt` is what the confirmation screen shows and holds none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

from babel.dates import format_date, format_time

from inventory_client.handoff import kiosk_reference
from inventory_client.models import OrderLineRequest, ShipTo, SizeRun


@dataclass(frozen=True)
class OrderItem:
    """The pair being ordered, as the review screen describes it."""

    gtin: str
    style_name: str
    brand: str
    colour: str
    size_eu: str
    size_uk: str
    size_us: str
    price: Decimal
    currency: str

    @classmethod
    def from_run(cls, run: SizeRun, gtin: str) -> OrderItem:
        size = next(s for s in run.sizes if s.variant.gtin == gtin)
        style = run.style
        return cls(
            gtin=gtin,
            style_name=style.name,
            brand=style.brand,
            colour=style.colour,
            size_eu=size.variant.size_eu,
            size_uk=size.variant.size_uk,
            size_us=size.variant.size_us,
            price=style.price,
            currency=style.currency,
        )

    def lines(self) -> list[OrderLineRequest]:
        return [OrderLineRequest(gtin=self.gtin, quantity=1)]


@dataclass
class OrderDraft:
    """The order being made. ``idempotency_key`` is set when the review screen opens and
    kept for every tap and retry of "Place order" on that review."""

    item: OrderItem
    ship_to: ShipTo | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Receipt:
    """What the confirmation shows. ``number`` is ``None`` while the order waits in the
    outbox (``queued``); ``reference`` then lets staff find it on this kiosk."""

    number: str | None
    reference: str
    reserved_until: datetime | None
    item: OrderItem
    queued: bool
    #: The order's key: the status page's link derives from it (``inventory_client.handoff``).
    idempotency_key: str = ""

    @property
    def code(self) -> str:
        """What the QR code and the big text show."""
        return self.number or self.reference


def reference_for(idempotency_key: str) -> str:
    """A short reference staff can match against the outbox and look up at the service
    (the key's first 8 chars; ``inventory_client.handoff.kiosk_reference``)."""
    return kiosk_reference(idempotency_key)


def add_working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Monday to Friday)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def delivery_estimate(today: date, days: int, language: str) -> str:
    """The latest delivery date as the shopper reads dates, e.g. ``Thursday, 12 June``."""
    return format_date(add_working_days(today, days), format="EEEE, d MMMM", locale=language)


def reserved_time(until: datetime, language: str, tz: tzinfo | None = None) -> str:
    """``18:30`` (or ``6:30 PM`` in English) in the kiosk's local time zone."""
    local = until.astimezone(tz)
    return format_time(local, format="short", locale=language)
