"""The admin panel in a process of its own, typing PINs on its pad (the second kiosk process).

``python tests/admin/pin_panel_process.py SPEC.json``: SPEC names the service (url, keys,
ids), the data dir whose PIN lockout file and audit queue it shares with the test process,
the staff list and the PINs to type (``[staff_id, pin]`` pairs). It opens the real panel
(offscreen), reports whether the pad came up locked, taps each PIN in, waits for the answer,
and prints one JSON object: ``{"locked_at_open": bool, "keys_enabled_at_open": bool,
"attempts": [{"locked": bool, "message": str, "logged_in": bool}, ...]}``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from inventory_client import InventoryClient
from kiosk.admin.panel import AdminPanel, AdminSettings, open_admin
from kiosk.workers import TaskRunner

ANSWER_TIMEOUT_S = 60.0


def wait_until_answered(app: QApplication, panel: AdminPanel) -> None:
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    while panel.pin_pad.busy:
        if time.monotonic() > deadline:
            raise SystemExit("no answer to the PIN within the timeout")
        app.processEvents()
        time.sleep(0.01)


def failures_audited(data_dir: Path) -> int:
    """``admin.login_failed`` rows in the audit queue the processes share."""
    path = data_dir / "admin" / "admin-audit.sqlite"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        sql = "select count(*) from audit_events where action = 'admin.login_failed'"
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # no table yet
        return 0
    finally:
        conn.close()


def wait_for_audit(app: QApplication, data_dir: Path, rows: int) -> None:
    """Until the failures typed here are in the audit queue (recorded on workers)."""
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    while failures_audited(data_dir) < rows:
        if time.monotonic() > deadline:
            raise SystemExit("the failed PINs were not audited within the timeout")
        app.processEvents()
        time.sleep(0.02)


def type_pin(panel: AdminPanel, staff_id: str, pin: str) -> None:
    panel.pin_pad.staff_buttons[staff_id].click()
    for digit in pin:
        panel.pin_pad.keys[digit].click()
    panel.pin_pad.ok_button.click()


def main(spec: dict[str, Any]) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    data_dir = Path(spec["data_dir"])
    client = InventoryClient(
        spec["url"],
        spec["kiosk_key"],
        kiosk_id=spec["kiosk_id"],
        store_id=spec["store_id"],
        outbox_path=data_dir / "outbox-second-process.sqlite",
        staff_key=spec["staff_key"],
        read_timeout=10.0,
    )
    runner = TaskRunner()
    panel = open_admin(
        None,
        client,
        spec["staff_key"],
        spec["staff_list"],
        data_dir=data_dir / "admin",
        runner=runner,
        settings=AdminSettings(idle_timeout_s=AdminSettings.defaults().idle_timeout_s),
    )
    panel.show()
    app.processEvents()
    audited_before = failures_audited(data_dir)
    report: dict[str, Any] = {
        "locked_at_open": bool(panel.pin_pad.locked_text()),
        "keys_enabled_at_open": panel.pin_pad.keys["5"].isEnabled(),
        "attempts": [],
    }
    for staff_id, pin in spec["pins"]:
        type_pin(panel, staff_id, pin)
        wait_until_answered(app, panel)
        report["attempts"].append(
            {
                "locked": bool(panel.pin_pad.locked_text()),
                "message": panel.pin_pad.message.text(),
                "logged_in": panel.logged_in,
            }
        )
    wait_for_audit(app, data_dir, audited_before + len(spec["pins"]))
    panel.shutdown()
    if not runner.shutdown():
        raise SystemExit("the panel's workers did not stop")
    client.close()
    return report


if __name__ == "__main__":
    result = main(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    print(json.dumps(result))
