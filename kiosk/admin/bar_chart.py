"""A horizontal bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["BarChart"]

_BAR_COLOUR = QColor("#1f4e8c")
_INK = QColor("#1b1b1f")
_ROW_PX = 32
_LABEL_SHARE = 0.4


class BarChart(QWidget):
    """Labelled bars, longest first as given; values are non-negative integers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, int]] = []
        self._empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self._bars = [(label, max(0, int(value))) for label, value in bars]
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when there are no bars (in the staff member's language)."""
        self._empty_text = text
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(600, max(1, len(self._bars)) * _ROW_PX + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if not self._bars:
                painter.setPen(_INK)
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
                return
            top = max(value for _, value in self._bars) or 1
            label_w = self.width() * _LABEL_SHARE
            bar_w = self.width() - label_w - 60
            for row, (label, value) in enumerate(self._bars):
                y = 4 + row * _ROW_PX
                painter.setPen(_INK)
                painter.drawText(
                    QRectF(0, y, label_w - 8, _ROW_PX - 6),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
                length = bar_w * value / top
                painter.fillRect(QRectF(label_w, y + 4, length, _ROW_PX - 14), _BAR_COLOUR)
                painter.drawText(
                    QRectF(label_w + length + 6, y, 54, _ROW_PX - 6),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    str(value),
                )
        finally:
            painter.end()
