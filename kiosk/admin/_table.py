"""A read-only, touch-friendly table used by several admin views."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QScroller,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.theme import TOUCH_MIN_PX


def make_table(columns: int, parent: QWidget | None = None) -> QTableWidget:
    """Rows a finger can hit and scroll (headers: :func:`set_headers`, in the language)."""
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(TOUCH_MIN_PX)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    QScroller.grabGesture(table.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return table


def set_headers(table: QTableWidget, headers: Sequence[str]) -> None:
    table.setHorizontalHeaderLabels(list(headers))


def fill_row(table: QTableWidget, row: int, values: list[object]) -> None:
    for column, value in enumerate(values):
        table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))


def hide_cell_widget(table: QTableWidget, row: int, column: int) -> None:
    """Hide a cell's widget before the table replaces or drops it: Qt deletes it only
    later, and until then it would still show (and cover its successor)."""
    widget = table.cellWidget(row, column)
    if widget is not None:
        widget.hide()
        widget.setObjectName("")  # no longer found as the row's button


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""
