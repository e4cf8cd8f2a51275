"""The fetch queue's and the order list's actions: claim, done, mark paid, cancel, retry.

A QObject without widgets, like :class:`~kiosk.admin.stock_actions.StockActions`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from inventory_client import NotFound, StaffClient
from inventory_client.models import FetchStatus, Order, OrderStatus
from kiosk.admin import messages as m
from kiosk.admin.rows import FetchRow, OrderRow, fetch_rows, order_rows
from kiosk.admin.text import Msg, error_msg, msg

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.audit import AuditTrail
    from kiosk.admin.tasks import AdminTasks

__all__ = ["StoreActions"]


class StoreActions(QObject):
    """Signals:
    fetch_rows_ready(list[FetchRow]), fetch_message(Msg): the fetch queue and its status.
    order_rows_ready(list[OrderRow]), orders_message(Msg): the order list and its status.
    outbox_changed(): queued orders were sent again (the header's backlog changed).
    """

    fetch_rows_ready = Signal(list)
    fetch_message = Signal(object)
    order_rows_ready = Signal(list)
    orders_message = Signal(object)
    outbox_changed = Signal()

    def __init__(
        self,
        client: InventoryClient,
        staff: StaffClient,
        audit: AuditTrail,
        tasks: AdminTasks,
        *,
        now: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.staff = staff
        self.audit = audit
        self._tasks = tasks
        self._now = now

    # -- fetch queue --------------------------------------------------------------------

    @Slot()
    def refresh_fetch_queue(self) -> None:
        if self._tasks.is_pending("fetch"):
            return  # the previous poll is still out; do not pile up

        def job() -> list[FetchRow]:
            return fetch_rows(self.staff.fetch_requests(), self._now())

        self._tasks.submit(
            "fetch", job, self.fetch_rows_ready.emit, self._tasks.reporter(self.fetch_message.emit)
        )

    @Slot(str)
    def claim_fetch(self, request_id: str) -> None:
        self.update_fetch(request_id, FetchStatus.CLAIMED)

    @Slot(str)
    def finish_fetch(self, request_id: str) -> None:
        self.update_fetch(request_id, FetchStatus.DONE)

    def update_fetch(self, request_id: str, status: FetchStatus) -> None:
        actor = self._tasks.actor()

        def reload() -> None:
            self._tasks.cancel("fetch")
            self.refresh_fetch_queue()

        def failed(exc: Exception) -> None:
            self.fetch_message.emit(msg(m.NOT_CHANGED, error=error_msg(exc)))
            reload()

        self._tasks.submit(
            self._tasks.unique("fetch.update"),
            lambda: self.staff.update_fetch_request(request_id, status, actor=actor),
            lambda _request: reload(),
            failed,
        )

    # -- orders -------------------------------------------------------------------------

    @Slot()
    def refresh_orders(self) -> None:
        def job() -> list[OrderRow]:
            return order_rows(self.staff.orders(), self.client.outbox.entries())

        self._tasks.submit(
            "orders",
            job,
            self.order_rows_ready.emit,
            self._tasks.reporter(self.orders_message.emit),
        )

    def mark_paid(self, number: str) -> None:
        actor = self._tasks.actor()

        def job() -> Order:
            order = self.staff.order_by_code(number)  # a number or a kiosk reference
            return self.staff.set_order_status(
                order.id, OrderStatus.PAID, "paid at the counter", actor=actor
            )

        def paid(order: Order) -> None:
            self.orders_message.emit(msg(m.ORDER_PAID, number=order.number))
            self.refresh_orders()

        def failed(exc: Exception) -> None:
            if isinstance(exc, NotFound):
                self.orders_message.emit(msg(m.NO_SUCH_ORDER, number=number))
            else:
                self.orders_message.emit(msg(m.NOT_PAID, error=error_msg(exc)))
            self.refresh_orders()

        self.orders_message.emit(msg(m.MARKING_PAID, number=number))
        self._tasks.submit(self._tasks.unique("order.paid"), job, paid, failed)

    @Slot(str, str)
    def cancel_order(self, order_id: str, reason: str) -> None:
        actor = self._tasks.actor()

        def cancelled(order: Order) -> None:
            self.orders_message.emit(msg(m.CANCELLED, number=order.number))
            self.refresh_orders()

        def failed(exc: Exception) -> None:
            self.orders_message.emit(msg(m.NOT_CANCELLED, error=error_msg(exc)))
            self.refresh_orders()

        self._tasks.submit(
            self._tasks.unique("order.cancel"),
            lambda: self.staff.set_order_status(
                order_id, OrderStatus.CANCELLED, reason, actor=actor
            ),
            cancelled,
            failed,
        )

    @Slot()
    def retry_orders(self) -> None:
        actor = self._tasks.actor()

        def job() -> int:
            sent = self.client.flush_outbox()
            self.audit.record(actor, "outbox.retry", f"acknowledged={sent}")
            return sent

        def finished(shown: Msg) -> None:
            self.orders_message.emit(shown)
            self.refresh_orders()
            self.outbox_changed.emit()

        self._tasks.submit(
            "order.retry",
            job,
            lambda sent: finished(msg(m.RETRY_SENT, count=sent)),
            lambda exc: finished(msg(m.RETRY_FAILED, error=error_msg(exc))),
        )
