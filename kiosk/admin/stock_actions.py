"""Receiving, counting and the Stock view's actions, and the header's status poll.

A QObject without widgets: each action runs its blocking calls on a worker through
:class:`~kiosk.admin.tasks.AdminTasks` and reports through signals (data for the views,
:class:`~kiosk.admin.text.Msg` status lines that follow a language switch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from inventory_client import Unavailable
from inventory_client.models import AdjustmentKind, SizeRun, StockAdjustment, StyleSummary
from kiosk.admin import messages as m
from kiosk.admin.receiving import ReceivedScan, ReceivingTally
from kiosk.admin.text import Msg, error_msg, msg

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.audit import AuditTrail
    from kiosk.admin.tasks import AdminTasks

__all__ = ["SEARCH_LIMIT", "BackendStatus", "StockActions"]

SEARCH_LIMIT = 50
"""Styles shown for one stock search."""

BackendStatus = tuple[str, int, int]
"""Connectivity state, orders waiting in the outbox, audit events not yet at the service."""


class StockActions(QObject):
    """Receive (+1 a scan, undo), count, search, show a style, step ±1; poll the status.

    Signals:
        receiving_message(Msg): the receiving view's big line.
        tally_changed(list[TallyLine], int, Msg): the tally, its total and the big line.
        count_asked(str, Msg, object): counting mode: GTIN, what it is, the count on hand
            (an int, or None when unknown).
        stock_found(list[StyleSummary]): search results.
        size_run_ready(SizeRun): the size grid of the chosen style.
        stock_message(Msg): the Stock view's status line.
        status_ready(str, int, int): connectivity, outbox and audit backlogs.
        status_failed(): the status could not be read.
    """

    receiving_message = Signal(object)
    tally_changed = Signal(list, int, object)
    count_asked = Signal(str, object, object)
    stock_found = Signal(list)
    size_run_ready = Signal(object)
    stock_message = Signal(object)
    status_ready = Signal(str, int, int)
    status_failed = Signal()

    def __init__(
        self,
        client: InventoryClient,
        audit: AuditTrail,
        tasks: AdminTasks,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.audit = audit
        self.tally = ReceivingTally()
        self._tasks = tasks
        self._style_gtin: str | None = None

    def _describe_gtin(self, gtin: str) -> tuple[str, str]:
        """Worker: product and size for the tally; the GTIN itself when the catalogue is
        out of reach. An unknown GTIN raises ``NotFound`` (never added to stock)."""
        try:
            detail = self.client.lookup(gtin)
        except Unavailable:
            return gtin, "?"
        return f"{detail.style.brand} {detail.style.name}", detail.variant.size_eu

    # -- receiving and counting ---------------------------------------------------------

    def receive(self, gtin: str) -> None:
        """Add one pair of ``gtin`` to this store (receive +1 under a fresh key)."""
        actor = self._tasks.actor()

        def job() -> tuple[ReceivedScan, bool]:
            product, size = self._describe_gtin(gtin)
            scan = ReceivedScan(gtin, product, size)
            result = self.client.staff().adjust_stock(
                gtin,
                AdjustmentKind.RECEIVE,
                1,
                actor=actor,
                reason="receiving",
                idempotency_key=scan.idempotency_key,
            )
            return scan, result is None

        self.receiving_message.emit(msg(m.ADDING, gtin=gtin))
        self._tasks.submit(
            self._tasks.unique("receive"),
            job,
            self._received,
            lambda exc: self.receiving_message.emit(msg(m.NOT_ADDED, error=error_msg(exc))),
        )

    def _received(self, result: tuple[ReceivedScan, bool]) -> None:
        scan, queued = result
        line = self.tally.add(scan)
        text = m.ADDED_QUEUED if queued else m.ADDED
        shown = msg(text, product=line.product, size=line.size, count=line.count)
        self.tally_changed.emit(self.tally.lines(), self.tally.total, shown)
        self.poll_status()

    @Slot()
    def undo_last_receive(self) -> None:
        scan = self.tally.undo_last()
        if scan is None:
            return
        actor = self._tasks.actor()

        def job() -> ReceivedScan:
            self.client.staff().adjust_stock(
                scan.gtin, AdjustmentKind.RECEIVE, -1, actor=actor, reason="undo receiving"
            )
            return scan

        undoing = msg(m.UNDOING, product=scan.product, size=scan.size)
        self.tally_changed.emit(self.tally.lines(), self.tally.total, undoing)
        self._tasks.submit(
            self._tasks.unique("undo"),
            job,
            lambda done: self.tally_changed.emit(
                self.tally.lines(),
                self.tally.total,
                msg(m.UNDONE, product=done.product, size=done.size),
            ),
            lambda exc: self.receiving_message.emit(msg(m.UNDO_FAILED, error=error_msg(exc))),
        )

    def ask_count(self, gtin: str) -> None:
        """Counting mode: look up what was scanned and how many the store has now."""

        def job() -> tuple[str, Msg, int | None]:
            product, size = self._describe_gtin(gtin)
            current = None
            try:
                run = self.client.size_run(self.client.lookup(gtin))
                current = next((s.in_store for s in run.sizes if s.variant.gtin == gtin), None)
            except Unavailable:
                pass
            return gtin, msg(m.COUNT_LABEL, product=product, size=size), current

        self._tasks.submit(
            "count.ask",
            job,
            lambda asked: self.count_asked.emit(*asked),
            lambda exc: self.receiving_message.emit(error_msg(exc)),
        )

    @Slot(str, int)
    def set_count(self, gtin: str, quantity: int) -> None:
        actor = self._tasks.actor()

        def job() -> bool:
            result = self.client.staff().adjust_stock(
                gtin, AdjustmentKind.SET_COUNT, quantity, actor=actor, reason="counting"
            )
            return result is None

        self._tasks.submit(
            self._tasks.unique("count"),
            job,
            lambda queued: self.receiving_message.emit(
                msg(m.COUNT_QUEUED if queued else m.COUNT_SAVED, gtin=gtin, quantity=quantity)
            ),
            lambda exc: self.receiving_message.emit(msg(m.COUNT_NOT_SAVED, error=error_msg(exc))),
        )

    # -- stock --------------------------------------------------------------------------

    @Slot(str)
    def search(self, text: str) -> None:
        self.stock_message.emit(msg(m.SEARCHING))

        def found(styles: list[StyleSummary]) -> None:
            self.stock_found.emit(styles)

        self._tasks.submit(
            "search",
            lambda: self.client.search_catalogue(text, limit=SEARCH_LIMIT),
            found,
            self._tasks.reporter(self.stock_message.emit),
        )

    @Slot(str)
    def show_style(self, gtin: str) -> None:
        self._style_gtin = gtin

        def job() -> SizeRun:
            return self.client.size_run(self.client.lookup(gtin))

        self._tasks.submit(
            "style", job, self.size_run_ready.emit, self._tasks.reporter(self.stock_message.emit)
        )

    @Slot(str, int)
    def step_stock(self, gtin: str, delta: int) -> None:
        actor = self._tasks.actor()

        def job() -> StockAdjustment | None:
            return self.client.staff().adjust_stock(
                gtin, AdjustmentKind.RECEIVE, delta, actor=actor, reason="stock view"
            )

        def done(level: StockAdjustment | None) -> None:
            if level is None:
                self.stock_message.emit(msg(m.STEP_QUEUED, gtin=gtin, delta=f"{delta:+d}"))
            else:
                self.stock_message.emit(msg(m.STEP_DONE, gtin=gtin, on_hand=level.on_hand))
            self.show_style(self._style_gtin or gtin)

        self._tasks.submit(
            self._tasks.unique("step"),
            job,
            done,
            lambda exc: self.stock_message.emit(msg(m.NOT_CHANGED, error=error_msg(exc))),
        )

    # -- status ---------------------------------------------------------------------------

    @Slot()
    def poll_status(self) -> None:
        if self._tasks.is_pending("status"):
            return

        def job() -> BackendStatus:
            state = getattr(self.client, "connectivity", None)
            return (
                str(state) if state is not None else "unknown",
                self.client.outbox.count(),
                self.audit.pending_count(),
            )

        self._tasks.submit(
            "status",
            job,
            lambda status: self.status_ready.emit(*status),
            lambda _exc: self.status_failed.emit(),
        )
