"""Orders the kiosk accepted while offline that the service later refused: staff must act.

The inventory client reports each one through ``notify_unfulfillable`` on the outbox
sender's thread. :class:`RefusedOrders` logs it (the order's reference and the reason,
nothing personal) and hands it to the GUI thread by a queued signal, where the window
shows a calm staff notice. A QObject without widgets, created on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.journey.order import reference_for

if TYPE_CHECKING:
    from inventory_client import UnfulfillableOrder

log = logging.getLogger(__name__)


class RefusedOrders(QObject):
    """Collects refused offline orders for staff until they look at them.

    Signals:
        refused(reference, reason): one more order needs staff (always on this object's
            thread, whichever thread called :meth:`deliver`).
        count_changed(count): how many are waiting for staff.
    """

    refused = Signal(str, str)
    count_changed = Signal(int)
    _arrived = Signal(str, str)  # emitted on any thread; queued to this object's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._references: list[str] = []
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    @property
    def references(self) -> list[str]:
        """The waiting orders' references (as on the shopper's receipt), oldest first."""
        return list(self._references)

    def deliver(self, notice: UnfulfillableOrder) -> None:
        """The client's ``notify_unfulfillable`` callback; safe on any thread.

        Keeps nothing personal: ``notice.email`` is neither logged nor kept (the client
        deletes it once this returns)."""
        reference = reference_for(notice.idempotency_key)
        log.warning(
            "order %s was accepted offline but refused by the service (%s); "
            "staff must contact the shopper (see admin)",
            reference,
            notice.reason,
        )
        self._arrived.emit(reference, notice.reason)

    @Slot()
    def acknowledge(self) -> None:
        """Staff have seen them (the admin lists refused orders)."""
        if self._references:
            self._references.clear()
            self.count_changed.emit(0)

    @Slot(str, str)
    def _on_arrived(self, reference: str, reason: str) -> None:
        if reference not in self._references:
            self._references.append(reference)
        self.refused.emit(reference, reason)
        self.count_changed.emit(len(self._references))
