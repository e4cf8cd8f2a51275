"""The database part of ``GET /v1/health``: does it answer, which engine, which schema.

IT's monitoring and the kiosk's ``doctor`` read it. It names the engine, the server's
version and the newest applied migration step, never the URL, a user or a password; when
the database does not answer it says only what kind of error that was (a driver's message
can name hosts and users).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from inventory_client.models import DatabaseHealth
from inventory_service.errors import Busy
from inventory_service.storage import SqlStorage
from inventory_service.storage.backends import database_errors
from inventory_service.storage.pg_schema import MIGRATION_SET, STEPS

#: Each engine's version query and migration table (``sqlite_utils`` names its own).
_ENGINE_SQL = {
    "sqlite": ("SELECT 'SQLite ' || sqlite_version() AS v", "_sqlite_migrations"),
    "postgresql": (
        "SELECT 'PostgreSQL ' || current_setting('server_version') AS v",
        "schema_migrations",
    ),
}
#: The steps this version applies at start; both engines use the same step names.
KNOWN_STEPS = tuple(name for name, _ in STEPS)
#: How long ``/v1/health`` waits for the database. A PostgreSQL server that went away
#: leaves the pool waiting up to its own 15 s for a connection; health answers sooner,
#: inside the kiosk's default 5 s read timeout, so the doctor can say what is wrong.
HEALTH_TIMEOUT_S = 3.0
#: Checks still waiting on a dead database occupy at most this many threads.
_CHECK_THREADS = 4

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _checks() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:  # created in the worker process that asks, not at import
            _executor = ThreadPoolExecutor(_CHECK_THREADS, thread_name_prefix="db-health")
        return _executor


def database_health(
    open_storage: Callable[[], SqlStorage], engine: str, timeout: float = HEALTH_TIMEOUT_S
) -> DatabaseHealth:
    """The database's health within ``timeout`` seconds; never raises for a database that
    is down, locked, damaged or slow (that is ``ok=False`` with the error's kind)."""
    future = _checks().submit(_check, open_storage, engine)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        return DatabaseHealth(ok=False, engine=engine, error=f"no answer within {timeout:g} s")


def _check(open_storage: Callable[[], SqlStorage], engine: str) -> DatabaseHealth:
    """Ask the database three cheap questions on one connection."""
    failures: tuple[type[Exception], ...] = (*database_errors(), Busy)
    try:
        storage = open_storage()
        try:
            return _ask(storage)
        finally:
            storage.close()
    except failures as exc:
        return DatabaseHealth(ok=False, engine=engine, error=type(exc).__name__)


def _ask(storage: SqlStorage) -> DatabaseHealth:
    db = storage.db
    version_sql, table = _ENGINE_SQL[db.name]
    version = db.one(version_sql)
    applied = [
        str(row["name"])
        for row in db.all(
            f"SELECT name FROM {table} WHERE migration_set = ? ORDER BY applied_at, name",
            (MIGRATION_SET,),
        )
    ]
    return DatabaseHealth(
        ok=True,
        engine=db.name,
        server_version=str(version["v"]) if version else None,
        migration=applied[-1] if applied else None,
        pending_steps=len(set(KNOWN_STEPS) - set(applied)),
    )
