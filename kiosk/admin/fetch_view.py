"""The live fetch-request queue: age, size, kiosk; claim and done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QPushButton, QVBoxLayout, QWidget

from inventory_client.models import FetchStatus
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, hide_cell_widget, make_table, set_headers
from kiosk.admin.rows import FetchRow
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["FetchView"]

_ACTION_COLUMN = 6


def fetch_status_text(row: FetchRow) -> str:
    if row.claimed_by:
        return translate("FetchView", "claimed by {name}").format(name=row.claimed_by)
    if row.status == FetchStatus.OPEN:
        return translate("FetchView", "open")
    return str(row.status)


class FetchView(Retranslating):
    """Signals:
    claim_requested(str): a staff member takes this request.
    done_requested(str): the pair was brought to the kiosk.
    """

    claim_requested = Signal(str)
    done_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status: Msg | None = None
        self.table = make_table(7, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_ACTION_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        self.rows: list[FetchRow] = []
        self.retranslate()

    def show_rows(self, rows: list[FetchRow]) -> None:
        self.rows = rows
        self._status = None
        self._fill()

    def action_button(self, request_id: str) -> QPushButton | None:
        return self.table.findChild(QPushButton, f"fetch_{request_id}")

    def show_status(self, message: Msg) -> None:
        self._status = message
        self.status.setText(message.text())

    def retranslate(self) -> None:
        set_headers(
            self.table,
            [
                translate("FetchView", "Ticket"),
                translate("FetchView", "Shoe"),
                translate("FetchView", "Size"),
                translate("FetchView", "Kiosk"),
                translate("FetchView", "Waiting"),
                translate("FetchView", "Status"),
                "",
            ],
        )
        self._fill()

    def _fill(self) -> None:
        for gone in range(len(self.rows), self.table.rowCount()):
            hide_cell_widget(self.table, gone, _ACTION_COLUMN)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            fill_row(
                self.table,
                index,
                [row.ticket, row.product, row.size, row.kiosk, row.age, fetch_status_text(row)],
            )
            self._place_action(index, row)
        if self._status is not None:
            self.status.setText(self._status.text())
        elif self.rows:
            text = translate("FetchView", "{count} waiting").format(count=len(self.rows))
            self.status.setText(text)
        else:
            self.status.setText(translate("FetchView", "No one is waiting"))

    def _place_action(self, index: int, row: FetchRow) -> None:
        """Claim or Done for the row; the button already there is reused when it fits (a
        poll every few seconds must not churn widgets)."""
        label = translate("FetchView", "Claim") if row.can_claim else translate("FetchView", "Done")
        action = (row.request_id, row.can_claim)
        existing = self.table.cellWidget(index, _ACTION_COLUMN)
        if isinstance(existing, QPushButton) and existing.property("action") == list(action):
            existing.setText(label)
            return
        hide_cell_widget(self.table, index, _ACTION_COLUMN)
        button = QPushButton(label)
        button.setProperty("action", list(action))
        button.setObjectName(f"fetch_{row.request_id}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        wanted = self.claim_requested if row.can_claim else self.done_requested
        button.clicked.connect(lambda _=False, i=row.request_id, w=wanted: w.emit(i))
        self.table.setCellWidget(index, _ACTION_COLUMN, button)
