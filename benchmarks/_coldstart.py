"""Child process of the cold-start benchmark: ``python -m kiosk run`` plus one stopwatch.

Usage (started by ``benchmarks/journey.py``, not by hand)::

    python benchmarks/_coldstart.py CONFIG.toml

Runs the real ``run`` command (config file, logging, client, Qt application, theme,
:class:`~kiosk.assembly.Kiosk`) unchanged. The only addition wraps ``Kiosk.start`` so that,
once the kiosk started, an event filter on the scan screen's camera view waits for the
first paint of a preview frame while the scan screen is the current page. It then prints
one line to stdout and quits the application the normal way (the kiosk shuts down as it
would on Ctrl+C)::

    READY <time.monotonic() of the first preview frame> <of its paint> <of Kiosk.start>

``time.monotonic`` is CLOCK_MONOTONIC on Linux, shared by all processes, so the parent
subtracts the moment it started this process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import kiosk.assembly  # noqa: E402
from kiosk.__main__ import main  # noqa: E402

_real_start = kiosk.assembly.Kiosk.start
_keep: list[QObject] = []


class _ReadyWatch(QObject):
    """Prints READY at the first paint of a preview frame on the shown scan screen."""

    def __init__(self, the_kiosk: kiosk.assembly.Kiosk, started_at: float) -> None:
        super().__init__()
        self._kiosk = the_kiosk
        self._started_at = started_at
        self._first_frame_at: float | None = None
        self._done = False
        if the_kiosk.scanner is not None:
            the_kiosk.scanner.preview.connect(self._on_preview)
        the_kiosk.window.scan_screen.camera.installEventFilter(self)

    def _on_preview(self, _image: object) -> None:
        if self._first_frame_at is None:
            self._first_frame_at = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._done or event.type() != QEvent.Type.Paint:
            return False
        window = self._kiosk.window
        camera = window.scan_screen.camera
        if (
            watched is camera
            and camera.has_frame
            and window.isVisible()
            and window.stack.currentWidget() is window.scan_screen
        ):
            self._done = True
            painted_at = time.monotonic()
            print(f"READY {self._first_frame_at} {painted_at} {self._started_at}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _start(self: kiosk.assembly.Kiosk, *args: object, **kwargs: object) -> None:
    started_at = time.monotonic()
    _real_start(self, *args, **kwargs)
    _keep.append(_ReadyWatch(self, started_at))


kiosk.assembly.Kiosk.start = _start  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main(["run", "--config", sys.argv[1]]))
