"""``--workers N``: N uvicorn worker processes behind one listening socket.

The parent binds the socket, applies migrations and the seed once, then starts the
workers (uvicorn's ``Multiprocess`` supervisor: it restarts a worker that dies and stops
them all on SIGTERM). Each worker builds its own app (and, on PostgreSQL, its own pool)
from the settings the parent put in ``SETTINGS_ENV``.

How far each engine goes: PostgreSQL has no single-writer limit, so workers add
throughput up to the cores and the pool sizes. SQLite in WAL mode lets readers run in
every worker at once, but writes still take turns on one file lock (``BUSY_TIMEOUT_S``
each); more workers help read-heavy load on one host and do nothing for write
throughput. Several hosts need PostgreSQL.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI

from inventory_service.rate_limits import AUTH_FAILURE_BURST
from inventory_service.tls import UvicornTls

SETTINGS_ENV = "INVENTORY_SERVICE_WORKER_SETTINGS"
WORKER_START_TIMEOUT_S = 60


@dataclass(frozen=True)
class WorkerSettings:
    db: str
    images: str | None
    hold_hours: float
    heartbeat_interval_s: float
    stale_after_missed: int
    auth_failure_burst: int = AUTH_FAILURE_BURST


def worker_app() -> FastAPI:
    """The uvicorn app factory each worker process calls."""
    from inventory_service.app import create_app
    from inventory_service.kiosk_health import HealthPolicy
    from inventory_service.rate_limits import RateLimitPolicy

    settings = WorkerSettings(**json.loads(os.environ[SETTINGS_ENV]))
    health = HealthPolicy(
        interval=timedelta(seconds=settings.heartbeat_interval_s),
        missed=settings.stale_after_missed,
    )
    return create_app(
        settings.db,
        Path(settings.images) if settings.images else None,
        hold=timedelta(hours=settings.hold_hours),
        health=health,
        rate_limits=RateLimitPolicy.with_auth_failure_burst(settings.auth_failure_burst),
    )


def serve_workers(
    settings: WorkerSettings, sock: socket.socket, workers: int, tls: UvicornTls | None = None
) -> None:
    """Run ``workers`` processes on ``sock`` until SIGTERM/SIGINT (``tls``: uvicorn's
    ``ssl_certfile``/``ssl_keyfile``, from ``tls.tls_options``)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[SETTINGS_ENV] = json.dumps(asdict(settings))
    config = uvicorn.Config(
        "inventory_service.workers:worker_app",
        factory=True,
        workers=workers,
        log_level="warning",
        access_log=False,
        lifespan="off",
        # A worker answers the supervisor's ping only once it has imported the app; on a
        # busy two-core box that takes longer than uvicorn's 5 s default, which would
        # kill and respawn workers forever.
        timeout_worker_healthcheck=WORKER_START_TIMEOUT_S,
        **(tls or {}),
    )
    Multiprocess(config, sockets=[sock]).run()
