"""``AdminPanel``: the staff screen — PIN entry, then receiving, stock, fetch queue, orders,
lost demand, CSV import and health (the doctor's checks), with the app version, a
connectivity indicator, the outbox backlog and "Quit kiosk" (with a confirm step).

Views only present and emit intents; this panel wires them to the client, its staff calls
(``InventoryClient.staff()``) and the audit trail. Every blocking call (HTTP, SQLite,
scrypt) runs through the shared ``TaskRunner`` on channels named ``admin.*``; results come
back on the GUI thread and are routed in :meth:`AdminPanel._on_result`. Every action a
staff member takes is audited: stock, order, fetch and import changes by the service itself
(named with ``X-Actor`` or the adjustment's ``actor``), device-only events (login, failed
PIN, lock, logout, export, dry run, retry) through :class:`~kiosk.admin.audit.AuditTrail`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inventory_client import InventoryError, NotFound, StaffClient, Unavailable
from inventory_client.models import AdjustmentKind, FetchStatus, ImportKind, OrderStatus
from kiosk import app_version
from kiosk.admin.audit import AuditTrail
from kiosk.admin.demand_view import DemandView
from kiosk.admin.fetch_view import FetchView
from kiosk.admin.health_view import HealthView
from kiosk.admin.import_view import ImportView
from kiosk.admin.orders_view import OrdersView
from kiosk.admin.pin import PinGate, PinResult, badge_staff_id, parse_staff_list
from kiosk.admin.pin_pad import PinPad
from kiosk.admin.receiving import ReceivedScan, ReceivingTally
from kiosk.admin.receiving_view import ReceivingView
from kiosk.admin.rows import fetch_rows, order_rows
from kiosk.admin.stock_view import StockView
from kiosk.scanning.gtin import normalize_gtin

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.health import KioskChecks
    from kiosk.workers import TaskRunner

__all__ = ["AdminPanel", "AdminSettings", "open_admin", "order_number_from_qr"]

log = logging.getLogger(__name__)

SEARCH_LIMIT = 50
"""Styles shown for one stock search."""
_ORDER_NUMBER = re.compile(r"\b([A-Z]{2}-[A-Z0-9]{4,16})\b")
_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


@dataclass(frozen=True)
class AdminSettings:
    """Admin behaviour the lead maps from the kiosk config."""

    idle_timeout_s: float = 120.0
    export_dir: Path | None = None
    import_dir: Path | None = None
    fetch_poll_ms: int = 3000
    status_poll_ms: int = 2000


def describe_error(exc: BaseException) -> str:
    """A calm one-line message for staff; technical detail stays in the log."""
    if isinstance(exc, InventoryError):
        return exc.user_message or str(exc)
    return f"Unexpected error ({type(exc).__name__})"


def order_number_from_qr(code: str) -> str:
    """The order number in a scanned order QR (plain ``EA-4K7Q9M`` or inside a URL/text)."""
    match = _ORDER_NUMBER.search(code.upper())
    return match.group(1) if match else code.strip()


class AdminPanel(QWidget):
    """The staff screen. Signals: closed() — the session ended (Exit, idle, Back or Quit).

    ``checks`` lets the Health section run the doctor's checks (hidden without it);
    ``on_quit`` is called after a confirmed "Quit kiosk" (the button is hidden without it).
    """

    closed = Signal()

    SECTIONS = (
        "Receiving",
        "Stock",
        "Fetch requests",
        "Orders",
        "Lost demand",
        "Import",
        "Health",
    )

    def __init__(
        self,
        client: InventoryClient,
        staff: StaffClient,
        gate: PinGate,
        audit: AuditTrail,
        runner: TaskRunner,
        settings: AdminSettings | None = None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        checks: KioskChecks | None = None,
        on_quit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminPanel")
        self._checks = checks
        self._on_quit = on_quit
        self._quitting = False
        self.client = client
        self.staff = staff
        self.gate = gate
        self.audit = audit
        self.runner = runner
        self.settings = settings or AdminSettings()
        self._now = now
        self.staff_id: str | None = None
        self.staff_name = ""
        self.tally = ReceivingTally()
        self._seq = 0
        self._handlers: dict[str, Callable[[bool, Any], None]] = {}
        self._closed = False
        self._teardown = threading.Lock()
        self._logout_recorded = False
        self._release_requested = False

        self.pin_pad = PinPad(gate.staff, self)
        self.receiving = ReceivingView(self)
        self.stock = StockView(self)
        self.fetch = FetchView(self)
        self.orders = OrdersView(self)
        self.demand = DemandView(self)
        self.imports = ImportView(self.settings.import_dir, self)
        self.health = HealthView(self)
        self.who = QLabel("", self)
        self.version = QLabel(f"Endless Aisle {app_version()}", self)
        self.version.setObjectName("adminVersion")
        self.connectivity = QLabel("…", self)
        self.connectivity.setObjectName("adminConnectivity")
        self.backlog = QLabel("", self)
        self.exit_button = QPushButton("Exit admin", self)
        self.exit_button.setObjectName("adminExit")
        self.exit_button.setMinimumSize(220, 80)
        self.quit_button = QPushButton("Quit kiosk", self)
        self.quit_button.setObjectName("adminQuit")
        self.quit_button.setMinimumSize(220, 80)
        self.quit_button.setVisible(on_quit is not None)
        self.quit_confirm = _QuitConfirm(self)
        self.quit_confirm.hide()
        self.nav = QListWidget(self)
        self.nav.addItems(list(self.SECTIONS))
        self.nav.setFixedWidth(260)
        self.nav.item(self.SECTIONS.index("Health")).setHidden(checks is None)
        self.sections = QStackedWidget(self)
        for view in (
            self.receiving,
            self.stock,
            self.fetch,
            self.orders,
            self.demand,
            self.imports,
            self.health,
        ):
            self.sections.addWidget(view)
        header = QHBoxLayout()
        header.addWidget(self.who, 2)
        header.addWidget(self.version, 1)
        header.addWidget(self.connectivity, 1)
        header.addWidget(self.backlog, 1)
        header.addWidget(self.quit_button)
        header.addWidget(self.exit_button)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.sections, 1)
        main = QWidget(self)
        main_box = QVBoxLayout(main)
        main_box.addLayout(header)
        main_box.addWidget(self.quit_confirm)
        main_box.addLayout(body, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.pin_pad)
        self.pages.addWidget(main)
        box = QVBoxLayout(self)
        box.addWidget(self.pages)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(self.settings.idle_timeout_s * 1000))
        self._fetch_poll = QTimer(self)
        self._fetch_poll.setInterval(self.settings.fetch_poll_ms)
        self._status_poll = QTimer(self)
        self._status_poll.setInterval(self.settings.status_poll_ms)
        self._connect_signals()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()
        self._status_poll.start()
        self._poll_status()
        remaining = gate.locked_for()
        if remaining > 0:
            self.pin_pad.show_locked(remaining)

    def _connect_signals(self) -> None:
        self.pin_pad.submitted.connect(self._check_pin)
        self.pin_pad.cancelled.connect(self.close_admin)
        self.exit_button.clicked.connect(self.close_admin)
        self.nav.currentRowChanged.connect(self._show_section)
        self._idle.timeout.connect(self._idle_logout)
        self._fetch_poll.timeout.connect(self.refresh_fetch_queue)
        self._status_poll.timeout.connect(self._poll_status)
        self.receiving.undo_requested.connect(self.undo_last_receive)
        self.receiving.count_submitted.connect(self.set_count)
        self.stock.search_requested.connect(self.search)
        self.stock.style_chosen.connect(self.show_style)
        self.stock.adjust_requested.connect(self.step_stock)
        self.fetch.claim_requested.connect(lambda i: self.update_fetch(i, FetchStatus.CLAIMED))
        self.fetch.done_requested.connect(lambda i: self.update_fetch(i, FetchStatus.DONE))
        self.orders.cancel_requested.connect(self.cancel_order)
        self.orders.retry_requested.connect(self.retry_orders)
        self.orders.refresh_requested.connect(self.refresh_orders)
        self.demand.period_chosen.connect(self.load_demand)
        self.demand.export_requested.connect(self.export_demand)
        self.imports.dry_run_requested.connect(lambda p, k: self.run_import(p, k, dry_run=True))
        self.imports.import_requested.connect(lambda p, k: self.run_import(p, k, dry_run=False))
        self.health.run_requested.connect(self.run_health_checks)
        self.quit_button.clicked.connect(self.ask_quit)
        self.quit_confirm.confirmed.connect(self.quit_kiosk)
        self.quit_confirm.cancelled.connect(self.quit_confirm.hide)

    # -- session --------------------------------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self.staff_id is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self._idle.start()
        return False

    @Slot(str, str)
    def _check_pin(self, staff_id: str, pin: str) -> None:
        self.pin_pad.set_busy(True)
        self._submit("login", lambda: self.gate.check(staff_id, pin), self._pin_checked)

    def _pin_checked(self, ok: bool, outcome: Any) -> None:
        if not ok:
            self.pin_pad.reset()
            self.pin_pad.message.setText("Could not check the PIN right now")
            return
        if outcome.result == PinResult.LOCKED:
            self.pin_pad.show_locked(outcome.locked_for_s)
            self._audit_async("anonymous", "admin.locked", f"for {outcome.locked_for_s:.0f} s")
        elif outcome.result == PinResult.WRONG:
            self.pin_pad.show_wrong(outcome.failures_left)
            self._audit_async("anonymous", "admin.login_failed", "wrong PIN or unknown staff")
        else:
            self.staff_id = outcome.staff.staff_id
            self.staff_name = outcome.staff.name
            self.who.setText(f"Signed in: {self.staff_name}")
            self.pin_pad.reset()
            self.pages.setCurrentIndex(1)
            self.nav.setCurrentRow(0)
            self._audit_async(self.staff_id, "admin.login", "")
            self._fetch_poll.start()

    @Slot()
    def close_admin(self) -> None:
        """End the admin session and tell the window (Exit button, Back, idle)."""
        if self._closed:
            return
        self._closed = True
        actor = self.staff_id
        quitting = self._quitting
        self.runner.run_detached(lambda: self._record_logout(actor, quitting=quitting))
        self.staff_id = None
        for timer in (self._idle, self._fetch_poll, self._status_poll):
            timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.closed.emit()

    @Slot()
    def _idle_logout(self) -> None:
        log.info("admin session ended after %.0f s without input", self.settings.idle_timeout_s)
        self.close_admin()

    def shutdown(self) -> None:
        """Release files and sockets after ``closed`` (the lead calls this when it drops us).

        The logout event is still being sent on a worker; whichever of the two finishes
        last releases the files, so the event is never lost to a closed database.
        """
        self.close_admin()
        with self._teardown:
            self._release_requested = True
            if self._logout_recorded:
                self._release()

    def _record_logout(self, actor: str | None, *, quitting: bool = False) -> None:
        """Worker: audit the logout (and a quit), then release if ``shutdown`` asked for it."""
        try:
            if actor and quitting:
                self.audit.record(actor, "kiosk.quit", "from the admin screen")
            if actor:
                self.audit.record(actor, "admin.logout", "")
        finally:
            with self._teardown:
                self._logout_recorded = True
                if self._release_requested:
                    self._release()

    def _release(self) -> None:
        self.audit.close()
        self.gate.close()

    # -- scans ----------------------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        """A code from the camera or the USB scanner while the admin screen is open."""
        self._idle.start()
        staff_id = badge_staff_id(code)
        if not self.logged_in:
            if staff_id is not None:
                self.pin_pad.select_staff(staff_id)
            return
        if staff_id is not None:
            return
        section = self.SECTIONS[self.sections.currentIndex()]
        if section == "Orders":
            self.mark_paid(order_number_from_qr(code))
            return
        gtin = normalize_gtin(code)
        if gtin is None:
            self.receiving.show_message(f"Not a shoe barcode: {code[:40]}")
            return
        if section == "Stock":
            self.stock.query.setText(gtin)
            self.show_style(gtin)
            return
        self.nav.setCurrentRow(0)
        if self.receiving.counting:
            self._ask_count(gtin)
        else:
            self.receive(gtin)

    # -- receiving and counting ---------------------------------------------------------

    def receive(self, gtin: str) -> None:
        """Add one pair of ``gtin`` to this store (receive +1 under a fresh key)."""
        actor = self._actor()

        def job() -> tuple[ReceivedScan, bool]:
            product, size = self._describe_gtin(gtin)
            scan = ReceivedScan(gtin, product, size)
            result = self.client.adjust_stock(
                gtin,
                AdjustmentKind.RECEIVE,
                1,
                actor=actor,
                reason="receiving",
                idempotency_key=scan.idempotency_key,
            )
            return scan, result is None

        self.receiving.show_message(f"Adding {gtin}…")
        self._submit(f"receive.{self._next()}", job, self._received)

    def _received(self, ok: bool, result: Any) -> None:
        if not ok:
            self.receiving.show_message(f"Not added: {describe_error(result)}")
            return
        scan, queued = result
        line = self.tally.add(scan)
        note = " (queued: will be sent when the service is back)" if queued else ""
        self.receiving.show_tally(
            self.tally.lines(),
            self.tally.total,
            f"+1  {line.product}  size {line.size}  →  {line.count}{note}",
        )
        self._poll_status()

    @Slot()
    def undo_last_receive(self) -> None:
        scan = self.tally.undo_last()
        if scan is None:
            return
        actor = self._actor()

        def job() -> ReceivedScan:
            self.client.adjust_stock(
                scan.gtin, AdjustmentKind.RECEIVE, -1, actor=actor, reason="undo receiving"
            )
            return scan

        self.receiving.show_tally(
            self.tally.lines(), self.tally.total, f"Undoing {scan.product} {scan.size}…"
        )
        self._submit(f"undo.{self._next()}", job, self._undone)

    def _undone(self, ok: bool, result: Any) -> None:
        if not ok:
            self.receiving.show_message(f"Undo failed: {describe_error(result)}")
            return
        self.receiving.show_tally(
            self.tally.lines(), self.tally.total, f"Undone: {result.product} {result.size}"
        )

    def _ask_count(self, gtin: str) -> None:
        def job() -> tuple[str, str, int | None]:
            product, size = self._describe_gtin(gtin)
            current = None
            try:
                run = self.client.size_run(self.client.lookup(gtin))
                current = next((s.in_store for s in run.sizes if s.variant.gtin == gtin), None)
            except Unavailable:
                pass
            return gtin, f"{product} size {size}", current

        self._submit(
            "count.ask",
            job,
            lambda ok, r: (
                self.receiving.ask_count(*r)
                if ok
                else self.receiving.show_message(describe_error(r))
            ),
        )

    @Slot(str, int)
    def set_count(self, gtin: str, quantity: int) -> None:
        actor = self._actor()

        def job() -> bool:
            result = self.client.adjust_stock(
                gtin, AdjustmentKind.SET_COUNT, quantity, actor=actor, reason="counting"
            )
            return result is None

        def done(ok: bool, result: Any) -> None:
            if not ok:
                self.receiving.show_message(f"Count not saved: {describe_error(result)}")
            else:
                queued = " (queued)" if result else ""
                self.receiving.show_message(f"Count saved: {gtin} = {quantity}{queued}")

        self._submit(f"count.{self._next()}", job, done)

    def _describe_gtin(self, gtin: str) -> tuple[str, str]:
        """Product and size for the tally; the GTIN itself when the catalogue is out of reach.

        Runs on a worker. An unknown GTIN raises ``NotFound`` (never added to stock)."""
        try:
            detail = self.client.lookup(gtin)
        except Unavailable:
            return gtin, "?"
        return f"{detail.style.brand} {detail.style.name}", detail.variant.size_eu

    # -- stock view ---------------------------------------------------------------------

    @Slot(str)
    def search(self, text: str) -> None:
        self.stock.show_status("Searching…")
        self._submit(
            "search",
            lambda: self.client.search_catalogue(text, limit=SEARCH_LIMIT),
            self._view_result(self.stock, self.stock.show_results),
        )

    @Slot(str)
    def show_style(self, gtin: str) -> None:
        def job() -> Any:
            return self.client.size_run(self.client.lookup(gtin))

        self._current_style_gtin = gtin
        self._submit("style", job, self._view_result(self.stock, self.stock.show_size_run))

    @Slot(str, int)
    def step_stock(self, gtin: str, delta: int) -> None:
        actor = self._actor()

        def job() -> Any:
            result = self.client.adjust_stock(
                gtin, AdjustmentKind.RECEIVE, delta, actor=actor, reason="stock view"
            )
            return result

        def done(ok: bool, result: Any) -> None:
            if not ok:
                self.stock.show_status(f"Not changed: {describe_error(result)}")
                return
            self.stock.show_status(
                f"{gtin}: {delta:+d} queued" if result is None else f"{gtin}: now {result.on_hand}"
            )
            self.show_style(getattr(self, "_current_style_gtin", gtin))

        self._submit(f"step.{self._next()}", job, done)

    # -- fetch queue --------------------------------------------------------------------

    @Slot()
    def refresh_fetch_queue(self) -> None:
        if self.runner.is_pending("admin.fetch"):
            return  # the previous poll is still out; do not pile up

        def job() -> Any:
            return fetch_rows(self.client.fetch_requests(), self._now())

        self._submit("fetch", job, self._view_result(self.fetch, self.fetch.show_rows))

    def update_fetch(self, request_id: str, status: FetchStatus) -> None:
        actor = self._actor()

        def job() -> Any:
            updated = self.staff.update_fetch_request(request_id, status, actor=actor)
            return updated

        def done(ok: bool, result: Any) -> None:
            if not ok:
                self.fetch.show_status(f"Not changed: {describe_error(result)}")
            self.runner.cancel("admin.fetch")
            self.refresh_fetch_queue()

        self._submit(f"fetch.update.{self._next()}", job, done)

    # -- orders -------------------------------------------------------------------------

    @Slot()
    def refresh_orders(self) -> None:
        def job() -> Any:
            entries = self.client.outbox.entries()
            return order_rows(self.staff.orders(), entries)

        self._submit("orders", job, self._view_result(self.orders, self.orders.show_rows))

    def mark_paid(self, number: str) -> None:
        actor = self._actor()

        def job() -> Any:
            order = self.staff.order_by_number(number)
            paid = self.staff.set_order_status(
                order.id, OrderStatus.PAID, "paid at the counter", actor=actor
            )
            return paid

        def done(ok: bool, result: Any) -> None:
            if ok:
                self.orders.show_status(f"Order {result.number} is paid")
            elif isinstance(result, NotFound):
                self.orders.show_status(f"No order {number} in this store")
            else:
                self.orders.show_status(f"Not marked paid: {describe_error(result)}")
            self.refresh_orders()

        self.orders.show_status(f"Marking {number} paid…")
        self._submit(f"order.paid.{self._next()}", job, done)

    @Slot(str, str)
    def cancel_order(self, order_id: str, reason: str) -> None:
        actor = self._actor()

        def job() -> Any:
            order = self.staff.set_order_status(
                order_id, OrderStatus.CANCELLED, reason, actor=actor
            )
            return order

        def done(ok: bool, result: Any) -> None:
            self.orders.show_status(
                f"Order {result.number} cancelled; its pairs are released"
                if ok
                else f"Not cancelled: {describe_error(result)}"
            )
            self.refresh_orders()

        self._submit(f"order.cancel.{self._next()}", job, done)

    @Slot()
    def retry_orders(self) -> None:
        actor = self._actor()

        def job() -> int:
            sent = self.client.flush_outbox()
            self.audit.record(actor, "outbox.retry", f"acknowledged={sent}")
            return sent

        def done(ok: bool, result: Any) -> None:
            self.orders.show_status(
                f"{result} sent" if ok else f"Still not sent: {describe_error(result)}"
            )
            self.refresh_orders()
            self._poll_status()

        self._submit("order.retry", job, done)

    # -- lost demand --------------------------------------------------------------------

    @Slot(int)
    def load_demand(self, days: int) -> None:
        self.demand.show_status("Loading…")
        self._submit(
            "demand",
            lambda: self.staff.lost_demand(days, now=self._now()),
            self._view_result(self.demand, self.demand.show_report),
        )

    @Slot(int)
    def export_demand(self, days: int) -> None:
        folder = self.settings.export_dir
        if folder is None:
            self.demand.show_status("No export folder is configured")
            return
        actor = self._actor()
        when = self._now()

        def job() -> Path:
            data = self.staff.lost_demand_csv(days, now=when)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"lost-demand-{self.staff.store_id}-{days}d-{when:%Y%m%d-%H%M%S}.csv"
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
            self.audit.record(actor, "report.export", f"lost-demand days={days}")
            return path

        self._submit(
            "demand.export",
            job,
            lambda ok, r: self.demand.show_status(
                f"Saved: {r}" if ok else f"Not saved: {describe_error(r)}"
            ),
        )

    # -- import -------------------------------------------------------------------------

    def run_import(self, path: str, kind: str, *, dry_run: bool) -> None:
        actor = self._actor()

        def job() -> Any:
            data = Path(path).read_bytes()  # as it is: the service names lines not in UTF-8
            report = self.staff.import_csv(ImportKind(kind), data, dry_run=dry_run, actor=actor)
            if dry_run:  # the service audits real imports itself
                detail = f"{kind} file={Path(path).name} rows={report.rows}"
                self.audit.record(actor, "import.dry_run", f"{detail} errors={len(report.errors)}")
            return report

        def done(ok: bool, result: Any) -> None:
            if ok:
                self.imports.show_report(path, kind, result)
            else:
                self.imports.show_status(f"Import failed: {describe_error(result)}")

        self.imports.show_status("Checking…" if dry_run else "Importing…")
        self._submit("import", job, done)

    # -- health and quitting ------------------------------------------------------------

    @Slot()
    def run_health_checks(self) -> None:
        """Run the doctor's checks on a worker; the table fills in when they are done."""
        checks = self._checks
        if checks is None or self.runner.is_pending("admin.health"):
            return
        self.health.show_running()
        self._submit("health", checks.run, self._view_result(self.health, self.health.show_checks))

    @Slot()
    def ask_quit(self) -> None:
        """First step of "Quit kiosk": ask inside the panel (no modal dialog)."""
        if self.logged_in and self._on_quit is not None:
            self.quit_confirm.show()

    @Slot()
    def quit_kiosk(self) -> None:
        """Confirmed: end the admin session (audited), then hand over to ``on_quit``."""
        if not self.logged_in or self._on_quit is None:
            return
        log.info("kiosk quit from the admin screen")
        self._quitting = True
        on_quit = self._on_quit
        self.close_admin()
        on_quit()

    # -- status ---------------------------------------------------------------------------

    @Slot()
    def _poll_status(self) -> None:
        if self.runner.is_pending("admin.status"):
            return

        def job() -> tuple[str, int, int]:
            state = getattr(self.client, "connectivity", None)
            return (
                str(state) if state is not None else "unknown",
                self.client.outbox.count(),
                self.audit.pending_count(),
            )

        self._submit("status", job, self._show_status)

    def _show_status(self, ok: bool, result: Any) -> None:
        if not ok:
            self.connectivity.setText("status unknown")
            return
        state, backlog, audit_backlog = result
        self.connectivity.setText(f"Service: {state}")
        self.connectivity.setProperty("state", state)
        text = f"{backlog} waiting to send" if backlog else "nothing waiting"
        if audit_backlog:
            text += f" · {audit_backlog} audit events not yet at the service"
        self.backlog.setText(text)

    # -- plumbing -------------------------------------------------------------------------

    @Slot(int)
    def _show_section(self, index: int) -> None:
        if index < 0:
            return
        self.sections.setCurrentIndex(index)
        name = self.SECTIONS[index]
        if name == "Fetch requests":
            self.refresh_fetch_queue()
        elif name == "Orders":
            self.refresh_orders()
        elif name == "Lost demand":
            self.load_demand(self.demand.days)
        elif name == "Health":
            self.run_health_checks()

    def show_section(self, name: str) -> None:
        self.nav.setCurrentRow(self.SECTIONS.index(name))

    def _actor(self) -> str:
        return self.staff_id or "anonymous"

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _submit(
        self, channel: str, fn: Callable[[], Any], handler: Callable[[bool, Any], None]
    ) -> None:
        full = f"admin.{channel}"
        self._handlers[full] = handler
        self.runner.submit(
            full,
            fn,
            lambda res: self._on_result(full, True, res),
            lambda exc: self._on_result(full, False, exc),
        )

    def _audit_async(self, actor: str, action: str, detail: str) -> None:
        self.runner.run_detached(lambda: self.audit.record(actor, action, detail))

    def _view_result(self, view: Any, show: Callable[[Any], None]) -> Callable[[bool, Any], None]:
        def handle(ok: bool, result: Any) -> None:
            if ok:
                show(result)
            else:
                view.show_status(describe_error(result))

        return handle

    def _on_result(self, channel: str, ok: bool, result: Any) -> None:
        handler = self._handlers.pop(channel, None)
        if handler is None:
            return  # not ours (the shopper side shares the runner)
        if not ok:
            log.info("admin %s failed: %s", channel, type(result).__name__)
        handler(ok, result)


