"""Notice when the shopper has walked away: the "Still there?" countdown and the reset.

:class:`IdleWatcher` is a plain QObject. It watches activity (touches, clicks, keys; scans
through :meth:`IdleWatcher.poke`) by filtering the application's events, and compares a
clock against two limits. Clock and tick timer are passed in, so a test can drive time.

::

    active ──idle_timeout_s without activity──> asking (still_there(n) each second)
       ^                                           │
       └───────────── any activity ────────────────┤ (resumed)
                                                   └── still_there_s more ──> expired
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QInputEvent

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
TICK_MS = 250


class IdleWatcher(QObject):
    """Counts idle time while enabled; asks, then gives up on the shopper.

    Signals:
        still_there(seconds_left): the countdown is running (emitted when it starts and
            each time the whole seconds left change).
        resumed(): activity during the countdown; the shopper is still there.
        expired(): nobody answered; start over and forget the shopper.
    """

    still_there = Signal(int)
    resumed = Signal()
    expired = Signal()

    def __init__(
        self,
        idle_timeout_s: float,
        still_there_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        timer: QTimer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle_timeout_s = idle_timeout_s
        self.still_there_s = still_there_s
        self._clock = clock
        self._last_activity = clock()
        self._enabled = False
        self._asking = False
        self._shown_left = -1
        self._timer = timer if timer is not None else QTimer(self)
        if timer is None:
            self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check)

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def asking(self) -> bool:
        return self._asking

    def set_enabled(self, enabled: bool) -> None:
        """Watch (a shopper is mid-journey) or rest (attract screen). Restarts the count."""
        self._enabled = enabled
        self._last_activity = self._clock()
        if enabled:
            self._timer.start()
        else:
            self._timer.stop()
            self._end_asking(resumed=False)

    @Slot()
    def poke(self) -> None:
        """The shopper did something (also called for scans, which arrive as signals)."""
        self._last_activity = self._clock()
        if self._asking:
            self._end_asking(resumed=True)

    @Slot()
    def check(self) -> None:
        """Compare the clock with the limits; the tick timer calls this."""
        if not self._enabled:
            return
        idle = self._clock() - self._last_activity
        if idle < self.idle_timeout_s:
            return
        left = self.idle_timeout_s + self.still_there_s - idle
        if left <= 0:
            self._end_asking(resumed=False)
            self.set_enabled(False)
            self.expired.emit()
            return
        self._asking = True
        shown = math.ceil(left)
        if shown != self._shown_left:
            self._shown_left = shown
            self.still_there.emit(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Installed on the application, so this sees every event of every object (paints,
        # timers, layout requests...). The isinstance test is cheap; event.type() makes a
        # Python enum member, so it is asked only of input events. Every activity event is
        # an input event (mouse, touch, key, wheel).
        if isinstance(event, QInputEvent) and event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False

    def _end_asking(self, *, resumed: bool) -> None:
        was_asking = self._asking
        self._asking = False
        self._shown_left = -1
        if was_asking and resumed:
            self.resumed.emit()
