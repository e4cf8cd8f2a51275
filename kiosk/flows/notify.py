""" "Email me when it's back": a back-in-stock request for a sold-out size."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Signal

from kiosk.flows._base import Flow
from kiosk.journey.back_in_stock import check_email
from kiosk.journey.outcomes import shopper_message, was_queued
from kiosk.journey.phases import NotifyPhase

__all__ = ["NotifyFlow"]

log = logging.getLogger(__name__)

CHANNEL = "notify"


class NotifyFlow(Flow):
    """Checks the address, sends the request once per visit of the sold-out screen.

    The address is held only by the call on the worker thread (and the client's outbox
    until the service has it), never by the flow.

    Signals:
        changed(phase, message): a :class:`NotifyPhase` value and a message for the
            shopper (an English source text; may be empty).
    """

    changed = Signal(str, str)

    _phase: NotifyPhase = NotifyPhase.READY
    _key: str = ""

    @property
    def phase(self) -> NotifyPhase:
        return self._phase

    def open(self) -> None:
        """The sold-out screen opens: a fresh request id for this visit."""
        self._key = uuid.uuid4().hex
        self._set(NotifyPhase.READY)

    def send(self, gtin: str, email: str, language: str) -> bool:
        """Check ``email`` and send the request; True when it went to the worker."""
        backend, key = self._backend, self._key
        if backend is None:
            return False
        if self._phase not in (NotifyPhase.READY, NotifyPhase.INVALID, NotifyPhase.FAILED):
            return False  # a double tap, or already sent
        check = check_email(email)
        if check.email is None:
            self._set(NotifyPhase.INVALID, check.error or "")
            return False
        address = check.email
        self._set(NotifyPhase.SENDING)
        self._runner.submit(
            CHANNEL,
            lambda: backend.request_back_in_stock(gtin, address, language, request_id=key),
            self._answered,
            self._failed,
        )
        return True

    def close(self) -> None:
        """Leave the sold-out screen (the window wipes the typed address from it). A
        request already handed to the client carries on: it is in the outbox."""
        self._runner.cancel(CHANNEL)
        self._key = ""
        self._phase = NotifyPhase.READY

    # --- answers -----------------------------------------------------------------------

    def _answered(self, _result: object) -> None:
        if self._on_screen():
            self._set(NotifyPhase.DONE)

    def _failed(self, error: Exception) -> None:
        if not self._on_screen():
            return
        if was_queued(error):
            log.info("back-in-stock request saved in the outbox; it will be sent later")
            self._set(NotifyPhase.QUEUED)
            return
        log.warning("back-in-stock request failed: %s", type(error).__name__)
        self._set(NotifyPhase.FAILED, shopper_message(error))

    def _set(self, phase: NotifyPhase, message: str = "") -> None:
        self._phase = phase
        self.changed.emit(phase.value, message)
