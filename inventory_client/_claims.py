"""``Claims``: one outbox entry is sent by one thread at a time.

The shopper's thread (placing an order), the background sender (flushing) and the staff
screen (receiving stock) may all want to send the same entry. Whoever claims its key first
sends it; the others wait (``wait=True``: they then read the outcome from the outbox) or
pass it by (``wait=False``: a flush moves on to the next entry).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Claims"]


class Claims:
    """The idempotency keys being sent right now, by any thread of this client."""

    def __init__(self) -> None:
        self._in_flight: set[str] = set()
        self._changed = threading.Condition()

    @contextmanager
    def claim(self, key: str, *, wait: bool) -> Iterator[bool]:
        """Hold ``key`` for the ``with`` block; yields False when another thread holds it
        (only with ``wait=False``; with ``wait=True`` it waits until the key is free)."""
        with self._changed:
            while wait and key in self._in_flight:
                self._changed.wait()
            claimed = key not in self._in_flight
            self._in_flight.add(key)
        if not claimed:
            yield False
            return
        try:
            yield True
        finally:
            with self._changed:
                self._in_flight.discard(key)
                self._changed.notify_all()
