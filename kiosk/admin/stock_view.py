"""Stock view: search the catalogue, then a size grid with −1 / +1 steppers for this store."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from inventory_client.models import SizeRun, StyleSummary
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, hide_cell_widget, make_table, set_headers
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["StockView"]

_GTIN_ROLE = Qt.ItemDataRole.UserRole
_GTIN_COLUMN = 1
_STEP_COLUMN = 4


class StockView(Retranslating):
    """Signals:
    search_requested(str): find styles by name, brand, GTIN or style id.
    style_chosen(str): show the size grid of the style with this GTIN.
    adjust_requested(str, int): change this store's count of a GTIN by +1 or -1.
    """

    search_requested = Signal(str)
    style_chosen = Signal(str)
    adjust_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: Msg | None = None
        self._found: int | None = None  # styles of the last search
        self.query = QLineEdit(self)
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("primary")
        self.results = QListWidget(self)
        QScroller.grabGesture(self.results.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.title = PlainLabel("", self)
        self.title.setWordWrap(True)
        self.grid: QTableWidget = make_table(5, self)
        # The steppers' column is as wide as its two buttons: they never overlap.
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(_STEP_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_GTIN_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 3)
        row.addWidget(self.search_button, 1)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.results, 1)
        box.addWidget(self.title)
        box.addWidget(self.grid, 2)
        box.addWidget(self.status)
        self._connect_signals()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.search_button.clicked.connect(self._search)
        self.query.returnPressed.connect(self._search)
        self.results.itemClicked.connect(self._choose)

    def show_results(self, styles: list[StyleSummary]) -> None:
        self.results.clear()
        for summary in styles:
            if not summary.variants:
                continue
            style = summary.style
            item = QListWidgetItem(f"{style.brand} {style.name} — {style.colour} ({style.id})")
            item.setData(_GTIN_ROLE, summary.variants[0].gtin)
            self.results.addItem(item)
        self._found = self.results.count()
        self._status = None
        self._show_found()

    def show_size_run(self, run: SizeRun) -> None:
        self.title.setText(f"{run.style.brand} {run.style.name} — {run.style.colour}")
        for row in range(self.grid.rowCount()):
            hide_cell_widget(self.grid, row, _STEP_COLUMN)
        self.grid.setRowCount(len(run.sizes))
        for row, size in enumerate(run.sizes):
            gtin = size.variant.gtin
            fill_row(
                self.grid,
                row,
                [
                    size.variant.size_eu,
                    gtin,
                    "?" if size.in_store is None else size.in_store,
                    "?" if size.warehouse is None else size.warehouse,
                ],
            )
            self.grid.setCellWidget(row, _STEP_COLUMN, self._steppers(gtin))
        self.grid.resizeRowsToContents()

    def show_status(self, message: Msg) -> None:
        self._status = message
        self.status.setText(message.text())

    def step_button(self, gtin: str, delta: int) -> QPushButton | None:
        name = f"step_{gtin}_{'minus' if delta < 0 else 'plus'}"
        return self.grid.findChild(QPushButton, name)

    def retranslate(self) -> None:
        self.query.setPlaceholderText(translate("StockView", "Name, brand, GTIN or style"))
        self.search_button.setText(translate("StockView", "Search"))
        set_headers(
            self.grid,
            [
                translate("StockView", "Size"),
                translate("StockView", "GTIN"),
                translate("StockView", "This store"),
                translate("StockView", "Warehouse"),
                translate("StockView", "Change"),
            ],
        )
        if self._status is not None:
            self.status.setText(self._status.text())
        else:
            self._show_found()

    def _show_found(self) -> None:
        if self._found is not None:
            text = translate("StockView", "{count} styles found").format(count=self._found)
            self.status.setText(text)

    def _steppers(self, gtin: str) -> QWidget:
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(4, 4, 4, 4)
        for delta in (-1, +1):
            button = QPushButton("−1" if delta < 0 else "+1", cell)
            button.setObjectName(f"step_{gtin}_{'minus' if delta < 0 else 'plus'}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(
                lambda _=False, g=gtin, d=delta: self.adjust_requested.emit(g, d)
            )
            row.addWidget(button)
        return cell

    @Slot()
    def _search(self) -> None:
        text = self.query.text().strip()
        if text:
            self.search_requested.emit(text)

    @Slot(QListWidgetItem)
    def _choose(self, item: QListWidgetItem) -> None:
        self.style_chosen.emit(str(item.data(_GTIN_ROLE)))
