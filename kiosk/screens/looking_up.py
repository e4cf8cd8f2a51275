"""Shown only when a lookup takes long enough to notice: the kiosk is working, not frozen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.screens._base import Screen, label, translate


class LookingUpScreen(Screen):
    """No signals of its own; Back / Start over cancel the lookup."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("", "heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = label("", "code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.code)
        self.body.addStretch(1)
        self.retranslate()

    def show_code(self, gtin: str) -> None:
        self.code.setText(gtin)

    def retranslate(self) -> None:
        self.heading.setText(translate("LookingUpScreen", "Finding every size…"))
