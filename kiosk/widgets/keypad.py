"""On-screen numeric keypad for typing a GTIN, with live check-digit feedback.

Its texts are English source strings in translation context ``"Keypad"``; they are set
again in :meth:`NumericKeypad.retranslate` whenever the shopper switches language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.journey.marks import QT_TRANSLATE_NOOP
from kiosk.scanning.gtin import EntryState, entry_state, normalize_gtin
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["NumericKeypad"]

MAX_DIGITS = 14

CONTEXT = "Keypad"
translate = QCoreApplication.translate

_HINTS = {
    EntryState.INCOMPLETE: QT_TRANSLATE_NOOP(
        "Keypad", "Type the 8, 12 or 13 digits printed under the barcode."
    ),
    EntryState.VALID: QT_TRANSLATE_NOOP("Keypad", "Number OK — tap Find."),
    EntryState.INVALID: QT_TRANSLATE_NOOP(
        "Keypad", "That number does not check out — please compare it with the tag."
    ),
}


class NumericKeypad(QWidget):
    """Big-key keypad: digits, backspace, clear and a Find key enabled only when valid.

    Signals:
        submitted(str): the GTIN-13 of a valid entry, when Find is tapped.
        state_changed(str): ``"incomplete"``, ``"valid"`` or ``"invalid"`` as the user types.
    """

    submitted = Signal(str)
    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""
        self._state = EntryState.INCOMPLETE
        self.display = PlainLabel(self)
        self.display.setObjectName("keypadDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = PlainLabel(self)
        self.hint.setObjectName("keypadHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        layout = [("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "back")]
        for r, row in enumerate(layout):
            for c, key in enumerate(row):
                grid.addWidget(self._make_key(key, "⌫" if key == "back" else key), r, c)
        self.find_button = self._make_key("find", "")
        self._grid = grid
        self._compact = True
        self.set_compact(False)
        box = QVBoxLayout(self)
        box.addWidget(self.display)
        box.addWidget(self.hint)
        box.addLayout(grid)
        self._connect_signals()
        self.retranslate()

    def _make_key(self, key: str, label: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(f"key_{key}")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a touch keypad never steals focus
        self.keys[key] = button
        return button

    def set_compact(self, compact: bool) -> None:
        """Compact (a short window): Find as a tall fourth column beside the digits, one
        row fewer; otherwise a wide Find row under them."""
        if compact == self._compact:
            return
        self._compact = compact
        self._grid.removeWidget(self.find_button)
        if compact:
            self._grid.addWidget(self.find_button, 0, 3, 4, 1)
        else:
            self._grid.addWidget(self.find_button, 4, 0, 1, 3)

    def _connect_signals(self) -> None:
        for key, button in self.keys.items():
            if key.isdigit():
                button.clicked.connect(lambda _=False, d=key: self.press(d))
        self.keys["back"].clicked.connect(self.backspace)
        self.keys["clear"].clicked.connect(self.clear)
        self.find_button.clicked.connect(self.submit)

    @property
    def digits(self) -> str:
        return self._digits

    @property
    def state(self) -> EntryState:
        return self._state

    @Slot(str)
    def press(self, digit: str) -> None:
        if digit.isdigit() and len(digit) == 1 and len(self._digits) < MAX_DIGITS:
            self._digits += digit
            self._refresh()

    @Slot()
    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._refresh()

    @Slot()
    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    @Slot()
    def submit(self) -> None:
        gtin = normalize_gtin(self._digits)
        if gtin is not None:
            self.submitted.emit(gtin)

    def _refresh(self) -> None:
        state = entry_state(self._digits)
        self.display.setText(self._digits or "–")
        self.display.setProperty("entryState", state.value)
        self.hint.setText(translate(CONTEXT, _HINTS[state]))
        self.find_button.setEnabled(state is EntryState.VALID)
        # Re-polish so a stylesheet keyed on [entryState="..."] repaints.
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)

    def retranslate(self) -> None:
        """Set the key labels and the hint again in the current language."""
        self.keys["clear"].setText(translate("Keypad", "Clear"))
        self.find_button.setText(translate("Keypad", "Find"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
