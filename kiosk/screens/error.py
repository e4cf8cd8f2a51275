"""The error screen: a calm, true message and "Try again"; never a stack trace."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.screens._base import Screen, label


class ErrorScreen(Screen):
    """Signals:
    retry_requested(): the shopper tapped "Try again".
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("Sorry, that didn't work", "heading")
        self.message = label("", "subtitle")
        self.message.setAccessibleName("What went wrong")
        self.retry_button = QPushButton("Try again")
        self.retry_button.setObjectName("primary")
        self.retry_button.setAccessibleName("Try again")
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

    def show_message(self, message: str) -> None:
        self.message.setText(message)
