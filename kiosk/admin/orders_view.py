"""Orders from this store (and this kiosk's unsent ones): mark paid, cancel, retry."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.rows import FAILED, QUEUED_ON_KIOSK, OrderRow
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["OrdersView", "order_status_text"]


def order_status_text(status: str) -> str:
    """An order's status in the staff member's language."""
    texts = {
        "reserved": translate("OrdersView", "reserved"),
        "paid": translate("OrdersView", "paid"),
        "shipped": translate("OrdersView", "shipped"),
        "cancelled": translate("OrdersView", "cancelled"),
        QUEUED_ON_KIOSK: translate("OrdersView", "queued on the kiosk"),
        FAILED: translate("OrdersView", "failed"),
    }
    return texts.get(status, status)


class OrdersView(Retranslating):
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
        self._status: Msg | None = None
        self.hint = PlainLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.table = make_table(4, self)
        self.reason = QLineEdit(self)
        self.cancel_button = QPushButton()
        self.retry_button = QPushButton()
        self.refresh_button = QPushButton()
        self.action_row = ReflowGrid(
            [self.cancel_button, self.retry_button, self.refresh_button], self
        )
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addWidget(self.table, 1)
        box.addWidget(self.reason)
        box.addWidget(self.action_row)
        box.addWidget(self.status)
        self._connect_signals()
        self.retranslate()
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reason.textChanged.connect(lambda _t: self._update_buttons())
        self.cancel_button.clicked.connect(self._cancel)
        self.retry_button.clicked.connect(self.retry_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)

    def show_rows(self, rows: list[OrderRow]) -> None:
        self.rows = rows
        self._fill()
        self.retry_button.setEnabled(any(r.can_retry for r in rows))
        self._update_buttons()

    def show_status(self, message: Msg) -> None:
        self._status = message
        self.status.setText(message.text())

    def select_row(self, index: int) -> None:
        self.table.selectRow(index)

    def retranslate(self) -> None:
        self.hint.setText(
            translate(
                "OrdersView", "Scan the QR code on the shopper's phone to mark the order paid"
            )
        )
        set_headers(
            self.table,
            [
                translate("OrdersView", "Order"),
                translate("OrdersView", "Status"),
                translate("OrdersView", "Items"),
                translate("OrdersView", "Created"),
            ],
        )
        self.reason.setPlaceholderText(translate("OrdersView", "Reason for cancelling"))
        self.cancel_button.setText(translate("OrdersView", "Cancel order"))
        self.retry_button.setText(translate("OrdersView", "Retry queued orders"))
        self.refresh_button.setText(translate("OrdersView", "Refresh"))
        self.action_row.reflow()
        if self._status is not None:
            self.status.setText(self._status.text())
        self._fill()

    def _fill(self) -> None:
        selected = self.table.currentRow()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            created = row.created_at.strftime("%Y-%m-%d %H:%M") if row.created_at else ""
            status = order_status_text(row.status)
            fill_row(self.table, index, [row.number, status, row.items, created])
        if 0 <= selected < len(self.rows):
            self.table.selectRow(selected)

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
