"""Receiving and counting: a big tally of scanned pairs, undo, and counted quantities."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin._buttons import choice_button
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.receiving import TallyLine
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["ReceivingView"]


class ReceivingView(Retranslating):
    """Mode switch (receive / count), last scan in big type, tally, undo, count entry.

    Signals:
        undo_requested(): take back the last received pair.
        count_submitted(str, int): set the on-hand count of the scanned GTIN.
    """

    undo_requested = Signal()
    count_submitted = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count_gtin: str | None = None
        self._message: Msg | None = None
        self._count_what: Msg | None = None
        self._total = 0
        modes_group = QButtonGroup(self)
        self.receive_button = choice_button(modes_group)
        self.count_button = choice_button(modes_group)
        self.receive_button.setChecked(True)
        self.mode_hint = PlainLabel(self)
        self.mode_hint.setObjectName("hint")
        self.mode_hint.setWordWrap(True)
        self.last_scan = PlainLabel(self)
        self.last_scan.setObjectName("adminBigTally")
        self.last_scan.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_scan.setWordWrap(True)
        self.total = PlainLabel(self)
        self.table = make_table(3, self)
        self.undo_button = QPushButton(self)
        self.undo_button.setEnabled(False)
        self.count_label = PlainLabel(self)
        self.count_label.setWordWrap(True)
        self.count_input = QSpinBox(self)
        self.count_input.setRange(0, 10_000)
        self.count_save = QPushButton(self)
        self.count_save.setObjectName("primary")
        modes = QHBoxLayout()
        modes.addWidget(self.receive_button)
        modes.addWidget(self.count_button)
        self.count_row = ReflowGrid([self.count_input, self.count_save], self)
        box = QVBoxLayout(self)
        box.addLayout(modes)
        box.addWidget(self.mode_hint)
        box.addWidget(self.last_scan)
        box.addWidget(self.total)
        box.addWidget(self.table, 1)
        box.addWidget(self.undo_button)
        box.addWidget(self.count_label)
        box.addWidget(self.count_row)
        self._connect_signals()
        self.retranslate()
        self._show_count_row()

    def _connect_signals(self) -> None:
        self.undo_button.clicked.connect(self.undo_requested)
        self.count_save.clicked.connect(self._submit_count)
        self.count_button.toggled.connect(lambda _on: self._show_count_row())
        self.count_button.toggled.connect(lambda _on: self._show_mode_hint())

    @property
    def counting(self) -> bool:
        return self.count_button.isChecked()

    def set_counting(self, on: bool) -> None:
        (self.count_button if on else self.receive_button).setChecked(True)
        self._show_count_row()

    def show_tally(self, lines: list[TallyLine], total: int, message: Msg) -> None:
        self._total = total
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            fill_row(self.table, row, [line.product, line.size, line.count])
        self.undo_button.setEnabled(total > 0)
        self._show_total()
        self.show_message(message)

    def show_message(self, message: Msg) -> None:
        self._message = message
        self.last_scan.setText(message.text())

    def ask_count(self, gtin: str, what: Msg, current: int | None) -> None:
        """Counting mode: a size was scanned; ask how many are on the shelf."""
        self._count_gtin = gtin
        self._count_what = what
        self.count_input.setValue(current or 0)
        self._show_count_row()

    def retranslate(self) -> None:
        self.receive_button.setText(translate("ReceivingView", "Receiving"))
        self.count_button.setText(translate("ReceivingView", "Counting"))
        self._show_mode_hint()
        set_headers(
            self.table,
            [
                translate("ReceivingView", "Product"),
                translate("ReceivingView", "Size"),
                translate("ReceivingView", "Pairs"),
            ],
        )
        self.undo_button.setText(translate("ReceivingView", "Undo last scan"))
        self.count_save.setText(translate("ReceivingView", "Save count"))
        self.count_row.reflow()
        self._show_total()
        if self._message is None:
            self.last_scan.setText(
                translate("ReceivingView", "Scan a box to add it to this store's stock")
            )
        else:
            self.last_scan.setText(self._message.text())
        self._show_count_row()

    def _show_mode_hint(self) -> None:
        if self.counting:
            text = translate("ReceivingView", "Counting: scan a size, then type how many there are")
        else:
            text = translate("ReceivingView", "Receiving: each scan adds one pair")
        self.mode_hint.setText(text)

    def _show_total(self) -> None:
        text = translate("ReceivingView", "{count} pairs received")
        self.total.setText(text.format(count=self._total))

    @Slot()
    def _submit_count(self) -> None:
        if self._count_gtin is not None:
            self.count_submitted.emit(self._count_gtin, self.count_input.value())
            self._count_gtin = None
            self._show_count_row()

    def _show_count_row(self) -> None:
        ready = self.counting and self._count_gtin is not None
        for widget in (self.count_input, self.count_save):
            widget.setEnabled(ready)
        self.count_row.setVisible(self.counting)  # receiving needs no count entry
        if not self.counting:
            self.count_label.setText("")
        elif ready and self._count_what is not None:
            what = self._count_what.text()
            self.count_label.setText(
                translate("ReceivingView", "How many {what}?").format(what=what)
            )
        else:
            self.count_label.setText(translate("ReceivingView", "Scan a size to count it"))
