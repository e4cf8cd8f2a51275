"""The kiosk's heartbeat: its health, sent to the service every interval for staff and IT.

:class:`HeartbeatReporter` is a plain ``QObject``. A ``QTimer`` on the GUI thread gathers
what only the GUI thread knows (version, uptime, whether the camera delivers, when the last
code was scanned); the outbox is counted and the ``POST /v1/kiosks/heartbeat`` sent on a
worker of the kiosk's :class:`~kiosk.workers.TaskRunner`, so a slow or absent service never
freezes the screen. A failed heartbeat is logged once when sending starts failing (and
once when it recovers), never raised: the next tick simply tries again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from inventory_client.models import Heartbeat, KioskHealth
from kiosk import app_version

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.workers import TaskRunner

__all__ = ["CHANNEL", "HeartbeatReporter"]

log = logging.getLogger(__name__)

CHANNEL = "heartbeat"
"""The :class:`TaskRunner` channel the reporter sends on."""


class HeartbeatReporter(QObject):
    """Sends a :class:`Heartbeat` every ``interval_s`` seconds while started.

    Feed it the scanner's ``camera_state`` (:meth:`set_camera_state`) and every scanned
    code (:meth:`note_scan`). A kiosk without a camera (``has_camera=False``) reports the
    camera as ok: there is nothing to fail.

    Signals:
        sent(KioskHealth): the service stored a heartbeat; its view of this kiosk.
        failed(str): a heartbeat did not get through (the error's class name).
    """

    sent = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        client: InventoryClient,
        runner: TaskRunner,
        *,
        kiosk_id: str,
        interval_s: float = 60.0,
        has_camera: bool = True,
        version: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._kiosk_id = kiosk_id
        self._version = (version or app_version())[:40]
        self._monotonic = monotonic
        self._now = now
        self._started_at = monotonic()
        self._camera_ok = not has_camera
        self._last_scan_at: datetime | None = None
        self._failing: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(interval_s * 1000)))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.send_now)

    # --- inputs ------------------------------------------------------------------------

    @Slot(str)
    def set_camera_state(self, state: str) -> None:
        """The scanner's ``camera_state``: ``"ok"`` or ``"unavailable"``."""
        self._camera_ok = state == "ok"

    @Slot(str)
    def note_scan(self, _code: str = "") -> None:
        """A code was scanned (camera or USB scanner); the code itself is not kept."""
        self._last_scan_at = self._now()

    # --- sending -----------------------------------------------------------------------

    def start(self) -> None:
        """Send one heartbeat now (the kiosk is up), then one every interval."""
        self._timer.start()
        self.send_now()

    def stop(self) -> None:
        self._timer.stop()
        self._runner.cancel(CHANNEL)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def heartbeat(self, outbox_backlog: int) -> Heartbeat:
        """The heartbeat as of now (the backlog is counted by the caller, off the GUI)."""
        return Heartbeat(
            kiosk_id=self._kiosk_id,
            version=self._version,
            uptime_s=max(0.0, self._monotonic() - self._started_at),
            camera_ok=self._camera_ok,
            last_scan_at=self._last_scan_at,
            outbox_backlog=outbox_backlog,
            at=self._now(),
        )

    @Slot()
    def send_now(self) -> None:
        """Gather on the GUI thread, count and send on a worker. Never blocks, never raises."""
        if self._runner.is_pending(CHANNEL):
            return  # the previous one is still out (slow service): do not pile up
        snapshot = self.heartbeat(0)
        client = self._client

        def job() -> KioskHealth:
            backlog = client.outbox.count()
            beat = snapshot.model_copy(update={"outbox_backlog": backlog})
            return client.send_heartbeat(beat)

        try:
            self._runner.submit(CHANNEL, job, self._on_sent, self._on_failed)
        except RuntimeError:  # the runner is shut down: the kiosk is closing
            self._timer.stop()

    def _on_sent(self, result: KioskHealth) -> None:
        if self._failing is not None:
            log.info("heartbeat sent again after failures (%s)", self._failing)
            self._failing = None
        self.sent.emit(result)

    def _on_failed(self, error: Exception) -> None:
        kind = type(error).__name__
        if kind != self._failing:
            log.warning("heartbeat not sent: %s: %s", kind, _first_line(error))
            self._failing = kind
        self.failed.emit(kind)


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else ""
