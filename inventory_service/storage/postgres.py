"""The PostgreSQL engine for a chain's central service: a connection pool per process.

psycopg 3 and psycopg-pool (the ``service`` extra). Each request borrows one connection
(``PostgresStorage``) and gives it back on ``close``. Connections run in autocommit for
reads; writes go through ``PostgresDb.transact`` (``SERIALIZABLE``, retried on
serialization failures), so any number of workers on any number of hosts keep the same
promises as one SQLite writer: the last pair is sold once, a key makes one order.
"""

from __future__ import annotations

import os
import threading

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from inventory_service.errors import Busy
from inventory_service.storage import pg_schema
from inventory_service.storage.dialect import PostgresDb, Row
from inventory_service.storage.sql_storage import SqlStorage

#: Connections per worker process; requests beyond that wait for one to come back.
POOL_MAX = int(os.environ.get("INVENTORY_PG_POOL_MAX", "8"))
POOL_TIMEOUT_S = 15.0


def _configure(conn: psycopg.Connection[Row]) -> None:
    conn.autocommit = True
    conn.isolation_level = psycopg.IsolationLevel.SERIALIZABLE


def connect(url: str) -> psycopg.Connection[Row]:
    """One configured connection (outside the pool: migrations, ``copy``, tests)."""
    conn = psycopg.connect(url, row_factory=dict_row, autocommit=True)
    _configure(conn)
    return conn


def initialise(url: str) -> list[str]:
    """Create or upgrade the schema; returns the applied migration names."""
    with connect(url) as conn:
        return pg_schema.migrate(conn)


class PostgresStorage(SqlStorage):
    """``SqlStorage`` over one pooled PostgreSQL connection."""


class PostgresPool:
    """The process's pool, opened on first use (after a worker process has started)."""

    def __init__(self, url: str, max_size: int = POOL_MAX) -> None:
        self.url = url
        self.max_size = max_size
        self._pool: ConnectionPool[psycopg.Connection[Row]] | None = None
        self._lock = threading.Lock()
        self._pid = 0

    def _get_pool(self) -> ConnectionPool[psycopg.Connection[Row]]:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ConnectionPool(
                    self.url,
                    min_size=1,
                    max_size=self.max_size,
                    kwargs={"row_factory": dict_row, "autocommit": True},
                    configure=_configure,
                    timeout=POOL_TIMEOUT_S,
                    open=True,
                )
                self._pid = os.getpid()
            return self._pool

    def open(self) -> PostgresStorage:
        pool = self._get_pool()
        try:
            conn = pool.getconn()
        except PoolTimeout as exc:
            raise Busy("The stock system is busy right now; please try again.") from exc
        return PostgresStorage(PostgresDb(conn, lambda: pool.putconn(conn)))

    def close(self) -> None:
        with self._lock:
            if self._pool is not None and self._pid == os.getpid():
                self._pool.close()
            self._pool = None
