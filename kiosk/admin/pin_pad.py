"""The staff PIN pad: pick who you are (or scan your badge), type the PIN, big keys.

Presentation only: it shows masked dots, a message and a lock countdown, and emits
``submitted(staff_id, pin)``. Checking the PIN (slow scrypt) is the panel's job, on a
worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.pin import StaffMember
from kiosk.admin.rows import format_countdown

__all__ = ["PinPad"]

MAX_PIN_DIGITS = 12
MIN_PIN_DIGITS = 4
_KEY_MIN_PX = 88


class PinPad(QWidget):
    """Staff chooser + masked PIN entry + lock countdown.

    Signals:
        submitted(str, str): staff id and PIN, when OK is tapped.
        cancelled(): the "Back" key (leave without logging in).
    """

    submitted = Signal(str, str)
    cancelled = Signal()

    def __init__(
        self,
        staff: list[StaffMember],
        parent: QWidget | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._digits = ""
        self._locked_until = 0.0
        self._busy = False
        self.staff_buttons: dict[str, QPushButton] = {}
        self._staff_group = QButtonGroup(self)
        self._staff_group.setExclusive(True)
        staff_row = QHBoxLayout()
        for member in staff:
            button = QPushButton(member.name, self)
            button.setCheckable(True)
            button.setMinimumHeight(_KEY_MIN_PX)
            button.setProperty("staff_id", member.staff_id)
            self._staff_group.addButton(button)
            self.staff_buttons[member.staff_id] = button
            staff_row.addWidget(button)
        if len(staff) == 1:
            next(iter(self.staff_buttons.values())).setChecked(True)
        self.dots = QLabel(self)
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("Choose your name (or scan your badge), then type your PIN", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        layout = [("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("back", "0", "del")]
        labels = {"back": "Back", "del": "⌫"}
        for r, row in enumerate(layout):
            for c, key in enumerate(row):
                grid.addWidget(self._make_key(key, labels.get(key, key)), r, c)
        self.ok_button = self._make_key("ok", "OK")
        grid.addWidget(self.ok_button, len(layout), 0, 1, 3)
        box = QVBoxLayout(self)
        box.addLayout(staff_row)
        box.addWidget(self.dots)
        box.addWidget(self.message)
        box.addLayout(grid)
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._refresh)
        self._staff_group.buttonClicked.connect(lambda _b: self._refresh())
        self._refresh()

    # -- shown state --------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A PIN is being checked (keys are disabled until the answer)."""
        return self._busy

    @property
    def entered_digits(self) -> int:
        return len(self._digits)

    def selected_staff(self) -> str | None:
        button = self._staff_group.checkedButton()
        return str(button.property("staff_id")) if button is not None else None

    def select_staff(self, staff_id: str) -> bool:
        """Preselect a staff member (a badge scan); False if the id is not on the list."""
        button = self.staff_buttons.get(staff_id)
        if button is None:
            self.message.setText("This badge is not on this kiosk's staff list")
            return False
        button.setChecked(True)
        self.message.setText(f"Hello {button.text()} — type your PIN")
        self._refresh()
        return True

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.message.setText("Checking…")
        self._refresh()

    def show_wrong(self, failures_left: int) -> None:
        self._digits = ""
        self._busy = False
        self.message.setText(
            f"Wrong PIN — {failures_left} more tries before entry locks"
            if failures_left > 1
            else "Wrong PIN — one more wrong PIN locks entry"
        )
        self._refresh()

    def show_locked(self, seconds: float) -> None:
        self._digits = ""
        self._busy = False
        self._locked_until = self._monotonic() + seconds
        self._ticker.start()
        self._refresh()

    def reset(self) -> None:
        self._digits = ""
        self._busy = False
        self._refresh()

    def locked_text(self) -> str:
        return self.message.text() if self._locked_for() > 0 else ""

    # -- internals ----------------------------------------------------------------------

    def _locked_for(self) -> float:
        return max(0.0, self._locked_until - self._monotonic())

    def _make_key(self, key: str, label: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(f"pinKey_{key}")
        button.setMinimumSize(_KEY_MIN_PX, _KEY_MIN_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _=False, k=key: self._press(k))
        self.keys[key] = button
        return button

    @Slot()
    def _press(self, key: str) -> None:
        if key == "back":
            self._digits = ""
            self.cancelled.emit()
        elif key == "del":
            self._digits = self._digits[:-1]
        elif key == "ok":
            staff_id = self.selected_staff()
            if staff_id and len(self._digits) >= MIN_PIN_DIGITS and not self._busy:
                pin, self._digits = self._digits, ""
                self.submitted.emit(staff_id, pin)
        elif len(self._digits) < MAX_PIN_DIGITS:
            self._digits += key
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        locked = self._locked_for()
        if locked > 0:
            self.message.setText(f"Too many wrong PINs — locked for {format_countdown(locked)}")
        elif self._ticker.isActive():
            self._ticker.stop()
            self.message.setText("You can try again now")
        self.dots.setText("●" * len(self._digits) or "—")
        can_type = locked <= 0 and not self._busy
        for key, button in self.keys.items():
            button.setEnabled(can_type or key == "back")
        self.ok_button.setEnabled(
            can_type and self.selected_staff() is not None and len(self._digits) >= MIN_PIN_DIGITS
        )
