"""Reading a test's database whatever its engine (SQLite path or PostgreSQL URL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from inventory_service.copy_db import TABLES
from inventory_service.storage import SqlStorage
from inventory_service.storage.backends import backend_for


@contextmanager
def open_storage(db: str | Path) -> Iterator[SqlStorage]:
    """The service's own storage on ``db`` (no HTTP), closed afterwards."""
    backend = backend_for(db)
    storage = backend.open()
    try:
        yield storage
    finally:
        storage.close()
        backend.dispose()


def rows(db: str | Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    with open_storage(db) as storage:
        return storage.db.all(sql, params)


def dump(db: str | Path) -> dict[str, list[str]]:
    """Every table's rows (sorted), to prove that something changed nothing. A key's
    ``last_used_at`` is left out: using a key is not a change to the store's data."""
    out: dict[str, list[str]] = {}
    with open_storage(db) as storage:
        for table in TABLES:
            found = storage.db.all(f"SELECT * FROM {table.name}")
            kept = ({k: v for k, v in r.items() if k != "last_used_at"} for r in found)
            out[table.name] = sorted(repr(sorted(r.items())) for r in kept)
    return out
