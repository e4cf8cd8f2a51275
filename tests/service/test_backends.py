"""Which engine a ``--db`` value names, and how queries are spelled for PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from inventory_service.storage.backends import (
    PostgresBackend,
    SqliteBackend,
    backend_for,
    redact,
)
from inventory_service.storage.dialect import to_pyformat


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("inventory.db", Path("inventory.db")),
        (Path("/srv/store.db"), Path("/srv/store.db")),
        ("sqlite:///store.db", Path("store.db")),
        ("sqlite:////srv/store.db", Path("/srv/store.db")),
    ],
)
def test_paths_and_sqlite_urls_are_sqlite(value: str | Path, path: Path) -> None:
    backend = backend_for(value)
    assert isinstance(backend, SqliteBackend)
    assert backend.path == path


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgres://u:pw@h:5432/db"])
def test_postgres_urls_are_postgres_and_never_shown_with_the_password(url: str) -> None:
    backend = backend_for(url)
    assert isinstance(backend, PostgresBackend) and backend.kind == "postgresql"
    assert "pw" not in backend.display
    backend.dispose()


def test_redact_keeps_everything_but_the_password() -> None:
    assert redact("postgresql://ea:s3cret@db.example:5432/chain") == (
        "postgresql://ea:***@db.example:5432/chain"
    )
    assert redact("postgresql://ea@db/chain") == "postgresql://ea@db/chain"


def test_placeholders_translate_for_psycopg() -> None:
    assert to_pyformat("SELECT * FROM t WHERE a = ? AND b LIKE ?") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE %s",
        False,
    )
    assert to_pyformat("UPDATE s SET r = r + ?1 WHERE x = ?2 AND r >= ?1") == (
        "UPDATE s SET r = r + %(p1)s WHERE x = %(p2)s AND r >= %(p1)s",
        True,
    )
    assert to_pyformat("SELECT 100 % 7") == ("SELECT 100 %% 7", False)


def test_unreachable_postgres_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from inventory_service.__main__ import main

    assert main(["seed", "--db", "postgresql://nobody@127.0.0.1:1/chain"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("inventory service: database: connection failed")
    assert "Traceback" not in err
