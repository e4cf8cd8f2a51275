"""Tell systemd how the kiosk is doing: READY, STATUS, STOPPING and watchdog pings.

A dependency-free implementation of the sd_notify protocol: one datagram on the AF_UNIX
socket named by ``$NOTIFY_SOCKET`` (a leading ``@`` means Linux's abstract namespace).
Outside systemd every call is a cheap no-op that returns False.

The watchdog: the unit sets ``WatchdogSec=30``; systemd kills and restarts the kiosk when
no ``WATCHDOG=1`` arrives for that long. :class:`Watchdog` sends the pings from a
``QTimer`` on the GUI thread, so they stop as soon as the event loop stalls (a deadlock, a
blocking call on the GUI thread) — a frozen screen is restarted, a busy one is not.

The kiosk runs inside cage (``ExecStart=cage -- python -m kiosk run``), so systemd's main
process is cage and ``WATCHDOG_PID`` names cage, our parent. The unit therefore sets
``NotifyAccess=all``, and :func:`watchdog_interval` accepts a ``WATCHDOG_PID`` naming this
process or its parent.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

__all__ = [
    "Watchdog",
    "notify",
    "ready",
    "status",
    "stopping",
    "watchdog_interval",
    "watchdog_ping",
]

log = logging.getLogger(__name__)


def _socket_address(path: str) -> str | bytes:
    if path.startswith("@"):
        return b"\0" + path[1:].encode()
    return path


def notify(state: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send ``state`` (e.g. ``"READY=1"``) to systemd; True when it was delivered.

    Never raises: a kiosk must not crash because its supervisor went away.
    """
    path = (os.environ if environ is None else environ).get("NOTIFY_SOCKET", "")
    if not path or path[0] not in "/@":
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode(), _socket_address(path))
    except OSError as exc:
        log.debug("sd_notify failed", extra={"state": state, "error": str(exc)})
        return False
    return True


def ready() -> bool:
    """Start-up is done (the main window is shown): ``Type=notify`` units become active."""
    return notify("READY=1")


def status(text: str) -> bool:
    """One line shown by ``systemctl status`` (e.g. "scanning", "offline: showing cache")."""
    return notify("STATUS=" + text.replace("\n", " "))


def stopping() -> bool:
    """The kiosk is shutting down on purpose."""
    return notify("STOPPING=1")


def watchdog_ping() -> bool:
    """Tell systemd we are alive (``WATCHDOG=1``)."""
    return notify("WATCHDOG=1")


def watchdog_interval(environ: Mapping[str, str] | None = None) -> float | None:
    """The watchdog timeout in seconds, or None when systemd expects no pings from us.

    Reads ``WATCHDOG_USEC``; ``WATCHDOG_PID``, when set, must name this process or its
    parent (cage, which launched us and is the unit's main process).
    """
    env = os.environ if environ is None else environ
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = env.get("WATCHDOG_PID", "")
    if pid:
        try:
            if int(pid) not in (os.getpid(), os.getppid()):
                return None
        except ValueError:
            return None
    return usec / 1_000_000


class Watchdog(QObject):
    """Pings systemd's watchdog from the GUI thread's event loop, at half the timeout.

    ``interval`` is the watchdog timeout in seconds (default: from the environment, see
    :func:`watchdog_interval`); None disables the watchdog and :meth:`start` does nothing.
    ``ping`` sends one ping and returns whether it was delivered (default
    :func:`watchdog_ping`).

    Signals:
        pinged: a ping was delivered to systemd.
    """

    pinged = Signal()

    def __init__(
        self,
        interval: float | None = None,
        *,
        ping: Callable[[], bool] = watchdog_ping,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._interval = watchdog_interval() if interval is None else interval
        self._ping = ping
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def interval(self) -> float | None:
        """The watchdog timeout in seconds, or None when disabled."""
        return self._interval

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Ping now and then every half interval. Call it once the event loop runs."""
        if not self._interval:
            return
        self._timer.start(max(1, int(self._interval * 1000 / 2)))
        self._on_timeout()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _on_timeout(self) -> None:
        if self._ping():
            self.pinged.emit()
