"""HeartbeatReporter against the real service: sent off the GUI thread, stored and listed."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from inventory_client import InventoryClient
from inventory_client.models import DemandKind, KioskHealth, KioskStatus
from kiosk import app_version
from kiosk.system.heartbeat import HeartbeatReporter
from kiosk.workers import TaskRunner

SCANNED_AT = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


@pytest.fixture
def runner(qtbot: Any) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _client(service: Any, tmp_path: Path, url: str | None = None) -> InventoryClient:
    return InventoryClient(
        url or service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=tmp_path / "outbox.sqlite",
        connect_timeout=0.5,
        read_timeout=2.0,
    )


def _kiosks(service: Any) -> list[KioskHealth]:
    response = requests.get(
        f"{service.url}/v1/kiosks",
        params={"store_id": service.store_id},
        headers={"Authorization": f"Bearer {service.staff_key}"},
        timeout=5,
    )
    response.raise_for_status()
    return [KioskHealth.model_validate(k) for k in response.json()]


def test_heartbeats_are_stored_and_listed_for_staff(
    qtbot: Any, fresh_service: Any, tmp_path: Path, runner: TaskRunner
) -> None:
    client = _client(fresh_service, tmp_path)
    try:
        reporter = HeartbeatReporter(
            client, runner, kiosk_id=fresh_service.kiosk_id, interval_s=0.1, now=lambda: SCANNED_AT
        )
        reporter.set_camera_state("ok")
        reporter.note_scan("4006381333931")
        gui_thread = threading.current_thread()
        send_threads: list[threading.Thread] = []
        original = client.send_heartbeat

        def spy(beat: Any) -> KioskHealth:
            send_threads.append(threading.current_thread())
            return original(beat)

        client.send_heartbeat = spy  # type: ignore[method-assign]
        answers: list[KioskHealth] = []
        reporter.sent.connect(answers.append)
        reporter.start()
        qtbot.waitUntil(lambda: len(answers) >= 2, timeout=10_000)  # the timer repeats
        reporter.stop()
    finally:
        client.close()

    assert send_threads and all(t is not gui_thread for t in send_threads)
    assert answers[-1].kiosk_id == fresh_service.kiosk_id
    [listed] = [k for k in _kiosks(fresh_service) if k.kiosk_id == fresh_service.kiosk_id]
    assert listed.status is KioskStatus.OK
    assert listed.version == app_version()
    assert listed.camera_ok is True
    assert listed.last_scan_at == SCANNED_AT
    assert listed.outbox_backlog == 0
    assert listed.uptime_s is not None and listed.uptime_s >= 0
    assert listed.last_seen is not None


def test_a_broken_camera_shows_as_degraded_with_the_outbox_counted(
    qtbot: Any, fresh_service: Any, tmp_path: Path, runner: TaskRunner
) -> None:
    client = _client(fresh_service, tmp_path)
    try:
        # queued, not sent: no OutboxSender runs here, and record_demand never sends itself
        client.record_demand(DemandKind.SCANNED, "4006381333931")
        client.record_demand(DemandKind.SIZE_VIEWED, "4006381333931")
        reporter = HeartbeatReporter(client, runner, kiosk_id=fresh_service.kiosk_id)
        reporter.set_camera_state("unavailable")
        with qtbot.waitSignal(reporter.sent, timeout=10_000) as blocker:
            reporter.send_now()
    finally:
        client.close()
    health = blocker.args[0]
    assert health.status is KioskStatus.DEGRADED
    assert health.camera_ok is False
    assert health.last_scan_at is None
    assert health.outbox_backlog == 2


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_failures_are_logged_once_per_change_and_never_raised(
    qtbot: Any, fresh_service: Any, tmp_path: Path, runner: TaskRunner, caplog: Any
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    client = _client(fresh_service, tmp_path, url=url)
    try:
        reporter = HeartbeatReporter(client, runner, kiosk_id=fresh_service.kiosk_id)
        failures: list[str] = []
        reporter.failed.connect(failures.append)
        with caplog.at_level(logging.INFO, logger="kiosk.system.heartbeat"):
            for expected in (1, 2, 3):
                reporter.send_now()
                qtbot.waitUntil(lambda n=expected: len(failures) >= n, timeout=10_000)
        warnings = [r for r in caplog.records if r.name == "kiosk.system.heartbeat"]
        assert len(warnings) == 1
        assert warnings[0].levelno == logging.WARNING
        assert "heartbeat not sent" in warnings[0].getMessage()
    finally:
        client.close()
