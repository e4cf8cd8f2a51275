"""Pure business rules shared by every storage backend: which warehouse ships, how long
a hold lasts, what a status change does to stock, one currency per order, counts, codes.

Nothing here touches a database or HTTP: the storage asks these functions and writes what
they decide, so the SQLite and PostgreSQL backends cannot disagree on a rule.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from inventory_client.models import (
    AdjustmentKind,
    FetchStatus,
    Location,
    LocationKind,
    OrderLine,
    OrderLineRequest,
    OrderStatus,
)
from inventory_service.errors import InvalidRequest

EARTH_RADIUS_KM = 6371.0088

#: Order codes avoid 0/O, 1/I/L so a shopper can read one aloud or type it.
ORDER_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ORDER_CODE_PREFIX = "EA-"
ORDER_CODE_LENGTH = 6

ORDER_TRANSITIONS: Mapping[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.RESERVED: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

FETCH_TRANSITIONS: Mapping[FetchStatus, frozenset[FetchStatus]] = {
    FetchStatus.OPEN: frozenset({FetchStatus.CLAIMED, FetchStatus.CANCELLED}),
    FetchStatus.CLAIMED: frozenset({FetchStatus.DONE, FetchStatus.CANCELLED, FetchStatus.OPEN}),
    FetchStatus.DONE: frozenset(),
    FetchStatus.CANCELLED: frozenset(),
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two WGS84 points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --- where an order ships from ------------------------------------------------------


def warehouses_nearest_first(store: Location, locations: Iterable[Location]) -> list[Location]:
    """The warehouses among ``locations``, nearest to ``store`` first (ties by id)."""

    def distance(w: Location) -> tuple[float, str]:
        return haversine_km(store.latitude, store.longitude, w.latitude, w.longitude), w.id

    return sorted((loc for loc in locations if loc.kind == LocationKind.WAREHOUSE), key=distance)


def pick_warehouse(
    quantity: int, available: Mapping[str, int], nearest_first: list[Location]
) -> str | None:
    """The nearest warehouse that can ship ``quantity`` pairs on its own, or None."""
    return next((w.id for w in nearest_first if available.get(w.id, 0) >= quantity), None)


def merge_order_lines(lines: Iterable[OrderLineRequest]) -> dict[str, int]:
    """Pairs wanted per GTIN: two lines of one GTIN reserve two pairs."""
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.gtin] = wanted.get(line.gtin, 0) + line.quantity
    return wanted


def one_currency(currency: str | None, line_currency: str) -> str:
    """The order's currency once this line is added; all lines must share it."""
    if currency is not None and line_currency != currency:
        raise InvalidRequest("All lines of one order must share one currency.")
    return line_currency


def order_total(lines: Iterable[OrderLine]) -> Decimal:
    return sum((ln.unit_price * ln.quantity for ln in lines), Decimal("0"))


#: A stock report lists the asking store and at most this many other stores, nearest first.
NEARBY_STORES_LISTED = 10


# --- holds and what a status change does to stock ------------------------------------

#: Only an unpaid order's hold runs out; a paid order keeps its pairs until shipped.
EXPIRING_STATUS = OrderStatus.RESERVED
HOLD_EXPIRED_NOTE = "hold expired"


def hold_deadline(now: datetime, hold: timedelta) -> datetime:
    """Until when a new order reserves its pairs."""
    return now + hold


def keeps_hold(status: OrderStatus) -> bool:
    """Whether an order in ``status`` still has a hold deadline."""
    return status in (OrderStatus.RESERVED, OrderStatus.PAID)


def stock_effect(new: OrderStatus) -> tuple[int, int]:
    """Per ordered pair, (change of on hand, change of reserved) when an order becomes
    ``new``: shipping takes the pair off the shelf, cancelling frees it."""
    if new == OrderStatus.SHIPPED:
        return -1, -1
    if new == OrderStatus.CANCELLED:
        return 0, -1
    return 0, 0


# --- stock counts --------------------------------------------------------------------


def on_hand_after(kind: AdjustmentKind, quantity: int, before: int, reserved: int) -> int:
    """On hand after a staff adjustment; refuses counts below zero or below reservations."""
    if kind == AdjustmentKind.RECEIVE:
        after = before + quantity
    else:
        if quantity < 0:
            raise InvalidRequest("A stock count cannot be negative.")
        after = quantity
    if after < 0:
        raise InvalidRequest(f"Only {before} pairs are on hand; cannot remove {-quantity}.")
    if after < reserved:
        raise InvalidRequest(
            f"{reserved} pairs are reserved for orders; on hand cannot go below that."
        )
    return after


# --- transitions and codes -----------------------------------------------------------


def order_transition_allowed(current: OrderStatus, new: OrderStatus) -> bool:
    return new in ORDER_TRANSITIONS[current]


def fetch_transition_allowed(current: FetchStatus, new: FetchStatus) -> bool:
    return new in FETCH_TRANSITIONS[current]


def new_order_number() -> str:
    """A short human code such as ``EA-4K7Q9M`` (31^6 ≈ 887 million values)."""
    body = "".join(secrets.choice(ORDER_CODE_ALPHABET) for _ in range(ORDER_CODE_LENGTH))
    return ORDER_CODE_PREFIX + body


def body_hash(payload: Any) -> str:
    """Stable hash of a JSON-able request body, for idempotency comparisons."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hash_api_key(key: str) -> str:
    """Keys are stored only as their sha256 hex digest."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_api_key() -> str:
    """A fresh random bearer key (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)
