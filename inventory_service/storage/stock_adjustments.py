"""SQL for staff stock adjustments (receive, count) and their audit rows."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from inventory_client.models import AdjustmentKind, StockAdjustment, StockAdjustmentCreate
from inventory_service import rules
from inventory_service.errors import InvalidRequest
from inventory_service.storage._text import iso, parse_at
from inventory_service.storage.base import AuditStamp, Idempotency
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import ROUTE_ADJUST, SqlBase

_INSERT = (
    "INSERT INTO stock_adjustments (id, location_id, gtin, kind, quantity, actor, "
    "reason, key_id, at, on_hand_before, reserved_before, on_hand, reserved) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SET_ON_HAND = (
    "INSERT INTO stock (location_id, gtin, on_hand, reserved) VALUES (?, ?, ?, 0) "
    "ON CONFLICT (location_id, gtin) DO UPDATE SET on_hand = excluded.on_hand"
)


def _adjustment(row: Row) -> StockAdjustment:
    return StockAdjustment(
        id=row["id"],
        location_id=row["location_id"],
        gtin=row["gtin"],
        kind=AdjustmentKind(row["kind"]),
        quantity=row["quantity"],
        actor=row["actor"],
        reason=row["reason"],
        at=parse_at(row["at"]),
        on_hand=row["on_hand"],
        reserved=row["reserved"],
    )


class StockAdjustmentsSql(SqlBase):
    def _current_level(self, location_id: str, gtin: str) -> tuple[int, int]:
        """(on hand, reserved); (0, 0) when the location never had this GTIN."""
        row = self.db.one(
            "SELECT on_hand, reserved FROM stock WHERE location_id = ? AND gtin = ?",
            (location_id, gtin),
        )
        return (row["on_hand"], row["reserved"]) if row else (0, 0)

    def _write_adjustment(
        self,
        *,
        location_id: str,
        gtin: str,
        kind: AdjustmentKind,
        quantity: int,
        actor: str,
        reason: str | None,
        key_id: int | None,
        now: datetime,
        before: tuple[int, int],
        after: int,
    ) -> str:
        """Set on hand and record the adjustment, in the caller's transaction; its id."""
        self.db.run(_SET_ON_HAND, (location_id, gtin, after))
        adjustment_id = str(uuid.uuid4())
        on_hand_before, reserved = before
        self.db.run(
            _INSERT,
            (
                adjustment_id,
                location_id,
                gtin,
                str(kind),
                quantity,
                actor,
                reason,
                key_id,
                iso(now),
                on_hand_before,
                reserved,
                after,
                reserved,
            ),
        )
        return adjustment_id

    def adjust_stock(
        self,
        request: StockAdjustmentCreate,
        *,
        idempotency: Idempotency,
        key_id: int | None,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> tuple[StockAdjustment, bool]:
        def run() -> tuple[StockAdjustment, bool]:
            earlier = self._check_idempotency(ROUTE_ADJUST, idempotency, request.location_id)
            if earlier is not None:
                found = self._adjustment(earlier)
                assert found is not None
                return found, False
            if self.get_location(request.location_id) is None:
                raise InvalidRequest(f"Unknown location {request.location_id!r}.")
            if not self._gtin_known(request.gtin):
                raise InvalidRequest(f"Unknown GTIN {request.gtin}.")
            before = self._current_level(request.location_id, request.gtin)
            after = rules.on_hand_after(request.kind, request.quantity, *before)
            adjustment_id = self._write_adjustment(
                location_id=request.location_id,
                gtin=request.gtin,
                kind=request.kind,
                quantity=request.quantity,
                actor=request.actor,
                reason=request.reason,
                key_id=key_id,
                now=now,
                before=before,
                after=after,
            )
            self._remember_idempotency(
                ROUTE_ADJUST, idempotency, adjustment_id, now, request.location_id
            )
            if audit is not None:
                self._insert_audit(
                    audit,
                    f"stock.{request.kind}",
                    f"{request.location_id} GTIN {request.gtin}: on hand {before[0]} -> {after}"
                    + (f"; reason: {request.reason}" if request.reason else ""),
                    now,
                )
            made = self._adjustment(adjustment_id)
            assert made is not None
            return made, True

        return self.db.transact(run)

    def _adjustment(self, adjustment_id: str) -> StockAdjustment | None:
        row = self.db.one("SELECT * FROM stock_adjustments WHERE id = ?", (adjustment_id,))
        return _adjustment(row) if row else None

    def list_stock_adjustments(self, location_id: str, limit: int) -> list[StockAdjustment]:
        rows = self.db.all(
            "SELECT * FROM stock_adjustments WHERE location_id = ? "
            "ORDER BY at DESC, rowid DESC LIMIT ?",
            (location_id, limit),
        )
        return [_adjustment(r) for r in rows]

    def adjustment_audit(self, adjustment_id: str) -> dict[str, Any] | None:
        """The full audit row (who, which key, before and after) for one adjustment."""
        row = self.db.one("SELECT * FROM stock_adjustments WHERE id = ?", (adjustment_id,))
        if row is None:
            return None
        row.pop("rowid", None)  # PostgreSQL's ordering column, not part of the record
        return row
