"""A circuit breaker in front of the service, so a dead network costs one timeout, not many.

States::

    closed ──N consecutive failures──▶ open ──cool-down over──▶ half-open
      ▲                                  ▲                          │
      └──────────── trial call succeeds ─┼──────────────────────────┤
                                         └──── trial call fails ────┘

- closed: calls go through; each transport failure (timeout, refused or reset connection,
  5xx, an answer that makes no sense) counts, any answer from the service resets the count.
- open: calls fail at once with ``Unavailable`` (no socket touched) until the cool-down
  is over, so a screen waiting on the client gets its answer in microseconds.
- half-open: one trial call goes through; the others still fail fast. Its outcome closes
  or re-opens the circuit.

``connectivity`` sums this up for the staff indicator: ``"online"`` (closed, the last call
worked), ``"degraded"`` (failures seen but not yet enough to open, or a trial under way) or
``"offline"`` (open).

The clock is injected (``time.monotonic`` by default) so tests can step it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import StrEnum

__all__ = ["CircuitBreaker", "CircuitState", "Connectivity"]

DEFAULT_FAILURE_THRESHOLD = 3
DEFAULT_COOLDOWN_SECONDS = 15.0


class CircuitState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class Connectivity(StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


class CircuitBreaker:
    """Thread-safe consecutive-failure breaker.

    Args:
        failure_threshold: Consecutive failures that open the circuit.
        cooldown: Seconds the circuit stays open before a trial call is let through.
        clock: Monotonic seconds.
    """

    def __init__(
        self,
        failure_threshold: int = DEFAULT_FAILURE_THRESHOLD,
        cooldown: float = DEFAULT_COOLDOWN_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if cooldown < 0:
            raise ValueError("cooldown must not be negative")
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> CircuitState:
        with self._lock:
            return self._state()

    @property
    def connectivity(self) -> Connectivity:
        with self._lock:
            state = self._state()
            if state == CircuitState.OPEN:
                return Connectivity.OFFLINE
            if state == CircuitState.HALF_OPEN or self._failures:
                return Connectivity.DEGRADED
            return Connectivity.ONLINE

    @property
    def retry_in(self) -> float:
        """Seconds until a trial call is allowed (0 when calls may go through)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self._opened_at + self.cooldown - self._clock())

    def allow(self) -> bool:
        """May a call go out now? In half-open, True for exactly one caller (the trial)."""
        with self._lock:
            state = self._state()
            if state == CircuitState.CLOSED:
                return True
            if state == CircuitState.HALF_OPEN and not self._trial_in_flight:
                self._trial_in_flight = True
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_in_flight = False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            was_trial = self._trial_in_flight
            self._trial_in_flight = False
            if was_trial or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()

    def reset(self) -> None:
        """Close the circuit (e.g. staff pressed "try again now")."""
        self.record_success()

    def _state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._clock() - self._opened_at >= self.cooldown:
            return CircuitState.HALF_OPEN
        return CircuitState.OPEN
