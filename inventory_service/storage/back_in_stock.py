"""SQL for shoppers' back-in-stock requests ("email me when this size is back").

The email address is personal data: it is stored for the store to follow up, returned
only to staff, and never written to a log.
"""

from __future__ import annotations

from datetime import datetime

from inventory_client.models import BackInStockCreate, BackInStockRequest
from inventory_service.errors import IdempotencyConflict, NotFound
from inventory_service.storage._text import iso, parse_at
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import SqlBase

_SELECT = (
    "SELECT b.*, v.style_id, v.size_eu, s.name AS style_name FROM back_in_stock b "
    "JOIN variants v ON v.gtin = b.gtin JOIN styles s ON s.id = v.style_id"
)
_SAME = ("gtin", "email", "language", "kiosk_id", "store_id")


def _back_in_stock(row: Row) -> BackInStockRequest:
    return BackInStockRequest(
        id=row["id"],
        gtin=row["gtin"],
        style_id=row["style_id"],
        style_name=row["style_name"],
        size_eu=row["size_eu"],
        email=row["email"],
        language=row["language"],
        kiosk_id=row["kiosk_id"],
        store_id=row["store_id"],
        at=parse_at(row["at"]),
        received_at=parse_at(row["received_at"]),
    )


class BackInStockSql(SqlBase):
    def record_back_in_stock(
        self, request: BackInStockCreate, *, received_at: datetime
    ) -> tuple[BackInStockRequest, bool]:
        if not self._gtin_known(request.gtin):
            raise NotFound(f"No shoe with GTIN {request.gtin} in the catalogue.")
        if self.get_location(request.store_id) is None:
            raise NotFound(f"No store {request.store_id!r}.")
        added = self.db.run(
            "INSERT INTO back_in_stock (id, store_id, kiosk_id, gtin, email, "
            "language, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                request.id,
                request.store_id,
                request.kiosk_id,
                request.gtin,
                request.email,
                request.language,
                iso(request.at),
                iso(received_at),
            ),
        )
        row = self.db.one(
            _SELECT + " WHERE b.store_id = ? AND b.id = ?", (request.store_id, request.id)
        )
        assert row is not None
        stored = _back_in_stock(row)
        if added != 1 and any(getattr(stored, name) != getattr(request, name) for name in _SAME):
            raise IdempotencyConflict("This id was already used for another back-in-stock request.")
        return stored, added == 1

    def list_back_in_stock(
        self, store_id: str, gtin: str | None, limit: int
    ) -> list[BackInStockRequest]:
        where, params = "WHERE b.store_id = ?", [store_id]
        if gtin is not None:
            where += " AND b.gtin = ?"
            params.append(gtin)
        rows = self.db.all(
            f"{_SELECT} {where} ORDER BY b.at DESC, b.rowid DESC LIMIT ?", (*params, limit)
        )
        return [_back_in_stock(r) for r in rows]
