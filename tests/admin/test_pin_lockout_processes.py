"""The PIN lockout holds across two processes sharing one data dir, through the admin panel.

A second process (``pin_panel_process.py``: the real panel, offscreen) types wrong PINs on
its pad; the panel in this process counts on from there and locks; a third process opens
its panel on the same data dir and finds the pad locked. Every failure is in the audit
queue the processes share, and the PIN that was typed is in no file and no output.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import make_client

HELPER = Path(__file__).with_name("pin_panel_process.py")
REPO = Path(__file__).resolve().parents[2]
TYPED = "718264"  # the wrong PIN both processes type (not the staff PIN)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def panel_in_another_process(
    service: Any, tmp_path: Path, staff_list: list[dict[str, str]], pins: list[list[str]]
) -> tuple[dict[str, Any], str]:
    spec = {
        "url": service.url,
        "kiosk_key": service.kiosk_key,
        "staff_key": service.staff_key,
        "kiosk_id": service.kiosk_id,
        "store_id": service.store_id,
        "data_dir": str(tmp_path),
        "staff_list": staff_list,
        "pins": pins,
    }
    spec_path = tmp_path / "second-process.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(HELPER), str(spec_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    spec_path.unlink()
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report, output


def audited(tmp_path: Path, action: str) -> list[str]:
    path = tmp_path / "admin" / "admin-audit.sqlite"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        rows = conn.execute("select detail from audit_events where action = ?", (action,))
        return [detail for (detail,) in rows]
    finally:
        conn.close()


def type_pin(qtbot: Any, panel: Any, pin: str) -> None:
    panel.pin_pad.staff_buttons["ben"].click()
    for digit in pin:
        panel.pin_pad.keys[digit].click()
    panel.pin_pad.ok_button.click()
    qtbot.waitUntil(lambda: not panel.pin_pad.busy, timeout=30_000)


@pytest.mark.slow
def test_lockout_counts_and_holds_across_two_processes(
    qtbot, panel_factory, fresh_service, staff_list, tmp_path: Path
) -> None:
    outputs = []
    # 1. another process: three wrong PINs, not yet locked
    first, output = panel_in_another_process(
        fresh_service, tmp_path, staff_list, [["ben", TYPED]] * 3
    )
    outputs.append(output)
    assert not first["locked_at_open"] and first["keys_enabled_at_open"]
    assert [a["locked"] for a in first["attempts"]] == [False, False, False]
    assert "2 more tries" in first["attempts"][-1]["message"]

    # 2. this process counts on from the other's three: the 4th warns, the 5th locks
    client = make_client(fresh_service, tmp_path / "outbox.sqlite")
    try:
        panel = panel_factory(client)
        assert not panel.pin_pad.locked_text()
        type_pin(qtbot, panel, TYPED)
        assert "one more wrong PIN locks entry" in panel.pin_pad.message.text()
        type_pin(qtbot, panel, TYPED)
        assert "locked for 0:30" in panel.pin_pad.locked_text()
        assert not panel.logged_in
        qtbot.waitUntil(lambda: len(audited(tmp_path, "admin.locked")) == 1, timeout=30_000)
        panel.shutdown()
    finally:
        client.close()

    # 3. a third process opens its panel on the same data dir: locked, keys off
    third, output = panel_in_another_process(fresh_service, tmp_path, staff_list, [])
    outputs.append(output)
    assert third["locked_at_open"] and not third["keys_enabled_at_open"]

    failures = audited(tmp_path, "admin.login_failed")
    assert len(failures) == 5, failures  # three from one process, two from the other
    assert audited(tmp_path, "admin.locked") == ["for 30 s"]
    # the PIN that was typed, in both processes, is in no file and no output
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TYPED.encode() not in path.read_bytes(), path
    for output in outputs:
        assert TYPED not in output


def test_attempts_while_locked_and_unchecked_pins_are_audited_too(
    qtbot, panel_factory, fresh_service, tmp_path: Path
) -> None:
    """The pad's keys are off while locked, but a check can still arrive (a badge, a
    second pad): it is refused unchecked and audited; so is a PIN the gate could not check."""
    client = make_client(fresh_service, tmp_path / "outbox.sqlite")
    try:
        panel = panel_factory(client)
        for _ in range(5):
            type_pin(qtbot, panel, TYPED)
        assert panel.pin_pad.locked_text()
        panel.session.check_pin("anna", TYPED)
        qtbot.waitUntil(
            lambda: any("PIN not checked" in d for d in audited(tmp_path, "admin.login_failed")),
            timeout=30_000,
        )
        panel.session.gate.close()  # the gate's file is gone: the check raises
        panel.session.check_pin("anna", TYPED)
        qtbot.waitUntil(
            lambda: "not checked: ProgrammingError" in audited(tmp_path, "admin.login_failed"),
            timeout=30_000,
        )
        assert len(audited(tmp_path, "admin.login_failed")) == 7
        assert not panel.logged_in
    finally:
        client.close()
