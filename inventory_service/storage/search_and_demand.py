"""SQL for what shoppers look for: catalogue search, demand events, the lost-demand facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inventory_client.models import DemandEventCreate, OrderStatus, StyleSummary
from inventory_service.storage._text import iso
from inventory_service.storage.base import DemandFacts
from inventory_service.storage.sql_base import SqlBase, style_of

#: Words of a search query beyond this many are ignored.
MAX_SEARCH_WORDS = 8


def _like_pattern(word: str) -> str:
    """``%word%`` for LIKE with ``\\`` as the escape character."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SearchAndDemandSql(SqlBase):
    def search_catalogue(self, query: str, limit: int) -> list[StyleSummary]:
        text = query.strip()
        words = text.casefold().split()[:MAX_SEARCH_WORDS]
        if not words:
            return []
        fold = self.db.fold
        word_sql = " OR ".join(
            f"{fold(f's.{col}')} LIKE ?1 ESCAPE '\\'" for col in ("name", "brand", "id", "colour")
        )
        clauses: list[str] = []
        params: list[Any] = []
        for word in words:
            clauses.append("(" + word_sql.replace("?1", f"?{len(params) + 1}") + ")")
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
            f"({fold('s.id')} = ?{n + 1}) DESC, s.brand, s.name, s.id LIMIT ?{n + 2}"
        )
        rows = self.db.all(sql, (*params, text.casefold(), limit))
        return [StyleSummary(style=style_of(r), variants=self.list_variants(r["id"])) for r in rows]

    def record_demand_event(self, event: DemandEventCreate, *, received_at: datetime) -> bool:
        added = self.db.run(
            "INSERT INTO demand_events (id, kind, gtin, kiosk_id, store_id, at, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                event.id,
                str(event.kind),
                event.gtin,
                event.kiosk_id,
                event.store_id,
                iso(event.at),
                iso(received_at),
            ),
        )
        return added == 1

    def count_demand_events(self, event_id: str | None = None) -> int:
        """Used by tests and reports: how many events (with that id) are stored."""
        if event_id is None:
            row = self.db.one("SELECT COUNT(*) AS n FROM demand_events")
        else:
            row = self.db.one("SELECT COUNT(*) AS n FROM demand_events WHERE id = ?", (event_id,))
        assert row is not None
        return int(row["n"])

    def lost_demand_facts(
        self, store_id: str, since: datetime, until: datetime
    ) -> list[DemandFacts]:
        def count(kind: str) -> str:
            return f"SUM(CASE WHEN kind = '{kind}' THEN 1 ELSE 0 END) AS {kind}"

        rows = self.db.all(
            f"""
            WITH ev AS (
                SELECT gtin, {count("scanned")}, {count("size_viewed")},
                       {count("not_in_store")}, {count("notify_me")}
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
            ORDER BY s.id, {self.db.size_key("v.size_eu")}, v.gtin
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
                scanned=int(r["scanned"]),
                size_viewed=int(r["size_viewed"]),
                not_in_store=int(r["not_in_store"]),
                notify_me=int(r["notify_me"]),
                orders=int(r["orders"]),
                on_hand=int(r["on_hand"]),
            )
            for r in rows
        ]
