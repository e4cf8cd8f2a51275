"""A row of controls that wraps onto more rows when the width runs out.

Touch-size buttons with their full labels do not fit one row on a 7" panel or a portrait
kiosk; cutting their text is not an option. :class:`ReflowGrid` puts its widgets in as
many equal columns as fit (each as wide as the widest one needs) and as many rows as
that takes, again on every resize and language switch.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

__all__ = ["ReflowGrid", "columns_that_fit"]


def columns_that_fit(width: int, cell_width: int, count: int, spacing: int) -> int:
    """How many cells of ``cell_width`` fit side by side in ``width`` (1 to ``count``)."""
    if count <= 0:
        return 1
    return max(1, min(count, (width + spacing) // max(1, cell_width + spacing)))


class ReflowGrid(QWidget):
    """Lays out ``widgets`` (hidden ones skipped) in the columns that fit its width."""

    def __init__(self, widgets: Sequence[QWidget] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for widget in widgets:
            self.add(widget)

    def add(self, widget: QWidget) -> None:
        widget.setParent(self)
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        widget.setSizePolicy(policy)
        self._widgets.append(widget)
        self.reflow()

    def shown(self) -> list[QWidget]:
        return [w for w in self._widgets if not w.isHidden()]

    def columns_for(self, width: int) -> int:
        shown = self.shown()
        cell = max((w.minimumSizeHint().width() for w in shown), default=1)
        spacing = max(0, self._grid.horizontalSpacing())
        return columns_that_fit(width, cell, len(shown), spacing)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setWidth(max((w.minimumSizeHint().width() for w in self.shown()), default=0))
        return hint

    def height_for(self, columns: int) -> int:
        """The height the shown widgets need in ``columns`` columns."""
        shown = self.shown()
        if not shown:
            return 0
        rows = -(-len(shown) // columns)
        row_h = max(max(w.sizeHint().height(), w.minimumSizeHint().height()) for w in shown)
        return rows * row_h + (rows - 1) * max(0, self._grid.verticalSpacing())

    def apply_metrics(self, _metrics: object) -> None:
        """theme.fit changed the sizes: the buttons' widths changed with them."""
        self.reflow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.reflow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow(force=False)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a child's text or style changed
            self.reflow(force=False)
        return super().event(event)

    def reflow(self, *, force: bool = True) -> None:
        """Place the widgets again (after showing/hiding one, or new texts)."""
        columns = self.columns_for(self.width())
        if columns != self._columns or force:
            self._columns = columns
            for widget in self._widgets:
                self._grid.removeWidget(widget)
            for column in range(self._grid.columnCount()):
                self._grid.setColumnStretch(column, 0)
            for index, widget in enumerate(self.shown()):
                self._grid.addWidget(widget, index // columns, index % columns)
            for column in range(columns):
                self._grid.setColumnStretch(column, 1)
        # An explicit height: layouts do not reliably ask nested widgets heightForWidth.
        height = self.height_for(columns)
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)
