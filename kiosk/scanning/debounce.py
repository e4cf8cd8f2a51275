"""Debounce decoded codes into scans: one code held in view is one scan.

Rules (plain Python so they are tested without threads or Qt):

- *Sure before reporting.* A code is reported when it was read in two consecutive decoded
  frames, or when both decoders read it in one frame (:attr:`Scan.confirmed`). Waiting one
  frame costs ~33 ms at 30 fps, invisible to a shopper, and filters the single-frame
  misreads that motion blur produces; a wrong shoe on screen costs far more.
- *Held = one scan.* While a code keeps being seen it is not reported again.
- *Gone, then back = new scan.* A reported code is forgotten once it has not been seen for
  ``hold_s`` seconds (long enough to ride over a few missed frames of a shaky hand).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from kiosk.scanning.decoder import Scan

__all__ = ["Debouncer"]


class Debouncer:
    """Feed it the scans of each decoded frame; it returns the ones to report now."""

    def __init__(self, hold_s: float = 2.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.hold_s = hold_s
        self._clock = clock
        self._previous: set[str] = set()
        self._last_seen: dict[str, float] = {}
        self._active: set[str] = set()

    @property
    def pending(self) -> bool:
        """True when a code was read once and awaits a confirming read."""
        return bool(self._previous - self._active)

    def feed(self, scans: Sequence[Scan]) -> list[Scan]:
        now = self._clock()
        for code in [c for c, t in self._last_seen.items() if now - t > self.hold_s]:
            del self._last_seen[code]
            self._active.discard(code)
        current = {s.code: s for s in scans}
        out = []
        for code, scan in current.items():
            self._last_seen[code] = now
            if code in self._active:
                continue
            if scan.confirmed or code in self._previous:
                self._active.add(code)
                out.append(scan)
        self._previous = set(current)
        return out

    def reset(self) -> None:
        """Forget everything (e.g. after the camera came back)."""
        self._previous.clear()
        self._last_seen.clear()
        self._active.clear()
