"""The database part of ``GET /v1/health``: does it answer, which engine, which schema.

IT's monitoring and the kiosk's ``doctor`` read it. It names the engine, the server's
version and the newest applied migration step, never the URL, a user or a password; when
the database does not answer it says only what kind of error that was (a driver's message
can name hosts and users).
"""

from __future__ import annotations

from collections.abc import Callable

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


def database_health(open_storage: Callable[[], SqlStorage], engine: str) -> DatabaseHealth:
    """Ask the database three cheap questions on one connection; never raises for a
    database that is down, locked or damaged (that is ``ok=False`` with the error's kind)."""
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
