"""The attract / scan screen: an invitation, the live camera, and a keypad for typing codes.

In the attract state the screen invites ("Scan a shoe to see every size"); once the shopper
engages (opens the keypad) it shows the keypad and Back / Start over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.screens._base import Screen, label
from kiosk.widgets.camera_view import CameraView
from kiosk.widgets.keypad import NumericKeypad


class ScanScreen(Screen):
    """Signals:
    code_entered(code): the shopper typed a code on the keypad.
    keypad_requested(): the shopper tapped "Type the code".
    """

    code_entered = Signal(str)
    keypad_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("Scan a shoe to see every size", "heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("Hold the barcode on the shoe's tag up to the camera.", "subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.camera = CameraView(self)
        self.camera.setAccessibleName("Camera preview")
        self.camera.setMinimumSize(480, 300)

        self.keypad_button = QPushButton("Type the code")
        self.keypad_button.setObjectName("primary")
        self.keypad_button.setAccessibleName("Type the barcode number")
        self.hint = label("USB scanners work too.", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keypad = NumericKeypad(self)
        self.keypad.setAccessibleName("Number keypad")
        self.keypad.setVisible(False)

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

        self.body.addWidget(self.heading)
        self.body.addWidget(self.subtitle)
        self.body.addLayout(self.split, 1)

        self.keypad_button.clicked.connect(self.keypad_requested)
        self.keypad.submitted.connect(self.code_entered)
        self.set_engaged(False)

    def set_engaged(self, engaged: bool) -> None:
        """Attract (``False``): invitation only. Scanning (``True``): keypad and navigation."""
        self.keypad.setVisible(engaged)
        self.keypad_button.setVisible(not engaged)
        self.nav.setVisible(engaged)
        self.subtitle.setText(
            "Hold the barcode up to the camera, or type the number under it."
            if engaged
            else "Hold the barcode on the shoe's tag up to the camera."
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        landscape = self.width() >= self.height()
        self.split.setDirection(
            QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
        )
