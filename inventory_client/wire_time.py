"""The one datetime type of the wire contract: ``UtcTime``.

Every time in every model (and every time in a query) is read the same way:

- on the wire it must be an RFC 3339 string with an offset (``2026-05-01T10:00:00Z``,
  ``...+02:00``): what ``format: date-time`` in the OpenAPI document promises. A number
  (pydantic would read it as a Unix time), a date without time, or a time without offset
  is refused with a 422;
- it is converted to UTC, and a time outside [``EARLIEST``, ``LATEST``] is clamped to the
  nearest end. Without that, ``0001-01-01T00:00:00+14:00`` raised OverflowError in
  the conversion, ``9999-12-31T23:59:59-14:00`` overflowed one step later and
  ``until - 28 days`` overflowed in the report: each a 500 with a traceback. A kiosk
  whose clock is wrong by centuries gets its events kept at the edge of the range,
  not refused (its outbox would otherwise retry them forever).

Python code may still pass a ``datetime``; a naive one is taken as UTC (as the service
always did for naive query times).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)

#: RFC 3339 ``date-time``: seconds required, fraction optional, offset required.
RFC3339_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$"
)


def clamp_to_range(value: datetime) -> datetime:
    """``value`` in UTC, moved into [EARLIEST, LATEST] (naive means UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    offset = value.utcoffset()
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # year 1 east of UTC, or year 9999 west of it
        return EARLIEST if offset is not None and offset.total_seconds() > 0 else LATEST
    return min(max(utc, EARLIEST), LATEST)


def _read_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return clamp_to_range(value)
    if not isinstance(value, str):
        raise ValueError("a time must be an RFC 3339 string such as 2026-05-01T10:00:00Z")
    if not RFC3339_RE.match(value):
        raise ValueError("a time must be RFC 3339 with an offset, e.g. 2026-05-01T10:00:00Z")
    text = value.upper()
    if text.startswith("0000-"):  # RFC 3339 allows year 0; Python has no year 0
        return EARLIEST
    whole, dot, rest = text.partition(".")
    if dot:  # Python reads at most 6 fraction digits: cut the rest, keep the offset
        digits = re.match(r"\d+", rest)
        assert digits is not None
        rest = digits.group()[:6] + rest[digits.end() :]
        text = f"{whole}.{rest}"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:  # 2026-02-30, 25:00, an offset of 24 hours or more
        raise ValueError("not a valid calendar time") from exc
    return clamp_to_range(parsed)


UtcTime = Annotated[datetime, BeforeValidator(_read_time)]
"""A timezone-aware UTC datetime in [EARLIEST, LATEST]; see the module docstring."""
