"""Every admin action, audited at the service; kept on disk until the service has it.

An event is written to a small local SQLite file (mode 0600) first, then sent to
``POST /v1/audit`` under its own id, so a resend after a network drop is stored once at
the service. Events the service has not acknowledged stay ``pending`` and go out with the
next :meth:`AuditTrail.flush`. Details are technical (GTINs, order numbers, counts) and
never hold shopper personal data.

Blocking (SQLite + HTTP): call :meth:`record` and :meth:`flush` from a worker thread.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import sqlite_utils

from inventory_client import InventoryError, Rejected, Unauthorized
from inventory_client.models import AuditEvent, AuditEventCreate

__all__ = ["AuditTrail", "PendingEvent"]

log = logging.getLogger(__name__)
FILE_MODE = 0o600
TABLE = "audit_events"


class _Sender(Protocol):
    def audit(self, event: AuditEventCreate, *, actor: str | None = None) -> AuditEvent: ...


@dataclass(frozen=True)
class PendingEvent:
    """An event kept on disk: what goes to the service, who did it, when it happened here.

    The service records its own time and takes the person from ``X-Actor``; ``at`` is
    the kiosk's clock, kept locally only."""

    event: AuditEventCreate
    actor: str
    at: datetime


def _utcnow() -> datetime:
    return datetime.now(UTC)


class AuditTrail:
    """Durable audit events for one kiosk, sent to the service through ``sender``."""

    def __init__(
        self,
        sender: _Sender,
        path: str | Path,
        *,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self._sender = sender
        self._clock = clock
        self._lock = threading.RLock()
        self._closed = False
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
        conn.execute("PRAGMA journal_mode=WAL")
        self._db = sqlite_utils.Database(conn)
        table = self._db.table(TABLE)
        if not table.exists():
            table.create(
                {
                    "id": str,
                    "actor": str,
                    "action": str,
                    "detail": str,
                    "at": str,
                    "status": str,
                    "last_error": str,
                },
                pk="id",
            )
            table.create_index(["status", "at"])

    def record(self, actor: str, action: str, detail: str = "") -> bool:
        """Keep the event and try to send it; True when the service acknowledged it."""
        pending = PendingEvent(
            AuditEventCreate(id=uuid.uuid4().hex, action=action, detail=detail),
            actor,
            self._clock(),
        )
        event = pending.event
        with self._lock:
            if self._closed:  # a late event after the screen was torn down
                log.warning("audit event %s dropped: audit trail already closed", action)
                return False
        with self._lock, self._db.conn:
            self._db.table(TABLE).insert(
                {
                    "id": event.id,
                    "actor": pending.actor,
                    "action": event.action,
                    "detail": event.detail,
                    "at": pending.at.isoformat(),
                    "status": "pending",
                    "last_error": None,
                }
            )
        return self._send(pending) == "sent"

    def flush(self) -> int:
        """Send every pending event, oldest first; stop at the first that cannot go."""
        sent = 0
        for event in self.pending():
            outcome = self._send(event)
            if outcome == "pending":
                break  # unreachable: the rest would fail the same way
            sent += outcome == "sent"
        return sent

    def pending(self) -> list[PendingEvent]:
        with self._lock:
            rows = self._db.table(TABLE).rows_where("status = ?", ["pending"], order_by="at")
            return [
                PendingEvent(
                    AuditEventCreate(id=r["id"], action=r["action"], detail=r["detail"]),
                    r["actor"],
                    datetime.fromisoformat(r["at"]),
                )
                for r in rows
            ]

    def pending_count(self) -> int:
        with self._lock:
            if self._closed:
                return 0
            return self._db.table(TABLE).count_where("status = ?", ["pending"])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    def _send(self, pending: PendingEvent) -> str:
        event = pending.event
        try:
            self._sender.audit(event, actor=pending.actor)
        except (Rejected, Unauthorized) as exc:
            # Refused (e.g. a route this service version lacks): keep it locally, visible
            # as a gap, and do not hammer the service with it on every flush.
            self._set(event.id, "refused", f"{type(exc).__name__}: {exc.status_code}")
            log.warning("audit event %s refused by the service: %s", event.action, exc.code)
            return "refused"
        except InventoryError as exc:
            self._set(event.id, "pending", f"{type(exc).__name__}: {exc.status_code}")
            return "pending"
        self._set(event.id, "sent", None)
        return "sent"

    def _set(self, event_id: str, status: str, error: str | None) -> None:
        with self._lock:
            if self._closed:
                return
        with self._lock, self._db.conn:
            self._db.table(TABLE).update(event_id, {"status": status, "last_error": error})
