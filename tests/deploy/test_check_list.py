"""The doctor command and the admin screen's Health section run one list of checks."""

from __future__ import annotations

from pathlib import Path

from kiosk.admin.health import KioskChecks
from kiosk.config import ConfigError
from kiosk.system.doctor import CHECK_NAMES, Status, run_doctor

UNREACHABLE = "http://127.0.0.1:9"  # discard port: refused at once, nothing listens


def _no_config() -> object:
    raise ConfigError("kiosk.id: missing; set it in the config file or EA_KIOSK__ID")


def test_the_doctor_reports_every_check_in_order_even_without_a_config() -> None:
    checks = run_doctor(_no_config, decode=lambda image: [])
    assert tuple(c.name for c in checks) == CHECK_NAMES
    skipped = {c.name for c in checks if c.status is Status.SKIP}
    assert {
        "camera",
        "service",
        "api_key",
        "service_db",
        "clock",
        "disk",
        "databases",
        "outbox",
    } <= skipped


def test_the_running_kiosk_reports_the_same_checks_in_the_same_order(tmp_path: Path) -> None:
    checks = KioskChecks(
        service_url=UNREACHABLE,
        api_key="k",
        data_dir=tmp_path,
        outbox_backlog=lambda: 0,
        camera_state=lambda: None,
        decode=lambda image: [],
        timeout=(0.5, 0.5),
    ).run()
    assert tuple(c.name for c in checks) == CHECK_NAMES
    statuses = {c.name: c.status for c in checks}
    assert statuses["config"] is Status.OK  # no file to re-read: loaded at start
    assert statuses["service"] is Status.FAIL and statuses["disk"] is Status.OK
