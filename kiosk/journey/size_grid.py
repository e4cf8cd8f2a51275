"""What each tile of the size grid says, and what choosing it leads to. Plain Python, no Qt.

The size grid widget only draws :class:`SizeTile` objects; every rule about wording,
which store to name and which sizes can be chosen lives here and is tested with asserts.

Wording goes through ``translate(context, text)`` (``QCoreApplication.translate`` in the
app; the English source text by default), so this module stays free of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from babel.numbers import format_decimal

from inventory_client.models import SizeAvailability, SizeRun, SizeStatus

Translate = Callable[[str, str], str]


def english(context: str, text: str) -> str:
    """The default ``translate``: the English source text."""
    return text


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
    accessible_name: str = ""  # what a screen reader says: size and status in one sentence
    suggested: bool = False  # other shoppers' fit votes point to this size (issue 17)

    @property
    def choosable(self) -> bool:
        return self.action is not SizeAction.NONE


def accessible_name(tile: SizeTile, translate: Translate = english) -> str:
    """The size and its status in one sentence, for screen readers."""
    parts = [
        translate("SizeGrid", "Size EU {eu}, UK {uk}, US {us}").format(
            eu=tile.size_eu, uk=tile.size_uk, us=tile.size_us
        ),
        tile.label,
    ]
    if tile.scanned:
        parts.insert(1, translate("SizeGrid", "the size you scanned"))
    if tile.suggested:
        parts.insert(1, translate("SizeGrid", "the size other shoppers suggest"))
    if tile.detail:
        parts.append(tile.detail)
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


def status_label(
    size: SizeAvailability, language: str = "en", translate: Translate = english
) -> str:
    """The status line a tile shows, in plain words."""
    status = size.status
    if status is SizeStatus.IN_STORE:
        return translate("SizeGrid", "In this store ({count})").format(count=size.in_store)
    if status is SizeStatus.WAREHOUSE:
        return translate("SizeGrid", "Warehouse — ship to home")
    if status is SizeStatus.OTHER_STORE:
        nearest = nearest_store(size)
        assert nearest is not None  # OTHER_STORE means some store has one
        name, distance = nearest
        if distance is None:
            return translate("SizeGrid", "At {store}").format(store=name)
        return translate("SizeGrid", "At {store} {distance}").format(
            store=name, distance=format_km(distance, language)
        )
    if status is SizeStatus.SOLD_OUT:
        return translate("SizeGrid", "Sold out")
    return translate("SizeGrid", "Not in this store")


def status_detail(
    size: SizeAvailability, language: str = "en", translate: Translate = english
) -> str:
    """A second line with what else is known, so no fact is hidden behind the main status."""
    status = size.status
    if status is SizeStatus.IN_STORE:
        if not size.warehouse:
            return ""
        return translate("SizeGrid", "+ {count} at the warehouse").format(count=size.warehouse)
    if status is SizeStatus.WAREHOUSE:
        return translate("SizeGrid", "{count} at the warehouse").format(count=size.warehouse)
    if status is SizeStatus.OTHER_STORE:
        others = sum(1 for n in size.nearby if n.available > 0)
        if others == 2:
            return translate("SizeGrid", "+ 1 more store")
        if others > 2:
            return translate("SizeGrid", "+ {count} more stores").format(count=others - 1)
        return ""
    if status is SizeStatus.UNKNOWN:
        return translate("SizeGrid", "Ask a staff member")
    return ""


def size_tiles(
    run: SizeRun, language: str = "en", translate: Translate = english
) -> list[SizeTile]:
    """The tiles for a style's size run, smallest size first."""
    ordered = sorted(run.sizes, key=lambda s: (s.variant.size_sort, s.variant.width))
    tiles = [
        SizeTile(
            gtin=s.variant.gtin,
            size_eu=s.variant.size_eu,
            size_uk=s.variant.size_uk,
            size_us=s.variant.size_us,
            status=s.status,
            label=status_label(s, language, translate),
            detail=status_detail(s, language, translate),
            action=_ACTIONS[s.status],
            scanned=s.variant.gtin == run.scanned_gtin,
        )
        for s in ordered
    ]
    return [replace(t, accessible_name=accessible_name(t, translate)) for t in tiles]


def mark_suggested(
    tiles: list[SizeTile], gtin: str | None, translate: Translate = english
) -> list[SizeTile]:
    """Mark the tile shoppers' fit votes suggest (``kiosk.journey.fit_advice``): its second
    line says so in words, so the mark needs no colour to be seen."""
    if gtin is None:
        return tiles
    mark = translate("SizeGrid", "★ Shoppers suggest this size")
    marked = [
        replace(t, suggested=True, detail=f"{mark} · {t.detail}" if t.detail else mark)
        if t.gtin == gtin
        else t
        for t in tiles
    ]
    return [replace(t, accessible_name=accessible_name(t, translate)) for t in marked]


def availability_notice(run: SizeRun, translate: Translate = english) -> str:
    """A calm one-line banner when part of the stock picture is missing; empty if none."""
    if run.from_cache:
        return translate("SizeGrid", "Showing saved stock information; it may have changed since.")
    if not run.warehouses_known and not run.stores_known:
        return translate(
            "SizeGrid", "Stock of the warehouse and other stores is unavailable right now."
        )
    if not run.warehouses_known:
        return translate("SizeGrid", "Warehouse stock unavailable right now; showing this store.")
    if not run.stores_known:
        return translate("SizeGrid", "Store stock unavailable right now; showing the warehouse.")
    return ""
