"""The size grid: one big touch tile per size, with EU, UK/US and the size's status in words.

It draws :class:`~kiosk.journey.size_grid.SizeTile` objects and reports taps; every rule
about wording and what may be chosen lives in :mod:`kiosk.journey.size_grid`.

Tiles are pooled: a new product (or language) updates the existing tile widgets in place
and hides the ones not needed, instead of destroying and building a dozen buttons with five
labels each. Building them, polishing them against the style sheet and laying them out was
most of the time between the lookup's answer and the painted grid. A tile is re-polished
only when a property its style depends on (``status``, ``scanned``) changed.
"""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inventory_client.models import SizeStatus
from kiosk.journey.size_grid import SizeTile
from kiosk.theme import Metrics
from kiosk.widgets.plain_label import PlainLabel

translate = QCoreApplication.translate

# Design sizes (full HD); the grid scales them with the window (``apply_metrics``).
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


def size_number(value: str, language: str) -> str:
    """``3.5`` as the language writes it (``3,5`` in German and French)."""
    if language == "en" or "." not in value:
        return value
    decimal = Locale.parse(language).number_symbols.get("latn", {}).get("decimal", ".")
    return value.replace(".", decimal)


def tile_detail(tile: SizeTile) -> str:
    """The tile's second line; a sold-out tile says what a tap does."""
    if tile.status is SizeStatus.SOLD_OUT and not tile.detail:
        return translate("SizeGrid", "Tap: email me when it's back")
    return tile.detail


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

    def __init__(
        self, tile: SizeTile, parent: QWidget | None = None, *, language: str = "en"
    ) -> None:
        super().__init__(parent)
        self.tile = tile
        self.language = language
        self.setObjectName("sizeTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.size_label = self._label("tileSize")
        self.badge = self._label("tileBadge")
        self.alt_label = self._label("tileAlt")
        self.status_label = self._label("tileStatus")
        self.status_label.setWordWrap(True)
        self.detail_label = self._label("tileDetail")
        self.detail_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        self._layout = layout
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
        _set_text(self.size_label, f"EU {size_number(tile.size_eu, self.language)}")
        _set_text(self.badge, translate("SizeGrid", "Scanned"))  # the language may change
        uk, us = (size_number(s, self.language) for s in (tile.size_uk, tile.size_us))
        _set_text(self.alt_label, f"UK {uk} · US {us}")
        _set_text(self.status_label, tile.label)
        detail = tile_detail(tile)
        _set_text(self.detail_label, detail)
        # setVisible on the labels only when it changes: each call queues layout work.
        if self.badge.isHidden() == tile.scanned:
            self.badge.setVisible(tile.scanned)
        if self.detail_label.isHidden() == bool(detail):
            self.detail_label.setVisible(bool(detail))

    def _on_clicked(self) -> None:
        self.chosen.emit(self.tile.gtin)

    def apply_metrics(self, metrics: Metrics) -> None:
        px = metrics.px
        self._layout.setContentsMargins(px(16, 6), px(10, 4), px(12, 4), px(10, 4))

    def needed_width(self) -> int:
        """The width its unwrapped lines (size and badge, UK and US sizes) need."""
        return self._layout.totalMinimumSize().width()

    def needed_height(self) -> int:
        """The height its lines need at its current width."""
        layout = self._layout
        if layout.hasHeightForWidth() and self.width() > 0:
            return layout.totalHeightForWidth(self.width())
        return layout.totalMinimumSize().height()

    def _label(self, name: str) -> QLabel:
        label = PlainLabel(self)
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
        self._metrics = Metrics()
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def apply_metrics(self, metrics: Metrics) -> None:
        """Tile sizes for the window (``theme.fit`` calls it)."""
        self._metrics = metrics
        self._grid.setSpacing(metrics.px(SPACING, 6))
        for button in self._pool:
            button.apply_metrics(metrics)
        self._columns = 0  # lay out again at the new tile width
        self._relayout()

    def set_tiles(self, tiles: list[SizeTile], language: str = "en") -> None:
        """Show ``tiles`` in this order (sizes written as ``language`` writes numbers),
        reusing the tile widgets already built."""
        pool = self._pool
        for button in pool:
            button.language = language
        for button, tile in zip(pool, tiles, strict=False):
            button.show_tile(tile)  # a re-polish may change its height: _relayout checks
        for tile in tiles[len(pool) :]:
            button = SizeTileButton(tile, self._inner, language=language)
            button.apply_metrics(self._metrics)
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

    def showEvent(self, event: QShowEvent) -> None:
        self._hide_spares()  # the tiles were shown before this; none is painted yet
        super().showEvent(event)
        self._relayout()  # text widths measured while hidden may be stale

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _hide_spares(self) -> None:
        for button in self._pool[self._count :]:
            if not button.isHidden():
                button.hide()

    def _relayout(self) -> None:
        """Fit columns to the width, then shrink tiles (within limits) so all rows show."""
        viewport = self.viewport()
        px = self._metrics.px
        spacing = px(SPACING, 6)
        for button in self.buttons():
            button.ensurePolished()  # fonts from the style sheet before measuring
        # + a few px: the grid's own rounding when it shares the width between columns
        widest = max((b.needed_width() for b in self.buttons()), default=0) + spacing + 8
        tile_min = max(px(TILE_MIN_WIDTH), widest)
        # Room as if the scroll bar showed: it appears when rows overflow, after this.
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        columns = max(1, min(MAX_COLUMNS, (room + spacing) // tile_min))
        rows = max(1, -(-self._count // columns))
        fit = (viewport.height() - spacing * (rows - 1)) // rows
        height = max(px(TILE_MIN_HEIGHT), min(px(TILE_MAX_HEIGHT), fit))
        tile_width = (room - spacing * (columns - 1)) // columns
        for button in self.buttons():
            if button.width() != tile_width:
                button.resize(tile_width, button.height())
            height = max(height, button.needed_height(), self._metrics.touch)
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
