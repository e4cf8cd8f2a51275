"""The confirm step of "Quit kiosk", shown inside the admin panel (no modal dialog)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QWidget

from kiosk.admin._retranslate import Retranslating, translate

__all__ = ["QuitConfirm"]


class QuitConfirm(Retranslating):
    """Signals: confirmed(), cancelled()."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminQuitConfirm")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("adminQuitNow")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("adminQuitCancel")
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.addWidget(self.message, 1)
        self._box.addWidget(self.cancel_button)
        self._box.addWidget(self.confirm_button)
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
        self._box.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
