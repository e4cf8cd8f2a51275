"""Unknown code: a friendly "we don't know this code", a keypad to retype, and a way to staff."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.screens._base import Screen, label
from kiosk.widgets.keypad import NumericKeypad


class UnknownCodeScreen(Screen):
    """Signals:
    code_entered(code): the shopper typed a code on the keypad.
    """

    code_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("We don't know this code", "heading")
        self.code = label("", "code")
        self.code.setAccessibleName("The code we read")
        self.explain = label(
            "Please type the number printed under the barcode, or scan another shoe.",
            "subtitle",
        )
        self.staff = label("Still stuck? Ask a staff member — they are happy to help.", "hint")
        self.keypad = NumericKeypad(self)
        self.keypad.setAccessibleName("Number keypad")

        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(self.heading)
        text.addWidget(self.code)
        text.addWidget(self.explain)
        text.addWidget(self.staff)
        text.addStretch(1)

        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(40)
        self.split.addLayout(text, 3)
        self.split.addWidget(self.keypad, 2)
        self.body.addLayout(self.split, 1)

        self.keypad.submitted.connect(self.code_entered)

    def show_code(self, code: str) -> None:
        shown = code if len(code) <= 40 else code[:37] + "…"
        self.code.setText(f"We read: {shown}" if shown else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        landscape = self.width() >= self.height()
        self.split.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
