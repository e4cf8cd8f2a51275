"""Lost demand (report, CSV export), CSV import and the Health checks.

A QObject without widgets, like :class:`~kiosk.admin.stock_actions.StockActions`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from inventory_client import StaffClient
from inventory_client.models import ImportKind, ImportReport, LostDemandReport
from kiosk.admin import messages as m
from kiosk.admin.text import error_msg, msg

if TYPE_CHECKING:
    from kiosk.admin.audit import AuditTrail
    from kiosk.admin.health import KioskChecks
    from kiosk.admin.tasks import AdminTasks
    from kiosk.system.doctor import Check

__all__ = ["ReportActions"]


class ReportActions(QObject):
    """Signals:
    demand_ready(LostDemandReport), demand_message(Msg): the lost-demand report, status.
    import_done(str, str, ImportReport): file path, kind and the service's report.
    import_message(Msg): the import view's status.
    health_ready(list[Check]), health_message(Msg): the doctor's checks, status.
    """

    demand_ready = Signal(object)
    demand_message = Signal(object)
    import_done = Signal(str, str, object)
    import_message = Signal(object)
    health_ready = Signal(list)
    health_message = Signal(object)

    def __init__(
        self,
        staff: StaffClient,
        audit: AuditTrail,
        tasks: AdminTasks,
        *,
        export_dir: Path | None,
        now: Callable[[], datetime],
        checks: KioskChecks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.staff = staff
        self.audit = audit
        self.export_dir = export_dir
        self.checks = checks
        self._tasks = tasks
        self._now = now

    # -- lost demand --------------------------------------------------------------------

    @Slot(int)
    def load_demand(self, days: int) -> None:
        self.demand_message.emit(msg(m.LOADING))

        def job() -> LostDemandReport:
            return self.staff.lost_demand(days, now=self._now())

        self._tasks.submit(
            "demand", job, self.demand_ready.emit, self._tasks.reporter(self.demand_message.emit)
        )

    @Slot(int)
    def export_demand(self, days: int) -> None:
        folder = self.export_dir
        if folder is None:
            self.demand_message.emit(msg(m.NO_EXPORT_DIR))
            return
        actor = self._tasks.actor()
        when = self._now()

        def job() -> Path:
            data = self.staff.lost_demand_csv(days, now=when)
            path = save_report_csv(folder, "lost-demand", self.staff.store_id, days, when, data)
            self.audit.record(actor, "report.export", f"lost-demand days={days}")
            return path

        self._tasks.submit(
            "demand.export",
            job,
            lambda path: self.demand_message.emit(msg(m.SAVED, path=str(path))),
            lambda exc: self.demand_message.emit(msg(m.NOT_SAVED, error=error_msg(exc))),
        )

    # -- import -------------------------------------------------------------------------

    @Slot(str, str)
    def dry_run_import(self, path: str, kind: str) -> None:
        self.run_import(path, kind, dry_run=True)

    @Slot(str, str)
    def apply_import(self, path: str, kind: str) -> None:
        self.run_import(path, kind, dry_run=False)

    def run_import(self, path: str, kind: str, *, dry_run: bool) -> None:
        actor = self._tasks.actor()

        def job() -> ImportReport:
            data = Path(path).read_bytes()  # as it is: the service names lines not in UTF-8
            report = self.staff.import_csv(ImportKind(kind), data, dry_run=dry_run, actor=actor)
            if dry_run:  # the service audits real imports itself
                detail = f"{kind} file={Path(path).name} rows={report.rows}"
                self.audit.record(actor, "import.dry_run", f"{detail} errors={len(report.errors)}")
            return report

        self.import_message.emit(msg(m.CHECKING_FILE if dry_run else m.IMPORTING))
        self._tasks.submit(
            "import",
            job,
            lambda report: self.import_done.emit(path, kind, report),
            lambda exc: self.import_message.emit(msg(m.IMPORT_FAILED, error=error_msg(exc))),
        )

    # -- health -------------------------------------------------------------------------

    # -- health and status --------------------------------------------------------------

    @Slot()
    def run_health_checks(self) -> bool:
        """Run the doctor's checks on a worker; False when there are none or a run is out."""
        checks = self.checks
        if checks is None or self._tasks.is_pending("health"):
            return False

        def done(results: Sequence[Check]) -> None:
            self.health_ready.emit(list(results))

        failed = self._tasks.reporter(self.health_message.emit)
        self._tasks.submit("health", checks.run, done, failed)
        return True


def save_report_csv(
    folder: Path, report: str, store_id: str, days: int, when: datetime, data: bytes
) -> Path:
    """Write an exported report as ``<report>-<store>-<days>d-<time>.csv`` in ``folder``,
    whole or not at all (written aside, then renamed). Blocks: run it on a worker."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{report}-{store_id}-{days}d-{when:%Y%m%d-%H%M%S}.csv"
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
