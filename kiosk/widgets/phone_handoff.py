""" "Continue on your phone": a button, then the QR code of the hand-off link.

Presentation only: the window's hand-off wiring (``kiosk.assembly.phone``) asks the flow
for a link when ``requested`` fires and hands the answer back here. Hidden unless the
kiosk has a public URL for phones (``service.public_url``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk.widgets.plain_label import PlainLabel
from kiosk.widgets.qr_code import qr_image

translate = QCoreApplication.translate

QR_SIDE = 220


class PhoneHandoffPanel(QFrame):
    """Signals:
    requested(): the shopper wants to go on on their phone.
    code_shown(bool): the QR code appeared (True) or went (False); the screen may give
        it the room of something else meanwhile (the product picture).
    """

    requested = Signal()
    code_shown = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneHandoff")
        self.button = QPushButton()
        self.button.setObjectName("choice")
        self.qr = PlainLabel()
        self.qr.setObjectName("qr")
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.qr.setVisible(False)
        self.hint = PlainLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.button)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        self.link = ""
        self._note = ""
        self.button.clicked.connect(self._ask)
        self.retranslate()

    def set_qr_side(self, side: int) -> None:
        self.qr.setFixedSize(side, side)
        self._draw()

    def show_link(self, url: str) -> None:
        """The hand-off is ready: its QR code replaces the button."""
        self.link = url
        self._note = "scan"
        self.button.setVisible(False)
        self.qr.setVisible(True)
        self._draw()
        self.retranslate()
        self.code_shown.emit(True)

    def show_unavailable(self) -> None:
        self.reset()
        self._note = "unavailable"
        self.retranslate()

    def show_continued(self) -> None:
        self.link = ""
        self.qr.clear()
        self.qr.setVisible(False)
        self.button.setVisible(False)
        self._note = "continued"
        self.retranslate()
        self.code_shown.emit(False)

    def reset(self) -> None:
        """Back to the button (a new shopper, or the screen shown again)."""
        self.link = ""
        self._note = ""
        self.qr.clear()
        self.qr.setVisible(False)
        self.button.setVisible(True)
        self.button.setEnabled(True)
        self.retranslate()
        self.code_shown.emit(False)

    def _ask(self) -> None:
        self.button.setEnabled(False)  # one hand-off per tap; the answer re-enables
        self._note = "waiting"
        self.retranslate()
        self.requested.emit()

    def _draw(self) -> None:
        if not self.link:
            self.qr.clear()
            return
        ratio = self.qr.devicePixelRatioF()
        side = round(self.qr.width() * ratio)
        picture = QPixmap.fromImage(qr_image(self.link)).scaled(
            side, side, Qt.AspectRatioMode.KeepAspectRatio
        )
        picture.setDevicePixelRatio(ratio)
        self.qr.setPixmap(picture)

    def retranslate(self) -> None:
        self.button.setText(translate("PhoneHandoff", "Continue on your phone"))
        self.button.setAccessibleName(self.button.text())
        self.qr.setAccessibleName(translate("PhoneHandoff", "QR code to continue on your phone"))
        notes = {
            "": "",
            "waiting": translate("PhoneHandoff", "Getting your code…"),
            "scan": translate(
                "PhoneHandoff",
                "Scan with your phone's camera and order there: your address stays on your phone.",
            ),
            "unavailable": translate(
                "PhoneHandoff", "Not available right now: please carry on here."
            ),
            "continued": translate("PhoneHandoff", "Continued on your phone"),
        }
        self.hint.setText(notes[self._note])
        self.hint.setVisible(bool(self._note))
        if self._note == "unavailable":
            self.button.setEnabled(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
