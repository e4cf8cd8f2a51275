"""SQL for API keys (stored as hashes, with expiry, revocation and last use).

The audit trail lives in ``storage.audit``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inventory_service.storage._text import iso, parse_dt
from inventory_service.storage.base import ApiKey, KeyScope
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import SqlBase

_KEY_SELECT = (
    "SELECT id, scope, store_id, kiosk_id, label, created_at, expires_at, last_used_at, "
    "revoked_at FROM api_keys"
)


def _api_key(row: Row) -> ApiKey:
    return ApiKey(
        id=row["id"],
        scope=KeyScope(row["scope"]),
        store_id=row["store_id"],
        kiosk_id=row["kiosk_id"],
        label=row["label"],
        created_at=parse_dt(row["created_at"]),
        expires_at=parse_dt(row["expires_at"]),
        last_used_at=parse_dt(row["last_used_at"]),
        revoked_at=parse_dt(row["revoked_at"]),
    )


class KeysAndAuditSql(SqlBase):
    def add_api_key(
        self,
        key_hash: str,
        scope: KeyScope,
        store_id: str,
        kiosk_id: str | None,
        label: str,
        *,
        expires_at: datetime | None = None,
    ) -> bool:
        added = self.db.run(
            "INSERT INTO api_keys (key_hash, scope, store_id, kiosk_id, label, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                key_hash,
                str(scope),
                store_id,
                kiosk_id,
                label,
                iso(datetime.now(UTC)),
                iso(expires_at) if expires_at is not None else None,
            ),
        )
        return added == 1

    def find_api_key(self, key_hash: str) -> ApiKey | None:
        row = self.db.one(_KEY_SELECT + " WHERE key_hash = ?", (key_hash,))
        return None if row is None else _api_key(row)

    def get_api_key(self, key_id: int) -> ApiKey | None:
        row = self.db.one(_KEY_SELECT + " WHERE id = ?", (key_id,))
        return None if row is None else _api_key(row)

    def list_api_keys(self) -> list[ApiKey]:
        return [_api_key(r) for r in self.db.all(_KEY_SELECT + " ORDER BY id")]

    def set_api_key_expiry(self, key_id: int, expires_at: datetime | None) -> None:
        self.db.run(
            "UPDATE api_keys SET expires_at = ? WHERE id = ?",
            (iso(expires_at) if expires_at is not None else None, key_id),
        )

    def revoke_api_key(self, key_id: int, now: datetime) -> bool:
        changed = self.db.run(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (iso(now), key_id),
        )
        return changed == 1

    def rotate_api_key(
        self, key_id: int, new_hash: str, *, expires_at: datetime | None, now: datetime
    ) -> ApiKey | None:
        def run() -> ApiKey | None:
            old = self.get_api_key(key_id)
            if old is None or not old.usable_at(now):
                return None
            self.add_api_key(
                new_hash, old.scope, old.store_id, old.kiosk_id, old.label, expires_at=expires_at
            )
            self.revoke_api_key(old.id, now)
            return self.find_api_key(new_hash)

        return self.db.transact(run)

    def touch_api_key(self, key_id: int, now: datetime, every: timedelta) -> None:
        # The condition makes the write conditional in the database too: two workers
        # seeing the same stale time write once between them.
        self.db.run(
            "UPDATE api_keys SET last_used_at = ? "
            "WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
            (iso(now), key_id, iso(now - every)),
        )
