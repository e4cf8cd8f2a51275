"""Orders from this store (and this kiosk's unsent ones): mark paid, cancel, retry."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.admin._table import fill_row, make_table
from kiosk.admin.rows import OrderRow

__all__ = ["OrdersView"]


class OrdersView(QWidget):
    """Scan an order's QR to mark it paid; select a row to cancel (with a reason) or retry.

    Signals:
        cancel_requested(str, str): service order id and the reason.
        retry_requested(): send the kiosk's queued orders again.
        refresh_requested(): reload the list.
    """

    cancel_requested = Signal(str, str)
    retry_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OrderRow] = []
        self.hint = QLabel("Scan the QR code on the shopper's phone to mark the order paid", self)
        self.table = make_table(["Order", "Status", "Items", "Created"], self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Reason for cancelling")
        self.reason.setMinimumHeight(64)
        self.cancel_button = QPushButton("Cancel order", self)
        self.retry_button = QPushButton("Retry queued orders", self)
        self.refresh_button = QPushButton("Refresh", self)
        for button in (self.cancel_button, self.retry_button, self.refresh_button):
            button.setMinimumHeight(64)
        self.status = QLabel("", self)
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 2)
        actions.addWidget(self.cancel_button, 1)
        actions.addWidget(self.retry_button, 1)
        actions.addWidget(self.refresh_button, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addWidget(self.table, 1)
        box.addLayout(actions)
        box.addWidget(self.status)
        self._connect_signals()
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reason.textChanged.connect(lambda _t: self._update_buttons())
        self.cancel_button.clicked.connect(self._cancel)
        self.retry_button.clicked.connect(self.retry_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)

    def show_rows(self, rows: list[OrderRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            created = row.created_at.strftime("%Y-%m-%d %H:%M") if row.created_at else ""
            fill_row(self.table, index, [row.number, row.status, row.items, created])
        self.retry_button.setEnabled(any(r.can_retry for r in rows))
        self._update_buttons()

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def select_row(self, index: int) -> None:
        self.table.selectRow(index)

    def _selected(self) -> OrderRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.rows[indexes[0].row()] if indexes else None

    def _update_buttons(self) -> None:
        row = self._selected()
        self.cancel_button.setEnabled(
            row is not None and row.can_cancel and bool(self.reason.text().strip())
        )

    @Slot()
    def _cancel(self) -> None:
        row = self._selected()
        if row is not None and row.order_id and self.reason.text().strip():
            self.cancel_requested.emit(row.order_id, self.reason.text().strip())
            self.reason.clear()
