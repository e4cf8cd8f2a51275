"""SQL for API keys (stored as hashes) and the audit trail staff and kiosks write."""

from __future__ import annotations

from datetime import UTC, datetime

from inventory_client.models import AuditEvent, AuditEventCreate
from inventory_service.storage._text import iso, parse_at
from inventory_service.storage.base import ApiKey, KeyScope
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import SqlBase


def _audit(row: Row) -> AuditEvent:
    return AuditEvent(
        id=row["id"],
        store_id=row["store_id"],
        actor=row["actor"],
        key_label=row["key_label"],
        action=row["action"],
        detail=row["detail"],
        at=parse_at(row["at"]),
        received_at=parse_at(row["received_at"]),
    )


class KeysAndAuditSql(SqlBase):
    def add_api_key(
        self, key_hash: str, scope: KeyScope, store_id: str, kiosk_id: str | None, label: str
    ) -> bool:
        added = self.db.run(
            "INSERT INTO api_keys (key_hash, scope, store_id, kiosk_id, label, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (key_hash, str(scope), store_id, kiosk_id, label, iso(datetime.now(UTC))),
        )
        return added == 1

    def find_api_key(self, key_hash: str) -> ApiKey | None:
        row = self.db.one(
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

    def record_audit(
        self, event: AuditEventCreate, *, store_id: str, key_label: str, received_at: datetime
    ) -> tuple[AuditEvent, bool]:
        added = self.db.run(
            "INSERT INTO audit_events (id, store_id, actor, key_label, action, "
            "detail, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
        row = self.db.one("SELECT * FROM audit_events WHERE id = ?", (event.id,))
        assert row is not None
        return _audit(row), added == 1

    def list_audit(self, store_id: str, limit: int) -> list[AuditEvent]:
        rows = self.db.all(
            "SELECT * FROM audit_events WHERE store_id = ? ORDER BY at DESC, rowid DESC LIMIT ?",
            (store_id, limit),
        )
        return [_audit(r) for r in rows]
