"""On-screen numeric keypad for typing a GTIN, with live check-digit feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.scanning.gtin import EntryState, entry_state, normalize_gtin

__all__ = ["NumericKeypad"]

MAX_DIGITS = 14
_KEY_MIN_PX = 88  # comfortably above the 48 px touch-target minimum for standing users

_HINTS = {
    EntryState.INCOMPLETE: "Type the 8, 12 or 13 digits under the barcode",
    EntryState.VALID: "Number OK — tap Find",
    EntryState.INVALID: "That number does not check out — please look again",
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
        self.display = QLabel(self)
        self.display.setObjectName("keypadDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setObjectName("keypadHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        layout = [("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "back")]
        labels = {"clear": "Clear", "back": "⌫"}
        for r, row in enumerate(layout):
            for c, key in enumerate(row):
                grid.addWidget(self._make_key(key, labels.get(key, key)), r, c)
        self.find_button = self._make_key("find", "Find")
        grid.addWidget(self.find_button, len(layout), 0, 1, 3)
        box = QVBoxLayout(self)
        box.addWidget(self.display)
        box.addWidget(self.hint)
        box.addLayout(grid)
        self._connect_signals()
        self._refresh()

    def _make_key(self, key: str, label: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(f"key_{key}")
        button.setMinimumSize(_KEY_MIN_PX, _KEY_MIN_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a touch keypad never steals focus
        self.keys[key] = button
        return button

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
        self.hint.setText(_HINTS[state])
        self.find_button.setEnabled(state is EntryState.VALID)
        # Re-polish so a stylesheet keyed on [entryState="..."] repaints.
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)
