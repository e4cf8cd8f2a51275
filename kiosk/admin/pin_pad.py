"""The staff PIN pad: a heading, who you are (or scan your badge), large dots, big keys.

Presentation only: it shows masked dots, a message and a lock countdown, and emits
``submitted(staff_id, pin)``. Checking the PIN (slow scrypt) is the admin session's job,
on a worker thread. Keys as on a phone's keypad: Clear bottom-left, ⌫ bottom-right;
"Back" (leave without signing in) and "Sign in" below. Staff choose their language here
(``languages``); the panel passes it on.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin._buttons import choice_button
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin.pin import StaffMember
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.rows import format_countdown
from kiosk.admin.text import Msg
from kiosk.widgets.language_picker import LanguagePicker
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["PinPad"]

MAX_PIN_DIGITS = 12
MIN_PIN_DIGITS = 4
_DOT = "●"
_EMPTY_DOT = "○"


class PinPad(Retranslating):
    """Staff chooser + masked PIN entry + lock countdown.

    Signals:
        submitted(str, str): staff id and PIN, when Sign in is tapped.
        cancelled(): "Back" (leave without signing in).
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
        self.setObjectName("pinPad")
        self._monotonic = monotonic
        self._digits = ""
        self._locked_until = 0.0
        self._busy = False
        self._message: Callable[[], str] = self._prompt
        self.heading = PlainLabel(self)
        self.heading.setObjectName("title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_buttons: dict[str, QPushButton] = {}
        self._staff_group = QButtonGroup(self)
        self._staff_group.setExclusive(True)
        self.staff_row = ReflowGrid(parent=self)
        for member in staff:
            button = choice_button(self._staff_group, member.name)
            button.setProperty("staff_id", member.staff_id)
            self.staff_buttons[member.staff_id] = button
            self.staff_row.add(button)
        if len(staff) == 1:
            next(iter(self.staff_buttons.values())).setChecked(True)
        self.dots = PlainLabel(self)
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = PlainLabel(self)
        self.message.setObjectName("hint")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.languages = LanguagePicker(self)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        layout = [("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "del")]
        for r, row in enumerate(layout):
            for c, key in enumerate(row):
                grid.addWidget(self._make_key(key), r, c)
        self.back_button = self._make_key("back")
        self.ok_button = self._make_key("ok")
        self.ok_button.setObjectName("primary")
        actions = QHBoxLayout()
        actions.addWidget(self.back_button, 1)
        actions.addWidget(self.ok_button, 2)
        keypad = QVBoxLayout()
        keypad.addLayout(grid, 1)
        keypad.addLayout(actions)
        about = QVBoxLayout()
        about.addWidget(self.heading)
        about.addWidget(self.staff_row)
        about.addWidget(self.dots)
        about.addWidget(self.message)
        about.addStretch(1)
        about.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignHCenter)
        # Side by side on landscape screens (a 7" panel has no height for both), stacked
        # on portrait ones.
        self._split = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._split.addLayout(about, 1)
        self._split.addLayout(keypad, 1)
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._refresh)
        self._staff_group.buttonClicked.connect(lambda _b: self._refresh())
        self.retranslate()

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
            self._say(lambda: translate("PinPad", "This badge is not on this kiosk's staff list"))
            return False
        button.setChecked(True)
        name = button.text()
        self._say(lambda: translate("PinPad", "Hello {name} — type your PIN").format(name=name))
        return True

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self._say(lambda: translate("PinPad", "Checking…"))
        self._refresh()

    def show_wrong(self, failures_left: int) -> None:
        self._digits = ""
        self._busy = False
        if failures_left > 1:
            self._say(
                lambda: translate(
                    "PinPad", "Wrong PIN — {count} more tries before entry locks"
                ).format(count=failures_left)
            )
        else:
            self._say(lambda: translate("PinPad", "Wrong PIN — one more wrong PIN locks entry"))

    def show_locked(self, seconds: float) -> None:
        self._digits = ""
        self._busy = False
        self._locked_until = self._monotonic() + seconds
        self._ticker.start()
        self._refresh()

    def show_message(self, message: Msg) -> None:
        self._say(message.text)

    def reset(self) -> None:
        self._digits = ""
        self._busy = False
        self._refresh()

    def locked_text(self) -> str:
        return self.message.text() if self._locked_for() > 0 else ""

    def retranslate(self) -> None:
        self.heading.setText(translate("PinPad", "Staff sign-in"))
        labels = {
            "clear": translate("PinPad", "Clear"),
            "del": "⌫",
            "back": translate("PinPad", "Back"),
            "ok": translate("PinPad", "Sign in"),
        }
        for key, button in self.keys.items():
            button.setText(labels.get(key, key))
        self.keys["del"].setAccessibleName(translate("PinPad", "Delete last digit"))
        self.dots.setAccessibleName(translate("PinPad", "Digits typed"))
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        self._split.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    # -- internals ----------------------------------------------------------------------

    def _prompt(self) -> str:
        return translate("PinPad", "Choose your name (or scan your badge), then type your PIN")

    def _say(self, text: Callable[[], str]) -> None:
        """Show a message now and again after a language switch."""
        self._message = text
        self._refresh()

    def _locked_for(self) -> float:
        return max(0.0, self._locked_until - self._monotonic())

    def _make_key(self, key: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"pinKey_{key}")
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
        elif key == "clear":
            self._digits = ""
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
            self.message.setText(
                translate("PinPad", "Too many wrong PINs — locked for {time}").format(
                    time=format_countdown(locked)
                )
            )
        elif self._ticker.isActive():
            self._ticker.stop()
            self._message = lambda: translate("PinPad", "You can try again now")
            self.message.setText(self._message())
        else:
            self.message.setText(self._message())
        shown = max(len(self._digits), MIN_PIN_DIGITS)
        self.dots.setText(
            " ".join(_DOT * len(self._digits) + _EMPTY_DOT * (shown - len(self._digits)))
        )
        can_type = locked <= 0 and not self._busy
        for key, button in self.keys.items():
            button.setEnabled(can_type or key == "back")
        self.ok_button.setEnabled(
            can_type and self.selected_staff() is not None and len(self._digits) >= MIN_PIN_DIGITS
        )
