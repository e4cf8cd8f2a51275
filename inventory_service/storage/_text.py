"""How times are stored as text (both engines): fixed-width UTC ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(value: datetime) -> str:
    """Fixed-width UTC text, so string comparison in SQL is time order (naive = UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def parse_at(value: str) -> datetime:
    """A time column that is never NULL."""
    return datetime.fromisoformat(value)
