"""A text picture of the screen, on request: what IT (and the end-to-end tests) can see.

``kill -USR1 <kiosk pid>`` writes ``widget-map.json`` into the kiosk's data directory: every
visible window, and in it every visible button (text, object name, status, centre in screen
coordinates), every text field (object name, and how many characters it holds — never the
characters), and every visible label's text. The log gets one line, ``widget map written``,
with the path and a sequence number; the screen's texts never go to the log.

Why a file and not a log line: the file is a screenshot in text, holding what anyone at the
kiosk could read off the glass at that moment (which may be a shopper's address on the
review screen); the log is kept for weeks and must never hold personal data.

The end-to-end tests use it to find where to click (a size tile, Place order) and, after
the idle reset, to prove no field and no visible text still holds what a shopper typed.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

log = logging.getLogger(__name__)

WIDGET_MAP_FILE = "widget-map.json"


def _centre(widget: QWidget) -> list[int]:
    point = widget.mapToGlobal(widget.rect().center())
    return [point.x(), point.y()]


def describe_window(window: QWidget) -> dict[str, Any]:
    """The visible controls and texts of one top-level ``window`` (plain data)."""
    buttons: list[dict[str, Any]] = []
    labels: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            status = widget.property("status")
            buttons.append(
                {
                    "name": widget.objectName(),
                    "class": type(widget).__name__,
                    "text": widget.text() or widget.accessibleName(),
                    "status": status if isinstance(status, str) else "",
                    "enabled": widget.isEnabled(),
                    "center": _centre(widget),
                }
            )
        elif isinstance(widget, QLabel) and widget.text():
            labels.append(widget.text())
    fields = [
        {
            "name": edit.objectName(),
            "chars": len(edit.text()),
            "visible": edit.isVisible(),
            "focus": edit.hasFocus(),
            "center": _centre(edit),
        }
        for edit in window.findChildren(QLineEdit)  # hidden screens' fields too
    ]
    geometry = window.geometry()
    return {
        "class": type(window).__name__,
        "title": window.windowTitle(),
        "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "buttons": buttons,
        "fields": fields,
        "labels": labels,
    }


def describe_screen() -> list[dict[str, Any]]:
    """Every visible top-level window of the application."""
    return [describe_window(w) for w in QApplication.topLevelWidgets() if w.isVisible()]


class WidgetMapWriter(QObject):
    """Writes :func:`describe_screen` to ``path`` when the process gets ``SIGUSR1``.

    The Python signal handler only schedules the dump; it runs on the GUI thread's next
    turn (the kiosk's signal timer gives Python that turn while Qt waits).
    """

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._seq = 0

    def install(self) -> None:
        signal.signal(signal.SIGUSR1, lambda *_: QTimer.singleShot(0, self.write))

    @Slot()
    def write(self) -> None:
        self._seq += 1
        data = {"seq": self._seq, "windows": describe_screen()}
        partial = self.path.with_suffix(".tmp")
        text = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            # Owner-only: at that moment the screen may show a shopper's address.
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(text)
            os.replace(partial, self.path)
        except OSError as exc:
            log.warning("widget map not written: %s", exc.strerror)
            return
        log.info("widget map written", extra={"path": str(self.path), "seq": self._seq})


class ScreenLogger(QObject):
    """Logs ``screen shown`` with the page's class name whenever a stacked page changes.

    Names only (``ProductScreen``, ``ReviewScreen``): what IT needs to follow a journey in
    the log, and what the end-to-end tests wait on.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._stacks = window.findChildren(QStackedWidget)
        for stack in self._stacks:
            stack.currentChanged.connect(lambda _i, s=stack: self._log(s))

    def _log(self, stack: QStackedWidget) -> None:
        page = stack.currentWidget()
        if page is not None:
            log.info("screen shown", extra={"screen": type(page).__name__})
