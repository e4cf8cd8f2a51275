"""The SQLite engine: connection settings, schema upgrade, ``SqliteStorage``.

One connection per request. Writes run under ``BEGIN IMMEDIATE`` (``SqliteDb.transact``):
the write lock is taken before the stock is read, so two kiosks racing for the last pair
are serialised and the second one sees the pair already reserved. WAL lets readers go on
while one writer works; several worker processes share the file and wait for the write
lock up to ``BUSY_TIMEOUT_S``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from inventory_service.storage.dialect import SqliteDb
from inventory_service.storage.schema import applied_migrations, migrate
from inventory_service.storage.sql_storage import SqlStorage

#: How long a writer waits for the lock before SQLite gives up (seconds).
BUSY_TIMEOUT_S = 15.0


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open a connection configured the way every part of the service expects.

    ``isolation_level=None`` hands transaction control to us (explicit BEGIN/COMMIT);
    ``check_same_thread=False`` because FastAPI may run a request's dependency and its
    handler on different worker threads — the connection is still never shared between
    two requests.
    """
    conn = sqlite3.connect(
        str(db_path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


#: A new database file is readable by its owner only: it holds shoppers' contact details.
#: SQLite gives its -wal and -shm files the database file's mode.
FILE_MODE = 0o600


def create_private(db_path: str | Path) -> None:
    """Create the database file with ``FILE_MODE`` when it does not exist yet (an
    existing file keeps the mode IT gave it)."""
    try:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, FILE_MODE)  # exact, whatever the umask
    finally:
        os.close(fd)


def initialise(db_path: str | Path) -> list[str]:
    """Create or upgrade the database file; returns the applied migration names."""
    create_private(db_path)
    conn = connect(db_path)
    try:
        db = sqlite_utils.Database(conn)
        migrate(db)
        return applied_migrations(db)
    finally:
        conn.close()


class SqliteStorage(SqlStorage):
    """``SqlStorage`` over one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(SqliteDb(conn))
        self.conn = conn

    @classmethod
    def open(cls, db_path: str | Path) -> SqliteStorage:
        return cls(connect(db_path))