def open_admin(
    parent_window: QWidget | None,
    client: InventoryClient,
    staff_key: str,
    staff_list: Iterable[Mapping[str, Any]],
    *,
    data_dir: Path,
    runner: TaskRunner,
    settings: AdminSettings | None = None,
    clock: Callable[[], float] = time.time,
    checks: KioskChecks | None = None,
    on_quit: Callable[[], None] | None = None,
) -> AdminPanel:
    """Build the admin screen for one visit; the caller shows it and connects ``closed``.

    ``staff_key`` is the store's staff key for ``client.staff()``; empty: the one the
    client was built with (stock changes always use that one, through the outbox).
    ``data_dir`` holds the PIN lockout state and the local audit queue (files mode 0600).
    Raises ``ValueError`` for a bad staff list (e.g. a plain PIN in the config).
    """
    staff = parse_staff_list(staff_list)
    data_dir = Path(data_dir)
    gate = PinGate(staff, data_dir / "admin-pin-gate.sqlite", clock=clock)
    staff_client = client.staff(staff_key or None)
    audit = AuditTrail(staff_client, data_dir / "admin-audit.sqlite")
    panel = AdminPanel(
        client,
        staff_client,
        gate,
        audit,
        runner,
        settings,
        parent_window,
        checks=checks,
        on_quit=on_quit,
    )
    panel.setWindowFlag(Qt.WindowType.Window, parent_window is not None)
    return panel


class _QuitConfirm(QWidget):
    """The confirm step of "Quit kiosk", shown inside the panel.

    Signals: confirmed(), cancelled().
    """

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminQuitConfirm")
        self.message = QLabel(
            "Quit the kiosk? It stays off, and shoppers cannot use it, until it is "
            "started again (restart the machine, or: systemctl start endless-aisle-kiosk).",
            self,
        )
        self.message.setWordWrap(True)
        self.confirm_button = QPushButton("Quit now", self)
        self.confirm_button.setObjectName("adminQuitNow")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("adminQuitCancel")
        for button in (self.confirm_button, self.cancel_button):
            button.setMinimumSize(220, 80)
        box = QHBoxLayout(self)
        box.addWidget(self.message, 1)
        box.addWidget(self.cancel_button)
        box.addWidget(self.confirm_button)
        self.confirm_button.clicked.connect(self.confirmed)
        self.cancel_button.clicked.connect(self.cancelled)
