"""Backup and restore of the central service's PostgreSQL database, as docs/DEPLOY.md says.

A real server (``pg_sandbox``), orders and a restock through the real service, a dump by
``deploy/endless-aisle-central-backup`` (what the nightly timer runs) while the service
runs, ``pg_restore`` into a new empty database, and the service started on the restored
database the way ``endless-aisle-central.service`` starts it: ``--db postgresql://`` with
the database in libpq's ``PG*`` variables, several workers. Every row is back, the last
pair stays sold, the same idempotency key answers the same order, and new orders work.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest
from support.api import Api, assert_error, new_key, order_body

from inventory_client.models import Health, Order
from inventory_service.db_health import KNOWN_STEPS
from inventory_service.launcher import ServiceProcess
from inventory_service.pg_sandbox import PostgresSandbox, find_binary

from .db_helpers import dump, rows

#: The unit's default is 4; two keep the test light on a 2-core machine and still prove
#: that the workers share the restored database.
WORKERS = 2
WORKERS_START_S = 120.0
BACKUP_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "endless-aisle-central-backup"


def _warehouse_gtins(catalogue: dict[str, Any], count: int) -> list[str]:
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    found = [
        r["gtin"]
        for r in catalogue["stock"]
        if r["location_id"] in warehouses and r["on_hand"] >= 3
    ]
    return list(dict.fromkeys(found))[:count]


def _run(*cmd: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, f"{cmd[0]} failed:\n{done.stdout}\n{done.stderr}"


def _libpq_env(pg: PostgresSandbox, database: str) -> dict[str, str]:
    """The database as central.env names it: libpq's variables, no URL."""
    return {
        "PGHOST": "127.0.0.1",
        "PGPORT": str(pg.port),
        "PGUSER": "postgres",
        "PGDATABASE": database,
    }


def _create_empty_database(pg: PostgresSandbox, name: str) -> str:
    """An empty database (not the migrated template: pg_restore brings the schema)."""
    with psycopg.connect(pg.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}".encode())
    return pg.url(name)


def test_dump_restore_and_the_service_carries_on(
    pg_sandbox: PostgresSandbox,
    catalogue: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = pg_sandbox.create_database()
    last_pair = catalogue["scenarios"]["last_pair"]
    gtin_a, gtin_b = _warehouse_gtins(catalogue, 2)
    placed: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # key -> (body, answer)

    with ServiceProcess(source, seed="demo") as service:
        kiosk_id, store_id = str(service.kiosk_id), str(service.store_id)
        kiosk_key = service.kiosk_key
        with Api(service.url, service.kiosk_key) as kiosk:
            for gtin in (gtin_a, gtin_b, last_pair):
                body = order_body(gtin, kiosk_id=kiosk_id, store_id=store_id)
                key = new_key()
                answer = kiosk.post("/v1/orders", json=body, idempotency_key=key)
                assert answer.status_code == 201, answer.text
                placed[key] = (body, answer.json())
        with Api(service.url, service.staff_key) as staff:
            restock = {
                "location_id": store_id,
                "gtin": gtin_a,
                "kind": "receive",
                "quantity": 4,
                "actor": "Anna (staff)",
            }
            answer = staff.post("/v1/stock-adjustments", json=restock, idempotency_key=new_key())
            assert answer.status_code == 201, answer.text
        before = dump(source)

        # The nightly backup as the timer runs it, while the service runs (pg_dump reads
        # one snapshot): the script, with the database in libpq's variables.
        backups = tmp_path / "backups"
        backups.mkdir()
        stale = backups / "endless_aisle-2000-01-01T000000Z.dump"
        stale.write_bytes(b"an old dump")
        os.utime(stale, (946_684_800, 946_684_800))
        env = {
            **os.environ,
            **_libpq_env(pg_sandbox, source.rsplit("/", 1)[1]),
            "PG_DUMP": find_binary("pg_dump"),
        }
        _run("sh", str(BACKUP_SCRIPT), str(backups), "14", env=env)
        [backup] = backups.iterdir()  # the stale one is gone, no partial file is left
        assert backup.name.startswith("endless_aisle-") and backup.suffix == ".dump"

    restored = _create_empty_database(pg_sandbox, "restored_from_backup")
    _run(
        find_binary("pg_restore"),
        "--no-owner",
        "--exit-on-error",
        f"--dbname={restored}",
        str(backup),
    )
    assert dump(restored) == before  # every table, every row
    stock = rows(restored, "SELECT on_hand, reserved FROM stock WHERE gtin = ?", (last_pair,))
    assert [s for s in stock if s["on_hand"]] == [{"on_hand": 1, "reserved": 1}]

    # Started as the unit starts it: no database in the command line, libpq's variables.
    for name, value in _libpq_env(pg_sandbox, "restored_from_backup").items():
        monkeypatch.setenv(name, value)
    service = ServiceProcess("postgresql://", seed=None, extra_args=["--workers", str(WORKERS)])
    service.start(timeout=WORKERS_START_S)
    with service, Api(service.url, kiosk_key) as kiosk:
        health = Health.model_validate_json(kiosk.get("/v1/health").content)
        assert health.database is not None and health.database.ok
        assert health.database.engine == "postgresql"
        assert health.database.migration == KNOWN_STEPS[-1]
        assert health.database.pending_steps == 0

        # A kiosk that never saw its answers resends every order under its key: the same
        # orders come back, none is made twice.
        for key, (body, answer) in placed.items():
            again = kiosk.post("/v1/orders", json=body, idempotency_key=key)
            assert again.status_code == 200, again.text
            assert again.json() == answer
            assert kiosk.get(f"/v1/orders/{answer['id']}").json() == answer

        # The last pair is still reserved by its order; other stock still sells.
        body = order_body(last_pair, kiosk_id=kiosk_id, store_id=store_id)
        assert_error(
            kiosk.post("/v1/orders", json=body, idempotency_key=new_key()),
            409,
            "no_longer_available",
        )
        body = order_body(gtin_b, kiosk_id=kiosk_id, store_id=store_id)
        fresh = kiosk.post("/v1/orders", json=body, idempotency_key=new_key())
        assert fresh.status_code == 201, fresh.text
        assert Order.model_validate(fresh.json()).id not in {a["id"] for _, a in placed.values()}

    after = dump(restored)
    assert len(after["orders"]) == len(before["orders"]) + 1
    assert after["stock_adjustments"] == before["stock_adjustments"]
