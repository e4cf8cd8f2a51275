"""The admin screen's logic without a widget: what a scan means, and the staff actions.

:class:`AdminController` composes the three action objects — stock
(:class:`~kiosk.admin.stock_actions.StockActions`), store queues
(:class:`~kiosk.admin.store_actions.StoreActions`) and reports
(:class:`~kiosk.admin.report_actions.ReportActions`) — and decides where a scanned code
goes (:func:`route_scan`, plain Python). The panel connects the actions' signals to its
views; a test connects them to lists and needs no window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from inventory_client import StaffClient
from kiosk.admin import messages as m
from kiosk.admin.pin import badge_staff_id
from kiosk.admin.report_actions import ReportActions
from kiosk.admin.settings import AdminSettings
from kiosk.admin.stock_actions import StockActions
from kiosk.admin.store_actions import StoreActions
from kiosk.admin.tasks import AdminTasks
from kiosk.admin.text import msg
from kiosk.scanning.gtin import normalize_gtin

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.audit import AuditTrail
    from kiosk.admin.health import KioskChecks
    from kiosk.workers import TaskRunner

__all__ = [
    "AdminController",
    "ScanAction",
    "ScanRoute",
    "Section",
    "order_number_from_qr",
    "route_scan",
]

_ORDER_NUMBER = re.compile(r"\b([A-Z]{2}-[A-Z0-9]{4,16})\b")
#: The kiosk reference in a status link's QR (``...?lang=de&ref=3FD0B7DA``).
_LINK_REFERENCE = re.compile(r"[?&]REF=([0-9A-F]{8})\b")
_SHOWN_CODE_CHARS = 40


class Section(Enum):
    """The admin screen's sections, in the order the section bar shows them."""

    RECEIVING = "Receiving"
    STOCK = "Stock"
    FETCH = "Fetch requests"
    ORDERS = "Orders"
    DEMAND = "Lost demand"
    IMPORT = "Import"
    HEALTH = "Health"


class ScanAction(Enum):
    SELECT_STAFF = "select staff"  # a badge on the PIN pad
    IGNORE = "ignore"  # a badge while signed in, or anything else before
    MARK_PAID = "mark paid"  # an order QR on the Orders section
    SHOW_STYLE = "show style"  # a GTIN on the Stock section
    RECEIVE = "receive"  # a GTIN anywhere else: receiving adds a pair
    COUNT = "count"  # ... or counting asks how many
    NOT_A_SHOE = "not a shoe"  # none of the above


@dataclass(frozen=True)
class ScanRoute:
    action: ScanAction
    value: str  # the staff id, order number, GTIN or the code itself


def order_number_from_qr(code: str) -> str:
    """The order number in a scanned order QR (plain ``EA-4K7Q9M`` or inside a URL/text),
    or the kiosk reference in a status link (staff find the order by either)."""
    linked = _LINK_REFERENCE.search(code.upper())
    if linked:
        return linked.group(1)
    match = _ORDER_NUMBER.search(code.upper())
    return match.group(1) if match else code.strip()


def route_scan(code: str, *, logged_in: bool, section: Section, counting: bool) -> ScanRoute:
    """What a code scanned on the admin screen does."""
    staff_id = badge_staff_id(code)
    if not logged_in:
        if staff_id is not None:
            return ScanRoute(ScanAction.SELECT_STAFF, staff_id)
        return ScanRoute(ScanAction.IGNORE, code)
    if staff_id is not None:
        return ScanRoute(ScanAction.IGNORE, code)
    if section is Section.ORDERS:
        return ScanRoute(ScanAction.MARK_PAID, order_number_from_qr(code))
    gtin = normalize_gtin(code)
    if gtin is None:
        return ScanRoute(ScanAction.NOT_A_SHOE, code[:_SHOWN_CODE_CHARS])
    if section is Section.STOCK:
        return ScanRoute(ScanAction.SHOW_STYLE, gtin)
    return ScanRoute(ScanAction.COUNT if counting else ScanAction.RECEIVE, gtin)


class AdminController(QObject):
    """The staff actions of one admin visit, and where scans go.

    Signals:
        section_wanted(Section): a scan needs this section shown (receiving).
    """

    section_wanted = Signal(object)

    def __init__(
        self,
        client: InventoryClient,
        staff: StaffClient,
        audit: AuditTrail,
        runner: TaskRunner,
        settings: AdminSettings,
        *,
        actor: Callable[[], str],
        now: Callable[[], datetime],
        checks: KioskChecks | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        tasks = AdminTasks(runner, actor)
        self.settings = settings
        self.stock = StockActions(client, audit, tasks, self)
        self.store = StoreActions(client, staff, audit, tasks, now=now, parent=self)
        self.reports = ReportActions(
            staff, audit, tasks, export_dir=settings.export_dir, now=now, checks=checks, parent=self
        )
        self.store.outbox_changed.connect(self.stock.poll_status)

    @property
    def has_health(self) -> bool:
        return self.reports.checks is not None

    def handle_scan(self, route: ScanRoute) -> None:
        """Do what :func:`route_scan` decided (badges are the session's business)."""
        if route.action is ScanAction.MARK_PAID:
            self.store.mark_paid(route.value)
        elif route.action is ScanAction.NOT_A_SHOE:
            self.stock.receiving_message.emit(msg(m.NOT_A_SHOE, code=route.value))
        elif route.action is ScanAction.SHOW_STYLE:
            self.stock.show_style(route.value)
        elif route.action in (ScanAction.RECEIVE, ScanAction.COUNT):
            self.section_wanted.emit(Section.RECEIVING)
            if route.action is ScanAction.COUNT:
                self.stock.ask_count(route.value)
            else:
                self.stock.receive(route.value)

    def refresh(self, section: Section) -> None:
        """Reload what a section shows when staff open it."""
        if section is Section.FETCH:
            self.store.refresh_fetch_queue()
        elif section is Section.ORDERS:
            self.store.refresh_orders()
        elif section is Section.HEALTH:
            self.reports.run_health_checks()
