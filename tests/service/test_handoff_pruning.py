"""Ended phone hand-offs are pruned by the retention sweep (a day after link and session
end); live ones, and the order links phone orders keep, stay. Both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from inventory_service.retention import RetentionPolicy, apply_retention
from inventory_service.storage import SqlStorage
from inventory_service.storage.backends import backend_for

from .db_helpers import open_storage, rows

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _handoff(storage: SqlStorage, handoff_id: str, created: datetime) -> None:
    storage.create_handoff(
        handoff_id=handoff_id,
        token_hash="t-" + handoff_id,
        store_id="s1",
        kiosk_id="k1",
        gtin="4006381333931",
        language="en",
        now=created,
        expires_at=created + timedelta(minutes=10),
    )


def test_the_sweep_prunes_ended_handoffs_only(service_db: str | Path) -> None:
    backend_for(service_db).initialise()
    with open_storage(service_db) as storage:
        _handoff(storage, "old-unused", NOW - timedelta(days=3))
        _handoff(storage, "old-opened", NOW - timedelta(days=3))
        storage.open_handoff(
            "t-old-opened",
            session_hash="s-old",
            now=NOW - timedelta(days=3),
            session_until=NOW - timedelta(days=3) + timedelta(minutes=30),
        )
        _handoff(storage, "today", NOW - timedelta(hours=2))
        _handoff(storage, "opened-long-session", NOW - timedelta(days=2))
        storage.open_handoff(
            "t-opened-long-session",
            session_hash="s-long",
            now=NOW - timedelta(days=2),
            session_until=NOW,  # the phone's session ended just now: kept for a day
        )
        storage.record_order_link(
            order_id="o1",
            store_id="s1",
            kiosk_reference="3FD0B7DA",
            status_hash="h1",
            created_at=NOW - timedelta(days=3),
            expires_at=NOW + timedelta(days=60),
        )
        apply_retention(storage, RetentionPolicy(), NOW)
    left = {r["id"] for r in rows(service_db, "SELECT id FROM handoffs")}
    assert left == {"today", "opened-long-session"}
    assert [r["order_id"] for r in rows(service_db, "SELECT order_id FROM order_links")] == ["o1"]
