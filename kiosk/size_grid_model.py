"""What each tile of the size grid says, and what choosing it leads to. Plain Python, no Qt.

The size grid widget only draws :class:`SizeTile` objects; every rule about wording,
which store to name and which sizes can be chosen lives here and is tested with asserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from babel.numbers import format_decimal

from inventory_client.models import SizeAvailability, SizeRun, SizeStatus


class SizeAction(StrEnum):
    """What tapping a size leads to (issue 5 builds the screens behind each)."""

    FETCH = "fetch"  # "Bring it to me": a staff member fetches the pair
    SHIP_HOME = "ship_home"  # order from the warehouse, delivered home
    SHOW_STORES = "show_stores"  # tell the shopper which store has it
    NOTIFY = "notify"  # sold out everywhere: "notify me when it is back"
    NONE = "none"  # we cannot say anything useful: nothing to choose


_ACTIONS = {
    SizeStatus.IN_STORE: SizeAction.FETCH,
    SizeStatus.WAREHOUSE: SizeAction.SHIP_HOME,
    SizeStatus.OTHER_STORE: SizeAction.SHOW_STORES,
    SizeStatus.SOLD_OUT: SizeAction.NOTIFY,
    SizeStatus.UNKNOWN: SizeAction.NONE,
}


@dataclass(frozen=True)
class SizeTile:
    """One size as the grid shows it."""

    gtin: str
    size_eu: str
    size_uk: str
    size_us: str
    status: SizeStatus
    label: str  # the status in words, e.g. "In this store (3)"
    detail: str  # a second, smaller line; may be empty
    action: SizeAction
    scanned: bool  # the size on the tag the shopper scanned

    @property
    def choosable(self) -> bool:
        return self.action is not SizeAction.NONE

    @property
    def accessible_name(self) -> str:
        """What a screen reader says: the size and its status in one sentence."""
        parts = [f"Size EU {self.size_eu}, UK {self.size_uk}, US {self.size_us}", self.label]
        if self.scanned:
            parts.insert(1, "the size you scanned")
        if self.detail:
            parts.append(self.detail)
        return ". ".join(parts)


def format_km(distance_km: float, language: str = "en") -> str:
    """``3.1 km`` (``3,1 km`` in German); one decimal below 10 km, whole km above."""
    pattern = "#,##0.0" if distance_km < 10 else "#,##0"
    return f"{format_decimal(distance_km, format=pattern, locale=language)} km"


def nearest_store(size: SizeAvailability) -> tuple[str, float | None] | None:
    """The nearest other store with an available pair, as ``(name, distance_km)``."""
    having = [n for n in size.nearby if n.available > 0]
    if not having:
        return None
    best = min(having, key=lambda n: (n.distance_km is None, n.distance_km or 0.0))
    return best.name, best.distance_km


def status_label(size: SizeAvailability, language: str = "en") -> str:
    """The status line a tile shows, in plain words."""
    status = size.status
    if status is SizeStatus.IN_STORE:
        return f"In this store ({size.in_store})"
    if status is SizeStatus.WAREHOUSE:
        return "Warehouse — ship to home"
    if status is SizeStatus.OTHER_STORE:
        nearest = nearest_store(size)
        assert nearest is not None  # OTHER_STORE means some store has one
        name, distance = nearest
        return (
            f"At {name} {format_km(distance, language)}" if distance is not None else f"At {name}"
        )
    if status is SizeStatus.SOLD_OUT:
        return "Sold out"
    return "Not in this store"


def status_detail(size: SizeAvailability, language: str = "en") -> str:
    """A second line with what else is known, so no fact is hidden behind the main status."""
    status = size.status
    if status is SizeStatus.IN_STORE:
        return f"+ {size.warehouse} at the warehouse" if size.warehouse else ""
    if status is SizeStatus.WAREHOUSE:
        return f"{size.warehouse} at the warehouse"
    if status is SizeStatus.OTHER_STORE:
        others = sum(1 for n in size.nearby if n.available > 0)
        return f"+ {others - 1} more store{'s' if others > 2 else ''}" if others > 1 else ""
    if status is SizeStatus.UNKNOWN:
        return "Ask a staff member"
    return ""


def size_tiles(run: SizeRun, language: str = "en") -> list[SizeTile]:
    """The tiles for a style's size run, smallest size first."""
    ordered = sorted(run.sizes, key=lambda s: (s.variant.size_sort, s.variant.width))
    return [
        SizeTile(
            gtin=s.variant.gtin,
            size_eu=s.variant.size_eu,
            size_uk=s.variant.size_uk,
            size_us=s.variant.size_us,
            status=s.status,
            label=status_label(s, language),
            detail=status_detail(s, language),
            action=_ACTIONS[s.status],
            scanned=s.variant.gtin == run.scanned_gtin,
        )
        for s in ordered
    ]


def availability_notice(run: SizeRun) -> str:
    """A calm one-line banner when part of the stock picture is missing; empty if none."""
    if run.from_cache:
        return "Showing saved stock information; it may have changed since."
    if not run.warehouses_known and not run.stores_known:
        return "Stock of the warehouse and other stores is unavailable right now."
    if not run.warehouses_known:
        return "Warehouse stock unavailable right now; showing this store."
    if not run.stores_known:
        return "Store stock unavailable right now; showing the warehouse."
    return ""
