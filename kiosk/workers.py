"""Run blocking work (client calls) off the GUI thread; deliver results back as signals.

The inventory client is blocking by design (plain requests), so every call it makes goes
through a :class:`TaskRunner`: the call runs on a pool thread and its result or exception
comes back as a signal on the thread that owns the runner (the GUI thread).

Requests are grouped by *channel* (``"lookup"``, ``"fetch"``, ...). Only the newest request
on a channel is reported: when a shopper scans a second shoe before the first lookup
returned, the first result is dropped instead of flashing the wrong product.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the runner's thread; pool threads emit through it (queued connection)."""

    done = Signal(str, int, bool, object)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, channel: str, request_id: int, fn: Callable[[], Any]):
        super().__init__()
        self._relay = relay
        self._channel = channel
        self._request_id = request_id
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            self._relay.done.emit(self._channel, self._request_id, False, exc)
        else:
            self._relay.done.emit(self._channel, self._request_id, True, result)


class TaskRunner(QObject):
    """A small thread pool whose results arrive as signals on the owner's thread.

    Signals:
        succeeded(channel, request_id, result): the newest request on ``channel`` returned.
        failed(channel, request_id, exception): the newest request on ``channel`` raised.
    """

    succeeded = Signal(str, int, object)
    failed = Signal(str, int, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._closed = False

    def submit(self, channel: str, fn: Callable[[], Any]) -> int:
        """Run ``fn()`` on a pool thread; supersede any earlier request on ``channel``."""
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        request_id = next(self._ids)
        self._latest[channel] = request_id
        self._pool.start(_Job(self._relay, channel, request_id, fn))
        return request_id

    def run_detached(self, fn: Callable[[], Any]) -> None:
        """Run ``fn()`` on a pool thread and report nothing (e.g. demand events)."""
        if not self._closed:
            self._pool.start(_Job(self._relay, "", 0, fn))

    def cancel(self, channel: str) -> None:
        """Forget the pending request on ``channel``; its result will be dropped."""
        self._latest.pop(channel, None)

    def is_pending(self, channel: str) -> bool:
        return channel in self._latest

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop accepting work and wait for running calls (each has its own timeout)."""
        self._closed = True
        self._latest.clear()
        return self._pool.waitForDone(timeout_ms)

    @Slot(str, int, bool, object)
    def _on_done(self, channel: str, request_id: int, ok: bool, payload: object) -> None:
        if not channel:
            if not ok:
                log.warning("background task failed: %s", type(payload).__name__)
            return
        if self._latest.get(channel) != request_id:
            log.debug("dropping stale %s result %d", channel, request_id)
            return
        del self._latest[channel]
        if ok:
            self.succeeded.emit(channel, request_id, payload)
        else:
            self.failed.emit(channel, request_id, payload)
