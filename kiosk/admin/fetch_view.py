"""The live fetch-request queue: age, size, kiosk; claim and done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.admin._table import fill_row, make_table
from kiosk.admin.rows import FetchRow

__all__ = ["FetchView"]


class FetchView(QWidget):
    """Signals:
    claim_requested(str): a staff member takes this request.
    done_requested(str): the pair was brought to the kiosk.
    """

    claim_requested = Signal(str)
    done_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = make_table(["Ticket", "Shoe", "Size", "Kiosk", "Waiting", "Status", ""])
        self.status = QLabel("", self)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        self.rows: list[FetchRow] = []

    def show_rows(self, rows: list[FetchRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            status = f"claimed by {row.claimed_by}" if row.claimed_by else str(row.status)
            fill_row(
                self.table, index, [row.ticket, row.product, row.size, row.kiosk, row.age, status]
            )
            if row.can_claim:
                button = QPushButton("Claim")
                button.clicked.connect(
                    lambda _=False, i=row.request_id: self.claim_requested.emit(i)
                )
            else:
                button = QPushButton("Done")
                button.clicked.connect(
                    lambda _=False, i=row.request_id: self.done_requested.emit(i)
                )
            button.setObjectName(f"fetch_{row.request_id}")
            self.table.setCellWidget(index, 6, button)
        self.status.setText(f"{len(rows)} waiting" if rows else "No one is waiting")

    def action_button(self, request_id: str) -> QPushButton | None:
        return self.table.findChild(QPushButton, f"fetch_{request_id}")

    def show_status(self, text: str) -> None:
        self.status.setText(text)
