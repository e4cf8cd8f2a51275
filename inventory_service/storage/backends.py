"""Choosing the engine from the ``--db`` value, in one place.

    inventory.db, /srv/store.db, sqlite:///store.db      -> SQLite file
    sqlite:////srv/store.db                               -> SQLite file /srv/store.db
    postgresql://user@host/dbname (or postgres://)        -> PostgreSQL

A ``Backend`` initialises the schema and opens one ``SqlStorage`` per request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from inventory_service.storage.sql_storage import SqlStorage

SQLITE_PREFIX = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql", "postgres")


class Backend(Protocol):
    """An engine and the database it serves."""

    kind: str

    @property
    def display(self) -> str:
        """The database, safe to print or log (no password)."""
        ...

    def initialise(self) -> list[str]:
        """Create or upgrade the schema; the applied migration names."""
        ...

    def open(self) -> SqlStorage: ...

    def dispose(self) -> None:
        """Release what the backend holds (a pool)."""
        ...


class SqliteBackend:
    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def display(self) -> str:
        return str(self.path)

    def initialise(self) -> list[str]:
        from inventory_service.storage.sqlite import initialise

        return initialise(self.path)

    def open(self) -> SqlStorage:
        from inventory_service.storage.sqlite import SqliteStorage

        return SqliteStorage.open(self.path)

    def dispose(self) -> None:
        pass


class PostgresBackend:
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        from inventory_service.storage.postgres import PostgresPool

        self.url = url
        self._pool = PostgresPool(url)

    @property
    def display(self) -> str:
        return redact(self.url)

    def initialise(self) -> list[str]:
        from inventory_service.storage.postgres import initialise

        return initialise(self.url)

    def open(self) -> SqlStorage:
        return self._pool.open()

    def dispose(self) -> None:
        self._pool.close()


def database_errors() -> tuple[type[Exception], ...]:
    """What either engine raises when the database is unreachable or broken."""
    import sqlite3

    errors: list[type[Exception]] = [sqlite3.Error]
    try:
        import psycopg
        import psycopg_pool
    except ImportError:  # pragma: no cover - the service extra brings both
        return tuple(errors)
    return (*errors, psycopg.Error, psycopg_pool.PoolTimeout)


def is_postgres(db: str | Path) -> bool:
    return isinstance(db, str) and db.split(":", 1)[0] in POSTGRES_SCHEMES


def backend_for(db: str | Path) -> Backend:
    """The backend a ``--db`` value names."""
    if is_postgres(db):
        return PostgresBackend(str(db))
    text = str(db)
    if text.startswith(SQLITE_PREFIX):  # as SQLAlchemy: sqlite:///rel.db, sqlite:////abs.db
        text = text[len(SQLITE_PREFIX) :]
    return SqliteBackend(Path(text))


def redact(url: str) -> str:
    """``url`` without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))
