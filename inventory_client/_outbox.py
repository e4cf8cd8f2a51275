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

Kinds: orders, fetch requests, stock adjustments, demand events and back-in-stock
requests (whose email address goes the way of an order's personal data). The schema is
versioned with ``sqlite_utils.migrations`` (m002 added backoff, ordering and notices).

Retrying: a failed attempt sets ``next_attempt_at`` by exponential backoff with full
jitter (``backoff_delay``), so a kiosk fleet coming back online does not hammer the service
in step. Entries with an ``ordering_key`` (stock adjustments: ``location:gtin``) are sent
strictly in order: a later one waits while an earlier one with the same key is pending.

The staff view (``entries()``, ``failed()``) returns ``BacklogEntry`` rows: kind, status,
attempts, last error, age, a plain reason; never the payload, so never personal data.

A damaged file is moved aside and recreated (see ``_sqlitefile``).
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Literal

import sqlite_utils
from sqlite_utils.migrations import Migrations

from inventory_client._errors import Rejected
from inventory_client._outbox_entries import (
    BacklogEntry,
    Notice,
    OutboxEntry,
    OutboxError,
    OutboxKind,
    OutboxStatus,
    backoff_delay,
)
from inventory_client._sqlitefile import FILE_MODE as FILE_MODE
from inventory_client._sqlitefile import open_private_database

__all__ = [
    "BacklogEntry",
    "Notice",
    "Outbox",
    "OutboxEntry",
    "OutboxError",
    "OutboxKind",
    "OutboxStatus",
    "backoff_delay",
]

TABLE = "outbox"

migrations = Migrations("inventory_client.outbox")


@migrations()
def m001_create_outbox(db: sqlite_utils.Database) -> None:
    db.table(TABLE).create(
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
    db.table(TABLE).create_index(["idempotency_key"], unique=True)
    db.table(TABLE).create_index(["status", "kind", "id"])


@migrations()
def m002_backoff_ordering_notices(db: sqlite_utils.Database) -> None:
    table = db.table(TABLE)
    table.add_column("next_attempt_at", str)
    table.add_column("ordering_key", str)
    table.add_column("notice", str)
    table.create_index(["ordering_key", "id"])


class _Keep(Enum):
    """Default of ``mark_failed``'s payload: leave the stored one as it is."""

    PAYLOAD = "keep"


_KEEP = _Keep.PAYLOAD


def _sha256(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """A durable, thread-safe queue of requests waiting for the service's acknowledgement.

    One SQLite connection per ``Outbox``, shared by threads and guarded by a lock. Several
    ``Outbox`` objects (or processes) may open the same file; WAL mode lets them.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], datetime] = _utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._rng = rng or random.Random()
        self._lock = threading.RLock()
        with self._guard("open"):
            # synchronous=FULL: a commit is on the disk before add() returns (power cut).
            self._db, self.moved_aside = open_private_database(
                self.path, synchronous="FULL", what="outbox"
            )
            migrations.apply(self._db)

    # -- writing ------------------------------------------------------------------------

    def add(
        self,
        kind: OutboxKind,
        idempotency_key: str,
        payload: str,
        *,
        ordering_key: str | None = None,
    ) -> OutboxEntry:
        """Store a new pending entry, durably, and return it.

        Entries sharing an ``ordering_key`` are sent strictly in the order they were added.

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
                    "next_attempt_at": None,
                    "ordering_key": ordering_key,
                    "notice": None,
                }
            )
            entry = self._get(idempotency_key)
        assert entry is not None
        return entry

    def begin_attempt(self, idempotency_key: str) -> None:
        """Count one more send attempt (before sending, so a crash mid-send still counts)."""
        self._update(idempotency_key, {"attempts": _Increment()})

    def record_error(
        self, idempotency_key: str, error: str, *, not_before_s: float | None = None
    ) -> None:
        """Note why the last attempt did not get an acknowledgement; stays pending, and is
        not due again before a backoff delay (``backoff_delay``) has passed, nor before
        ``not_before_s`` seconds (the service's ``Retry-After``) when that is longer.

        ``error`` must be technical and free of personal data (class, status, code).
        """
        with self._guard("record error"):
            entry = self._get(idempotency_key)
            attempts = entry.attempts if entry is not None else 1
            delay = max(backoff_delay(attempts, self._rng), not_before_s or 0.0)
            due = (self._clock() + timedelta(seconds=delay)).astimezone(UTC).isoformat()
            self._update(idempotency_key, {"last_error": error, "next_attempt_at": due})

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
                "next_attempt_at": None,
            },
        )
        self._scrub()

    def remove(self, idempotency_key: str) -> None:
        """Forget an acknowledged entry that is worth nothing afterwards (demand events)."""
        with self._guard("remove"), self._db.atomic():
            self._db.execute(f"delete from [{TABLE}] where idempotency_key = ?", [idempotency_key])

    def prune(self, older_than: timedelta) -> int:
        """Delete sent entries (key, status and order number only) older than this."""
        cutoff = (self._clock() - older_than).astimezone(UTC).isoformat()
        with self._guard("prune"), self._db.atomic():
            cursor = self._db.execute(
                f"delete from [{TABLE}] where status = ? and updated_at < ?",
                [str(OutboxStatus.SENT), cutoff],
            )
            return cursor.rowcount

    def mark_failed(
        self,
        idempotency_key: str,
        error: str,
        *,
        payload: str | Literal[_Keep.PAYLOAD] | None = _KEEP,
        notice: Notice | None = None,
    ) -> None:
        """The service refused for good: never resend. ``payload`` replaces the stored one
        (pass a redacted copy, or None, to drop personal data that is no longer needed).
        ``notice=Notice.DUE`` marks it for ``notices_due()``."""
        updates: dict[str, Any] = {
            "status": str(OutboxStatus.FAILED),
            "last_error": error,
            "next_attempt_at": None,
        }
        if notice is not None:
            updates["notice"] = str(notice)
        if payload is not _Keep.PAYLOAD:
            updates["payload"] = payload
        self._update(idempotency_key, updates)
        if payload is not _Keep.PAYLOAD:
            self._scrub()

    def handle_notice(self, idempotency_key: str, payload: str | None) -> None:
        """The notice about a failed entry was delivered: mark it handled and replace the
        payload (the caller drops the email address it no longer needs)."""
        self._update(idempotency_key, {"notice": str(Notice.HANDLED), "payload": payload})
        self._scrub()

    # -- reading ------------------------------------------------------------------------

    def get(self, idempotency_key: str) -> OutboxEntry | None:
        with self._guard("get"):
            return self._get(idempotency_key)

    def entries(
        self, *, status: OutboxStatus | None = None, kind: OutboxKind | None = None
    ) -> list[BacklogEntry]:
        """The staff view, oldest first, optionally filtered: no payloads, no personal data."""
        now = self._clock()
        return [
            BacklogEntry(
                idempotency_key=e.idempotency_key,
                kind=e.kind,
                status=e.status,
                attempts=e.attempts,
                last_error=e.last_error,
                created_at=e.created_at,
                age=max(timedelta(0), now - e.created_at),
                next_attempt_at=e.next_attempt_at,
                result_number=e.result_number,
            )
            for e in self._entries(status, kind)
        ]

    def failed(self, kind: OutboxKind | None = None) -> list[BacklogEntry]:
        """Entries the service refused for good, with ``reason`` for staff."""
        return self.entries(status=OutboxStatus.FAILED, kind=kind)

    def pending(self, kind: OutboxKind | None = None) -> list[OutboxEntry]:
        """Full pending entries (with payloads), oldest first: for the sender only."""
        return self._entries(OutboxStatus.PENDING, kind)

    def notices_due(self) -> list[OutboxEntry]:
        """Failed entries whose notice has not been delivered yet."""
        with self._guard("notices"):
            rows = self._table.rows_where("notice = ?", [str(Notice.DUE)], order_by="id")
            return [OutboxEntry.from_row(row) for row in rows]

    def _entries(self, status: OutboxStatus | None, kind: OutboxKind | None) -> list[OutboxEntry]:
        where, args = self._where(status, kind)
        with self._guard("list"):
            rows = self._table.rows_where(where or None, args, order_by="id")
            return [OutboxEntry.from_row(row) for row in rows]

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
