"""SQLite backend: every SQL statement of the service lives in this module.

One ``SqliteStorage`` wraps one connection and is used by one request at a time.
Writes that reserve or decrement stock run inside ``BEGIN IMMEDIATE``: the write lock is
taken before the stock is read, so two kiosks racing for the last pair are serialised
and the second one sees the pair already reserved.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlite_utils

from inventory_client.models import (
    AdjustmentKind,
    DemandEventCreate,
    FetchRequest,
    FetchRequestCreate,
    FetchStatus,
    Location,
    LocationKind,
    Order,
    OrderCreate,
    OrderEvent,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    ShipTo,
    StockAdjustment,
    StockAdjustmentCreate,
    Style,
    Variant,
    VariantDetail,
)
from inventory_service import rules
from inventory_service.errors import (
    IdempotencyConflict,
    InvalidRequest,
    InvalidTransition,
    NoLongerAvailable,
    NotFound,
)
from inventory_service.storage._admin_sql import AdminQueries
from inventory_service.storage._back_in_stock_sql import BackInStockQueries
from inventory_service.storage._text import iso as _iso
from inventory_service.storage._text import parse_dt as _dt
from inventory_service.storage.base import (
    ApiKey,
    AuditStamp,
    Idempotency,
    ImportCounts,
    KeyScope,
    StockLevel,
    StockRecord,
)
from inventory_service.storage.schema import applied_migrations, migrate

#: How long a writer waits for the lock before SQLite gives up (seconds).
BUSY_TIMEOUT_S = 15.0

ROUTE_ORDERS = "POST /v1/orders"
ROUTE_FETCH = "POST /v1/fetch-requests"
ROUTE_ADJUST = "POST /v1/stock-adjustments"


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open a connection configured the way every part of the service expects.

    ``isolation_level=None`` hands transaction control to us (explicit BEGIN/COMMIT);
    ``check_same_thread=False`` because FastAPI may run a request's dependency and its
    handler on different worker threads — the connection is still never shared between
    two requests.
    """
    conn = sqlite3.connect(
        str(db_path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def initialise(db_path: str | Path) -> list[str]:
    """Create or upgrade the database file; returns the applied migration names."""
    conn = connect(db_path)
    try:
        db = sqlite_utils.Database(conn)
        migrate(db)
        return applied_migrations(db)
    finally:
        conn.close()


class SqliteStorage(AdminQueries, BackInStockQueries):
    """The reference ``Storage`` over one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, db_path: str | Path) -> SqliteStorage:
        return cls(connect(db_path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SqliteStorage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions -------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: take the write lock before reading."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def _check_idempotency(self, route: str, idem: Idempotency) -> str | None:
        """The resource made earlier with this key, or None; 409 when the body differs."""
        row = self._one(
            "SELECT body_hash, resource_id FROM idempotency WHERE route = ? AND key = ?",
            (route, idem.key),
        )
        if row is None:
            return None
        if row["body_hash"] != idem.body_hash:
            raise IdempotencyConflict(
                "This Idempotency-Key was already used with a different request body."
            )
        return str(row["resource_id"])

    def _remember_idempotency(
        self, route: str, idem: Idempotency, resource_id: str, now: datetime
    ) -> None:
        self.conn.execute(
            "INSERT INTO idempotency (route, key, body_hash, resource_id, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (route, idem.key, idem.body_hash, resource_id, _iso(now)),
        )

    # --- keys ---------------------------------------------------------------------

    def add_api_key(
        self, key_hash: str, scope: KeyScope, store_id: str, kiosk_id: str | None, label: str
    ) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO api_keys (key_hash, scope, store_id, kiosk_id, label, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (key_hash, str(scope), store_id, kiosk_id, label, _iso(datetime.now(UTC))),
        )
        return cur.rowcount == 1

    def find_api_key(self, key_hash: str) -> ApiKey | None:
        row = self._one(
            "SELECT id, scope, store_id, kiosk_id, label FROM api_keys WHERE key_hash = ?",
            (key_hash,),
        )
        if row is None:
            return None
        return ApiKey(
            id=row["id"],
            scope=KeyScope(row["scope"]),
            store_id=row["store_id"],
            kiosk_id=row["kiosk_id"],
            label=row["label"],
        )

    # --- catalogue ----------------------------------------------------------------

    def import_catalogue(
        self,
        locations: list[Location],
        styles: list[Style],
        variants: list[Variant],
        stock: list[StockRecord],
    ) -> ImportCounts:
        def upsert(
            sql_insert: str, sql_update: str, key: Sequence[Any], values: Sequence[Any]
        ) -> int:
            cur = self.conn.execute(sql_insert, values)
            if cur.rowcount:
                return 1
            cur = self.conn.execute(sql_update, (*values[1:], *key))
            return 1 if cur.rowcount else 0

        counts = {"locations": 0, "styles": 0, "variants": 0, "stock": 0}
        with self._write():
            for loc in locations:
                counts["locations"] += upsert(
                    "INSERT OR IGNORE INTO locations (id, name, kind, latitude, longitude) "
                    "VALUES (?, ?, ?, ?, ?)",
                    "UPDATE locations SET name = ?1, kind = ?2, latitude = ?3, "
                    "longitude = ?4 WHERE id = ?5 AND NOT (name = ?1 AND kind = ?2 AND "
                    "latitude = ?3 AND longitude = ?4)",
                    (loc.id,),
                    (loc.id, loc.name, str(loc.kind), loc.latitude, loc.longitude),
                )
            for st in styles:
                counts["styles"] += upsert(
                    "INSERT OR IGNORE INTO styles (id, name, brand, colour, price, currency, "
                    "image, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE styles SET name = ?1, brand = ?2, colour = ?3, price = ?4, "
                    "currency = ?5, image = ?6, description = ?7 WHERE id = ?8 AND NOT ("
                    "name = ?1 AND brand = ?2 AND colour = ?3 AND price = ?4 AND "
                    "currency = ?5 AND image = ?6 AND description = ?7)",
                    (st.id,),
                    (
                        st.id,
                        st.name,
                        st.brand,
                        st.colour,
                        str(st.price),
                        st.currency,
                        st.image,
                        st.description,
                    ),
                )
            for va in variants:
                counts["variants"] += upsert(
                    "INSERT OR IGNORE INTO variants (gtin, style_id, size_eu, size_uk, "
                    "size_us, width) VALUES (?, ?, ?, ?, ?, ?)",
                    "UPDATE variants SET style_id = ?1, size_eu = ?2, size_uk = ?3, "
                    "size_us = ?4, width = ?5 WHERE gtin = ?6 AND NOT (style_id = ?1 AND "
                    "size_eu = ?2 AND size_uk = ?3 AND size_us = ?4 AND width = ?5)",
                    (va.gtin,),
                    (va.gtin, va.style_id, va.size_eu, va.size_uk, va.size_us, va.width),
                )
            for rec in stock:
                # Existing stock rows are live data (orders, counts): never overwritten.
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO stock (location_id, gtin, on_hand, reserved) "
                    "VALUES (?, ?, ?, 0)",
                    (rec.location_id, rec.gtin, rec.on_hand),
                )
                counts["stock"] += cur.rowcount
        return ImportCounts(**counts)

    @staticmethod
    def _location(row: sqlite3.Row) -> Location:
        return Location(
            id=row["id"],
            name=row["name"],
            kind=LocationKind(row["kind"]),
            latitude=row["latitude"],
            longitude=row["longitude"],
        )

    @staticmethod
    def _style(row: sqlite3.Row) -> Style:
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

    @staticmethod
    def _variant(row: sqlite3.Row) -> Variant:
        return Variant(
            gtin=row["gtin"],
            style_id=row["style_id"],
            size_eu=row["size_eu"],
            size_uk=row["size_uk"],
            size_us=row["size_us"],
            width=row["width"],
        )

    def list_locations(self) -> list[Location]:
        return [self._location(r) for r in self._all("SELECT * FROM locations ORDER BY id")]

    def get_location(self, location_id: str) -> Location | None:
        row = self._one("SELECT * FROM locations WHERE id = ?", (location_id,))
        return self._location(row) if row else None

    def get_style(self, style_id: str) -> Style | None:
        row = self._one("SELECT * FROM styles WHERE id = ?", (style_id,))
        return self._style(row) if row else None

    def list_variants(self, style_id: str) -> list[Variant]:
        rows = self._all(
            "SELECT * FROM variants WHERE style_id = ? ORDER BY CAST(size_eu AS REAL), width, gtin",
            (style_id,),
        )
        return [self._variant(r) for r in rows]

    def get_variant_detail(self, gtin: str) -> VariantDetail | None:
        row = self._one("SELECT * FROM variants WHERE gtin = ?", (gtin,))
        if row is None:
            return None
        variant = self._variant(row)
        style = self.get_style(variant.style_id)
        if style is None:  # pragma: no cover - prevented by the foreign key
            return None
        return VariantDetail(
            variant=variant, style=style, variants=self.list_variants(variant.style_id)
        )

    def stock_levels(self, gtins: list[str]) -> list[StockLevel]:
        if not gtins:
            return []
        marks = ",".join("?" * len(gtins))
        rows = self._all(
            f"SELECT location_id, gtin, on_hand, reserved FROM stock WHERE gtin IN ({marks})",
            gtins,
        )
        return [StockLevel(r["location_id"], r["gtin"], r["on_hand"], r["reserved"]) for r in rows]

    # --- orders -------------------------------------------------------------------

    def create_order(
        self,
        request: OrderCreate,
        *,
        idempotency: Idempotency,
        actor: str,
        now: datetime,
        hold: timedelta,
    ) -> tuple[Order, bool]:
        with self._write():
            earlier = self._check_idempotency(ROUTE_ORDERS, idempotency)
            if earlier is not None:
                order = self.get_order(earlier)
                if order is None:  # pragma: no cover - orders are never deleted
                    raise NotFound("The order made with this key no longer exists.")
                return order, False
            self._release_expired_holds(now)
            store = self.get_location(request.store_id)
            if store is None or store.kind != LocationKind.STORE:
                raise InvalidRequest(f"Unknown store {request.store_id!r}.")
            warehouses = sorted(
                (loc for loc in self.list_locations() if loc.kind == LocationKind.WAREHOUSE),
                key=lambda w: (
                    rules.haversine_km(store.latitude, store.longitude, w.latitude, w.longitude),
                    w.id,
                ),
            )
            # Merge repeated GTINs so "two lines of one pair" reserve two pairs.
            wanted: dict[str, int] = {}
            for line in request.lines:
                wanted[line.gtin] = wanted.get(line.gtin, 0) + line.quantity
            lines: list[OrderLine] = []
            currency: str | None = None
            short: list[dict[str, Any]] = []
            for gtin, quantity in wanted.items():
                detail = self._one(
                    "SELECT v.gtin, v.size_eu, s.id AS style_id, s.name, s.price, s.currency "
                    "FROM variants v JOIN styles s ON s.id = v.style_id WHERE v.gtin = ?",
                    (gtin,),
                )
                if detail is None:
                    raise InvalidRequest(
                        f"Unknown GTIN {gtin}.", [{"loc": ["body", "lines"], "gtin": gtin}]
                    )
                if currency is not None and detail["currency"] != currency:
                    raise InvalidRequest("All lines of one order must share one currency.")
                currency = detail["currency"]
                source = self._pick_warehouse(gtin, quantity, warehouses)
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
                raise NoLongerAvailable("Sorry, this size is no longer available to order.", short)
            for line in lines:
                cur = self.conn.execute(
                    "UPDATE stock SET reserved = reserved + ?1 WHERE location_id = ?2 "
                    "AND gtin = ?3 AND on_hand - reserved >= ?1",
                    (line.quantity, line.fulfilled_from, line.gtin),
                )
                if cur.rowcount != 1:  # pragma: no cover - the lock makes this impossible
                    raise NoLongerAvailable("Sorry, this size is no longer available to order.")
            order_id = str(uuid.uuid4())
            number = self._unique_order_number()
            total = sum((ln.unit_price * ln.quantity for ln in lines), Decimal("0"))
            self.conn.execute(
                "INSERT INTO orders (id, number, status, kiosk_id, store_id, total, currency, "
                "ship_to, created_at, reserved_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    order_id,
                    number,
                    str(OrderStatus.RESERVED),
                    request.kiosk_id,
                    request.store_id,
                    str(total),
                    currency,
                    request.ship_to.model_dump_json(),
                    _iso(now),
                    _iso(now + hold),
                ),
            )
            self.conn.executemany(
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
            self._remember_idempotency(ROUTE_ORDERS, idempotency, order_id, now)
            order = self.get_order(order_id)
            assert order is not None
            return order, True

    def _release_expired_holds(self, now: datetime) -> int:
        """Cancel reserved (unpaid) orders whose hold ran out, freeing their pairs.

        Runs inside the order transaction, so a shopper never loses the last pair to an
        order nobody paid for. Paid orders keep their reservation until shipped.
        """
        expired = self._all(
            "SELECT id FROM orders WHERE status = ? AND reserved_until < ?",
            (str(OrderStatus.RESERVED), _iso(now)),
        )
        for row in expired:
            for ln in self._all(
                "SELECT gtin, quantity, fulfilled_from FROM order_lines WHERE order_id = ?",
                (row["id"],),
            ):
                self.conn.execute(
                    "UPDATE stock SET reserved = reserved - ?1 "
                    "WHERE location_id = ?2 AND gtin = ?3",
                    (ln["quantity"], ln["fulfilled_from"], ln["gtin"]),
                )
            self.conn.execute(
                "UPDATE orders SET status = ?, reserved_until = NULL WHERE id = ?",
                (str(OrderStatus.CANCELLED), row["id"]),
            )
            self._add_order_event(row["id"], OrderStatus.CANCELLED, now, "system", "hold expired")
        return len(expired)

    def _pick_warehouse(self, gtin: str, quantity: int, warehouses: list[Location]) -> str | None:
        """The nearest warehouse with ``quantity`` available, or None."""
        if not warehouses:
            return None
        marks = ",".join("?" * len(warehouses))
        rows = self._all(
            f"SELECT location_id FROM stock WHERE gtin = ? AND on_hand - reserved >= ? "
            f"AND location_id IN ({marks})",
            (gtin, quantity, *(w.id for w in warehouses)),
        )
        having = {r["location_id"] for r in rows}
        return next((w.id for w in warehouses if w.id in having), None)

    def _unique_order_number(self) -> str:
        for _ in range(20):
            number = rules.new_order_number()
            if self._one("SELECT 1 FROM orders WHERE number = ?", (number,)) is None:
                return number
        raise RuntimeError("could not find a free order number")  # pragma: no cover

    def _add_order_event(
        self, order_id: str, status: OrderStatus, at: datetime, actor: str, note: str | None
    ) -> None:
        self.conn.execute(
            "INSERT INTO order_events (order_id, status, at, actor, note) VALUES (?, ?, ?, ?, ?)",
            (order_id, str(status), _iso(at), actor, note),
        )

    def get_order(self, order_id: str) -> Order | None:
        row = self._one("SELECT * FROM orders WHERE id = ?", (order_id,))
        return self._order(row) if row else None

    def _order(self, row: sqlite3.Row) -> Order:
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
            for r in self._all(
                "SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no", (row["id"],)
            )
        ]
        history = [
            OrderEvent(
                status=OrderStatus(r["status"]), at=_dt(r["at"]), actor=r["actor"], note=r["note"]
            )
            for r in self._all(
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
            created_at=_dt(row["created_at"]),
            reserved_until=_dt(row["reserved_until"]),
            history=history,
        )

    def list_orders(self, store_id: str, status: str | None, limit: int) -> list[Order]:
        sql = "SELECT * FROM orders WHERE store_id = ?"
        params: list[Any] = [store_id]
        if status is not None:
            sql += " AND status = ?"
            params.append(str(status))
        sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
        params.append(limit)
        return [self._order(r) for r in self._all(sql, params)]

    def get_order_by_number(self, number: str) -> Order | None:
        row = self._one("SELECT * FROM orders WHERE number = ?", (number,))
        return self._order(row) if row else None

    def release_expired_holds(self, now: datetime) -> int:
        """Release expired holds; a plain read first, so the usual case takes no lock."""
        if not self._has_expired_holds(now):
            return 0
        with self._write():
            return self._release_expired_holds(now)

    def _has_expired_holds(self, now: datetime) -> bool:
        row = self._one(
            "SELECT 1 FROM orders WHERE status = ? AND reserved_until < ? LIMIT 1",
            (str(OrderStatus.RESERVED), _iso(now)),
        )
        return row is not None

    def change_order_status(
        self,
        order_id: str,
        change: OrderStatusChange,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> Order:
        with self._write():
            # An unpaid order whose hold ran out is cancelled first: its pair may have
            # gone to another shopper, so it can no longer be marked paid.
            self._release_expired_holds(now)
            row = self._one("SELECT status, number FROM orders WHERE id = ?", (order_id,))
            if row is None:
                raise NotFound("No such order.")
            current = OrderStatus(row["status"])
            new = change.status
            if not rules.order_transition_allowed(current, new):
                raise InvalidTransition(f"An order that is {current} cannot become {new}.")
            lines = self._all(
                "SELECT gtin, quantity, fulfilled_from FROM order_lines WHERE order_id = ?",
                (order_id,),
            )
            if new == OrderStatus.SHIPPED:
                for ln in lines:
                    self.conn.execute(
                        "UPDATE stock SET on_hand = on_hand - ?1, reserved = reserved - ?1 "
                        "WHERE location_id = ?2 AND gtin = ?3",
                        (ln["quantity"], ln["fulfilled_from"], ln["gtin"]),
                    )
            elif new == OrderStatus.CANCELLED:
                for ln in lines:
                    self.conn.execute(
                        "UPDATE stock SET reserved = reserved - ?1 "
                        "WHERE location_id = ?2 AND gtin = ?3",
                        (ln["quantity"], ln["fulfilled_from"], ln["gtin"]),
                    )
            keeps_hold = new == OrderStatus.PAID
            self.conn.execute(
                "UPDATE orders SET status = ?, reserved_until = "
                "CASE WHEN ? THEN reserved_until ELSE NULL END WHERE id = ?",
                (str(new), keeps_hold, order_id),
            )
            self._add_order_event(order_id, new, now, actor, change.note)
            if audit is not None:
                reason = f"; note: {change.note}" if change.note else ""
                self._insert_audit(
                    audit,
                    "order.status",
                    f"order {row['number']}: {current} -> {new}{reason}",
                    now,
                )
            order = self.get_order(order_id)
            assert order is not None
            return order

    # --- fetch requests -----------------------------------------------------------

    def create_fetch_request(
        self, request: FetchRequestCreate, *, idempotency: Idempotency | None, now: datetime
    ) -> tuple[FetchRequest, bool]:
        with self._write():
            if idempotency is not None:
                earlier = self._check_idempotency(ROUTE_FETCH, idempotency)
                if earlier is not None:
                    found = self.get_fetch_request(earlier)
                    assert found is not None
                    return found, False
            if self._one("SELECT 1 FROM variants WHERE gtin = ?", (request.gtin,)) is None:
                raise InvalidRequest(f"Unknown GTIN {request.gtin}.")
            store = self.get_location(request.store_id)
            if store is None or store.kind != LocationKind.STORE:
                raise InvalidRequest(f"Unknown store {request.store_id!r}.")
            row = self._one(
                "SELECT on_hand - reserved AS available FROM stock "
                "WHERE location_id = ? AND gtin = ?",
                (request.store_id, request.gtin),
            )
            if row is None or row["available"] < 1:
                raise NoLongerAvailable("Sorry, this store no longer has this size.")
            ticket = self._one(
                "SELECT COALESCE(MAX(ticket), 0) + 1 AS next FROM fetch_requests "
                "WHERE store_id = ?",
                (request.store_id,),
            )["next"]
            request_id = str(uuid.uuid4())
            self.conn.execute(
                "INSERT INTO fetch_requests (id, ticket, kiosk_id, store_id, gtin, status, "
                "created_at, updated_at, claimed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    request_id,
                    ticket,
                    request.kiosk_id,
                    request.store_id,
                    request.gtin,
                    str(FetchStatus.OPEN),
                    _iso(now),
                    _iso(now),
                ),
            )
            if idempotency is not None:
                self._remember_idempotency(ROUTE_FETCH, idempotency, request_id, now)
            created = self.get_fetch_request(request_id)
            assert created is not None
            return created, True

    _FETCH_SELECT = (
        "SELECT f.*, s.name AS style_name, v.size_eu FROM fetch_requests f "
        "JOIN variants v ON v.gtin = f.gtin JOIN styles s ON s.id = v.style_id"
    )

    @staticmethod
    def _fetch(row: sqlite3.Row) -> FetchRequest:
        return FetchRequest(
            id=row["id"],
            ticket=row["ticket"],
            kiosk_id=row["kiosk_id"],
            store_id=row["store_id"],
            gtin=row["gtin"],
            style_name=row["style_name"],
            size_eu=row["size_eu"],
            status=FetchStatus(row["status"]),
            created_at=_dt(row["created_at"]),
            updated_at=_dt(row["updated_at"]),
            claimed_by=row["claimed_by"],
        )

    def get_fetch_request(self, request_id: str) -> FetchRequest | None:
        row = self._one(f"{self._FETCH_SELECT} WHERE f.id = ?", (request_id,))
        return self._fetch(row) if row else None

    def list_fetch_requests(
        self, store_id: str, status: FetchStatus | None, limit: int
    ) -> list[FetchRequest]:
        sql = f"{self._FETCH_SELECT} WHERE f.store_id = ?"
        params: list[Any] = [store_id]
        if status is not None:
            sql += " AND f.status = ?"
            params.append(str(status))
        sql += " ORDER BY f.created_at, f.ticket LIMIT ?"
        params.append(limit)
        return [self._fetch(r) for r in self._all(sql, params)]

    def update_fetch_request(
        self,
        request_id: str,
        status: FetchStatus,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> FetchRequest:
        with self._write():
            row = self._one(
                "SELECT status, ticket, gtin FROM fetch_requests WHERE id = ?", (request_id,)
            )
            if row is None:
                raise NotFound("No such fetch request.")
            current = FetchStatus(row["status"])
            if not rules.fetch_transition_allowed(current, status):
                raise InvalidTransition(
                    f"A fetch request that is {current} cannot become {status}."
                )
            if status == FetchStatus.CLAIMED:
                claimed_by: str | None = actor
            elif status == FetchStatus.OPEN:
                claimed_by = None
            else:
                claimed_by = self._one(
                    "SELECT claimed_by FROM fetch_requests WHERE id = ?", (request_id,)
                )["claimed_by"]
            self.conn.execute(
                "UPDATE fetch_requests SET status = ?, updated_at = ?, claimed_by = ? WHERE id = ?",
                (str(status), _iso(now), claimed_by, request_id),
            )
            if audit is not None:
                self._insert_audit(
                    audit,
                    f"fetch.{status}",
                    f"ticket {row['ticket']} (GTIN {row['gtin']}): {current} -> {status}",
                    now,
                )
            updated = self.get_fetch_request(request_id)
            assert updated is not None
            return updated

    # --- demand events ------------------------------------------------------------

    def record_demand_event(self, event: DemandEventCreate, *, received_at: datetime) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO demand_events (id, kind, gtin, kiosk_id, store_id, at, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                str(event.kind),
                event.gtin,
                event.kiosk_id,
                event.store_id,
                _iso(event.at),
                _iso(received_at),
            ),
        )
        return cur.rowcount == 1

    def count_demand_events(self, event_id: str | None = None) -> int:
        """Used by tests and reports: how many events (with that id) are stored."""
        if event_id is None:
            return self._one("SELECT COUNT(*) AS n FROM demand_events")["n"]
        return self._one("SELECT COUNT(*) AS n FROM demand_events WHERE id = ?", (event_id,))["n"]

    # --- stock adjustments --------------------------------------------------------

    def adjust_stock(
        self,
        request: StockAdjustmentCreate,
        *,
        idempotency: Idempotency,
        key_id: int | None,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> tuple[StockAdjustment, bool]:
        with self._write():
            earlier = self._check_idempotency(ROUTE_ADJUST, idempotency)
            if earlier is not None:
                found = self._adjustment(earlier)
                assert found is not None
                return found, False
            if self.get_location(request.location_id) is None:
                raise InvalidRequest(f"Unknown location {request.location_id!r}.")
            if self._one("SELECT 1 FROM variants WHERE gtin = ?", (request.gtin,)) is None:
                raise InvalidRequest(f"Unknown GTIN {request.gtin}.")
            row = self._one(
                "SELECT on_hand, reserved FROM stock WHERE location_id = ? AND gtin = ?",
                (request.location_id, request.gtin),
            )
            before, reserved = (row["on_hand"], row["reserved"]) if row else (0, 0)
            if request.kind == AdjustmentKind.RECEIVE:
                after = before + request.quantity
            else:
                if request.quantity < 0:
                    raise InvalidRequest("A stock count cannot be negative.")
                after = request.quantity
            if after < 0:
                raise InvalidRequest(
                    f"Only {before} pairs are on hand; cannot remove {-request.quantity}."
                )
            if after < reserved:
                raise InvalidRequest(
                    f"{reserved} pairs are reserved for orders; on hand cannot go below that."
                )
            self.conn.execute(
                "INSERT INTO stock (location_id, gtin, on_hand, reserved) VALUES (?, ?, ?, 0) "
                "ON CONFLICT (location_id, gtin) DO UPDATE SET on_hand = excluded.on_hand",
                (request.location_id, request.gtin, after),
            )
            adjustment_id = str(uuid.uuid4())
            self.conn.execute(
                "INSERT INTO stock_adjustments (id, location_id, gtin, kind, quantity, actor, "
                "reason, key_id, at, on_hand_before, reserved_before, on_hand, reserved) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    adjustment_id,
                    request.location_id,
                    request.gtin,
                    str(request.kind),
                    request.quantity,
                    request.actor,
                    request.reason,
                    key_id,
                    _iso(now),
                    before,
                    reserved,
                    after,
                    reserved,
                ),
            )
            self._remember_idempotency(ROUTE_ADJUST, idempotency, adjustment_id, now)
            if audit is not None:
                self._insert_audit(
                    audit,
                    f"stock.{request.kind}",
                    f"{request.location_id} GTIN {request.gtin}: on hand {before} -> {after}"
                    + (f"; reason: {request.reason}" if request.reason else ""),
                    now,
                )
            made = self._adjustment(adjustment_id)
            assert made is not None
            return made, True

    @staticmethod
    def _adjustment_model(row: sqlite3.Row) -> StockAdjustment:
        return StockAdjustment(
            id=row["id"],
            location_id=row["location_id"],
            gtin=row["gtin"],
            kind=AdjustmentKind(row["kind"]),
            quantity=row["quantity"],
            actor=row["actor"],
            reason=row["reason"],
            at=_dt(row["at"]),
            on_hand=row["on_hand"],
            reserved=row["reserved"],
        )

    def _adjustment(self, adjustment_id: str) -> StockAdjustment | None:
        row = self._one("SELECT * FROM stock_adjustments WHERE id = ?", (adjustment_id,))
        return self._adjustment_model(row) if row else None

    def list_stock_adjustments(self, location_id: str, limit: int) -> list[StockAdjustment]:
        rows = self._all(
            "SELECT * FROM stock_adjustments WHERE location_id = ? "
            "ORDER BY at DESC, rowid DESC LIMIT ?",
            (location_id, limit),
        )
        return [self._adjustment_model(r) for r in rows]

    def adjustment_audit(self, adjustment_id: str) -> dict[str, Any] | None:
        """The full audit row (who, which key, before and after) for one adjustment."""
        row = self._one("SELECT * FROM stock_adjustments WHERE id = ?", (adjustment_id,))
        return dict(row) if row else None
