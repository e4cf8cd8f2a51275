"""Service tests run against both engines: every test that uses ``fresh_service``,
``live_service`` or ``service_db`` runs once on SQLite and once on PostgreSQL.

PostgreSQL is a real server the session starts itself (``PostgresSandbox``: ``initdb`` in
a temporary directory, as ``nobody`` under root), once per session; each test gets a
fresh database copied from a migrated template. Where the server binaries are missing
the PostgreSQL half is skipped with the reason, except in CI (``CI=true``), where that is
a failure: ``make test`` installs them (``deploy/system-packages.sh``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.api import Api

from inventory_service.launcher import ServiceProcess
from inventory_service.pg_sandbox import PostgresSandbox, SandboxUnavailable

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_sandbox() -> Iterator[PostgresSandbox]:
    try:
        sandbox = PostgresSandbox()
    except SandboxUnavailable as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(str(exc))
    with sandbox:
        yield sandbox


def _new_db(backend: str, request: pytest.FixtureRequest, directory: Path) -> str | Path:
    if backend == "sqlite":
        return directory / "inventory.db"
    sandbox: PostgresSandbox = request.getfixturevalue("pg_sandbox")
    return sandbox.create_database()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def service_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A new, empty (migrated on PostgreSQL) database: a SQLite path or a URL."""
    return _new_db(backend, request, tmp_path)


@pytest.fixture(scope="session", params=BACKENDS)
def live_service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceProcess]:
    """One demo-seeded service per engine for the session (read-mostly tests)."""
    db = _new_db(request.param, request, tmp_path_factory.mktemp("live-service"))
    with ServiceProcess(db, seed="demo") as service:
        yield service


@pytest.fixture
def fresh_service(service_db: str | Path) -> Iterator[ServiceProcess]:
    """A demo-seeded service on a new database, for a test that changes stock."""
    with ServiceProcess(service_db, seed="demo") as service:
        yield service


@pytest.fixture
def kiosk(fresh_service: ServiceProcess) -> Iterator[Api]:
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        yield api


@pytest.fixture
def staff(fresh_service: ServiceProcess) -> Iterator[Api]:
    with Api(fresh_service.url, fresh_service.staff_key) as api:
        yield api
