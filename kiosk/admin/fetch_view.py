"""The live fetch-request queue: age, size, kiosk; claim and done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from inventory_client.models import FetchStatus
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.rows import FetchRow
from kiosk.admin.text import Msg

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
        self.status = QLabel("", self)
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
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            fill_row(
                self.table,
                index,
                [row.ticket, row.product, row.size, row.kiosk, row.age, fetch_status_text(row)],
            )
            self.table.setCellWidget(index, _ACTION_COLUMN, self._action(row))
        if self._status is not None:
            self.status.setText(self._status.text())
        elif self.rows:
            text = translate("FetchView", "{count} waiting").format(count=len(self.rows))
            self.status.setText(text)
        else:
            self.status.setText(translate("FetchView", "No one is waiting"))

    def _action(self, row: FetchRow) -> QPushButton:
        if row.can_claim:
            button = QPushButton(translate("FetchView", "Claim"))
            button.clicked.connect(lambda _=False, i=row.request_id: self.claim_requested.emit(i))
        else:
            button = QPushButton(translate("FetchView", "Done"))
            button.clicked.connect(lambda _=False, i=row.request_id: self.done_requested.emit(i))
        button.setObjectName(f"fetch_{row.request_id}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button
