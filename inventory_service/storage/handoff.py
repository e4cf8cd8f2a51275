"""SQL for phone hand-offs and for each order's shopper handles.

A hand-off row is made when a kiosk asks for one; only the sha256 of its token is stored.
Opening it is a conditional update (``opened_at IS NULL`` and not expired), so of two
phones racing for one link exactly one wins: the token is single use. The phone then holds
a session (again stored as a hash) bound to the hand-off's store, kiosk and shoe.

``order_links`` keeps, per order, the kiosk's printed reference and the hash of the status
page's token (``inventory_client.handoff``); inserted with ``ON CONFLICT DO NOTHING`` so a
replayed order changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inventory_service.storage._text import iso, parse_at, parse_dt
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import SqlBase


@dataclass(frozen=True)
class HandoffRecord:
    """One hand-off as stored (never the token itself)."""

    id: str
    store_id: str
    kiosk_id: str
    gtin: str
    language: str
    created_at: datetime
    expires_at: datetime
    opened_at: datetime | None
    session_expires_at: datetime | None
    order_id: str | None
    order_key: str | None


@dataclass(frozen=True)
class OrderLink:
    order_id: str
    store_id: str
    kiosk_reference: str
    expires_at: datetime


def _handoff(row: Row) -> HandoffRecord:
    return HandoffRecord(
        id=row["id"],
        store_id=row["store_id"],
        kiosk_id=row["kiosk_id"],
        gtin=row["gtin"],
        language=row["language"],
        created_at=parse_at(row["created_at"]),
        expires_at=parse_at(row["expires_at"]),
        opened_at=parse_dt(row["opened_at"]),
        session_expires_at=parse_dt(row["session_expires_at"]),
        order_id=row["order_id"],
        order_key=row["order_key"],
    )


class HandoffSql(SqlBase):
    def create_handoff(
        self,
        *,
        handoff_id: str,
        token_hash: str,
        store_id: str,
        kiosk_id: str,
        gtin: str,
        language: str,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        self.db.run(
            "INSERT INTO handoffs (id, token_hash, store_id, kiosk_id, gtin, language, "
            "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (handoff_id, token_hash, store_id, kiosk_id, gtin, language, iso(now), iso(expires_at)),
        )

    def get_handoff(self, handoff_id: str) -> HandoffRecord | None:
        row = self.db.one("SELECT * FROM handoffs WHERE id = ?", (handoff_id,))
        return _handoff(row) if row else None

    def open_handoff(
        self, token_hash: str, *, session_hash: str, now: datetime, session_until: datetime
    ) -> HandoffRecord | None:
        """Claim the hand-off for one phone; None when unknown, used or expired."""

        def run() -> HandoffRecord | None:
            changed = self.db.run(
                "UPDATE handoffs SET opened_at = ?, session_hash = ?, session_expires_at = ? "
                "WHERE token_hash = ? AND opened_at IS NULL AND expires_at > ?",
                (iso(now), session_hash, iso(session_until), token_hash, iso(now)),
            )
            if changed != 1:
                return None
            row = self.db.one("SELECT * FROM handoffs WHERE token_hash = ?", (token_hash,))
            return _handoff(row) if row else None

        return self.db.transact(run)

    def handoff_by_session(self, session_hash: str, now: datetime) -> HandoffRecord | None:
        """The phone's hand-off while its session lasts."""
        row = self.db.one(
            "SELECT * FROM handoffs WHERE session_hash = ? AND session_expires_at > ?",
            (session_hash, iso(now)),
        )
        return _handoff(row) if row else None

    def delete_handoffs_ended_before(self, cutoff: datetime) -> int:
        """Drop hand-offs whose link and phone session both ended before ``cutoff``.

        They hold no personal data (hashes, the shoe, the kiosk), but nothing reads them
        once both have ended, and a busy kiosk makes hundreds a day. An order placed from
        the phone keeps its ``order_links`` row; only the hand-off goes.
        """
        return self.db.run(
            "DELETE FROM handoffs WHERE expires_at < ? "
            "AND (session_expires_at IS NULL OR session_expires_at < ?)",
            (iso(cutoff), iso(cutoff)),
        )

    def mark_handoff_ordered(self, handoff_id: str, *, order_id: str, order_key: str) -> None:
        self.db.run(
            "UPDATE handoffs SET order_id = ?, order_key = ? WHERE id = ? AND order_id IS NULL",
            (order_id, order_key, handoff_id),
        )

    # --- order links ------------------------------------------------------------------

    def record_order_link(
        self,
        *,
        order_id: str,
        store_id: str,
        kiosk_reference: str,
        status_hash: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        self.db.run(
            "INSERT INTO order_links (order_id, store_id, kiosk_reference, status_hash, "
            "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (order_id, store_id, kiosk_reference, status_hash, iso(created_at), iso(expires_at)),
        )

    def order_link_by_status(self, status_hash: str) -> OrderLink | None:
        row = self.db.one("SELECT * FROM order_links WHERE status_hash = ?", (status_hash,))
        return _link(row) if row else None

    def order_ids_by_reference(self, store_id: str, kiosk_reference: str) -> list[str]:
        """Orders of the store whose kiosk printed this reference (rarely more than one)."""
        rows = self.db.all(
            "SELECT order_id FROM order_links WHERE store_id = ? AND kiosk_reference = ? "
            "ORDER BY created_at DESC",
            (store_id, kiosk_reference),
        )
        return [str(r["order_id"]) for r in rows]


def _link(row: Row) -> OrderLink:
    return OrderLink(
        order_id=row["order_id"],
        store_id=row["store_id"],
        kiosk_reference=row["kiosk_reference"],
        expires_at=parse_at(row["expires_at"]),
    )
