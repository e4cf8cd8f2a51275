"""SQL for the audit trail: the one append path, the reads, and redaction.

Every audit row goes through ``append_audit`` inside a write transaction (``Db.transact``).
It moves the chain's head (``audit_head``, one row) first: on SQLite the transaction holds
the write lock already (``BEGIN IMMEDIATE``); on PostgreSQL the update of the head row
makes a concurrent appender wait and then fail with a serialization error, which
``transact`` retries, so several workers still write one chain with no gaps.

There is no UPDATE or DELETE of ``audit_events`` here but ``redact_audit``, and the
database refuses any other (triggers from migration ``m007_audit_chain_and_retention``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from inventory_client.models import AuditEvent, AuditEventCreate
from inventory_service import audit_chain, personal_data
from inventory_service.audit_chain import Head
from inventory_service.storage._text import iso, parse_at
from inventory_service.storage.base import AuditStamp
from inventory_service.storage.dialect import Db, Row

#: Longest detail kept (characters); longer text is cut.
MAX_DETAIL = 1000
_COLUMNS = (
    "seq, id, store_id, actor, key_label, action, detail, at, received_at, "
    "detail_nonce, detail_hash, prev_hash, row_hash, redacted_by"
)


def audit_event(row: Row) -> AuditEvent:
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


def _next_link(db: Db) -> tuple[int, str]:
    """Take the head for this transaction: (the new row's seq, the previous row's hash)."""
    db.run(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ?) ON CONFLICT DO NOTHING",
        (audit_chain.GENESIS,),
    )
    # Writing the head first is what serialises appenders on PostgreSQL (see above).
    db.run("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
    head = db.one("SELECT seq, hash FROM audit_head WHERE id = 1")
    assert head is not None
    return int(head["seq"]), str(head["hash"])


def append_audit(
    db: Db,
    stamp: AuditStamp,
    action: str,
    detail: str,
    now: datetime,
    *,
    event_id: str | None = None,
) -> Row:
    """Append one sealed row (inside the caller's transaction); the row as stored."""
    seq, prev_hash = _next_link(db)
    fields: Row = {
        "id": event_id or str(uuid.uuid4()),
        "store_id": stamp.store_id,
        "actor": stamp.actor,
        "key_label": stamp.key_label,
        "action": action,
        "detail": personal_data.scrub(detail)[:MAX_DETAIL],  # no email ever reaches it
        "at": iso(now),
        "received_at": iso(now),
    }
    seal = audit_chain.seal(fields, seq=seq, prev_hash=prev_hash)
    row = {
        **fields,
        "seq": seq,
        "detail_nonce": seal.detail_nonce,
        "detail_hash": seal.detail_hash,
        "prev_hash": prev_hash,
        "row_hash": seal.row_hash,
        "redacted_by": None,
    }
    db.run(
        f"INSERT INTO audit_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tuple(row[c.strip()] for c in _COLUMNS.split(",")),
    )
    db.run("UPDATE audit_head SET hash = ? WHERE id = 1", (seal.row_hash,))
    return row


def redact_audit(db: Db, seqs: list[int], by_seq: int) -> int:
    """Blank the detail of rows ``seqs`` (the erasure row ``by_seq`` names them)."""
    changed = 0
    for seq in seqs:
        changed += db.run(
            "UPDATE audit_events SET detail = '', detail_nonce = NULL, redacted_by = ? "
            "WHERE seq = ? AND redacted_by IS NULL",
            (by_seq, seq),
        )
    return changed


def chain_rows(db: Db) -> list[Row]:
    """Every row in chain order (rows outside the chain first), for ``audit verify``."""
    return db.all(
        f"SELECT {_COLUMNS} FROM audit_events ORDER BY CASE WHEN seq IS NULL THEN 0 ELSE 1 END, seq"
    )


def stored_head(db: Db) -> Head | None:
    row = db.one("SELECT seq, hash FROM audit_head WHERE id = 1")
    return Head(int(row["seq"]), str(row["hash"])) if row else None


class AuditSql:
    """The audit part of ``SqlStorage`` (a mixin over its ``db``)."""

    db: Db

    def record_audit(
        self, event: AuditEventCreate, *, stamp: AuditStamp, now: datetime
    ) -> tuple[AuditEvent, bool]:
        """A client's event, stamped by the service (who, when); a resent id is kept once."""

        def run() -> tuple[AuditEvent, bool]:
            earlier = self.db.one(
                "SELECT * FROM audit_events WHERE store_id = ? AND id = ?",
                (stamp.store_id, event.id),
            )
            if earlier is not None:
                return audit_event(earlier), False
            row = append_audit(self.db, stamp, event.action, event.detail, now, event_id=event.id)
            return audit_event(row), True

        return self.db.transact(run)

    def list_audit(self, store_id: str, limit: int) -> list[AuditEvent]:
        rows = self.db.all(
            "SELECT * FROM audit_events WHERE store_id = ? ORDER BY seq DESC, at DESC LIMIT ?",
            (store_id, limit),
        )
        return [audit_event(r) for r in rows]
