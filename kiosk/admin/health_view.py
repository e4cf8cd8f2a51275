"""The Health section: the doctor's table (OK / WARN / FAIL with a fix hint) for staff and IT."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.health import summary
from kiosk.admin.text import Msg
from kiosk.system.doctor import Check, Status
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["HealthView"]

_STATUS_COLOURS = {
    Status.OK: QColor("#1b7f3b"),
    Status.WARN: QColor("#9a6200"),
    Status.FAIL: QColor("#b3261e"),
    Status.SKIP: QColor("#5f6368"),
}


class HealthView(Retranslating):
    """Signals:
    run_requested(): check again.
    """

    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: Msg | None = None
        self._running = False
        self.table = make_table(4, self)
        self.status = PlainLabel("", self)
        self.status.setObjectName("healthSummary")
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("healthRun")
        self.run_button.clicked.connect(self.run_requested)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.run_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        self.checks: list[Check] = []
        self.retranslate()

    def show_running(self) -> None:
        self.run_button.setEnabled(False)
        self._running = True
        self.status.setText(translate("HealthView", "Checking…"))

    def show_checks(self, checks: Sequence[Check]) -> None:
        self.checks = list(checks)
        self.table.setRowCount(len(self.checks))
        for row, check in enumerate(self.checks):
            fix = check.fix if check.status in (Status.WARN, Status.FAIL) else ""
            fill_row(self.table, row, [check.name, check.status.value, check.detail, fix])
            item = self.table.item(row, 1)
            if item is not None:
                item.setForeground(_STATUS_COLOURS[check.status])
        self.table.resizeRowsToContents()
        self.run_button.setEnabled(True)
        self._running = False
        self._status = None
        self.status.setText(summary(self.checks))

    def show_status(self, message: Msg) -> None:
        self.run_button.setEnabled(True)
        self._running = False
        self._status = message
        self.status.setText(message.text())

    def retranslate(self) -> None:
        set_headers(
            self.table,
            [
                translate("HealthView", "Check"),
                translate("HealthView", "Status"),
                translate("HealthView", "Detail"),
                translate("HealthView", "Fix"),
            ],
        )
        self.run_button.setText(translate("HealthView", "Check again"))
        if self._running:
            self.status.setText(translate("HealthView", "Checking…"))
        elif self._status is not None:
            self.status.setText(self._status.text())
