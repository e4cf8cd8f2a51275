"""Run blocking work (client calls) off the GUI thread; deliver results back as callbacks.

The inventory client is blocking by design (plain requests), so every call it makes goes
through a :class:`TaskRunner`: the call runs on a pool thread and its result or exception
comes back, on the thread that owns the runner (the GUI thread), to the typed callbacks
given with the call.

Requests are grouped by *channel* (``"lookup"``, ``"fetch"``, ...). Only the newest request
on a channel is reported: when a shopper scans a second shoe before the first lookup
returned, the first result is dropped instead of flashing the wrong product.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

OnFailure = Callable[[Exception], None]


@dataclass(frozen=True)
class _Callbacks(Generic[T]):
    on_success: Callable[[T], None]
    on_failure: OnFailure | None


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
    """A small thread pool whose results arrive as callbacks on the owner's thread.

    ``submit(channel, fn, on_success, on_failure)`` runs ``fn`` on a pool thread; when it
    returns, ``on_success(result)`` runs on the owner's thread, when it raises,
    ``on_failure(exception)`` does (or the failure is logged when no ``on_failure`` is
    given). A newer request on the same channel supersedes an older one: the older one's
    callbacks never run.
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, _Callbacks[Any]] = {}
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._closed = False

    def submit(
        self,
        channel: str,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: OnFailure | None = None,
    ) -> int:
        """Run ``fn()`` on a pool thread; supersede any earlier request on ``channel``."""
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        request_id = next(self._ids)
        superseded = self._latest.get(channel)
        if superseded is not None:
            self._callbacks.pop(superseded, None)
        self._latest[channel] = request_id
        self._callbacks[request_id] = _Callbacks(on_success, on_failure)
        self._pool.start(_Job(self._relay, channel, request_id, fn))
        return request_id

    def run_detached(self, fn: Callable[[], object]) -> None:
        """Run ``fn()`` on a pool thread and report nothing (e.g. demand events)."""
        if not self._closed:
            self._pool.start(_Job(self._relay, "", 0, fn))

    def cancel(self, channel: str) -> None:
        """Forget the pending request on ``channel``; its result will be dropped."""
        request_id = self._latest.pop(channel, None)
        if request_id is not None:
            self._callbacks.pop(request_id, None)

    def is_pending(self, channel: str) -> bool:
        return channel in self._latest

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop accepting work and wait for running calls (each has its own timeout)."""
        self._closed = True
        self._latest.clear()
        self._callbacks.clear()
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
        callbacks = self._callbacks.pop(request_id)
        if ok:
            callbacks.on_success(payload)
        elif callbacks.on_failure is not None:
            assert isinstance(payload, Exception)
            callbacks.on_failure(payload)
        else:
            log.warning("%s failed: %s", channel, type(payload).__name__)
