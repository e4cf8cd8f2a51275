"""SQL for orders: reserve and create, status changes, hold expiry, reads.

Reserving is a conditional update (``reserved + n`` only while ``on_hand - reserved >= n``)
inside the ``Db.transact`` write transaction, and the order's idempotency key is inserted
in that same transaction: a retry (on any worker) finds the key and gets the first order.
Which warehouse ships, how long the hold lasts and what a status change does to stock are
``rules``; this module only reads and writes what they decide.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from inventory_client.models import (
    LocationKind,
    Order,
    OrderCreate,
    OrderEvent,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    ShipTo,
)
from inventory_service import personal_data, rules
from inventory_service.errors import (
    InvalidRequest,
    InvalidTransition,
    NoLongerAvailable,
    NotFound,
)
from inventory_service.storage._text import iso, parse_at, parse_dt
from inventory_service.storage.base import AuditStamp, Idempotency
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import ROUTE_ORDERS, SqlBase

_SOLD_OUT = "Sorry, this size is no longer available to order."


class OrdersSql(SqlBase):
    def create_order(
        self,
        request: OrderCreate,
        *,
        idempotency: Idempotency,
        actor: str,
        now: datetime,
        hold: timedelta,
    ) -> tuple[Order, bool]:
        def run() -> tuple[Order, bool]:
            earlier = self._check_idempotency(ROUTE_ORDERS, idempotency, request.store_id)
            if earlier is not None:
                order = self.get_order(earlier)
                if order is None:  # pragma: no cover - orders are never deleted
                    raise NotFound("The order made with this key no longer exists.")
                return order, False
            store = self.get_location(request.store_id)
            if store is None or store.kind != LocationKind.STORE:
                raise InvalidRequest(f"Unknown store {request.store_id!r}.")
            warehouses = rules.warehouses_nearest_first(store, self.list_locations())
            lines: list[OrderLine] = []
            currency: str | None = None
            short: list[dict[str, Any]] = []
            for gtin, quantity in rules.merge_order_lines(request.lines).items():
                detail = self.db.one(
                    "SELECT v.gtin, v.size_eu, s.id AS style_id, s.name, s.price, s.currency "
                    "FROM variants v JOIN styles s ON s.id = v.style_id WHERE v.gtin = ?",
                    (gtin,),
                )
                if detail is None:
                    raise InvalidRequest(
                        f"Unknown GTIN {gtin}.", [{"loc": ["body", "lines"], "gtin": gtin}]
                    )
                currency = rules.one_currency(currency, detail["currency"])
                source = rules.pick_warehouse(
                    quantity, self._available(gtin, [w.id for w in warehouses]), warehouses
                )
                if source is None:
                    short.append({"gtin": gtin, "requested": quantity})
                    continue
                lines.append(
                    OrderLine(
                        gtin=gtin,
                        quantity=quantity,
                        style_id=detail["style_id"],
                        style_name=detail["name"],
                        size_eu=detail["size_eu"],
                        unit_price=Decimal(detail["price"]),
                        fulfilled_from=source,
                    )
                )
            if short:
                raise NoLongerAvailable(_SOLD_OUT, short)
            for line in lines:
                reserved = self.db.run(
                    "UPDATE stock SET reserved = reserved + ?1 WHERE location_id = ?2 "
                    "AND gtin = ?3 AND on_hand - reserved >= ?1",
                    (line.quantity, line.fulfilled_from, line.gtin),
                )
                if reserved != 1:  # pragma: no cover - the transaction makes this impossible
                    raise NoLongerAvailable(_SOLD_OUT)
            assert currency is not None  # an order has at least one line
            order_id = str(uuid.uuid4())
            self.db.run(
                "INSERT INTO orders (id, number, status, kiosk_id, store_id, total, currency, "
                "ship_to, created_at, reserved_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    order_id,
                    self._unique_order_number(),
                    str(OrderStatus.RESERVED),
                    request.kiosk_id,
                    request.store_id,
                    str(rules.order_total(lines)),
                    currency,
                    request.ship_to.model_dump_json(),
                    iso(now),
                    iso(rules.hold_deadline(now, hold)),
                ),
            )
            self.db.many(
                "INSERT INTO order_lines (order_id, line_no, gtin, quantity, style_id, "
                "style_name, size_eu, unit_price, fulfilled_from) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        order_id,
                        i,
                        ln.gtin,
                        ln.quantity,
                        ln.style_id,
                        ln.style_name,
                        ln.size_eu,
                        str(ln.unit_price),
                        ln.fulfilled_from,
                    )
                    for i, ln in enumerate(lines, start=1)
                ],
            )
            self._add_order_event(order_id, OrderStatus.RESERVED, now, actor, None)
            self._remember_idempotency(ROUTE_ORDERS, idempotency, order_id, now, request.store_id)
            order = self.get_order(order_id)
            assert order is not None
            return order, True

        # Expired holds are freed first, in their own transaction: inside the order's, the
        # scan of expired orders would make every two concurrent orders conflict.
        self.release_expired_holds(now)
        return self.db.transact(run)

    def _available(self, gtin: str, location_ids: list[str]) -> dict[str, int]:
        """Pairs free to order per location (those without a stock row have none)."""
        if not location_ids:
            return {}
        marks = ",".join("?" * len(location_ids))
        rows = self.db.all(
            "SELECT location_id, on_hand - reserved AS free FROM stock "
            f"WHERE gtin = ? AND location_id IN ({marks})",
            (gtin, *location_ids),
        )
        return {r["location_id"]: r["free"] for r in rows}

    def _unique_order_number(self) -> str:
        for _ in range(20):
            number = rules.new_order_number()
            if self.db.one("SELECT 1 AS x FROM orders WHERE number = ?", (number,)) is None:
                return number
        raise RuntimeError("could not find a free order number")  # pragma: no cover

    def _add_order_event(
        self, order_id: str, status: OrderStatus, at: datetime, actor: str, note: str | None
    ) -> None:
        self.db.run(
            "INSERT INTO order_events (order_id, status, at, actor, note) VALUES (?, ?, ?, ?, ?)",
            (order_id, str(status), iso(at), actor, note),
        )

    def _apply_stock_effect(self, order_id: str, new: OrderStatus) -> None:
        """Move the order's pairs as ``rules.stock_effect`` says for the new status."""
        on_hand, reserved = rules.stock_effect(new)
        if (on_hand, reserved) == (0, 0):
            return
        for ln in self.db.all(
            "SELECT gtin, quantity, fulfilled_from FROM order_lines WHERE order_id = ?",
            (order_id,),
        ):
            self.db.run(
                "UPDATE stock SET on_hand = on_hand + ?1, reserved = reserved + ?2 "
                "WHERE location_id = ?3 AND gtin = ?4",
                (
                    on_hand * ln["quantity"],
                    reserved * ln["quantity"],
                    ln["fulfilled_from"],
                    ln["gtin"],
                ),
            )

    # --- hold expiry ------------------------------------------------------------------

    def release_expired_holds(self, now: datetime) -> int:
        """Release expired holds; a plain read first, so the usual case takes no lock."""
        if not self._has_expired_holds(now):
            return 0
        return self.db.transact(lambda: self._release_expired_holds(now))

    def _has_expired_holds(self, now: datetime) -> bool:
        row = self.db.one(
            "SELECT 1 AS x FROM orders WHERE status = ? AND reserved_until < ? LIMIT 1",
            (str(rules.EXPIRING_STATUS), iso(now)),
        )
        return row is not None

    def _release_expired_holds(self, now: datetime) -> int:
        """Cancel unpaid orders whose hold ran out, freeing their pairs.

        Runs inside the caller's transaction. Each order is cancelled by a conditional
        update (still reserved?), so when two workers expire the same order only the one
        whose update changed the row frees its pairs.
        """
        expired = self.db.all(
            "SELECT id FROM orders WHERE status = ? AND reserved_until < ?",
            (str(rules.EXPIRING_STATUS), iso(now)),
        )
        released = 0
        for row in expired:
            changed = self.db.run(
                "UPDATE orders SET status = ?, reserved_until = NULL WHERE id = ? AND status = ?",
                (str(OrderStatus.CANCELLED), row["id"], str(rules.EXPIRING_STATUS)),
            )
            if changed != 1:
                continue
            self._apply_stock_effect(row["id"], OrderStatus.CANCELLED)
            self._add_order_event(
                row["id"], OrderStatus.CANCELLED, now, "system", rules.HOLD_EXPIRED_NOTE
            )
            released += 1
        return released

    # --- status changes -----------------------------------------------------------------

    def change_order_status(
        self,
        order_id: str,
        change: OrderStatusChange,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> Order:
        def run() -> Order:
            # An unpaid order whose hold ran out is cancelled first: its pair may have
            # gone to another shopper, so it can no longer be marked paid.
            self._release_expired_holds(now)
            row = self.db.one(
                "SELECT status, number, ship_to FROM orders WHERE id = ?", (order_id,)
            )
            if row is None:
                raise NotFound("No such order.")
            # A note is for staff; the shopper's own details never get copied into it.
            note = personal_data.scrub_note(change.note, row["ship_to"])
            current = OrderStatus(row["status"])
            new = change.status
            if not rules.order_transition_allowed(current, new):
                raise InvalidTransition(f"An order that is {current} cannot become {new}.")
            self._apply_stock_effect(order_id, new)
            self.db.run(
                "UPDATE orders SET status = ?, reserved_until = "
                "CASE WHEN ? THEN reserved_until ELSE NULL END WHERE id = ?",
                (str(new), rules.keeps_hold(new), order_id),
            )
            self._add_order_event(order_id, new, now, actor, note)
            if audit is not None:
                reason = f"; note: {note}" if note else ""
                self._insert_audit(
                    audit,
                    "order.status",
                    f"order {row['number']}: {current} -> {new}{reason}",
                    now,
                )
            order = self.get_order(order_id)
            assert order is not None
            return order

        return self.db.transact(run)

    # --- reads ------------------------------------------------------------------------

    def get_order(self, order_id: str) -> Order | None:
        row = self.db.one("SELECT * FROM orders WHERE id = ?", (order_id,))
        return self._order(row) if row else None

    def get_order_by_number(self, number: str) -> Order | None:
        row = self.db.one("SELECT * FROM orders WHERE number = ?", (number,))
        return self._order(row) if row else None

    def list_orders(self, store_id: str, status: str | None, limit: int) -> list[Order]:
        sql = "SELECT * FROM orders WHERE store_id = ?"
        params: list[Any] = [store_id]
        if status is not None:
            sql += " AND status = ?"
            params.append(str(status))
        sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
        params.append(limit)
        return [self._order(r) for r in self.db.all(sql, params)]

    def _order(self, row: Row) -> Order:
        lines = [
            OrderLine(
                gtin=r["gtin"],
                quantity=r["quantity"],
                style_id=r["style_id"],
                style_name=r["style_name"],
                size_eu=r["size_eu"],
                unit_price=Decimal(r["unit_price"]),
                fulfilled_from=r["fulfilled_from"],
            )
            for r in self.db.all(
                "SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no", (row["id"],)
            )
        ]
        history = [
            OrderEvent(
                status=OrderStatus(r["status"]),
                at=parse_at(r["at"]),
                actor=r["actor"],
                note=r["note"],
            )
            for r in self.db.all(
                "SELECT * FROM order_events WHERE order_id = ? ORDER BY id", (row["id"],)
            )
        ]
        return Order(
            id=row["id"],
            number=row["number"],
            status=OrderStatus(row["status"]),
            kiosk_id=row["kiosk_id"],
            store_id=row["store_id"],
            lines=lines,
            total=Decimal(row["total"]),
            currency=row["currency"],
            ship_to=ShipTo.model_validate_json(row["ship_to"]),
            created_at=parse_at(row["created_at"]),
            reserved_until=parse_dt(row["reserved_until"]),
            history=history,
        )
