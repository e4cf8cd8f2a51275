"""The admin screen's header: who is signed in, the version, the service's state and the
backlog (2 x 2 small lines), beside "Quit kiosk" and "Exit admin"."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from kiosk import app_version
from kiosk.admin import messages as m
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin.text import Msg, msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["AdminHeader"]


class AdminHeader(Retranslating):
    """Presents the visit's status; the panel connects the two buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = ""
        self._service: Msg = msg(m.STATUS_UNKNOWN)
        self._backlog: Msg = Msg("")
        self.who = PlainLabel(self)
        self.version = PlainLabel(f"Endless Aisle {app_version()}", self)
        self.connectivity = PlainLabel(self)
        self.backlog = PlainLabel(self)
        labels = QGridLayout()
        for index, label in enumerate((self.who, self.connectivity, self.version, self.backlog)):
            label.setObjectName("adminHeader")
            label.setWordWrap(True)
            labels.addWidget(label, index // 2, index % 2)
        self.quit_button = QPushButton(self)
        self.quit_button.setObjectName("adminQuit")
        self.exit_button = QPushButton(self)
        self.exit_button.setObjectName("adminExit")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(labels, 1)
        row.addWidget(self.quit_button)
        row.addWidget(self.exit_button)
        self.retranslate()

    def show_signed_in(self, name: str) -> None:
        self._name = name
        self.who.setText(msg(m.SIGNED_IN, name=name).text())

    @Slot(str, int, int)
    def show_status(self, state: str, backlog: int, audit_backlog: int) -> None:
        """The service's state and what waits to be sent (orders, audit events)."""
        self.connectivity.setProperty("state", state)
        waiting = msg(m.WAITING, count=backlog) if backlog else msg(m.NOTHING_WAITING)
        if audit_backlog:
            waiting = msg(m.AUDIT_WAITING, backlog=waiting, count=audit_backlog)
        shown_state = msg(m.CONNECTIVITY[state]) if state in m.CONNECTIVITY else state
        self._service, self._backlog = msg(m.SERVICE_STATE, state=shown_state), waiting
        self._show_status_texts()

    @Slot()
    def show_status_unknown(self) -> None:
        self._service = msg(m.STATUS_UNKNOWN)
        self._show_status_texts()

    def retranslate(self) -> None:
        self.quit_button.setText(translate("AdminHeader", "Quit kiosk"))
        self.exit_button.setText(translate("AdminHeader", "Exit admin"))
        if self._name:
            self.show_signed_in(self._name)
        self._show_status_texts()

    def _show_status_texts(self) -> None:
        self.connectivity.setText(self._service.text())
        self.backlog.setText(self._backlog.text())
