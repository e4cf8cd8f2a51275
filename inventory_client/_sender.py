"""``OutboxSender``: a plain background thread that keeps the outbox draining.

The kiosk starts one next to its client. It flushes the outbox every ``interval`` seconds
(only entries whose backoff is over, see ``Outbox.record_error``) and at once when poked:
``InventoryClient.record_demand`` pokes it, and the kiosk may poke it after an order was
queued or when staff press "send now". No Qt: the GUI learns about results through the
client's hooks (``notify_unfulfillable``) and by polling ``client.outbox.entries()``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inventory_client._client import InventoryClient

__all__ = ["OutboxSender"]

log = logging.getLogger("inventory_client")

DEFAULT_INTERVAL_SECONDS = 5.0


class OutboxSender:
    """Flush ``client``'s outbox periodically and when poked, on its own daemon thread.

    ``start()`` once, ``stop()`` on shutdown (waits for the current flush, which is bounded
    by the client's timeouts). A failing flush is logged and tried again next time; it never
    kills the thread.
    """

    def __init__(
        self, client: InventoryClient, *, interval: float = DEFAULT_INTERVAL_SECONDS
    ) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._client = client
        self._interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-sender", daemon=True)
        self.flushes = 0  # completed flush passes, for tests and the staff screen
        self.last_error: str | None = None

    def start(self) -> None:
        self._client._enqueued.append(self.poke)
        self._thread.start()

    def poke(self) -> None:
        """Flush as soon as possible (does not wait)."""
        self._wake.set()

    def stop(self, timeout: float | None = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        with contextlib.suppress(ValueError):
            self._client._enqueued.remove(self.poke)
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                self._client.flush_outbox(due_only=True)
                self.last_error = None
            except Exception as exc:  # keep the thread alive whatever happens
                self.last_error = f"{type(exc).__name__}"
                log.warning("outbox flush failed: %s: %s", type(exc).__name__, exc)
            self.flushes += 1

    def __enter__(self) -> OutboxSender:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
