"""GET /v1/health reports the database: it answers, its engine and schema, no secrets."""

from __future__ import annotations

from pathlib import Path

from support.api import Api

from inventory_client.models import Health
from inventory_service.db_health import KNOWN_STEPS
from inventory_service.launcher import ServiceProcess


def test_health_reports_the_engine_and_the_schema(live_service: ServiceProcess) -> None:
    with Api(live_service.url) as api:
        response = api.get("/v1/health")
    assert response.status_code == 200
    health = Health.model_validate_json(response.content)
    database = health.database
    assert health.status == "ok" and database is not None
    assert database.ok and database.error is None
    engine = "postgresql" if str(live_service.db_path).startswith("postgresql") else "sqlite"
    assert database.engine == engine
    assert database.server_version is not None
    assert database.server_version.startswith(
        {"sqlite": "SQLite 3.", "postgresql": "PostgreSQL "}[engine]
    )
    assert database.migration == KNOWN_STEPS[-1]
    assert database.pending_steps == 0
    # Nothing that locates or opens the database: no URL, user, host, port or file path.
    for secret in ("postgres@", "127.0.0.1", "://", "inventory.db", "/tmp"):
        assert secret not in response.text, secret


def test_a_damaged_database_is_503_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "inventory.db"
    with ServiceProcess(db, seed="demo") as service, Api(service.url) as api:
        assert api.get("/v1/health").status_code == 200
        for leftover in (tmp_path / "inventory.db-wal", tmp_path / "inventory.db-shm"):
            leftover.unlink(missing_ok=True)
        db.write_bytes(b"this is no longer a database " * 200)

        response = api.get("/v1/health")
        assert response.status_code == 503
        health = Health.model_validate_json(response.content)
        assert health.status == "unavailable"
        assert health.database is not None
        assert not health.database.ok
        assert health.database.engine == "sqlite"
        assert health.database.error == "DatabaseError"
        assert str(tmp_path) not in response.text
