"""Composing a ``StockReport`` from catalogue, locations and stock levels (pure functions)."""

from __future__ import annotations

from datetime import datetime

from inventory_client.models import (
    Location,
    LocationKind,
    LocationStock,
    StockReport,
    StockScope,
    Variant,
    VariantStock,
)
from inventory_service import rules
from inventory_service.storage.base import StockLevel


def ordered_locations(
    store: Location, locations: list[Location], scope: StockScope
) -> list[tuple[Location, float | None]]:
    """The locations a report lists, in order, each with its distance from ``store``.

    stores: the asking store first (0 km), then the nearest others (at most
    ``rules.NEARBY_STORES_LISTED``: a chain of 300 stores would otherwise send 300 rows
    per size for every scan).
    warehouses: every warehouse (distance null, as the contract says), by id.
    """
    if scope == StockScope.WAREHOUSES:
        return [
            (loc, None)
            for loc in sorted(locations, key=lambda loc: loc.id)
            if loc.kind == LocationKind.WAREHOUSE
        ]
    others = [
        (
            loc,
            round(
                rules.haversine_km(store.latitude, store.longitude, loc.latitude, loc.longitude), 1
            ),
        )
        for loc in locations
        if loc.kind == LocationKind.STORE and loc.id != store.id
    ]
    others.sort(key=lambda pair: (pair[1], pair[0].id))
    return [(store, 0.0), *others[: rules.NEARBY_STORES_LISTED]]


def build_stock_report(
    *,
    style_id: str,
    store: Location,
    scope: StockScope,
    variants: list[Variant],
    locations: list[Location],
    levels: list[StockLevel],
    as_of: datetime,
) -> StockReport:
    """Every variant of the style, with one entry per listed location (zeros included)."""
    by_key = {(lv.location_id, lv.gtin): lv for lv in levels}
    listed = ordered_locations(store, locations, scope)
    report: list[VariantStock] = []
    for variant in variants:
        entries = []
        for loc, distance in listed:
            level = by_key.get((loc.id, variant.gtin))
            on_hand = level.on_hand if level else 0
            reserved = level.reserved if level else 0
            entries.append(
                LocationStock(
                    location_id=loc.id,
                    location_name=loc.name,
                    kind=loc.kind,
                    distance_km=distance,
                    on_hand=on_hand,
                    reserved=reserved,
                    available=max(0, on_hand - reserved),
                )
            )
        report.append(VariantStock(gtin=variant.gtin, locations=entries))
    return StockReport(
        style_id=style_id, scope=scope, store_id=store.id, as_of=as_of, variants=report
    )
