"""The confirm step of "Quit kiosk", shown inside the admin panel (no modal dialog)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.admin._retranslate import Retranslating, translate
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["QuitConfirm"]


class QuitConfirm(Retranslating):
    """Signals: confirmed(), cancelled()."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminQuitConfirm")
        self.message = PlainLabel(self)
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("adminQuitNow")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("adminQuitCancel")
        self._grid = QGridLayout(self)
        self._stacked: bool | None = None
        self.set_stacked(False)
        self.confirm_button.clicked.connect(self.confirmed)
        self.cancel_button.clicked.connect(self.cancelled)
        self.retranslate()

    def retranslate(self) -> None:
        self.message.setText(
            translate(
                "QuitConfirm",
                "Quit the kiosk? It stays off, and shoppers cannot use it, until it is "
                "started again (restart the machine, or: systemctl start endless-aisle-kiosk).",
            )
        )
        self.confirm_button.setText(translate("QuitConfirm", "Quit now"))
        self.cancel_button.setText(translate("QuitConfirm", "Cancel"))

    def set_stacked(self, stacked: bool) -> None:
        """Message above the buttons (narrow screens) or beside them."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for widget in (self.message, self.cancel_button, self.confirm_button):
            self._grid.removeWidget(widget)
        if stacked:
            self._grid.addWidget(self.message, 0, 0, 1, 2)
            self._grid.addWidget(self.cancel_button, 1, 0)
            self._grid.addWidget(self.confirm_button, 1, 1)
            self._grid.setColumnStretch(0, 1)
        else:
            self._grid.addWidget(self.message, 0, 0)
            self._grid.addWidget(self.cancel_button, 0, 1)
            self._grid.addWidget(self.confirm_button, 0, 2)
            self._grid.setColumnStretch(0, 1)
