"""Back and Start over: on every shopper screen, in the same place, so there is no dead end."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class NavBar(QWidget):
    """Two large buttons along the bottom of a screen.

    Signals:
        back_requested(): one step back.
        start_over_requested(): forget this shopper and return to the start.
    """

    back_requested = Signal()
    start_over_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton("‹  Back")
        self.back_button.setAccessibleName("Back")
        self.start_over_button = QPushButton("Start over")
        self.start_over_button.setAccessibleName("Start over")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        layout.addWidget(self.start_over_button)
        self.back_button.clicked.connect(self.back_requested)
        self.start_over_button.clicked.connect(self.start_over_requested)
