"""Migration ``m007_audit_chain_and_retention`` for both engines, written once here.

- ``audit_events`` gets its chain columns (``seq``, ``detail_nonce``, ``detail_hash``,
  ``prev_hash``, ``row_hash``, ``redacted_by``) and ``audit_head`` holds the last link;
  rows written before the chain existed are sealed in insertion order, once, here.
- Triggers make the table append-only in the database itself: no DELETE (nor TRUNCATE on
  PostgreSQL), and the only UPDATE allowed blanks a detail and names the erasure row.
  ``audit_head`` cannot go backwards or be deleted. (A database owner can still drop a
  trigger: ``audit verify`` is what finds that kind of change.)
- ``orders.contact_erased_at`` records when retention or an erasure blanked the shopper's
  contact details (``retention``, ``erasure``).

``sqlite_utils``' ``table.transform()`` rebuilds a table and drops its triggers, so on
SQLite ``ensure_sqlite_triggers`` runs after every migration, whatever step ran last.
"""

from __future__ import annotations

from typing import Any

from inventory_service import audit_chain

NAME = "m007_audit_chain_and_retention"

_CHAIN_COLUMNS = (
    ("seq", "INTEGER"),
    ("detail_nonce", "TEXT"),
    ("detail_hash", "TEXT"),
    ("prev_hash", "TEXT"),
    ("row_hash", "TEXT"),
    ("redacted_by", "INTEGER"),
)
_LEGACY_SELECT = (
    "SELECT id, store_id, actor, key_label, action, detail, at, received_at "
    "FROM audit_events ORDER BY rowid"
)
_SEAL_UPDATE = (
    "UPDATE audit_events SET seq = {p}, detail_nonce = {p}, detail_hash = {p}, "
    "prev_hash = {p}, row_hash = {p} WHERE store_id = {p} AND id = {p}"
)

#: The chained columns an UPDATE must leave alone (the redaction is the only update).
_KEPT = (*audit_chain.CHAINED_FIELDS, "prev_hash", "row_hash")
_REDACTION_ONLY = (
    " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _KEPT)
    + " AND OLD.redacted_by IS NULL AND NEW.redacted_by IS NOT NULL"
    + " AND NEW.detail = '' AND NEW.detail_nonce IS NULL"
)
APPEND_ONLY = "audit_events is append-only (only an erasure may blank a detail)"

SQLITE_TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_redact_only BEFORE UPDATE ON audit_events
WHEN NOT ({_REDACTION_ONLY.replace("IS NOT DISTINCT FROM", "IS")})
BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.seq < OLD.seq OR NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
"""

_PG_TRIGGERS = f"""
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' AND ({_REDACTION_ONLY}) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'restrict_violation';
END $fn$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.seq >= OLD.seq AND NEW.id = OLD.id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_head only moves forward' USING ERRCODE = 'restrict_violation';
END $fn$;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
"""


def _key(row: dict[str, Any]) -> tuple[Any, Any]:
    return row["store_id"], row["id"]


def _seal_legacy(rows: list[dict[str, Any]]) -> tuple[list[tuple[Any, ...]], int, str]:
    """UPDATE parameters that chain ``rows`` in the order given; the head they end at."""
    updates: list[tuple[Any, ...]] = []
    prev = audit_chain.GENESIS
    for seq, row in enumerate(rows, start=1):
        seal = audit_chain.seal(row, seq=seq, prev_hash=prev)
        updates.append((seq, seal.detail_nonce, seal.detail_hash, prev, seal.row_hash, *_key(row)))
        prev = seal.row_hash
    return updates, len(rows), prev


def migrate_sqlite(db: Any) -> None:
    """The step on a ``sqlite_utils.Database`` (inside the migration's transaction)."""
    for column, kind in _CHAIN_COLUMNS:
        db.execute(f"ALTER TABLE audit_events ADD COLUMN {column} {kind}")
    db.execute("CREATE UNIQUE INDEX idx_audit_events_seq ON audit_events(seq)")
    db.execute("CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT)")
    cursor = db.execute(_LEGACY_SELECT)
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    updates, seq, head = _seal_legacy(rows)
    for params in updates:
        db.execute(_SEAL_UPDATE.format(p="?"), params)
    if seq:
        db.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (seq, head))
    ensure_sqlite_triggers(db)
    db.execute("ALTER TABLE orders ADD COLUMN contact_erased_at TEXT")
    db.execute("CREATE INDEX idx_orders_status_contact ON orders(status, contact_erased_at)")


def ensure_sqlite_triggers(db: Any) -> None:
    """Create the append-only triggers where they are missing. Run after every migration
    (``schema.migrate``): a later step that rebuilds ``audit_events`` with
    ``table.transform()`` drops them, and they must never stay dropped."""
    if not db["audit_head"].exists():
        return  # before m007
    for statement in SQLITE_TRIGGERS.split("END;"):
        if statement.strip():
            db.execute(statement + "END;")


def migrate_postgres(conn: Any) -> None:
    """The step on a psycopg connection (inside the migration's transaction)."""
    columns = ", ".join(
        f"ADD COLUMN {c} {'BIGINT' if k == 'INTEGER' else k}" for c, k in _CHAIN_COLUMNS
    )
    conn.execute(f"ALTER TABLE audit_events {columns}")
    conn.execute("CREATE UNIQUE INDEX idx_audit_events_seq ON audit_events(seq)")
    conn.execute("CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT)")
    rows = [dict(r) for r in conn.execute(_LEGACY_SELECT).fetchall()]
    updates, seq, head = _seal_legacy(rows)
    with conn.cursor() as cur:
        cur.executemany(_SEAL_UPDATE.format(p="%s"), updates)
    if seq:
        conn.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, %s, %s)", (seq, head))
    conn.execute(_PG_TRIGGERS)
    conn.execute("ALTER TABLE orders ADD COLUMN contact_erased_at TEXT")
    conn.execute("CREATE INDEX idx_orders_status_contact ON orders(status, contact_erased_at)")
