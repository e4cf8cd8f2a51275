"""One staff visit to the admin screen: PIN check, who is signed in, idle logout, teardown.

A QObject without widgets. The PIN is checked on a worker (scrypt is slow); the answer
comes back as a signal for the PIN pad. Inactivity is watched by the shopper side's
:class:`kiosk.idle.IdleWatcher` with no "Still there?" countdown: after
``idle_timeout_s`` without a touch or a scan the visit simply ends.

Logout (and a quit) are audited on a worker; the audit queue and the PIN gate's files are
released by whichever of :meth:`AdminSession.shutdown` and that worker finishes last, so
the logout event is never lost to a closed database.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from kiosk.admin.audit import AuditTrail
from kiosk.admin.pin import CheckOutcome, PinGate, PinResult
from kiosk.idle import IdleWatcher

if TYPE_CHECKING:
    from kiosk.workers import TaskRunner

__all__ = ["ANONYMOUS", "AdminSession"]

log = logging.getLogger(__name__)

ANONYMOUS = "anonymous"
"""The actor of audit events before anyone signed in."""


class AdminSession(QObject):
    """PIN, idle and teardown of one admin visit.

    Signals:
        signed_in(name): the PIN was right; ``staff_id`` and ``staff_name`` are set.
        pin_wrong(failures_left): wrong PIN or unknown staff member.
        pin_locked(seconds): too many wrong PINs; entry is locked this long.
        pin_unchecked(): the PIN could not be checked (the gate's file failed).
        ended(): the visit is over (Exit, Back, idle or Quit); emitted once.
    """

    signed_in = Signal(str)
    pin_wrong = Signal(int)
    pin_locked = Signal(float)
    pin_unchecked = Signal()
    ended = Signal()

    def __init__(
        self,
        gate: PinGate,
        audit: AuditTrail,
        runner: TaskRunner,
        *,
        idle_timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
        idle_timer: QTimer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self.audit = audit
        self._runner = runner
        self.staff_id: str | None = None
        self.staff_name = ""
        self._ended = False
        self._quitting = False
        self._teardown = threading.Lock()
        self._logout_recorded = False
        self._release_requested = False
        self.idle = IdleWatcher(idle_timeout_s, 0.0, clock=clock, timer=idle_timer, parent=self)
        self.idle.expired.connect(self._idle_logout)

    @property
    def logged_in(self) -> bool:
        return self.staff_id is not None

    @property
    def ended_already(self) -> bool:
        return self._ended

    def actor(self) -> str:
        """Who the audit trail names for the next action."""
        return self.staff_id or ANONYMOUS

    def start(self) -> None:
        """Begin watching for inactivity (touches anywhere in the app, and :meth:`poke`)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.set_enabled(True)

    @Slot()
    def poke(self) -> None:
        """Staff did something that is not an input event (a scan)."""
        self.idle.poke()

    def locked_for(self) -> float:
        return self.gate.locked_for()

    # -- PIN ------------------------------------------------------------------------------

    def check_pin(self, staff_id: str, pin: str) -> None:
        """Check on a worker; one of the ``signed_in`` / ``pin_*`` signals answers."""
        self._runner.submit(
            "admin.login",
            lambda: self.gate.check(staff_id, pin),
            self._pin_checked,
            self._pin_check_failed,
        )

    def _pin_checked(self, outcome: CheckOutcome) -> None:
        if self._ended:
            return
        if outcome.result == PinResult.LOCKED and outcome.while_locked:
            # Every failure is audited, also an attempt the lock kept from being checked.
            left = f"entry locked, {outcome.locked_for_s:.0f} s left; PIN not checked"
            self.audit_async(ANONYMOUS, "admin.login_failed", left)
            self.pin_locked.emit(outcome.locked_for_s)
        elif outcome.result == PinResult.LOCKED:
            locked = f"for {outcome.locked_for_s:.0f} s"
            self._runner.run_detached(  # one job: the failure is recorded before the lock
                lambda: (
                    self.audit.record(
                        ANONYMOUS, "admin.login_failed", "wrong PIN or unknown staff"
                    ),
                    self.audit.record(ANONYMOUS, "admin.locked", locked),
                )
            )
            self.pin_locked.emit(outcome.locked_for_s)
        elif outcome.result == PinResult.WRONG:
            self.audit_async(ANONYMOUS, "admin.login_failed", "wrong PIN or unknown staff")
            self.pin_wrong.emit(outcome.failures_left)
        elif outcome.staff is not None:
            self.staff_id = outcome.staff.staff_id
            self.staff_name = outcome.staff.name
            self.audit_async(self.staff_id, "admin.login", "")
            self.signed_in.emit(self.staff_name)

    def _pin_check_failed(self, exc: Exception) -> None:
        log.warning("admin PIN could not be checked: %s", type(exc).__name__)
        self.audit_async(ANONYMOUS, "admin.login_failed", f"not checked: {type(exc).__name__}")
        if not self._ended:
            self.pin_unchecked.emit()

    # -- ending -------------------------------------------------------------------------

    @Slot()
    def end(self) -> None:
        """End the visit (Exit, Back, idle); audited; ``ended`` once."""
        if self._ended:
            return
        self._ended = True
        actor, quitting = self.staff_id, self._quitting
        self._runner.run_detached(lambda: self._record_logout(actor, quitting=quitting))
        self.staff_id = None
        self.idle.set_enabled(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.ended.emit()

    def end_for_quit(self) -> None:
        """End the visit because staff confirmed "Quit kiosk" (audited as such)."""
        self._quitting = True
        self.end()

    @Slot()
    def _idle_logout(self) -> None:
        log.info("admin session ended after %.0f s without input", self.idle.idle_timeout_s)
        self.end()

    def shutdown(self) -> None:
        """Release files after ``ended`` (the owner calls this when it drops the screen)."""
        self.end()
        with self._teardown:
            self._release_requested = True
            if self._logout_recorded:
                self._release()

    def audit_async(self, actor: str, action: str, detail: str) -> None:
        """Record a device-only event on a worker (never blocks the GUI thread)."""
        self._runner.run_detached(lambda: self.audit.record(actor, action, detail))

    def _record_logout(self, actor: str | None, *, quitting: bool) -> None:
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
