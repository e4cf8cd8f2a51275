"""A minimal stand-in for ``sqlite_utils.migrations.Migrations`` (sqlite-utils < 4).

Same surface as far as this package uses it: register steps with ``@migrations()``,
``apply(db)`` runs the pending ones in order, each in its own transaction, recorded in
the ``_migrations`` table; ``applied(db)`` lists what ran.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class _Applied:
    name: str
    applied_at: str


class Migrations:
    migrations_table = "_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Callable[[Any], None]]] = []

    def __call__(self, *, name: str | None = None) -> Callable[[Callable], Callable]:
        def inner(func: Callable[[Any], None]) -> Callable[[Any], None]:
            self._steps.append((name or func.__name__, func))
            return func

        return inner

    def applied(self, db: Any) -> list[_Applied]:
        if not db[self.migrations_table].exists():
            return []
        rows = db.execute(
            f"SELECT name, applied_at FROM {self.migrations_table} "
            "WHERE migration_set = ? ORDER BY rowid",
            [self.name],
        ).fetchall()
        return [_Applied(*row) for row in rows]

    def apply(self, db: Any) -> None:
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {self.migrations_table} ("
            "migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, "
            "PRIMARY KEY (migration_set, name))"
        )
        done = {a.name for a in self.applied(db)}
        conn = db.conn
        for name, func in self._steps:
            if name in done:
                continue
            conn.execute("BEGIN")
            try:
                func(db)
                conn.execute(
                    f"INSERT INTO {self.migrations_table} VALUES (?, ?, ?)",
                    [self.name, name, str(datetime.datetime.now(datetime.UTC))],
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
