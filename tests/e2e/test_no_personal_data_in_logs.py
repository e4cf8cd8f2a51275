"""A shopper orders at the real kiosk; nothing they typed reaches a log, a journal or a crash.

``python -m kiosk run`` on Xvfb against the reference service, logging at DEBUG into a log
dir and, as under systemd, to the journal (``JOURNAL_STREAM`` names its stderr, so every
record is also written there as a ``<N>``-prefixed journald line). The shopper types a
known name, street, email and phone on the keyboard and places the order; then the kiosk
is killed with SIGSEGV, so faulthandler writes its crash report. Every log file, every
journal line and the crash report are searched for each detail (issue 15 item 10).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from inventory_service.launcher import ServiceProcess
from kiosk.system.logs import CRASH_FILE_NAME, LOG_FILE_NAME

from .kiosk_process import START_TIMEOUT_S, KioskProcess, write_run_config
from .test_shopper_journeys import (
    PORTRAIT,
    SHOPPER,
    Shopper,
    orders_at,
    outbox_rows,
    wait_until,
    warehouse_only_gtin,
)
from .xserver import XServerFactory

pytestmark = pytest.mark.slow  # an X server and the kiosk

# What the shopper typed, whole and in parts a log line could carry on its own.
PERSONAL = {
    "name": SHOPPER["name"],
    "surname": SHOPPER["name"].split()[-1],
    "street": SHOPPER["street"],
    "street name": SHOPPER["street"].split()[0],
    "email": SHOPPER["email"],
    "email user": SHOPPER["email"].split("@")[0],
    "phone": SHOPPER["phone"],
    "phone digits": SHOPPER["phone"].replace(" ", "")[-7:],
}


def test_an_order_leaves_no_personal_data_in_logs_journal_or_crash_report(
    tmp_path: Path, fresh_service: ServiceProcess, xserver_factory: XServerFactory
) -> None:
    data_dir, log_dir = tmp_path / "kiosk-data", tmp_path / "logs"
    camera = tmp_path / "no-camera"
    camera.mkdir()
    config = write_run_config(tmp_path / "kiosk.toml", fresh_service, data_dir, camera)
    with config.open("a", encoding="utf-8") as toml:
        toml.write(f'\n[logging]\ndir = "{log_dir}"\nlevel = "DEBUG"\n')
    server = xserver_factory("xvfb", [PORTRAIT])
    journal = tmp_path / "journal.log"  # the kiosk's stderr, as systemd connects it
    journal.touch()
    st = journal.stat()
    env = dict(server.env, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
    kiosk = KioskProcess(["run", "--config", str(config)], env, journal)
    try:
        kiosk.start()
        kiosk.wait_for("window placed", timeout=START_TIMEOUT_S, exposed=True)
        shopper = Shopper(server, kiosk, data_dir)
        shopper.scan(warehouse_only_gtin())
        shopper.tap_warehouse_size()
        shopper.fill_address()
        shopper.continue_to_review()
        mark = kiosk.mark()
        shopper.input.click(shopper.primary()["center"])
        shopper.wait_screen("ConfirmationScreen", mark)
        wait_until(lambda: all(s != "pending" for _, s in outbox_rows(data_dir)), 60, "sent")
        assert len(orders_at(fresh_service)) == 1
        kiosk.kill(signal.SIGSEGV)  # faulthandler dumps every thread's stack, then it dies
        assert kiosk.proc is not None
        kiosk.proc.wait(timeout=30)
    finally:
        kiosk.stop()

    journal_text = journal.read_text(encoding="utf-8", errors="replace")
    journal_lines = [line for line in journal_text.splitlines() if line.startswith("<")]
    assert any('"screen": "ConfirmationScreen"' in line for line in journal_lines)
    log_files = sorted(p for p in log_dir.iterdir() if p.is_file())
    assert {LOG_FILE_NAME, CRASH_FILE_NAME} <= {p.name for p in log_files}
    crash = (log_dir / CRASH_FILE_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash
    assert '"level": "DEBUG"' in (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    searched = {"the journal (the kiosk's stderr)": journal_text}
    searched.update(
        {str(p.name): p.read_text(encoding="utf-8", errors="replace") for p in log_files}
    )
    for where, text in searched.items():
        for what, value in PERSONAL.items():
            assert value not in text, f"the shopper's {what} is in {where}"
