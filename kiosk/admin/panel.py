"""``AdminPanel``: the staff screen's layout — PIN pad, then a header (who, version,
connectivity, backlog, Quit, Exit), the section buttons and the section views. Staff
choose their language on the sign-in pad; the panel emits it (the launcher switches).

The panel only presents and wires: the PIN and idle logout live in
:class:`~kiosk.admin.admin_session.AdminSession`, the staff actions in
:class:`~kiosk.admin.controller.AdminController` (no widgets). :func:`open_admin` builds
the three for one staff visit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import theme
from kiosk.admin import messages as m
from kiosk.admin.admin_session import AdminSession
from kiosk.admin.audit import AuditTrail
from kiosk.admin.controller import AdminController, ScanAction, Section, route_scan
from kiosk.admin.demand_view import DemandView
from kiosk.admin.fetch_view import FetchView
from kiosk.admin.header import AdminHeader
from kiosk.admin.health_view import HealthView
from kiosk.admin.import_view import ImportView
from kiosk.admin.orders_view import OrdersView
from kiosk.admin.pin import PinGate, parse_staff_list
from kiosk.admin.pin_pad import PinPad
from kiosk.admin.quit_confirm import QuitConfirm
from kiosk.admin.receiving import ReceivingTally
from kiosk.admin.receiving_view import ReceivingView
from kiosk.admin.section_bar import SectionBar
from kiosk.admin.section_stack import SectionStack
from kiosk.admin.settings import AdminSettings
from kiosk.admin.stock_view import StockView
from kiosk.admin.style import admin_style_sheet
from kiosk.admin.text import msg
from kiosk.admin.voice_actions import VoiceActions
from kiosk.admin.voice_view import ReportTabs, VoiceView

if TYPE_CHECKING:
    from inventory_client import InventoryClient, StaffClient
    from kiosk.admin.health import KioskChecks
    from kiosk.workers import TaskRunner

__all__ = ["AdminPanel", "AdminSettings", "open_admin"]

log = logging.getLogger(__name__)

WIDE_HEADER_MIN_PX = 1200
"""Narrower than this, the Quit confirmation puts its message above its buttons."""


class AdminPanel(QWidget):
    """The staff screen.

    Signals:
        closed(): the visit ended (Exit, idle, Back or Quit).
        language_chosen(str): staff picked a language ("en", "de", "fr").

    ``on_quit`` is called after a confirmed "Quit kiosk" (the button is hidden without it);
    the Health section is hidden when the controller has no checks.
    """

    closed = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        session: AdminSession,
        controller: AdminController,
        *,
        import_dir: Path | None = None,
        on_quit: Callable[[], None] | None = None,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.session = session
        self.controller = controller
        self._on_quit = on_quit

        self.pin_pad = PinPad(session.gate.staff, self)
        self.receiving = ReceivingView(self)
        self.stock = StockView(self)
        self.fetch = FetchView(self)
        self.orders = OrdersView(self)
        self.demand = DemandView(self)
        self.voice = VoiceView(self)  # issue 17, a tab beside the lost demand
        self.demand_tabs = ReportTabs(self.demand, self.voice, self)
        reports = controller.reports
        self.voice_actions = VoiceActions(
            reports.staff,
            reports.audit,
            reports._tasks,  # the admin's one task queue (its actor names who exported)
            export_dir=reports.export_dir,
            now=lambda: datetime.now(UTC),
            parent=self,
        )
        self.imports = ImportView(import_dir, self)
        self.health = HealthView(self)
        self.views: dict[Section, QWidget] = {
            Section.RECEIVING: self.receiving,
            Section.STOCK: self.stock,
            Section.FETCH: self.fetch,
            Section.ORDERS: self.orders,
            Section.DEMAND: self.demand_tabs,
            Section.IMPORT: self.imports,
            Section.HEALTH: self.health,
        }
        self.header = AdminHeader(self)
        self.who, self.version = self.header.who, self.header.version
        self.connectivity, self.backlog = self.header.connectivity, self.header.backlog
        self.exit_button, self.quit_button = self.header.exit_button, self.header.quit_button
        self.quit_button.setVisible(on_quit is not None)
        self.quit_confirm = QuitConfirm(self)
        self.quit_confirm.hide()
        self.section_bar = SectionBar(self)
        self.section_bar.set_available(Section.HEALTH, controller.has_health)
        self.sections = SectionStack(self.views, self)
        main = QWidget(self)
        main_box = QVBoxLayout(main)
        main_box.addWidget(self.header)
        main_box.addWidget(self.quit_confirm)
        main_box.addWidget(self.section_bar)
        main_box.addWidget(self.sections, 1)
        self._main_box = main_box
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.pin_pad)
        self.pages.addWidget(main)
        self.pages.currentChanged.connect(self._size_pages)
        self._size_pages()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.pages)

        self._fetch_poll = QTimer(self)
        self._fetch_poll.setInterval(controller.settings.fetch_poll_ms)
        self._status_poll = QTimer(self)
        self._status_poll.setInterval(controller.settings.status_poll_ms)
        self._connect_signals()
        self.set_language(language)
        session.start()
        self._status_poll.start()
        controller.stock.poll_status()
        remaining = session.locked_for()
        if remaining > 0:
            self.pin_pad.show_locked(remaining)

    def _connect_signals(self) -> None:
        session, actions = self.session, self.controller
        stock, store, reports = actions.stock, actions.store, actions.reports
        # the visit
        self.pin_pad.submitted.connect(self._check_pin)
        self.pin_pad.cancelled.connect(session.end)
        session.signed_in.connect(self._signed_in)
        session.pin_wrong.connect(self.pin_pad.show_wrong)
        session.pin_locked.connect(self.pin_pad.show_locked)
        session.pin_unchecked.connect(self._pin_unchecked)
        session.ended.connect(self._ended)
        self.exit_button.clicked.connect(session.end)
        self.quit_button.clicked.connect(self.ask_quit)
        self.quit_confirm.confirmed.connect(self.quit_kiosk)
        self.quit_confirm.cancelled.connect(self._cancel_quit)
        self.pin_pad.languages.language_chosen.connect(self.language_chosen)
        self.section_bar.section_chosen.connect(self._show_section)
        actions.section_wanted.connect(self._show_section)
        self._fetch_poll.timeout.connect(store.refresh_fetch_queue)
        self._status_poll.timeout.connect(stock.poll_status)
        # receiving and stock
        self.receiving.undo_requested.connect(stock.undo_last_receive)
        self.receiving.count_submitted.connect(stock.set_count)
        stock.receiving_message.connect(self.receiving.show_message)
        stock.tally_changed.connect(self.receiving.show_tally)
        stock.count_asked.connect(self.receiving.ask_count)
        self.stock.search_requested.connect(stock.search)
        self.stock.style_chosen.connect(stock.show_style)
        self.stock.adjust_requested.connect(stock.step_stock)
        stock.stock_found.connect(self.stock.show_results)
        stock.size_run_ready.connect(self.stock.show_size_run)
        stock.stock_message.connect(self.stock.show_status)
        stock.status_ready.connect(self.header.show_status)
        stock.status_failed.connect(self.header.show_status_unknown)
        # fetch queue and orders
        self.fetch.claim_requested.connect(store.claim_fetch)
        self.fetch.done_requested.connect(store.finish_fetch)
        store.fetch_rows_ready.connect(self.fetch.show_rows)
        store.fetch_message.connect(self.fetch.show_status)
        self.orders.cancel_requested.connect(store.cancel_order)
        self.orders.retry_requested.connect(store.retry_orders)
        self.orders.refresh_requested.connect(store.refresh_orders)
        store.order_rows_ready.connect(self.orders.show_rows)
        store.orders_message.connect(self.orders.show_status)
        # reports
        self.demand.period_chosen.connect(reports.load_demand)
        self.demand.export_requested.connect(reports.export_demand)
        reports.demand_ready.connect(self.demand.show_report)
        reports.demand_message.connect(self.demand.show_status)
        voice = self.voice_actions
        self.demand_tabs.voice_shown.connect(lambda: voice.load(self.voice.days))
        self.voice.period_chosen.connect(voice.load)
        self.voice.export_requested.connect(voice.export)
        voice.report_ready.connect(self.voice.show_report)
        voice.message.connect(self.voice.show_status)
        self.imports.dry_run_requested.connect(reports.dry_run_import)
        self.imports.import_requested.connect(reports.apply_import)
        reports.import_done.connect(self.imports.show_report)
        reports.import_message.connect(self.imports.show_status)
        self.health.run_requested.connect(self._run_health_checks)
        reports.health_ready.connect(self.health.show_checks)
        reports.health_message.connect(self.health.show_status)

    # -- what the launcher and tests use ------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self.session.logged_in

    @property
    def tally(self) -> ReceivingTally:
        return self.controller.stock.tally

    @property
    def staff(self) -> StaffClient:
        return self.controller.store.staff

    @property
    def audit(self) -> AuditTrail:
        return self.session.audit

    def handle_scan(self, code: str) -> None:
        """A code from the camera or the USB scanner while the admin screen is open."""
        self.session.poke()
        route = route_scan(
            code,
            logged_in=self.logged_in,
            section=self.section_bar.current() or Section.RECEIVING,
            counting=self.receiving.counting,
        )
        if route.action is ScanAction.SELECT_STAFF:
            self.pin_pad.select_staff(route.value)
        elif route.action is ScanAction.SHOW_STYLE:
            self.stock.query.setText(route.value)
            self.controller.handle_scan(route)
        else:
            self.controller.handle_scan(route)

    def show_section(self, section: Section | str) -> None:
        self._show_section(section if isinstance(section, Section) else Section(section))

    def set_language(self, language: str) -> None:
        """Mark the current language in the sign-in picker (the launcher tells us)."""
        self.pin_pad.languages.set_current(language)

    @Slot()
    def close_admin(self) -> None:
        """End the admin visit (as Exit does)."""
        self.session.end()

    def shutdown(self) -> None:
        """Release files and sockets after ``closed`` (the owner calls this when it drops us)."""
        self.session.shutdown()

    @Slot()
    def ask_quit(self) -> None:
        """First step of "Quit kiosk": ask inside the panel (no modal dialog)."""
        if self.logged_in and self._on_quit is not None:
            self.section_bar.hide()  # the question takes its place (room on a 7" panel)
            self.quit_confirm.show()

    @Slot()
    def quit_kiosk(self) -> None:
        """Confirmed: end the visit (audited as a quit), then hand over to ``on_quit``."""
        if not self.logged_in or self._on_quit is None:
            return
        log.info("kiosk quit from the admin screen")
        on_quit = self._on_quit
        self.session.end_for_quit()
        on_quit()

    # -- slots --------------------------------------------------------------------------

    @Slot()
    def _cancel_quit(self) -> None:
        self.quit_confirm.hide()
        self.section_bar.show()

    @Slot(str, str)
    def _check_pin(self, staff_id: str, pin: str) -> None:
        self.pin_pad.set_busy(True)
        self.session.check_pin(staff_id, pin)

    @Slot()
    def _pin_unchecked(self) -> None:
        self.pin_pad.reset()
        self.pin_pad.show_message(msg(m.PIN_CHECK_FAILED))

    @Slot(str)
    def _signed_in(self, name: str) -> None:
        self.header.show_signed_in(name)
        self.pin_pad.reset()
        self.pages.setCurrentIndex(1)
        self._show_section(Section.RECEIVING)
        self._fetch_poll.start()

    @Slot()
    def _ended(self) -> None:
        for timer in (self._fetch_poll, self._status_poll):
            timer.stop()
        self.closed.emit()

    @Slot()
    def _size_pages(self) -> None:
        """Only the shown page asks for room (a stack's minimum is its largest page's)."""
        for index in range(self.pages.count()):
            shown = index == self.pages.currentIndex()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page = self.pages.widget(index)
            if page is not None:
                page.setSizePolicy(policy, policy)

    @Slot(object)
    def _show_section(self, section: Section) -> None:
        self.section_bar.set_current(section)
        self.sections.show_section(section)
        if section is Section.DEMAND:
            self.controller.reports.load_demand(self.demand.days)
        elif section is Section.HEALTH:
            self._run_health_checks()
        else:
            self.controller.refresh(section)

    @Slot()
    def _run_health_checks(self) -> None:
        if self.controller.reports.run_health_checks():
            self.health.show_running()

    # -- texts and layout ---------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.quit_confirm.set_stacked(self.width() < WIDE_HEADER_MIN_PX)
        if self.isWindow():  # standalone (tests, a second screen): size it ourselves
            self.apply_metrics(theme.fit(self))

    def apply_metrics(self, metrics: theme.Metrics) -> None:
        """theme.fit: margins and the admin's own sizes for this screen (on ``pages``:
        the panel itself may carry the theme's style sheet)."""
        margin, spacing = metrics.px(24, 6), metrics.px(16, 4)
        self._main_box.setContentsMargins(margin, margin, margin, margin)
        self._main_box.setSpacing(spacing)
        self.pages.setStyleSheet(admin_style_sheet(metrics))


