"""Pure business rules shared by every storage backend: distances, transitions, codes.

Nothing here touches a database or HTTP, so a PostgreSQL backend reuses it unchanged.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
from collections.abc import Mapping
from typing import Any

from inventory_client.models import FetchStatus, OrderStatus

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
