"""One text field behind the kiosk's WedgeFilter, for tests on a real X server.

Run as ``python wedge_probe.py [--stall-ms N --stall-every-ms M]`` with DISPLAY set. It
prints one JSON line per event: ``{"ready": true}`` once the field has the keyboard focus,
``{"scan": code, "symbology": ...}`` per scan, ``{"enter": text}`` when Enter reaches the
field (then the field is cleared). ``--stall-ms`` blocks the GUI thread that long every
``--stall-every-ms``, as a busy screen would, while keys keep arriving.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.scanning.wedge import WedgeFilter, WedgeScan


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stall-ms", type=int, default=0)
    parser.add_argument("--stall-every-ms", type=int, default=170)
    args = parser.parse_args(argv)

    app = QApplication(sys.argv[:1])
    wedge = WedgeFilter()
    app.installEventFilter(wedge)
    edit = QLineEdit()
    edit.resize(400, 40)
    edit.show()
    edit.activateWindow()
    edit.setFocus()

    def on_scan(scan: WedgeScan) -> None:
        emit(scan=scan.code, symbology=scan.symbology)

    def on_enter() -> None:
        emit(enter=edit.text())
        edit.clear()

    wedge.scan_read.connect(on_scan)
    edit.returnPressed.connect(on_enter)

    def report_ready() -> None:
        if edit.isActiveWindow() and edit.hasFocus():
            ready_poll.stop()
            emit(ready=True)

    ready_poll = QTimer()
    ready_poll.setInterval(20)
    ready_poll.timeout.connect(report_ready)
    ready_poll.start()

    stall = QTimer()
    if args.stall_ms:
        stall.setInterval(args.stall_every_ms)
        stall.timeout.connect(lambda: time.sleep(args.stall_ms / 1000))
        stall.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
