"""The admin's Health section (the doctor's checks, off the GUI thread), version and Quit."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from support.api import Api

from kiosk import app_version
from kiosk.admin.controller import Section
from kiosk.admin.health import KioskChecks, camera_check, summary
from kiosk.admin.launcher import AdminLauncher
from kiosk.assembly import Kiosk
from kiosk.system.doctor import CHECK_NAMES, Check, Status
from kiosk.system.lockdown import Lockdown

from .conftest import log_in, make_client


def _checks(service: Any, client: Any, tmp_path: Path, **overrides: Any) -> KioskChecks:
    options: dict[str, Any] = {
        "service_url": service.url,
        "api_key": service.kiosk_key,
        "data_dir": tmp_path,
        "outbox_backlog": client.outbox.count,
        "camera_state": lambda: "ok",
        **overrides,
    }
    return KioskChecks(**options)


def _rows(panel: Any) -> dict[str, tuple[str, str, str]]:
    table = panel.health.table
    return {
        table.item(r, 0).text(): tuple(table.item(r, c).text() for c in (1, 2, 3))
        for r in range(table.rowCount())
    }


def test_camera_check_reads_the_scanner_state() -> None:
    assert camera_check("ok").status is Status.OK
    broken = camera_check("unavailable")
    assert broken.status is Status.FAIL and "video" in broken.fix
    assert camera_check(None).status is Status.SKIP


def test_summary_counts_failures_and_warnings() -> None:
    ok = Check("a", Status.OK, "")
    assert summary([ok, ok]) == "All 2 checks passed"
    assert summary([ok, Check("b", Status.FAIL, ""), Check("c", Status.WARN, "")]) == (
        "1 failed, 1 warnings, 3 checks"
    )


def test_health_section_runs_the_doctor_off_the_gui_thread(
    qtbot, panel_factory, client, fresh_service, tmp_path
) -> None:
    threads: list[threading.Thread] = []

    def decode(image: Any) -> list[str]:
        from kiosk.system.doctor import default_decode

        threads.append(threading.current_thread())
        return list(default_decode(image))

    panel = panel_factory(client, checks=_checks(fresh_service, client, tmp_path, decode=decode))
    log_in(qtbot, panel)
    panel.show_section("Health")
    qtbot.waitUntil(lambda: panel.health.table.rowCount() > 0, timeout=20_000)

    assert threads and threads[0] is not threading.main_thread()
    rows = _rows(panel)
    assert list(rows) == [
        "version",
        "config",
        "zbar",
        "camera",
        "decode",
        "service",
        "api_key",  # the kiosk key's age (kiosk.system.key_checks)
        "service_db",
        "clock",
        "public_url",  # SKIP: the panel's checks name no public URL
        "disk",
        "databases",
        "outbox",
        "keyboard",
        "sysrq",  # the host lockdown: WARN where deploy/install.sh did not run
        "power_keys",
        "gettys",
    ]
    ok = ("config", "zbar", "camera", "decode", "service", "service_db", "clock", "databases")
    for name in (*ok, "outbox"):
        assert rows[name][0] == "OK", (name, rows[name])
    assert "key accepted" in rows["service"][1]
    assert rows["api_key"][:2] == ("OK", "kiosk key, less than a day old, never expires")
    total = len(rows)
    assert panel.health.status.text() == f"All {total} checks passed" or (
        panel.health.status.text().startswith("0 failed, ")
        and panel.health.status.text().endswith(f" warnings, {total} checks")
    )


def test_health_section_shows_failures_with_their_fix(
    qtbot, panel_factory, client, fresh_service, tmp_path
) -> None:
    checks = _checks(
        fresh_service,
        client,
        tmp_path,
        api_key="not-a-key",
        camera_state=lambda: "unavailable",
        load_config=lambda: (_ for _ in ()).throw(ValueError("ui.language: 'xx' not allowed")),
    )
    panel = panel_factory(client, checks=checks)
    log_in(qtbot, panel)
    panel.show_section("Health")
    qtbot.waitUntil(lambda: panel.health.table.rowCount() > 0, timeout=20_000)
    rows = _rows(panel)
    assert rows["camera"][0] == "FAIL" and "/dev/video" in rows["camera"][2]
    assert rows["service"][0] == "FAIL" and "rejected" in rows["service"][1]
    assert "EA_SERVICE__API_KEY" in rows["service"][2]
    assert rows["config"] == ("FAIL", "ui.language: 'xx' not allowed", rows["config"][2])
    assert rows["config"][2]  # a fix hint
    assert panel.health.status.text().startswith("3 failed")

    panel.health.run_button.click()  # again: the table is refilled, not appended to
    assert panel.health.status.text() == "Checking…"
    qtbot.waitUntil(lambda: panel.health.run_button.isEnabled(), timeout=20_000)
    assert panel.health.table.rowCount() == len(CHECK_NAMES)


def test_version_is_in_the_header_and_health_is_hidden_without_checks(
    qtbot, panel_factory, client
) -> None:
    panel = panel_factory(client)
    assert app_version() in panel.version.text()
    assert app_version() != "unknown"  # the test environment has the package installed
    assert panel.section_bar.buttons[Section.HEALTH].isHidden()
    assert not panel.quit_button.isVisibleTo(panel)


def test_quit_needs_a_confirm_then_is_audited_and_handed_over(
    qtbot, panel_factory, client, fresh_service
) -> None:
    quits: list[bool] = []
    panel = panel_factory(client, on_quit=lambda: quits.append(True))
    log_in(qtbot, panel)
    assert panel.quit_button.isVisibleTo(panel)

    panel.quit_button.click()
    assert panel.quit_confirm.isVisibleTo(panel) and quits == []
    panel.quit_confirm.cancel_button.click()
    assert not panel.quit_confirm.isVisibleTo(panel) and quits == []

    panel.quit_button.click()
    with qtbot.waitSignal(panel.closed, timeout=5_000):
        panel.quit_confirm.confirm_button.click()
    assert quits == [True]
    with Api(fresh_service.url, fresh_service.staff_key) as api:

        def actions() -> list[str]:
            got = api.get("/v1/audit", params={"store_id": fresh_service.store_id})
            assert got.status_code == 200, got.text  # a missing route fails, never skips
            return [(e["action"], e["actor"]) for e in got.json()]

        qtbot.waitUntil(lambda: ("kiosk.quit", "anna") in actions(), timeout=10_000)


def test_quit_is_refused_before_login(qtbot, panel_factory, client) -> None:
    quits: list[bool] = []
    panel = panel_factory(client, on_quit=lambda: quits.append(True))
    panel.ask_quit()
    panel.quit_kiosk()
    assert not panel.quit_confirm.isVisibleTo(panel) and quits == []


def test_launcher_hands_quit_to_the_kiosk_which_lifts_the_lockdown(
    qtbot, fresh_service, tmp_path, staff_list
) -> None:
    client = make_client(fresh_service, tmp_path / "outbox.sqlite")
    kiosk = Kiosk(client, source_factory=None, sound=None)
    qtbot.addWidget(kiosk.window)
    lockdown = Lockdown(kiosk.window)
    quits: list[bool] = []
    launcher = AdminLauncher(
        kiosk.window,
        client,
        staff_key=fresh_service.staff_key,
        staff=staff_list,
        data_dir=tmp_path / "admin",
        runner=kiosk.runner,
        on_exit_requested=lambda: (lockdown.allow_exit(), quits.append(True)),
        checks=_checks(fresh_service, client, tmp_path),
    )
    try:
        lockdown.install()
        kiosk.start()
        launcher.open()
        panel = launcher.panel
        log_in(qtbot, panel)
        assert not panel.section_bar.buttons[Section.HEALTH].isHidden()
        panel.quit_button.click()
        panel.quit_confirm.confirm_button.click()
        qtbot.waitUntil(lambda: not launcher.is_open, timeout=5_000)
        assert quits == [True] and lockdown.exit_allowed
    finally:
        lockdown.remove()
        launcher.shutdown()
        kiosk.shutdown()
        client.close()
