"""Lost demand: what shoppers wanted that this store did not have, as a table and bars."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inventory_client.models import LostDemandReport
from kiosk.admin._table import fill_row, make_table
from kiosk.admin.bar_chart import BarChart

__all__ = ["PERIODS", "DemandView", "chart_bars"]

PERIODS = (7, 30, 90)
CHART_BARS = 12


def chart_bars(report: LostDemandReport, limit: int = CHART_BARS) -> list[tuple[str, int]]:
    """The most missed style/sizes (``not_in_store``), largest first."""
    rows = sorted(report.rows, key=lambda r: (-r.not_in_store, r.style_name, r.size_eu))
    return [(f"{r.style_name} {r.size_eu}", r.not_in_store) for r in rows[:limit] if r.not_in_store]


class DemandView(QWidget):
    """Signals:
    period_chosen(int): show the report of the last N days.
    export_requested(int): write the report of the last N days as CSV.
    """

    period_chosen = Signal(int)
    export_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period_buttons: dict[int, QPushButton] = {}
        group = QButtonGroup(self)
        periods = QHBoxLayout()
        for days in PERIODS:
            button = QPushButton(f"{days} days", self)
            button.setCheckable(True)
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, d=days: self.period_chosen.emit(d))
            group.addButton(button)
            self.period_buttons[days] = button
            periods.addWidget(button)
        self.period_buttons[PERIODS[0]].setChecked(True)
        self.export_button = QPushButton("Export CSV", self)
        self.export_button.setMinimumHeight(64)
        periods.addWidget(self.export_button)
        self.chart = BarChart(self)
        self.table = make_table(
            ["Style", "Size", "Missed", "Scanned", "Orders", "On hand", "Restock"], self
        )
        self.status = QLabel("", self)
        box = QVBoxLayout(self)
        box.addLayout(periods)
        box.addWidget(self.chart, 1)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.days))

    @property
    def days(self) -> int:
        return next(d for d, b in self.period_buttons.items() if b.isChecked())

    def show_report(self, report: LostDemandReport) -> None:
        self.chart.set_bars(chart_bars(report))
        self.table.setRowCount(len(report.rows))
        for index, r in enumerate(report.rows):
            fill_row(
                self.table,
                index,
                [
                    r.style_name,
                    r.size_eu,
                    r.not_in_store,
                    r.scanned,
                    r.orders,
                    r.on_hand,
                    r.suggested_restock,
                ],
            )
        self.status.setText(f"{len(report.rows)} sizes, since {report.since:%Y-%m-%d}")

    def show_status(self, text: str) -> None:
        self.status.setText(text)
