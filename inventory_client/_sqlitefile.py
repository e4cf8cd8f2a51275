"""Opening the client's own SQLite files: private, durable, and self-healing when damaged.

Both local files (the outbox and the read cache) go through ``open_private_database``:

- the file is created readable by its owner only (mode 0600; SQLite gives the ``-wal`` and
  ``-shm`` companions the same mode), and an existing file that is too open is tightened;
- WAL journal, the given ``synchronous`` level and ``secure_delete`` (deleted rows are
  overwritten, so a removed address does not linger in free pages);
- a file SQLite cannot read (not a database, a failed ``quick_check``, a torn header) is
  moved aside as ``<name>.corrupt-<UTC timestamp>`` with its companions, logged, and a new
  empty file is created in its place. The kiosk keeps running; the damaged file is kept
  for support, never deleted.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

__all__ = ["FILE_MODE", "move_aside", "open_private_database"]

log = logging.getLogger("inventory_client")

FILE_MODE = 0o600
BUSY_TIMEOUT_SECONDS = 5.0
_COMPANIONS = ("-wal", "-shm")


def open_private_database(
    path: Path, *, synchronous: str, what: str
) -> tuple[sqlite_utils.Database, Path | None]:
    """Open (creating or recreating) ``path``; return the database and, when the old file
    was damaged, where it was moved to."""
    moved: Path | None = None
    try:
        return _open(path, synchronous), None
    except sqlite3.DatabaseError as exc:
        moved = move_aside(path)
        log.warning(
            "%s file %s could not be read (%s: %s); moved aside to %s and recreated",
            what,
            path,
            type(exc).__name__,
            exc,
            moved.name,
        )
    return _open(path, synchronous), moved


def move_aside(path: Path) -> Path:
    """Rename a damaged database and its companions to ``<name>.corrupt-<timestamp>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", *_COMPANIONS):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
    return target


def _open(path: Path, synchronous: str) -> sqlite_utils.Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # tighten a file someone created too open
    finally:
        os.close(fd)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute("PRAGMA secure_delete=ON")
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {result[0] if result else 'no answer'}")
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn, execute_plugins=False)
