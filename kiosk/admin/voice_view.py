"""Customer voice for the store (issue 17): per style, how shoppers say it fits, the sizes
they asked for that the style is not made in, why they left empty-handed; and the staff
time the kiosk saved (scans answered at the kiosk vs a staff stock check)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QTabWidget, QVBoxLayout, QWidget

from inventory_client.fit_verdict import FitVerdict
from inventory_client.voice_models import CustomerVoiceReport, LeaveReason, StyleVoice, TimeSaved
from kiosk.admin._buttons import choice_button
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin._table import fill_row, make_table, set_headers
from kiosk.admin.reflow import ReflowGrid
from kiosk.admin.text import Msg
from kiosk.widgets.plain_label import PlainLabel

__all__ = ["PERIODS", "ReportTabs", "VoiceView", "reasons_text", "saved_text", "verdict_text"]

PERIODS = (7, 30, 90)


def verdict_text(style: StyleVoice) -> str:
    """The verdict in staff words, with the size shift when there is one."""
    words = {
        FitVerdict.TOO_FEW: translate("VoiceView", "Too few votes"),
        FitVerdict.MIXED: translate("VoiceView", "Mixed"),
        FitVerdict.RUNS_SMALL: translate("VoiceView", "Runs small: one size up"),
        FitVerdict.TRUE_TO_SIZE: translate("VoiceView", "True to size"),
        FitVerdict.RUNS_LARGE: translate("VoiceView", "Runs large: one size down"),
    }
    return words[style.verdict]


def reasons_text(style: StyleVoice) -> str:
    names = {
        LeaveReason.SIZE_NOT_AVAILABLE: translate("VoiceView", "size"),
        LeaveReason.COLOUR: translate("VoiceView", "colour"),
        LeaveReason.PRICE: translate("VoiceView", "price"),
        LeaveReason.JUST_LOOKING: translate("VoiceView", "just looking"),
    }
    return ", ".join(f"{names[r.reason]} {r.count}" for r in style.leave_reasons)


def saved_text(saved: TimeSaved) -> str:
    if not saved.journeys_answered or saved.median_answer_s is None:
        return translate("VoiceView", "No scans answered at the kiosk yet.")
    return translate(
        "VoiceView",
        "{count} scans answered at the kiosk, median {seconds} s — about {minutes} minutes "
        "of staff time saved ({check}-minute stock check).",
    ).format(
        count=saved.journeys_answered,
        seconds=f"{saved.median_answer_s:.1f}",
        minutes=f"{saved.minutes_saved:.0f}",
        check=f"{saved.staff_check_minutes:g}",
    )


class VoiceView(Retranslating):
    """Signals:
    period_chosen(int): show the report of the last N days.
    export_requested(int): write the report of the last N days as CSV.
    """

    period_chosen = Signal(int)
    export_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: CustomerVoiceReport | None = None
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
        self.today = PlainLabel("", self)
        self.today.setObjectName("subtitle")
        self.today.setWordWrap(True)
        self.table = make_table(5, self)
        self.status = PlainLabel("", self)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.periods)
        box.addWidget(self.today)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.days))
        self.retranslate()

    @property
    def days(self) -> int:
        return next(d for d, b in self.period_buttons.items() if b.isChecked())

    def show_report(self, report: CustomerVoiceReport) -> None:
        self._report = report
        self._status = None
        self._fill()

    def show_status(self, message: Msg) -> None:
        self._status = message
        self.status.setText(message.text())

    def _fill(self) -> None:
        report = self._report
        if report is None:
            return
        self.today.setText(
            translate("VoiceView", "Today: {text}").format(text=saved_text(report.today))
        )
        self.table.setRowCount(len(report.styles))
        for index, s in enumerate(report.styles):
            votes = translate("VoiceView", "{small} small · {true} true · {large} large").format(
                small=s.small, true=s.true_to_size, large=s.large
            )
            wanted = ", ".join(f"EU {w.size_eu} ×{w.count}" for w in s.sizes_wanted)
            fill_row(
                self.table,
                index,
                [s.style_name, votes, verdict_text(s), wanted, reasons_text(s)],
            )
        if self._status is None:
            self.status.setText(saved_text(report.period))

    def retranslate(self) -> None:
        for days, button in self.period_buttons.items():
            button.setText(translate("VoiceView", "{count} days").format(count=days))
        self.export_button.setText(translate("VoiceView", "Export CSV"))
        self.periods.reflow()
        set_headers(
            self.table,
            [
                translate("VoiceView", "Style"),
                translate("VoiceView", "Fit votes"),
                translate("VoiceView", "Verdict"),
                translate("VoiceView", "Sizes asked for"),
                translate("VoiceView", "Why they left"),
            ],
        )
        self._fill()
        if self._status is not None:
            self.status.setText(self._status.text())


class ReportTabs(Retranslating):
    """The Lost demand section: the lost-demand report and the customer voice, as tabs.

    Signals:
        voice_shown(): the customer-voice tab came to the front.
    """

    voice_shown = Signal()

    def __init__(self, demand: QWidget, voice: VoiceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(demand, "")
        self.tabs.addTab(voice, "")
        self.voice = voice
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._changed)
        self.retranslate()

    def _changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.voice:
            self.voice_shown.emit()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, translate("VoiceView", "Lost demand"))
        self.tabs.setTabText(1, translate("VoiceView", "Customer voice"))
