"""The attract / scan screen: an invitation, the live camera, and a keypad for typing codes.

In the attract state the screen invites ("Scan a shoe to see every size"), cycling a few
lines about what the kiosk can do, with a language picker; once the shopper engages (opens
the keypad) it shows the keypad and the navigation bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.screens._base import Screen, follow_orientation, label, name_keypad_keys, translate
from kiosk.theme import Metrics
from kiosk.widgets.camera_view import CameraView
from kiosk.widgets.keypad import NumericKeypad
from kiosk.widgets.language_picker import LanguagePicker

ATTRACT_CYCLE_MS = 5000


def attract_lines() -> list[str]:
    """The lines the attract screen cycles through, in the current language."""
    return [
        translate("ScanScreen", "Hold the barcode on the shoe's tag up to the camera."),
        translate("ScanScreen", "Every size at a glance: here, at the warehouse, or nearby."),
        translate("ScanScreen", "Your size is here? We bring it to you."),
        translate("ScanScreen", "Not here? Order it to your home in a minute."),
    ]


class ScanScreen(Screen):
    """Signals:
    code_entered(code): the shopper typed a code on the keypad.
    keypad_requested(): the shopper tapped "Type the code".
    language_chosen(code): a language was picked on the attract screen.
    """

    code_entered = Signal(str)
    keypad_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engaged = False
        self._line = 0
        self._staff_count = 0
        self.languages = LanguagePicker(self)
        self.heading = label("", "heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("", "subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.camera = CameraView(self)
        self.camera.setMinimumSize(480, 300)

        self.keypad_button = QPushButton()
        self.keypad_button.setObjectName("primary")
        self.hint = label("", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keypad = NumericKeypad(self)
        self.keypad.setVisible(False)

        # For staff only, on the attract screen: orders refused after they were saved.
        self.staff_notice = label("", "hint", wrap=False)
        self.staff_notice.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.staff_notice)
        top.addStretch(1)
        top.addWidget(self.languages)

        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.keypad_button)
        actions.addStretch(1)

        camera_column = QVBoxLayout()
        camera_column.addWidget(self.camera, 1)
        camera_column.addLayout(actions)
        camera_column.addWidget(self.hint)

        # Landscape: camera beside the keypad; portrait: keypad below the camera.
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(32)
        self.split.addLayout(camera_column, 3)
        self.split.addWidget(self.keypad, 2)

        self.body.addLayout(top)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.subtitle)
        self.body.addLayout(self.split, 1)

        self.cycle = QTimer(self)
        self.cycle.setInterval(ATTRACT_CYCLE_MS)
        self.cycle.timeout.connect(self.next_line)

        self.keypad_button.clicked.connect(self.keypad_requested)
        self.keypad.submitted.connect(self.code_entered)
        self.languages.language_chosen.connect(self.language_chosen)
        self.set_engaged(False)

    @property
    def engaged(self) -> bool:
        return self._engaged

    def set_engaged(self, engaged: bool) -> None:
        """Attract (``False``): invitation only. Scanning (``True``): keypad and navigation."""
        self._engaged = engaged
        self.keypad.setVisible(engaged)
        self._show_camera()
        self.keypad_button.setVisible(not engaged)
        self.languages.setVisible(not engaged)
        self.nav.setVisible(engaged)
        self.staff_notice.setVisible(not engaged and self._staff_count > 0)
        self._line = 0
        if engaged:
            self.cycle.stop()
        else:
            self.cycle.start()
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.camera.setMinimumSize(metrics.px(480, 160), metrics.px(300, 100))
        self.split.setSpacing(metrics.px(32, 8))
        self.keypad.set_compact(metrics.compact)
        self._show_camera()

    def _show_camera(self) -> None:
        """Compact (short window): the keypad, once open, takes the camera's place and
        the invitation lines; a USB scanner and the camera itself keep working."""
        compact_keypad = self._engaged and self.metrics.compact
        self.camera.setVisible(not compact_keypad)
        self.hint.setVisible(not compact_keypad)
        self.subtitle.setVisible(not compact_keypad)
        self.split.setStretch(0, 0 if compact_keypad else 3)

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.languages.set_current(language)

    def set_staff_notice(self, count: int) -> None:
        """How many refused orders wait for staff; shown on the attract screen only."""
        self._staff_count = count
        self.staff_notice.setVisible(not self._engaged and count > 0)
        self.retranslate()

    def next_line(self) -> None:
        """Show the next line of the attract loop."""
        self._line = (self._line + 1) % len(attract_lines())
        self.subtitle.setText(attract_lines()[self._line])

    def retranslate(self) -> None:
        self.heading.setText(translate("ScanScreen", "Scan a shoe to see every size"))
        if self._engaged:
            self.subtitle.setText(
                translate(
                    "ScanScreen", "Hold the barcode up to the camera, or type the number under it."
                )
            )
        else:
            self.subtitle.setText(attract_lines()[self._line])
        self.camera.retranslate()
        self.keypad_button.setText(translate("ScanScreen", "Type the code"))
        self.keypad_button.setAccessibleName(translate("ScanScreen", "Type the barcode number"))
        self.hint.setText(translate("ScanScreen", "A USB barcode scanner works too."))
        self.staff_notice.setText(
            translate("ScanScreen", "Staff: 1 order needs attention — see admin")
            if self._staff_count == 1
            else translate("ScanScreen", "Staff: {count} orders need attention — see admin").format(
                count=self._staff_count
            )
        )
        self.staff_notice.setAccessibleName(self.staff_notice.text())
        self.keypad.setAccessibleName(translate("ScanScreen", "Number keypad"))
        name_keypad_keys(self.keypad)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow_orientation(self.split, self)
