"""Stock view: search the catalogue, then a size grid with +/- steppers for this store."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from inventory_client.models import SizeRun, StyleSummary
from kiosk.admin._table import fill_row, make_table

__all__ = ["StockView"]

_GTIN_ROLE = 0x0100  # Qt.UserRole


class StockView(QWidget):
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
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Name, brand, GTIN or style")
        self.query.setMinimumHeight(64)
        self.search_button = QPushButton("Search", self)
        self.search_button.setMinimumHeight(64)
        self.results = QListWidget(self)
        self.title = QLabel("", self)
        self.grid: QTableWidget = make_table(["Size", "GTIN", "This store", "Warehouse", "", ""])
        self.status = QLabel("", self)
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
        self.status.setText(f"{self.results.count()} styles found")

    def show_size_run(self, run: SizeRun) -> None:
        self.title.setText(f"{run.style.brand} {run.style.name} — {run.style.colour}")
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
            for column, delta in ((4, -1), (5, +1)):
                button = QPushButton("−1" if delta < 0 else "+1")
                button.setObjectName(f"step_{gtin}_{'minus' if delta < 0 else 'plus'}")
                button.clicked.connect(
                    lambda _=False, g=gtin, d=delta: self.adjust_requested.emit(g, d)
                )
                self.grid.setCellWidget(row, column, button)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def step_button(self, gtin: str, delta: int) -> QPushButton | None:
        name = f"step_{gtin}_{'minus' if delta < 0 else 'plus'}"
        return self.grid.findChild(QPushButton, name)

    @Slot()
    def _search(self) -> None:
        text = self.query.text().strip()
        if text:
            self.search_requested.emit(text)

    @Slot(QListWidgetItem)
    def _choose(self, item: QListWidgetItem) -> None:
        self.style_chosen.emit(str(item.data(_GTIN_ROLE)))
