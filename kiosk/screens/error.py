"""The error screen: a calm, true message and "Try again"; never a stack trace."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.journey.messages import CONTEXT as MESSAGES
from kiosk.screens._base import Screen, label, translate


class ErrorScreen(Screen):
    """Signals:
    retry_requested(): the shopper tapped "Try again".
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message = ""
        self.heading = label("", "heading")
        self.message = label("", "subtitle")
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("primary")
        row = QHBoxLayout()
        row.addWidget(self.retry_button)
        row.addStretch(1)
        self.body.addStretch(1)
        for widget in (self.heading, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self.body.addWidget(widget)
        self.body.addLayout(row)
        self.body.addStretch(2)
        self.retry_button.clicked.connect(self.retry_requested)
        self.retranslate()

    def show_message(self, message: str) -> None:
        """``message``: an English text from :mod:`kiosk.journey.messages`."""
        self._message = message
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("ErrorScreen", "Sorry, that didn't work"))
        self.message.setText(translate(MESSAGES, self._message) if self._message else "")
        self.message.setAccessibleName(translate("ErrorScreen", "What went wrong"))
        self.retry_button.setText(translate("ErrorScreen", "Try again"))
        self.retry_button.setAccessibleName(translate("ErrorScreen", "Try again"))
