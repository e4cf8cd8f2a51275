"""Unknown code: a friendly "we don't know this code", a keypad to retype, and a way to staff."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.screens._base import Screen, follow_orientation, label, name_keypad_keys, translate
from kiosk.widgets.keypad import NumericKeypad


class UnknownCodeScreen(Screen):
    """Signals:
    code_entered(code): the shopper typed a code on the keypad.
    """

    code_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self.heading = label("", "heading")
        self.code = label("", "code")
        self.explain = label("", "subtitle")
        self.staff = label("", "hint")
        self.keypad = NumericKeypad(self)

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
        self.retranslate()

    def show_code(self, code: str) -> None:
        self._code = code if len(code) <= 40 else code[:37] + "…"
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("UnknownCodeScreen", "We don't know this code"))
        self.code.setText(
            translate("UnknownCodeScreen", "We read: {code}").format(code=self._code)
            if self._code
            else ""
        )
        self.code.setAccessibleName(translate("UnknownCodeScreen", "The code we read"))
        self.explain.setText(
            translate(
                "UnknownCodeScreen",
                "Please type the number printed under the barcode, or scan another shoe.",
            )
        )
        self.staff.setText(
            translate(
                "UnknownCodeScreen", "Still stuck? Ask a staff member — they are happy to help."
            )
        )
        self.keypad.setAccessibleName(translate("UnknownCodeScreen", "Number keypad"))
        name_keypad_keys(self.keypad)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow_orientation(self.split, self)
