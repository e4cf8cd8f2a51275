"""The customer-voice report for staff (issue 17): load it, export it as CSV.

A QObject without widgets, like :class:`~kiosk.admin.report_actions.ReportActions`; calls
run on the admin's task queue, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from inventory_client import StaffClient
from inventory_client.voice_models import CustomerVoiceReport
from kiosk.admin import messages as m
from kiosk.admin.report_actions import save_report_csv
from kiosk.admin.text import error_msg, msg

if TYPE_CHECKING:
    from kiosk.admin.audit import AuditTrail
    from kiosk.admin.tasks import AdminTasks

__all__ = ["VoiceActions"]


class VoiceActions(QObject):
    """Signals:
    report_ready(CustomerVoiceReport), message(Msg): the report, or a status for staff.
    """

    report_ready = Signal(object)
    message = Signal(object)

    def __init__(
        self,
        staff: StaffClient,
        audit: AuditTrail,
        tasks: AdminTasks,
        *,
        export_dir: Path | None,
        now: Callable[[], datetime],
        staff_check_minutes: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.staff = staff
        self._audit = audit
        self._tasks = tasks
        self._export_dir = export_dir
        self._now = now
        self._minutes = staff_check_minutes

    @Slot(int)
    def load(self, days: int) -> None:
        self.message.emit(msg(m.LOADING))
        voice, minutes, when = self.staff.customer_voice, self._minutes, self._now()

        def job() -> CustomerVoiceReport:
            return voice.report(days, staff_check_minutes=minutes, now=when)

        self._tasks.submit(
            "voice", job, self.report_ready.emit, self._tasks.reporter(self.message.emit)
        )

    @Slot(int)
    def export(self, days: int) -> None:
        folder = self._export_dir
        if folder is None:
            self.message.emit(msg(m.NO_EXPORT_DIR))
            return
        actor, when = self._tasks.actor(), self._now()
        voice, minutes, store = self.staff.customer_voice, self._minutes, self.staff.store_id

        def job() -> Path:
            data = voice.report_csv(days, staff_check_minutes=minutes, now=when)
            path = save_report_csv(folder, "customer-voice", store, days, when, data)
            self._audit.record(actor, "report.export", f"customer-voice days={days}")
            return path

        self._tasks.submit(
            "voice.export",
            job,
            lambda path: self.message.emit(msg(m.SAVED, path=str(path))),
            lambda exc: self.message.emit(msg(m.NOT_SAVED, error=error_msg(exc))),
        )
