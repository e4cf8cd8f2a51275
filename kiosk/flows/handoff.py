""" "Continue on your phone": ask the service for a hand-off, show its link, watch it.

The flow runs every call on the shared :class:`~kiosk.workers.TaskRunner` (the GUI thread
never waits on the network). While a code is on screen it asks the service every
``poll_ms`` how far the phone got (one small GET, no personal data in the answer); when
the phone opened the link the kiosk has nothing left to do for this shopper: ``continued``
fires and the window says "Continued on your phone", then goes back to attract.

Nothing the shopper types on the phone ever reaches the kiosk.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from inventory_client.handoff import HandoffStage, HandoffState, HandoffTicket, handoff_link
from kiosk.workers import TaskRunner

__all__ = ["HANDOFF_POLL_MS", "HandoffBackend", "HandoffFlow"]

log = logging.getLogger(__name__)

HANDOFF_POLL_MS = 2000
CHANNEL = "handoff"
POLL_CHANNEL = "handoff.poll"


class HandoffBackend(Protocol):
    """The client calls the flow makes (``InventoryClient.phone`` has them)."""

    def start(self, gtin: str, language: str) -> HandoffTicket: ...
    def state(self, handoff_id: str) -> HandoffState: ...


class HandoffFlow(QObject):
    """One hand-off at a time.

    Signals:
        link_ready(str): the URL for the QR code.
        unavailable(): the service could not make one (the shopper carries on here).
        continued(): the phone opened the link: this kiosk's shopper went on there.
        expired(): nobody opened it in time (the code is taken down).
    """

    link_ready = Signal(str)
    unavailable = Signal()
    continued = Signal()
    expired = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        backend: HandoffBackend,
        public_url: str,
        *,
        poll_timer: QTimer | None = None,
        poll_ms: int = HANDOFF_POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._backend = backend
        self._public_url = public_url
        self._handoff_id: str | None = None
        self._poll = poll_timer or QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._ask_state)

    @property
    def active(self) -> bool:
        """A hand-off is being made or its code is on screen."""
        return self._handoff_id is not None or self._runner.is_pending(CHANNEL)

    def start(self, gtin: str, language: str) -> None:
        """Make a hand-off for the shoe with ``gtin``; the link arrives as ``link_ready``."""
        self.stop()
        backend = self._backend
        self._runner.submit(
            CHANNEL,
            lambda: backend.start(gtin, language),
            lambda ticket: self._made(ticket, language),
            self._failed,
        )

    def stop(self) -> None:
        """The shopper left the screen (or the kiosk reset): stop watching."""
        self._runner.cancel(CHANNEL)
        self._runner.cancel(POLL_CHANNEL)
        self._poll.stop()
        self._handoff_id = None

    # --- answers ---------------------------------------------------------------------------

    def _made(self, ticket: HandoffTicket, language: str) -> None:
        self._handoff_id = ticket.id
        self._poll.start()
        self.link_ready.emit(handoff_link(self._public_url, ticket.token, language))

    def _failed(self, error: Exception) -> None:
        log.warning("phone hand-off not available: %s", type(error).__name__)
        self.unavailable.emit()

    def _ask_state(self) -> None:
        handoff_id, backend = self._handoff_id, self._backend
        if handoff_id is None or self._runner.is_pending(POLL_CHANNEL):
            return
        self._runner.submit(
            POLL_CHANNEL, lambda: backend.state(handoff_id), self._got_state, self._poll_failed
        )

    def _got_state(self, state: HandoffState) -> None:
        if state.id != self._handoff_id:
            return
        if state.stage in (HandoffStage.OPENED, HandoffStage.ORDERED):
            log.info("shopper continued on the phone")
            self.stop()
            self.continued.emit()
        elif state.stage == HandoffStage.EXPIRED:
            self.stop()
            self.expired.emit()

    def _poll_failed(self, error: Exception) -> None:
        log.info("hand-off state not known yet: %s", type(error).__name__)