def open_admin(
    parent_window: QWidget | None,
    client: InventoryClient,
    staff_key: str,
    staff_list: Iterable[Mapping[str, object]],
    *,
    data_dir: Path,
    runner: TaskRunner,
    settings: AdminSettings | None = None,
    clock: Callable[[], float] | None = None,
    checks: KioskChecks | None = None,
    on_quit: Callable[[], None] | None = None,
    language: str = "en",
) -> AdminPanel:
    """Build the admin screen for one visit; the caller shows it and connects ``closed``.

    ``staff_key`` is the store's staff key for ``client.staff()``; empty: the one the
    client was built with (stock changes always use that one, through the outbox).
    ``data_dir`` holds the PIN lockout state and the local audit queue (files mode 0600).
    ``settings``: None takes the config schema's defaults. ``clock``: wall-clock seconds
    for the PIN lockout. Raises ``ValueError`` for a bad staff list (e.g. a plain PIN).
    """
    settings = settings or AdminSettings.defaults()
    staff = parse_staff_list(staff_list)
    data_dir = Path(data_dir)
    gate = (
        PinGate(staff, data_dir / "admin-pin-gate.sqlite")
        if clock is None
        else PinGate(staff, data_dir / "admin-pin-gate.sqlite", clock=clock)
    )
    staff_client = client.staff(staff_key or None)
    audit = AuditTrail(staff_client, data_dir / "admin-audit.sqlite")
    session = AdminSession(gate, audit, runner, idle_timeout_s=settings.idle_timeout_s)
    controller = AdminController(
        client,
        staff_client,
        audit,
        runner,
        settings,
        actor=session.actor,
        now=lambda: datetime.now(UTC),
        checks=checks,
    )
    panel = AdminPanel(
        session,
        controller,
        import_dir=settings.import_dir,
        on_quit=on_quit,
        language=language,
        parent=parent_window,
    )
    session.setParent(panel)
    controller.setParent(panel)
    panel.setWindowFlag(Qt.WindowType.Window, parent_window is not None)
    return panel
