"""Receiving mode's running tally: one scan = one pair, undo takes back the last scan.

Plain Python. The tally is what staff see on screen while unpacking a delivery; the
stock itself changes at the service (each scan sends ``receive +1`` under a fresh
idempotency key, an undo sends ``receive -1`` under another). A scan whose change is
still waiting in the outbox counts in the tally too: it will be applied exactly once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

__all__ = ["ReceivedScan", "ReceivingTally", "TallyLine"]


@dataclass(frozen=True, slots=True)
class ReceivedScan:
    gtin: str
    product: str  # "Brand Style" for the tally; the GTIN when the catalogue was unreachable
    size: str
    idempotency_key: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True, slots=True)
class TallyLine:
    product: str
    size: str
    gtin: str
    count: int


class ReceivingTally:
    """Counts received pairs per product and size, in scan order, with undo of the last."""

    def __init__(self) -> None:
        self._scans: list[ReceivedScan] = []

    def add(self, scan: ReceivedScan) -> TallyLine:
        """Count one more pair; returns the updated line for that GTIN."""
        self._scans.append(scan)
        return self.line_for(scan.gtin)

    def undo_last(self) -> ReceivedScan | None:
        """Take back the most recent scan (None when there is nothing to undo)."""
        return self._scans.pop() if self._scans else None

    @property
    def last(self) -> ReceivedScan | None:
        return self._scans[-1] if self._scans else None

    @property
    def total(self) -> int:
        return len(self._scans)

    def line_for(self, gtin: str) -> TallyLine:
        scans = [s for s in self._scans if s.gtin == gtin]
        if not scans:
            return TallyLine("", "", gtin, 0)
        first = scans[0]
        return TallyLine(first.product, first.size, gtin, len(scans))

    def lines(self) -> list[TallyLine]:
        """One line per GTIN, by product then numeric size; GTINs with no pairs left drop out."""
        gtins = dict.fromkeys(s.gtin for s in self._scans)
        lines = [self.line_for(gtin) for gtin in gtins]
        return sorted(lines, key=lambda ln: (ln.product, _size_key(ln.size), ln.gtin))

    def clear(self) -> None:
        self._scans.clear()


def _size_key(size: str) -> float:
    try:
        return float(size)
    except ValueError:
        return float("inf")
