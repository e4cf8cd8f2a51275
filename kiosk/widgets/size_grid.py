"""The size grid: one big touch tile per size, with EU, UK/US and the size's status in words.

It draws :class:`~kiosk.size_grid_model.SizeTile` objects and reports taps; every rule
about wording and what may be chosen lives in :mod:`kiosk.size_grid_model`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.size_grid_model import SizeTile

translate = QCoreApplication.translate

TILE_MIN_WIDTH = 270  # px, including spacing; decides how many columns fit
TILE_MAX_HEIGHT = 178  # px; roomy when the screen allows
TILE_MIN_HEIGHT = 150  # px; still four lines of text and twice the minimum touch target
SPACING = 14


class SizeTileButton(QPushButton):
    """One size: a button with four lines of text; colour follows ``status``, words always."""

    def __init__(self, tile: SizeTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.setObjectName("sizeTile")
        self.setProperty("status", tile.status.value)
        self.setProperty("scanned", tile.scanned)
        self.setAccessibleName(tile.accessible_name)
        self.setEnabled(tile.choosable)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.size_label = self._label("tileSize", f"EU {tile.size_eu}")
        self.badge = self._label("tileBadge", translate("SizeGrid", "Scanned"))
        self.badge.setVisible(tile.scanned)
        self.alt_label = self._label("tileAlt", f"UK {tile.size_uk} · US {tile.size_us}")
        self.status_label = self._label("tileStatus", tile.label)
        self.status_label.setProperty("status", tile.status.value)
        self.status_label.setWordWrap(True)
        self.detail_label = self._label("tileDetail", tile.detail)
        self.detail_label.setVisible(bool(tile.detail))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.addWidget(self.size_label)
        top.addStretch(1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.alt_label)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.detail_label)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return label


class SizeGrid(QScrollArea):
    """A scrollable grid of size tiles whose column count follows the available width.

    Signals:
        size_chosen(gtin): a choosable tile was tapped.
    """

    size_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("SizeGrid", "Sizes"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._inner = QWidget()
        self._inner.setObjectName("screen")
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self._buttons: list[SizeTileButton] = []
        self._columns = 0

    def set_tiles(self, tiles: list[SizeTile]) -> None:
        for button in self._buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for tile in tiles:
            button = SizeTileButton(tile, self._inner)
            button.clicked.connect(lambda _=False, gtin=tile.gtin: self.size_chosen.emit(gtin))
            self._buttons.append(button)
        self._columns = 0
        self._relayout()

    def buttons(self) -> list[SizeTileButton]:
        return list(self._buttons)

    def button_for(self, gtin: str) -> SizeTileButton | None:
        return next((b for b in self._buttons if b.tile.gtin == gtin), None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        """Fit columns to the width, then shrink tiles (within limits) so all rows show."""
        viewport = self.viewport()
        columns = max(2, min(6, viewport.width() // TILE_MIN_WIDTH))
        rows = max(1, -(-len(self._buttons) // columns))
        fit = (viewport.height() - SPACING * (rows - 1)) // rows
        height = max(TILE_MIN_HEIGHT, min(TILE_MAX_HEIGHT, fit))
        for button in self._buttons:
            # Polish first: a style sheet's min-height applied later would override the
            # fixed height (tiles rebuilt on a visible grid, e.g. on a language switch).
            button.ensurePolished()
            button.setFixedHeight(height)
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self._buttons):
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(6):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
