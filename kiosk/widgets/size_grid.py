"""The size grid: one big touch tile per size, with EU, UK/US and the size's status in words.

It draws :class:`~kiosk.size_grid_model.SizeTile` objects and reports taps; every rule
about wording and what may be chosen lives in :mod:`kiosk.size_grid_model`.

Tiles are pooled: a new product (or language) updates the existing tile widgets in place
and hides the ones not needed, instead of destroying and building a dozen buttons with five
labels each. Building them, polishing them against the style sheet and laying them out was
most of the time between the lookup's answer and the painted grid. A tile is re-polished
only when a property its style depends on (``status``, ``scanned``) changed.
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
MAX_COLUMNS = 6


def _repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a property its selectors use has changed.

    ``polish`` alone is enough with a style sheet (it drops the widget's cached rules and
    palette first) and costs half of ``unpolish`` + ``polish``. A widget not polished yet
    is left alone: its first polish reads the new value anyway.
    """
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().polish(widget)
        widget.update()


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


class SizeTileButton(QPushButton):
    """One size: a button with four lines of text; colour follows ``status``, words always.

    :meth:`show_tile` shows another size in the same widget (the grid reuses its tiles).

    Signals:
        chosen(gtin): the tile was tapped (``clicked``), with the GTIN of the size it shows.
    """

    chosen = Signal(str)

    def __init__(self, tile: SizeTile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.setObjectName("sizeTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.size_label = self._label("tileSize")
        self.badge = self._label("tileBadge")
        self.alt_label = self._label("tileAlt")
        self.status_label = self._label("tileStatus")
        self.status_label.setWordWrap(True)
        self.detail_label = self._label("tileDetail")

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

        self._set_style_properties(tile)
        self._fill(tile)
        self.clicked.connect(self._on_clicked)

    def show_tile(self, tile: SizeTile) -> bool:
        """Show ``tile`` in this widget. True if the style sheet was applied again (it may
        have replaced a fixed height with its own minimum: the grid checks the height)."""
        old, self.tile = self.tile, tile
        restyle = old.status is not tile.status or old.scanned != tile.scanned
        if restyle:
            self._set_style_properties(tile)
            _repolish(self)
            _repolish(self.status_label)
        self._fill(tile)
        return restyle

    def _set_style_properties(self, tile: SizeTile) -> None:
        self.setProperty("status", tile.status.value)
        self.setProperty("scanned", tile.scanned)
        self.status_label.setProperty("status", tile.status.value)

    def _fill(self, tile: SizeTile) -> None:
        """Texts, visibility, accessible name and enabled state; none of them is styled by
        a property selector, so no re-polish is needed."""
        if self.accessibleName() != tile.accessible_name:
            self.setAccessibleName(tile.accessible_name)
        self.setEnabled(tile.choosable)
        _set_text(self.size_label, f"EU {tile.size_eu}")
        _set_text(self.badge, translate("SizeGrid", "Scanned"))  # the language may change
        _set_text(self.alt_label, f"UK {tile.size_uk} · US {tile.size_us}")
        _set_text(self.status_label, tile.label)
        _set_text(self.detail_label, tile.detail)
        # setVisible on the labels only when it changes: each call queues layout work.
        if self.badge.isHidden() == tile.scanned:
            self.badge.setVisible(tile.scanned)
        if self.detail_label.isHidden() == bool(tile.detail):
            self.detail_label.setVisible(bool(tile.detail))

    def _on_clicked(self) -> None:
        self.chosen.emit(self.tile.gtin)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
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
        self._pool: list[SizeTileButton] = []  # every tile widget ever built, in grid order
        self._count = 0  # the first ``_count`` tiles of the pool are in use, the rest spare
        self._placed = 0  # tiles of the pool added to the grid layout at ``_columns``
        self._columns = 0

    def set_tiles(self, tiles: list[SizeTile]) -> None:
        """Show ``tiles`` in this order, reusing the tile widgets already built."""
        pool = self._pool
        for button, tile in zip(pool, tiles, strict=False):
            button.show_tile(tile)  # a re-polish may change its height: _relayout checks
        for tile in tiles[len(pool) :]:
            button = SizeTileButton(tile, self._inner)
            button.chosen.connect(self.size_chosen)
            pool.append(button)
        for button in pool[: len(tiles)]:
            if button.isHidden():
                button.show()
        self._count = len(tiles)
        if self.isVisible():
            self._hide_spares()
        # else: when the screen is cleared while not shown (start over), the spare tiles
        # are hidden in showEvent, before anything is painted, and only if the next
        # product needs fewer: hiding a tile and showing it again costs a show/hide event
        # for it and each of its labels.
        self._relayout()

    def buttons(self) -> list[SizeTileButton]:
        """The tiles showing the current sizes, in order (hidden spare tiles excluded)."""
        return self._pool[: self._count]

    def button_for(self, gtin: str) -> SizeTileButton | None:
        return next((b for b in self.buttons() if b.tile.gtin == gtin), None)

    def showEvent(self, event) -> None:
        self._hide_spares()  # the tiles were shown before this; none is painted yet
        super().showEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _hide_spares(self) -> None:
        for button in self._pool[self._count :]:
            if not button.isHidden():
                button.hide()

    def _relayout(self) -> None:
        """Fit columns to the width, then shrink tiles (within limits) so all rows show."""
        viewport = self.viewport()
        columns = max(2, min(MAX_COLUMNS, viewport.width() // TILE_MIN_WIDTH))
        rows = max(1, -(-self._count // columns))
        fit = (viewport.height() - SPACING * (rows - 1)) // rows
        height = max(TILE_MIN_HEIGHT, min(TILE_MAX_HEIGHT, fit))
        for button in self.buttons():
            # Polish first: a style sheet's min-height applied later would override the
            # fixed height (tiles made or re-polished on a visible grid, e.g. on a language
            # switch). Both calls return at once when nothing changed.
            button.ensurePolished()
            if button.minimumHeight() != height or button.maximumHeight() != height:
                button.setFixedHeight(height)
        if columns != self._columns:
            self._columns = columns
            self._placed = 0
            for button in self._pool:
                self._grid.removeWidget(button)
            for column in range(MAX_COLUMNS):
                self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index in range(self._placed, len(self._pool)):
            self._grid.addWidget(self._pool[index], index // columns, index % columns)
        self._placed = len(self._pool)
