"""What every subject's queries share: the ``Db``, row-to-model readers, idempotency keys,
the audit row, and the location and variant look-ups the other subjects build on.

The subject modules (``catalogue``, ``orders``, ``fetch_and_stock``, ...) are mixins of
``SqlStorage``; each inherits from ``SqlBase`` so the type checker sees what they use.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from inventory_client.models import Location, LocationKind, Style, Variant
from inventory_service.errors import IdempotencyConflict
from inventory_service.storage._text import iso
from inventory_service.storage.audit import append_audit
from inventory_service.storage.base import AuditStamp, Idempotency
from inventory_service.storage.dialect import Db, Row

ROUTE_ORDERS = "POST /v1/orders"
ROUTE_FETCH = "POST /v1/fetch-requests"
ROUTE_ADJUST = "POST /v1/stock-adjustments"


def location_of(row: Row) -> Location:
    return Location(
        id=row["id"],
        name=row["name"],
        kind=LocationKind(row["kind"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
    )


def style_of(row: Row) -> Style:
    return Style(
        id=row["id"],
        name=row["name"],
        brand=row["brand"],
        colour=row["colour"],
        price=Decimal(row["price"]),
        currency=row["currency"],
        image=row["image"],
        description=row["description"] or "",
    )


def variant_of(row: Row) -> Variant:
    return Variant(
        gtin=row["gtin"],
        style_id=row["style_id"],
        size_eu=row["size_eu"],
        size_uk=row["size_uk"],
        size_us=row["size_us"],
        width=row["width"],
    )


class SqlBase:
    """The connection and the helpers every subject uses."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def close(self) -> None:
        self.db.close()

    # --- shared look-ups ------------------------------------------------------------

    def list_locations(self) -> list[Location]:
        return [location_of(r) for r in self.db.all("SELECT * FROM locations ORDER BY id")]

    def get_location(self, location_id: str) -> Location | None:
        row = self.db.one("SELECT * FROM locations WHERE id = ?", (location_id,))
        return location_of(row) if row else None

    def list_variants(self, style_id: str) -> list[Variant]:
        rows = self.db.all(
            "SELECT * FROM variants WHERE style_id = ? "
            f"ORDER BY {self.db.size_key('size_eu')}, width, gtin",
            (style_id,),
        )
        return [variant_of(r) for r in rows]

    def _gtin_known(self, gtin: str) -> bool:
        return self.db.one("SELECT 1 AS x FROM variants WHERE gtin = ?", (gtin,)) is not None

    # --- idempotency keys -------------------------------------------------------------

    def _check_idempotency(self, route: str, idem: Idempotency, store_id: str) -> str | None:
        """The resource made earlier with this key in this store, or None; 409 when the
        body differs. Each store has its own key space: another store's key is unknown."""
        row = self.db.one(
            "SELECT body_hash, resource_id FROM idempotency "
            "WHERE store_id = ? AND route = ? AND key = ?",
            (store_id, route, idem.key),
        )
        if row is None:
            return None
        if row["body_hash"] != idem.body_hash:
            raise IdempotencyConflict(
                "This Idempotency-Key was already used with a different request body."
            )
        return str(row["resource_id"])

    def _remember_idempotency(
        self, route: str, idem: Idempotency, resource_id: str, now: datetime, store_id: str
    ) -> None:
        """Inside the transaction that made the resource; the (store, route, key) primary
        key makes a second insert fail, so two workers can never both create."""
        self.db.run(
            "INSERT INTO idempotency (store_id, route, key, body_hash, resource_id, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (store_id, route, idem.key, idem.body_hash, resource_id, iso(now)),
        )

    # --- audit ------------------------------------------------------------------------

    def _insert_audit(self, stamp: AuditStamp, action: str, detail: str, now: datetime) -> None:
        """One sealed audit row, inside the caller's transaction (``storage.audit``)."""
        append_audit(self.db, stamp, action, detail, now)
