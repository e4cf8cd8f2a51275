"""The one place where SQLite and PostgreSQL differ: connections, placeholders, transactions.

Every query of the service is written once, with ``?`` (or numbered ``?1``) placeholders
and SQL both engines understand (``ON CONFLICT``, ``CASE``, ``COALESCE``). A ``Db`` runs
them on one connection and hides the rest:

- placeholders: SQLite takes them as written; PostgreSQL gets ``%s`` / ``%(pN)s``;
- ``transact``: SQLite takes the write lock first (``BEGIN IMMEDIATE``), so writers are
  serialised; PostgreSQL runs the body ``SERIALIZABLE`` and runs it again when the server
  reports a serialization failure or a deadlock (another worker won a race), so the
  outcome is always as if the transactions had run one after the other;
- two expressions: ``fold`` (case-insensitive search) and ``size_key`` (sort sizes as
  numbers).

Rows come back as plain dicts from both engines.
"""

from __future__ import annotations

import functools
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # psycopg is the optional `postgres` extra; only the PostgreSQL Db needs it
    import psycopg

from inventory_service.errors import Busy

Row = dict[str, Any]
Params = Sequence[Any]
T = TypeVar("T")

#: How often a PostgreSQL transaction is tried before the request is refused as ``Busy``.
MAX_ATTEMPTS = 20
#: First back-off between attempts (seconds); doubles each time, with jitter.
FIRST_BACKOFF_S = 0.002


_BUSY = "The stock system is busy right now; please try again."


def _always(_: object) -> bool:
    return True


class Db:
    """One connection and the dialect spoken over it (a subclass per engine)."""

    name = ""

    def one(self, sql: str, params: Params = ()) -> Row | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        raise NotImplementedError

    def run(self, sql: str, params: Params = ()) -> int:
        """Execute a statement; the number of rows it changed."""
        raise NotImplementedError

    def many(self, sql: str, rows: Iterable[Params]) -> None:
        raise NotImplementedError

    def transact(self, body: Callable[[], T], *, commit_if: Callable[[T], bool] = _always) -> T:
        """Run ``body`` in one write transaction and return its result.

        The transaction commits when ``commit_if(result)`` is true and rolls back otherwise
        (a dry run that reports what it would have done); an exception rolls back and
        propagates.
        """
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- expressions that differ ---------------------------------------------------

    def fold(self, expr: str) -> str:
        """``expr`` case-folded, so ``GRÖSSE`` matches ``größe``."""
        raise NotImplementedError

    def size_key(self, expr: str) -> str:
        """A numeric sort key for a size text such as ``42.5`` (0 when not a number)."""
        raise NotImplementedError


# --- SQLite ------------------------------------------------------------------------


def _dict_row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> Row:
    return {col[0]: value for col, value in zip(cursor.description, values, strict=True)}


def _casefold(value: object) -> str | None:
    # SQLite's lower() folds ASCII only; casefold() also matches "GRÖSSE" to "größe".
    return value.casefold() if isinstance(value, str) else None


class SqliteDb(Db):
    name = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.row_factory = _dict_row
        conn.create_function("py_fold", 1, _casefold, deterministic=True)
        self.conn = conn

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        return self.conn.execute(sql, params).fetchall()

    def run(self, sql: str, params: Params = ()) -> int:
        return self.conn.execute(sql, params).rowcount

    def many(self, sql: str, rows: Iterable[Params]) -> None:
        self.conn.executemany(sql, rows)

    def transact(self, body: Callable[[], T], *, commit_if: Callable[[T], bool] = _always) -> T:
        try:
            self.conn.execute("BEGIN IMMEDIATE")  # take the write lock before reading
        except sqlite3.OperationalError as exc:  # still locked after the busy timeout
            raise Busy(_BUSY) from exc
        try:
            result = body()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT" if commit_if(result) else "ROLLBACK")
        return result

    def close(self) -> None:
        self.conn.close()

    def fold(self, expr: str) -> str:
        return f"py_fold({expr})"

    def size_key(self, expr: str) -> str:
        return f"CAST({expr} AS REAL)"


# --- PostgreSQL --------------------------------------------------------------------

_NUMBERED = re.compile(r"\?(\d+)")


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> tuple[str, bool]:
    """``?`` -> ``%s``, ``?N`` -> ``%(pN)s`` (and a literal ``%`` doubled); numbered?"""
    sql = sql.replace("%", "%%")
    if _NUMBERED.search(sql):
        return _NUMBERED.sub(lambda m: f"%(p{m[1]})s", sql), True
    return sql.replace("?", "%s"), False


def _bind(numbered: bool, params: Params) -> Params | dict[str, Any]:
    if numbered:
        return {f"p{i}": value for i, value in enumerate(params, start=1)}
    return params


class _Rollback(Exception):
    """Raised inside a PostgreSQL transaction to roll back a body that asked for it."""


class PostgresDb(Db):
    name = "postgresql"

    def __init__(self, conn: psycopg.Connection[Row], on_close: Callable[[], None]) -> None:
        self.conn = conn
        self._on_close = on_close

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        query, numbered = to_pyformat(sql)
        with self.conn.cursor() as cur:
            cur.execute(query, _bind(numbered, params))
            return cur.fetchall() if cur.description is not None else []

    def run(self, sql: str, params: Params = ()) -> int:
        query, numbered = to_pyformat(sql)
        with self.conn.cursor() as cur:
            cur.execute(query, _bind(numbered, params))
            return cur.rowcount

    def many(self, sql: str, rows: Iterable[Params]) -> None:
        query, numbered = to_pyformat(sql)
        with self.conn.cursor() as cur:
            cur.executemany(query, [_bind(numbered, r) for r in rows])

    def transact(self, body: Callable[[], T], *, commit_if: Callable[[T], bool] = _always) -> T:
        from psycopg import errors

        backoff = FIRST_BACKOFF_S
        for attempt in range(1, MAX_ATTEMPTS + 1):
            result: T
            try:
                with self.conn.transaction():
                    result = body()
                    if not commit_if(result):
                        raise _Rollback
                return result
            except _Rollback:
                return result
            except (errors.SerializationFailure, errors.DeadlockDetected) as exc:
                if attempt == MAX_ATTEMPTS:
                    raise Busy(_BUSY) from exc
                time.sleep(backoff * (0.5 + random.random()))
                backoff = min(backoff * 2, 0.25)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        self._on_close()

    def fold(self, expr: str) -> str:
        # lower() folds every letter in a UTF-8 database; casefold() also maps ß to ss.
        return f"replace(lower({expr}), 'ß', 'ss')"

    def size_key(self, expr: str) -> str:
        # No "?" in the pattern: it would be read as a placeholder.
        number = "'^[0-9]+([.][0-9]+){0,1}$'"
        return f"(CASE WHEN {expr} ~ {number} THEN CAST({expr} AS REAL) ELSE 0 END)"


__all__ = ["Db", "Params", "PostgresDb", "Row", "SqliteDb", "to_pyformat"]
