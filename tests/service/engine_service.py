"""One demo-seeded service per engine for a whole test module (hygiene, property tests).

Import ``engine_service`` into a test module; its tests then ask for ``service`` and share
one service on SQLite and one on PostgreSQL (the session's sandbox), not one per test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inventory_service.launcher import ServiceProcess

from .conftest import BACKENDS, _new_db


@pytest.fixture(scope="module", params=BACKENDS, name="service")
def engine_service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceProcess]:
    db = _new_db(request.param, request, tmp_path_factory.mktemp("engine-service"))
    with ServiceProcess(db, seed="demo") as svc:
        yield svc
