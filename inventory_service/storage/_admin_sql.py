"""SQL for the staff admin and IT features: search, lost demand, CSV import, audit, health.

A mixin of ``SqliteStorage`` (kept apart so neither file grows into a monolith); it uses
the connection helpers ``conn``, ``_one``, ``_all``, ``_style``, ``_variant`` and
``list_variants`` of the class it is mixed into.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from inventory_client.models import (
    AdjustmentKind,
    AuditEvent,
    AuditEventCreate,
    Heartbeat,
    ImportLineError,
    OrderStatus,
    Style,
    StyleSummary,
    Variant,
)
from inventory_service.storage._text import iso, parse_dt
from inventory_service.storage.base import (
    AuditStamp,
    CatalogueRow,
    DemandFacts,
    ImportOutcome,
    KioskSeen,
    StockRow,
)

#: Words of a search query beyond this many are ignored.
MAX_SEARCH_WORDS = 8
IMPORT_REASON = "CSV import"


def _like_pattern(word: str) -> str:
    """``%word%`` for LIKE with ``\\`` as the escape character."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class AdminQueries:
    """Staff admin and kiosk health queries (mixed into ``SqliteStorage``)."""

    conn: sqlite3.Connection
    _one: Callable[..., sqlite3.Row | None]
    _all: Callable[..., list[sqlite3.Row]]
    _style: Callable[[sqlite3.Row], Style]
    _variant: Callable[[sqlite3.Row], Variant]
    list_variants: Callable[[str], list[Variant]]

    # --- transactions that may end in a rollback ----------------------------------

    def _checked_write(self, body: Callable[[], bool]) -> None:
        """Run ``body`` under ``BEGIN IMMEDIATE``; commit only when it returns True."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            keep = body()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT" if keep else "ROLLBACK")

    # --- audit --------------------------------------------------------------------

    def _insert_audit(self, stamp: AuditStamp, action: str, detail: str, now: datetime) -> None:
        """One audit row, inside the caller's transaction."""
        self.conn.execute(
            "INSERT INTO audit_events (id, store_id, actor, key_label, action, detail, at, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                stamp.store_id,
                stamp.actor,
                stamp.key_label,
                action,
                detail[:1000],
                iso(now),
                iso(now),
            ),
        )

    @staticmethod
    def _audit_model(row: sqlite3.Row) -> AuditEvent:
        return AuditEvent(
            id=row["id"],
            store_id=row["store_id"],
            actor=row["actor"],
            key_label=row["key_label"],
            action=row["action"],
            detail=row["detail"],
            at=parse_dt(row["at"]),
            received_at=parse_dt(row["received_at"]),
        )

    def record_audit(
        self, event: AuditEventCreate, *, store_id: str, key_label: str, received_at: datetime
    ) -> tuple[AuditEvent, bool]:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO audit_events (id, store_id, actor, key_label, action, "
            "detail, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                store_id,
                event.actor,
                key_label,
                event.action,
                event.detail,
                iso(event.at),
                iso(received_at),
            ),
        )
        row = self._one("SELECT * FROM audit_events WHERE id = ?", (event.id,))
        assert row is not None
        return self._audit_model(row), cur.rowcount == 1

    def list_audit(self, store_id: str, limit: int) -> list[AuditEvent]:
        rows = self._all(
            "SELECT * FROM audit_events WHERE store_id = ? ORDER BY at DESC, rowid DESC LIMIT ?",
            (store_id, limit),
        )
        return [self._audit_model(r) for r in rows]

    # --- catalogue search ---------------------------------------------------------

    def search_catalogue(self, query: str, limit: int) -> list[StyleSummary]:
        # SQLite's lower() folds ASCII only; casefold() also matches "GRÖSSE" to "größe".
        self.conn.create_function("py_fold", 1, _fold, deterministic=True)
        text = query.strip()
        words = text.casefold().split()[:MAX_SEARCH_WORDS]
        if not words:
            return []
        word_sql = (
            "(py_fold(s.name) LIKE ?1 ESCAPE '\\' OR py_fold(s.brand) LIKE ?1 ESCAPE '\\' "
            "OR py_fold(s.id) LIKE ?1 ESCAPE '\\' OR py_fold(s.colour) LIKE ?1 ESCAPE '\\')"
        )
        clauses: list[str] = []
        params: list[Any] = []
        for word in words:
            clauses.append(word_sql.replace("?1", f"?{len(params) + 1}"))
            params.append(_like_pattern(word))
        match = " AND ".join(clauses)
        gtin_rank = ""
        if text.isascii() and text.isdigit() and len(text) <= 13:
            # A GTIN, whole or its first digits; a 12-digit UPC-A is a GTIN-13 with a 0.
            full = "0" + text if len(text) == 12 else text
            n = len(params)
            match = (
                f"({match}) OR EXISTS (SELECT 1 FROM variants g WHERE g.style_id = s.id "
                f"AND (g.gtin LIKE ?{n + 1} OR g.gtin = ?{n + 2}))"
            )
            gtin_rank = (
                f"EXISTS (SELECT 1 FROM variants g WHERE g.style_id = s.id AND g.gtin = ?{n + 2})"
                " DESC, "
            )
            params += [text + "%", full]
        n = len(params)
        sql = (
            f"SELECT s.* FROM styles s WHERE {match} ORDER BY {gtin_rank}"
            f"(py_fold(s.id) = ?{n + 1}) DESC, s.brand, s.name, s.id LIMIT ?{n + 2}"
        )
        rows = self._all(sql, (*params, text.casefold(), limit))
        return [
            StyleSummary(style=self._style(r), variants=self.list_variants(r["id"])) for r in rows
        ]

    # --- lost demand --------------------------------------------------------------

    def lost_demand_facts(
        self, store_id: str, since: datetime, until: datetime
    ) -> list[DemandFacts]:
        rows = self._all(
            """
            WITH ev AS (
                SELECT gtin,
                       SUM(kind = 'scanned') AS scanned,
                       SUM(kind = 'size_viewed') AS size_viewed,
                       SUM(kind = 'not_in_store') AS not_in_store,
                       SUM(kind = 'notify_me') AS notify_me
                FROM demand_events
                WHERE store_id = ?1 AND at >= ?2 AND at < ?3
                GROUP BY gtin
            ),
            od AS (
                SELECT l.gtin, SUM(l.quantity) AS orders
                FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.store_id = ?1 AND o.created_at >= ?2 AND o.created_at < ?3
                  AND o.status != ?4
                GROUP BY l.gtin
            ),
            g AS (SELECT gtin FROM ev UNION SELECT gtin FROM od)
            SELECT v.gtin, v.style_id, v.size_eu, s.name, s.brand,
                   COALESCE(ev.scanned, 0) AS scanned,
                   COALESCE(ev.size_viewed, 0) AS size_viewed,
                   COALESCE(ev.not_in_store, 0) AS not_in_store,
                   COALESCE(ev.notify_me, 0) AS notify_me,
                   COALESCE(od.orders, 0) AS orders,
                   COALESCE(st.on_hand, 0) AS on_hand
            FROM g
            JOIN variants v ON v.gtin = g.gtin
            JOIN styles s ON s.id = v.style_id
            LEFT JOIN ev ON ev.gtin = g.gtin
            LEFT JOIN od ON od.gtin = g.gtin
            LEFT JOIN stock st ON st.gtin = g.gtin AND st.location_id = ?1
            ORDER BY s.id, CAST(v.size_eu AS REAL), v.gtin
            """,
            (store_id, iso(since), iso(until), str(OrderStatus.CANCELLED)),
        )
        return [
            DemandFacts(
                gtin=r["gtin"],
                style_id=r["style_id"],
                style_name=r["name"],
                brand=r["brand"],
                size_eu=r["size_eu"],
                scanned=r["scanned"],
                size_viewed=r["size_viewed"],
                not_in_store=r["not_in_store"],
                notify_me=r["notify_me"],
                orders=r["orders"],
                on_hand=r["on_hand"],
            )
            for r in rows
        ]

    # --- CSV imports --------------------------------------------------------------

    def import_catalogue_rows(
        self, rows: list[CatalogueRow], *, apply: bool, audit: AuditStamp, now: datetime
    ) -> ImportOutcome:
        errors: list[ImportLineError] = []
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        written_styles: dict[str, str] = {}  # style id -> what happened to it

        def run() -> bool:
            for row in rows:
                style_effect = written_styles.get(row.style.id)
                if style_effect is None:
                    style_effect = self._upsert_style(row.style)
                    written_styles[row.style.id] = style_effect
                owner = self._one(
                    "SELECT style_id FROM variants WHERE gtin = ?", (row.variant.gtin,)
                )
                if owner is not None and owner["style_id"] != row.variant.style_id:
                    errors.append(
                        ImportLineError(
                            line=row.line,
                            column="gtin",
                            message=f"GTIN {row.variant.gtin} already belongs to style "
                            f"{owner['style_id']!r}; a GTIN cannot move to another style",
                        )
                    )
                    continue
                effect = self._upsert_variant(row.variant)
                if effect == "unchanged" and style_effect == "updated":
                    effect = "updated"
                counts[effect] += 1
            if errors or not apply:
                return False
            self._insert_audit(
                audit,
                "import.catalogue",
                f"{len(rows)} rows: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged",
                now,
            )
            return True

        self._checked_write(run)
        return ImportOutcome(applied=apply and not errors, errors=errors, **counts)

    def _upsert_style(self, style: Style) -> str:
        values = (
            style.name,
            style.brand,
            style.colour,
            str(style.price),
            style.currency,
            style.image,
            style.description,
        )
        row = self._one("SELECT * FROM styles WHERE id = ?", (style.id,))
        if row is None:
            self.conn.execute(
                "INSERT INTO styles (name, brand, colour, price, currency, image, description, "
                "id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, style.id),
            )
            return "created"
        if self._style(row) == style:
            return "unchanged"
        self.conn.execute(
            "UPDATE styles SET name = ?, brand = ?, colour = ?, price = ?, currency = ?, "
            "image = ?, description = ? WHERE id = ?",
            (*values, style.id),
        )
        return "updated"

    def _upsert_variant(self, variant: Variant) -> str:
        values = (variant.style_id, variant.size_eu, variant.size_uk, variant.size_us)
        row = self._one("SELECT * FROM variants WHERE gtin = ?", (variant.gtin,))
        if row is None:
            self.conn.execute(
                "INSERT INTO variants (style_id, size_eu, size_uk, size_us, width, gtin) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (*values, variant.width, variant.gtin),
            )
            return "created"
        if self._variant(row) == variant:
            return "unchanged"
        self.conn.execute(
            "UPDATE variants SET style_id = ?, size_eu = ?, size_uk = ?, size_us = ?, "
            "width = ? WHERE gtin = ?",
            (*values, variant.width, variant.gtin),
        )
        return "updated"

    def import_stock_rows(
        self,
        rows: list[StockRow],
        *,
        apply: bool,
        audit: AuditStamp,
        key_id: int | None,
        now: datetime,
    ) -> ImportOutcome:
        errors: list[ImportLineError] = []
        counts = {"created": 0, "updated": 0, "unchanged": 0}

        def error(row: StockRow, column: str, message: str) -> None:
            errors.append(ImportLineError(line=row.line, column=column, message=message))

        def run() -> bool:
            locations = {r["id"] for r in self._all("SELECT id FROM locations")}
            for row in rows:
                if row.location_id not in locations:
                    error(row, "location_id", f"unknown location {row.location_id!r}")
                    continue
                if self._one("SELECT 1 FROM variants WHERE gtin = ?", (row.gtin,)) is None:
                    error(row, "gtin", f"GTIN {row.gtin} is not in the catalogue")
                    continue
                level = self._one(
                    "SELECT on_hand, reserved FROM stock WHERE location_id = ? AND gtin = ?",
                    (row.location_id, row.gtin),
                )
                before, reserved = (level["on_hand"], level["reserved"]) if level else (0, 0)
                if row.on_hand < reserved:
                    error(
                        row,
                        "on_hand",
                        f"{reserved} pairs are reserved for orders at {row.location_id}; "
                        "the count cannot be below that",
                    )
                    continue
                if level is None:
                    counts["created"] += 1
                elif before == row.on_hand:
                    counts["unchanged"] += 1
                else:
                    counts["updated"] += 1
                self._write_count(row, before, reserved, audit, key_id, now)
            if errors or not apply:
                return False
            self._insert_audit(
                audit,
                "import.stock",
                f"{len(rows)} rows: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged",
                now,
            )
            return True

        self._checked_write(run)
        return ImportOutcome(applied=apply and not errors, errors=errors, **counts)

    def _write_count(
        self,
        row: StockRow,
        before: int,
        reserved: int,
        audit: AuditStamp,
        key_id: int | None,
        now: datetime,
    ) -> None:
        """Set the count and audit it as a set_count adjustment (a count is a fact even
        when it confirms the number already on record)."""
        self.conn.execute(
            "INSERT INTO stock (location_id, gtin, on_hand, reserved) VALUES (?, ?, ?, 0) "
            "ON CONFLICT (location_id, gtin) DO UPDATE SET on_hand = excluded.on_hand",
            (row.location_id, row.gtin, row.on_hand),
        )
        self.conn.execute(
            "INSERT INTO stock_adjustments (id, location_id, gtin, kind, quantity, actor, "
            "reason, key_id, at, on_hand_before, reserved_before, on_hand, reserved) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                row.location_id,
                row.gtin,
                str(AdjustmentKind.SET_COUNT),
                row.on_hand,
                audit.actor,
                IMPORT_REASON,
                key_id,
                iso(now),
                before,
                reserved,
                row.on_hand,
                reserved,
            ),
        )

    # --- kiosk heartbeats ---------------------------------------------------------

    def record_heartbeat(
        self, heartbeat: Heartbeat, *, store_id: str, received_at: datetime, keep: int
    ) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(
                "INSERT INTO kiosk_heartbeats (kiosk_id, store_id, version, uptime_s, "
                "camera_ok, last_scan_at, outbox_backlog, at, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    heartbeat.kiosk_id,
                    store_id,
                    heartbeat.version,
                    heartbeat.uptime_s,
                    int(heartbeat.camera_ok),
                    iso(heartbeat.last_scan_at) if heartbeat.last_scan_at else None,
                    heartbeat.outbox_backlog,
                    iso(heartbeat.at),
                    iso(received_at),
                ),
            )
            self.conn.execute(
                "DELETE FROM kiosk_heartbeats WHERE store_id = ?1 AND kiosk_id = ?2 AND id NOT "
                "IN (SELECT id FROM kiosk_heartbeats WHERE store_id = ?1 AND kiosk_id = ?2 "
                "ORDER BY id DESC LIMIT ?3)",
                (store_id, heartbeat.kiosk_id, keep),
            )
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @staticmethod
    def _heartbeat(row: sqlite3.Row) -> Heartbeat:
        return Heartbeat(
            kiosk_id=row["kiosk_id"],
            version=row["version"],
            uptime_s=row["uptime_s"],
            camera_ok=bool(row["camera_ok"]),
            last_scan_at=parse_dt(row["last_scan_at"]),
            outbox_backlog=row["outbox_backlog"],
            at=parse_dt(row["at"]),
        )

    def list_kiosks(self, store_id: str) -> list[KioskSeen]:
        latest = {
            r["kiosk_id"]: r
            for r in self._all(
                "SELECT * FROM kiosk_heartbeats WHERE id IN (SELECT MAX(id) FROM "
                "kiosk_heartbeats WHERE store_id = ? GROUP BY kiosk_id)",
                (store_id,),
            )
        }
        keyed = {
            r["kiosk_id"]
            for r in self._all(
                "SELECT DISTINCT kiosk_id FROM api_keys WHERE store_id = ? AND scope = 'kiosk' "
                "AND kiosk_id IS NOT NULL",
                (store_id,),
            )
        }
        out = []
        for kiosk_id in sorted(keyed | set(latest)):
            row = latest.get(kiosk_id)
            out.append(
                KioskSeen(
                    kiosk_id=kiosk_id,
                    store_id=store_id,
                    heartbeat=self._heartbeat(row) if row else None,
                    received_at=parse_dt(row["received_at"]) if row else None,
                )
            )
        return out

    def heartbeat_history(self, store_id: str, kiosk_id: str, limit: int) -> list[Heartbeat]:
        rows = self._all(
            "SELECT * FROM kiosk_heartbeats WHERE store_id = ? AND kiosk_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (store_id, kiosk_id, limit),
        )
        return [self._heartbeat(r) for r in rows]


def _fold(value: Any) -> str | None:
    return value.casefold() if isinstance(value, str) else None


__all__ = ["AdminQueries"]
