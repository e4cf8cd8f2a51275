"""Lost demand: what shoppers wanted that this store did not have, as a table and bars."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QVBoxLayout, QWidget

from inventory_client.models import LostDemandReport
from kiosk.admin._buttons import choice_button
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.bar_chart import BarChart
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["PERIODS", "DemandView", "chart_bars"]

PERIODS = (7, 30, 90)
CHART_BARS = 12


def chart_bars(report: LostDemandReport, limit: int = CHART_BARS) -> list[tuple[str, int]]:
    """The most missed style/sizes (``not_in_store``), largest first."""
    rows = sorted(report.rows, key=lambda r: (-r.not_in_store, r.style_name, r.size_eu))
    return [(f"{r.style_name} {r.size_eu}", r.not_in_store) for r in rows[:limit] if r.not_in_store]


class DemandView(Retranslating):
    """Signals:
    period_chosen(int): show the report of the last N days.
    export_requested(int): write the report of the last N days as CSV.
    """

    period_chosen = Signal(int)
    export_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: LostDemandReport | None = None
        self._status: Msg | None = None
        self.period_buttons: dict[int, QPushButton] = {}
        group = QButtonGroup(self)
        self.periods = ReflowGrid(parent=self)
        for days in PERIODS:
            button = choice_button(group)
            button.clicked.connect(lambda _=False, d=days: self.period_chosen.emit(d))
            self.period_buttons[days] = button
            self.periods.add(button)
        self.period_buttons[PERIODS[0]].setChecked(True)
        self.export_button = QPushButton()
        self.periods.add(self.export_button)
        self.chart = BarChart(self)
        self.table = make_table(7, self)
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.periods)
        box.addWidget(self.chart, 1)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.days))
        self.retranslate()

    @property
    def days(self) -> int:
        return next(d for d, b in self.period_buttons.items() if b.isChecked())

    def show_report(self, report: LostDemandReport) -> None:
        self._report = report
        self._status = None
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
        self._show_summary()

    def show_status(self, message: Msg) -> None:
        self._status = message
        self.status.setText(message.text())

    def retranslate(self) -> None:
        for days, button in self.period_buttons.items():
            button.setText(translate("DemandView", "{count} days").format(count=days))
        self.export_button.setText(translate("DemandView", "Export CSV"))
        self.periods.reflow()
        set_headers(
            self.table,
            [
                translate("DemandView", "Style"),
                translate("DemandView", "Size"),
                translate("DemandView", "Missed"),
                translate("DemandView", "Scanned"),
                translate("DemandView", "Orders"),
                translate("DemandView", "On hand"),
                translate("DemandView", "Restock"),
            ],
        )
        self.chart.set_empty_text(translate("DemandView", "Nothing missed"))
        if self._status is not None:
            self.status.setText(self._status.text())
        else:
            self._show_summary()

    def _show_summary(self) -> None:
        report = self._report
        if report is not None:
            text = translate("DemandView", "{count} sizes, since {date}")
            self.status.setText(
                text.format(count=len(report.rows), date=f"{report.since:%Y-%m-%d}")
            )
