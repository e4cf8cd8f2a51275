""" "Bring it to me": ask staff for a size on the shop floor and follow the ticket live."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from inventory_client.models import FetchRequest, FetchStatus
from kiosk.flows._base import Flow
from kiosk.flows.backend import JourneyBackend
from kiosk.journey.outcomes import shopper_message, was_queued
from kiosk.journey.phases import FetchPhase
from kiosk.workers import TaskRunner

__all__ = ["FETCH_POLL_MS", "FetchFlow"]

log = logging.getLogger(__name__)

FETCH_POLL_MS = 3000
"""How often an open ticket asks the service for news (the live status on the screen)."""

CREATE = "fetch"
POLL = "fetch_poll"
CANCEL = "fetch_cancel"

_PHASE_OF_STATUS = {
    FetchStatus.OPEN: FetchPhase.OPEN,
    FetchStatus.CLAIMED: FetchPhase.CLAIMED,
    FetchStatus.DONE: FetchPhase.DONE,
    FetchStatus.CANCELLED: FetchPhase.CANCELLED,
}


class FetchFlow(Flow):
    """One "Bring it to me" offer at a time: create the request once, poll, cancel.

    Signals:
        changed(phase, ticket, message): a :class:`FetchPhase` value, the ticket number
            (0 before there is one) and a message for the shopper (may be empty).
    """

    changed = Signal(str, int, str)

    def __init__(
        self,
        runner: TaskRunner,
        backend: JourneyBackend | None,
        *,
        on_screen: Callable[[], bool],
        poll_timer: QTimer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(runner, backend, on_screen=on_screen, parent=parent)
        self._request: FetchRequest | None = None
        self._phase = FetchPhase.OFFER
        self._key = ""
        self._poll = poll_timer if poll_timer is not None else QTimer(self)
        if poll_timer is None:
            self._poll.setInterval(FETCH_POLL_MS)
        self._poll.timeout.connect(self._poll_now)

    @property
    def request(self) -> FetchRequest | None:
        return self._request

    @property
    def phase(self) -> FetchPhase:
        return self._phase

    def offer(self) -> None:
        """A size in this store was chosen: a fresh offer with its own idempotency key."""
        self._request = None
        self._key = uuid.uuid4().hex
        self._set(FetchPhase.OFFER)

    def request_for(self, gtin: str) -> None:
        """ "Bring it to me": ask staff for ``gtin`` (once per offer; a retry after a failure
        reuses the offer's key, so staff never get the same request twice)."""
        backend, key = self._backend, self._key
        if backend is None or self._phase not in (FetchPhase.OFFER, FetchPhase.FAILED):
            return  # no service, a double tap, or already asked
        self._set(FetchPhase.REQUESTING)
        self._runner.submit(
            CREATE,
            lambda: backend.create_fetch_request(gtin, idempotency_key=key),
            self._answered,
            self._create_failed,
        )

    def cancel(self) -> None:
        """The shopper no longer wants the pair brought."""
        request, backend = self._request, self._backend
        if backend is None or request is None:
            return
        if self._phase not in (FetchPhase.OPEN, FetchPhase.CLAIMED):
            return
        self._poll.stop()
        self._runner.cancel(POLL)
        self._runner.submit(
            CANCEL,
            lambda: backend.cancel_fetch_request(request.id),
            self._answered,
            self._cancel_failed,
        )

    def give_up(self) -> None:
        """Cancel an open ticket without waiting for the answer (the shopper starts over)."""
        request, backend = self._request, self._backend
        if backend is None or request is None:
            return
        if self._phase in (FetchPhase.OPEN, FetchPhase.CLAIMED):
            self._runner.run_detached(lambda: backend.cancel_fetch_request(request.id))

    def stop(self) -> None:
        """The fetch screen closes: stop following the ticket. The request stays with staff."""
        self._poll.stop()
        for channel in (CREATE, POLL, CANCEL):
            self._runner.cancel(channel)

    def reset(self) -> None:
        """Forget the offer (a new scan, start over)."""
        self.stop()
        self._request = None
        self._phase = FetchPhase.OFFER

    # --- answers -----------------------------------------------------------------------

    @Slot()
    def _poll_now(self) -> None:
        request, backend = self._request, self._backend
        if not self._on_screen() or request is None or backend is None:
            self._poll.stop()
            return
        if self._runner.is_pending(POLL):
            return  # the last poll has not answered yet
        self._runner.submit(
            POLL,
            lambda: backend.get_fetch_request(request.id),
            self._answered,
            self._poll_failed,
        )

    def _answered(self, request: FetchRequest) -> None:
        if not self._on_screen():
            return
        self._request = request
        phase = _PHASE_OF_STATUS[request.status]
        if phase in (FetchPhase.OPEN, FetchPhase.CLAIMED):
            self._poll.start()
        else:
            self._poll.stop()
        if phase is not self._phase:
            self._set(phase)

    def _create_failed(self, error: Exception) -> None:
        if not self._on_screen():
            return
        log.warning("%s failed: %s", CREATE, type(error).__name__)
        queued = was_queued(error)
        self._set(FetchPhase.QUEUED if queued else FetchPhase.FAILED, shopper_message(error))

    def _cancel_failed(self, error: Exception) -> None:
        if not self._on_screen():
            return
        log.warning("%s failed: %s", CANCEL, type(error).__name__)
        self._poll.start()  # the cancel did not go through: the request still stands
        self._set(self._phase, shopper_message(error))

    def _poll_failed(self, error: Exception) -> None:
        # keep showing the last known status; the next poll may work
        if self._on_screen():
            log.warning("%s failed: %s", POLL, type(error).__name__)

    def _set(self, phase: FetchPhase, message: str = "") -> None:
        self._phase = phase
        ticket = self._request.ticket if self._request is not None else 0
        self.changed.emit(phase.value, ticket, message)
