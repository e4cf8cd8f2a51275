"""The staff's way in: hold the top-left corner of any shopper screen for three seconds.

An invisible square that sits above every screen. A press starts a countdown; letting go
(or sliding off) stops it. Shoppers do not find it by accident: the corner holds no
control, and a tap does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

HOLD_MS = 3000
SIZE_PX = 110


class CornerPress(QWidget):
    """Signals:
    held(): the corner was pressed and held for ``hold_ms``.
    """

    held = Signal()

    def __init__(self, parent: QWidget, *, hold_ms: int = HOLD_MS, size: int = SIZE_PX) -> None:
        super().__init__(parent)
        self.setObjectName("cornerPress")
        self.setProperty("layoutOverlay", True)  # floats over the screens on purpose
        self.setAccessibleName("Staff access (hold for three seconds)")
        self.setFixedSize(size, size)
        self.move(0, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._timer.start()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.rect().contains(event.position().toPoint()):
            self._timer.stop()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self._timer.stop()
        return super().event(event)
