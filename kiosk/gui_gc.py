"""Run Python's cycle collector on the GUI thread only, while the kiosk's event loop runs.

Why: the collector runs on whichever thread happens to allocate when a generation's
threshold is crossed. If that is a :class:`~kiosk.workers.TaskRunner` or camera thread and
the garbage holds QObjects (a closed dialog, a widget in a reference cycle), their C++
destructors run on that thread while the GUI thread holds Qt's connection mutex — a
deadlock seen in the test suite (``py-spy dump --native``: ``QObject::~QObject`` waiting for
the GIL on a worker, ``setStyleSheet`` waiting on the mutex on the GUI thread). qutebrowser
avoids it the same way (``gc.disable()`` plus a timer). Reference counting still frees
everything that is not in a cycle at once; only cycles wait for the next tick.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: How often the GUI thread looks at the collector's counts (cheap when nothing is due).
CHECK_INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Disable automatic collection and collect from a GUI-thread timer instead.

    Honours the interpreter's generation thresholds, so a busy kiosk collects about as
    often as Python would have, just always on this thread. :meth:`stop` hands collection
    back to the interpreter (and collects once), so tests and tools that start and stop a
    kiosk leave the process as they found it.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects found."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        found = 0
        for generation in range(3):
            if counts[generation] <= thresholds[generation]:
                break
            found = gc.collect(generation)
        return found
