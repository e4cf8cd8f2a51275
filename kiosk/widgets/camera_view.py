"""Camera preview with a guide box, a success flash and a "camera unavailable" state.

Its texts are English source strings in translation context ``"CameraView"``, translated
when shown, so a language switch takes effect at the next paint.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.journey.marks import QT_TRANSLATE_NOOP

__all__ = ["CameraView"]

_GUIDE = QColor(255, 255, 255, 220)
_SUCCESS = QColor(46, 204, 113)
_DIM = QColor(0, 0, 0, 110)


class CameraView(QWidget):
    """Shows the latest preview frame, scaled to fit, with a guide box to aim the tag.

    ``set_frame`` takes the scanner's ``preview`` signal; ``flash_success`` gives the
    visual half of the scan cue (the sound is the screen's job); ``set_available(False)``
    replaces the picture with a plain message inviting manual entry.
    """

    UNAVAILABLE_TEXT = QT_TRANSLATE_NOOP(
        "CameraView", "Camera not working — please type the number under the barcode."
    )
    FLASH_MS = 400

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame: QImage | None = None
        self._available = True
        self._flashing = False
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(self.FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.retranslate()

    @property
    def available(self) -> bool:
        return self._available

    @property
    def flashing(self) -> bool:
        return self._flashing

    @property
    def has_frame(self) -> bool:
        return self._frame is not None

    @Slot(QImage)
    def set_frame(self, image: QImage) -> None:
        if image.isNull():
            return
        self._frame = image
        self.update()

    @Slot(str)
    def set_camera_state(self, state: str) -> None:
        """Slot for ``Scanner.camera_state``: ``"ok"`` or ``"unavailable"``."""
        self.set_available(state == "ok")

    @Slot(bool)
    def set_available(self, available: bool) -> None:
        self._available = available
        if not available:
            self._frame = None
        self.retranslate()
        self.update()

    def unavailable_text(self) -> str:
        """The "camera not working" message in the current language."""
        return QCoreApplication.translate("CameraView", self.UNAVAILABLE_TEXT)

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("CameraView", "Camera preview"))
        self.setAccessibleDescription("" if self._available else self.unavailable_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.update()
        super().changeEvent(event)

    @Slot()
    def flash_success(self) -> None:
        self._flashing = True
        self._flash_timer.start()
        self.update()

    @Slot()
    def _end_flash(self) -> None:
        self._flashing = False
        self.update()

    def guide_rect(self) -> QRectF:
        """The aiming box: centred, 60% wide, shaped like a retail barcode label."""
        w, h = self.width(), self.height()
        gw = w * 0.6
        gh = min(h * 0.6, gw * 0.55)
        return QRectF((w - gw) / 2, (h - gh) / 2, gw, gh)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.black)
        if not self._available:
            self._paint_unavailable(p)
            p.end()
            return
        if self._frame is not None:
            scaled = self._frame.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - scaled.width()) / 2
            y = (self.height() - scaled.height()) / 2
            p.drawImage(QRectF(x, y, scaled.width(), scaled.height()), self._frame)
        guide = self.guide_rect()
        # Dim everything outside the guide so the eye goes to the box.
        p.save()
        p.setClipRegion(self.visibleRegion().subtracted(guide.toAlignedRect()))
        p.fillRect(self.rect(), _DIM)
        p.restore()
        colour = _SUCCESS if self._flashing else _GUIDE
        p.setPen(QPen(colour, 8 if self._flashing else 4))
        p.setBrush(
            QColor(colour.red(), colour.green(), colour.blue(), 70)
            if self._flashing
            else Qt.BrushStyle.NoBrush
        )
        p.drawRoundedRect(guide, 16, 16)
        p.end()

    def _paint_unavailable(self, p: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(14.0, self.height() / 18))
        p.setFont(font)
        p.setPen(Qt.GlobalColor.white)
        p.drawText(
            self.rect().adjusted(24, 24, -24, -24),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.unavailable_text(),
        )
