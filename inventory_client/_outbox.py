"""The durable outbox: what the kiosk must send, kept on disk until the service has it.

An order is written here (synchronously, ``PRAGMA synchronous=FULL``) *before* it is sent,
under its idempotency key. It leaves the pending state only when the service acknowledged
it, so a crash, a power cut or a dead network between "shopper tapped Order" and "service
said 201" loses nothing: the next ``flush`` sends it again under the same key, and the
service answers with the order it already made instead of making a second one.

Privacy: an entry's ``payload`` holds the shopper's name and address. Once the service has
acknowledged it, ``mark_sent`` deletes the payload and keeps only the key, the status and
the service's id and number for the order; ``secure_delete`` and a WAL checkpoint make sure
the old bytes do not linger in the file. The file is created readable by its owner only
(mode 0600; SQLite gives its ``-wal`` and ``-shm`` files the same mode).

The table is meant to grow (``kind`` already names fetch requests, stock adjustments and
demand events) and its schema is versioned with ``sqlite_utils.migrations``, so a later
release adds columns (say, ``next_attempt_at`` for backoff) without touching old files.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from inventory_client._errors import InventoryError, Rejected

__all__ = ["Outbox", "OutboxEntry", "OutboxError", "OutboxKind", "OutboxStatus"]

TABLE = "outbox"
FILE_MODE = 0o600
BUSY_TIMEOUT_SECONDS = 5.0

migrations = Migrations("inventory_client.outbox")


@migrations()
def m001_create_outbox(db: sqlite_utils.Database) -> None:
    db[TABLE].create(  # type: ignore[union-attr]
        {
            "id": int,
            "kind": str,
            "idempotency_key": str,
            "payload": str,
            "payload_sha256": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "result_id": str,
            "result_number": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={
            "kind",
            "idempotency_key",
            "payload_sha256",
            "status",
            "attempts",
            "created_at",
            "updated_at",
        },
        defaults={"attempts": 0},
    )
    db[TABLE].create_index(["idempotency_key"], unique=True)  # type: ignore[union-attr]
    db[TABLE].create_index(["status", "kind", "id"])  # type: ignore[union-attr]


class OutboxKind(StrEnum):
    ORDER = "order"
    FETCH_REQUEST = "fetch_request"
    STOCK_ADJUSTMENT = "stock_adjustment"
    DEMAND = "demand"


class OutboxStatus(StrEnum):
    PENDING = "pending"  # written, not acknowledged yet: will be (re)sent
    SENT = "sent"  # acknowledged by the service; payload deleted
    FAILED = "failed"  # refused by the service for good: never resent


class OutboxError(InventoryError):
    """The outbox file could not be read or written (disk full, file damaged)."""

    default_user_message = (
        "This kiosk can't save your request right now. Please ask a member of staff for help."
    )


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    kind: OutboxKind
    idempotency_key: str
    payload: str | None
    payload_sha256: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    result_id: str | None
    result_number: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxEntry:
        return cls(
            id=row["id"],
            kind=OutboxKind(row["kind"]),
            idempotency_key=row["idempotency_key"],
            payload=row["payload"],
            payload_sha256=row["payload_sha256"],
            status=OutboxStatus(row["status"]),
            attempts=row["attempts"],
            last_error=row["last_error"],
            result_id=row["result_id"],
            result_number=row["result_number"],
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
        )


_KEEP = object()


def _sha256(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """A durable, thread-safe queue of requests waiting for the service's acknowledgement.

    One SQLite connection per ``Outbox``, shared by threads and guarded by a lock. Several
    ``Outbox`` objects (or processes) may open the same file; WAL mode lets them.
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        with self._guard("open"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                os.fchmod(fd, FILE_MODE)  # tighten a file someone created too open
            finally:
                os.close(fd)
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
            )
            self._db = sqlite_utils.Database(conn, execute_plugins=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten
            migrations.apply(self._db)

    # -- writing ------------------------------------------------------------------------

    def add(self, kind: OutboxKind, idempotency_key: str, payload: str) -> OutboxEntry:
        """Store a new pending entry, durably, and return it.

        Adding the same key again with the same kind and payload returns the existing entry
        (whatever its status) unchanged; the same key with another payload is ``Rejected``.
        Payloads are compared by their SHA-256, which outlives the payload itself.
        """
        now = self._now()
        digest = _sha256(payload)
        with self._guard("add"), self._db.atomic():
            existing = self._get(idempotency_key)
            if existing is not None:
                if existing.kind != kind or existing.payload_sha256 != digest:
                    raise Rejected(
                        f"outbox: idempotency key {idempotency_key!r} already used "
                        "for another request",
                        code="idempotency_conflict",
                    )
                return existing
            self._table.insert(
                {
                    "kind": str(kind),
                    "idempotency_key": idempotency_key,
                    "payload": payload,
                    "payload_sha256": digest,
                    "status": str(OutboxStatus.PENDING),
                    "attempts": 0,
                    "last_error": None,
                    "result_id": None,
                    "result_number": None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            entry = self._get(idempotency_key)
        assert entry is not None
        return entry

    def begin_attempt(self, idempotency_key: str) -> None:
        """Count one more send attempt (before sending, so a crash mid-send still counts)."""
        self._update(idempotency_key, {"attempts": _Increment()})

    def record_error(self, idempotency_key: str, error: str) -> None:
        """Note why the last attempt did not get an acknowledgement; stays pending.

        ``error`` must be technical and free of personal data (class, status, code).
        """
        self._update(idempotency_key, {"last_error": error})

    def mark_sent(
        self, idempotency_key: str, *, result_id: str, result_number: str | None = None
    ) -> None:
        """The service acknowledged: keep its id and number, delete the personal payload."""
        self._update(
            idempotency_key,
            {
                "status": str(OutboxStatus.SENT),
                "payload": None,
                "last_error": None,
                "result_id": result_id,
                "result_number": result_number,
            },
        )
        self._scrub()

    def mark_failed(self, idempotency_key: str, error: str, *, payload: Any = _KEEP) -> None:
        """The service refused for good: never resend. ``payload`` replaces the stored one
        (pass a redacted copy, or None, to drop personal data that is no longer needed)."""
        updates: dict[str, Any] = {"status": str(OutboxStatus.FAILED), "last_error": error}
        if payload is not _KEEP:
            updates["payload"] = payload
        self._update(idempotency_key, updates)
        if payload is not _KEEP:
            self._scrub()

    # -- reading ------------------------------------------------------------------------

    def get(self, idempotency_key: str) -> OutboxEntry | None:
        with self._guard("get"):
            return self._get(idempotency_key)

    def entries(
        self, *, status: OutboxStatus | None = None, kind: OutboxKind | None = None
    ) -> list[OutboxEntry]:
        """Entries oldest first, optionally filtered by status and kind."""
        where, args = self._where(status, kind)
        with self._guard("list"):
            rows = self._table.rows_where(where or None, args, order_by="id")
            return [OutboxEntry.from_row(row) for row in rows]

    def pending(self, kind: OutboxKind | None = None) -> list[OutboxEntry]:
        return self.entries(status=OutboxStatus.PENDING, kind=kind)

    def count(
        self, *, status: OutboxStatus | None = OutboxStatus.PENDING, kind: OutboxKind | None = None
    ) -> int:
        where, args = self._where(status, kind)
        with self._guard("count"):
            return self._table.count_where(where or None, args)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------

    @property
    def _table(self) -> sqlite_utils.db.Table:
        return self._db.table(TABLE)

    def _now(self) -> str:
        return self._clock().astimezone(UTC).isoformat()

    def _get(self, idempotency_key: str) -> OutboxEntry | None:
        rows = list(self._table.rows_where("idempotency_key = ?", [idempotency_key], limit=1))
        return OutboxEntry.from_row(rows[0]) if rows else None

    @staticmethod
    def _where(status: OutboxStatus | None, kind: OutboxKind | None) -> tuple[str, list[str]]:
        clauses, args = [], []
        if status is not None:
            clauses.append("status = ?")
            args.append(str(status))
        if kind is not None:
            clauses.append("kind = ?")
            args.append(str(kind))
        return " and ".join(clauses), args

    def _update(self, idempotency_key: str, updates: dict[str, Any]) -> None:
        assignments, args = [], []
        for column, value in {**updates, "updated_at": self._now()}.items():
            if isinstance(value, _Increment):
                assignments.append(f"[{column}] = [{column}] + 1")
            else:
                assignments.append(f"[{column}] = ?")
                args.append(value)
        sql = f"update [{TABLE}] set {', '.join(assignments)} where idempotency_key = ?"
        with self._guard("update"), self._db.atomic():
            cursor = self._db.execute(sql, [*args, idempotency_key])
            if cursor.rowcount != 1:
                raise OutboxError(f"outbox: no entry with key {idempotency_key!r}")

    def _scrub(self) -> None:
        """Fold the WAL into the database and truncate it, so the old page images holding
        a deleted payload do not linger in the ``-wal`` file (``secure_delete`` already
        zeroes them in the database). Best effort: a reader may hold the WAL open."""
        with self._guard("checkpoint"):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        """Serialise access and turn SQLite and file errors into ``OutboxError``."""
        with self._lock:
            try:
                yield
            except (sqlite3.Error, OSError) as exc:
                raise OutboxError(f"outbox {what} failed: {type(exc).__name__}: {exc}") from exc


class _Increment:
    """Marker for ``_update``: add one to the column."""
