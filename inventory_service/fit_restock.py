"""Restock suggestions that take fit into account (issue 17).

A style that runs small sells through its larger sizes: a shopper who scanned EU 41 and
found it missing will, once tried, need EU 42. So for a style whose fit verdict
(``inventory_client.fit_verdict``, over every store's votes: fit is the shoe's, not the
store's) says "runs small", the missed demand of each size is counted for the next size up
in the same width; "runs large", the next size down; otherwise where it was. The demand
counts themselves stay as observed; only the pairs to restock move.

Sizes the demand moves to that had no demand of their own get a row of their own (zero
counts, this store's stock), so the restock has a place to land.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from inventory_client.fit_verdict import fit_verdict, size_shift
from inventory_client.models import Variant
from inventory_service.storage.base import DemandFacts, Storage
from inventory_service.storage.customer_voice import CustomerVoiceSql

__all__ = ["FitContext", "fit_context", "restock_demand"]


class FitContext:
    """What the lost-demand report needs of the fit: each style's shift and its sizes."""

    def __init__(self, shifts: Mapping[str, int], variants: Mapping[str, list[Variant]]):
        self.shifts = dict(shifts)
        self.variants = dict(variants)

    def neighbour(self, style_id: str, gtin: str) -> str | None:
        """The GTIN the style's shift moves ``gtin``'s demand to (same width), or None."""
        shift = self.shifts.get(style_id, 0)
        sizes = self.variants.get(style_id, [])
        this = next((v for v in sizes if v.gtin == gtin), None)
        if shift == 0 or this is None:
            return None
        same = sorted((v for v in sizes if v.width == this.width), key=lambda v: v.size_sort)
        at = same.index(this) + shift
        return same[at].gtin if 0 <= at < len(same) else None


def fit_context(storage: Storage, facts: list[DemandFacts]) -> FitContext:
    """The shifts of the styles in ``facts`` with a runs-small/large verdict, and their sizes."""
    styles = sorted({f.style_id for f in facts})
    if not isinstance(storage, CustomerVoiceSql) or not styles:
        return FitContext({}, {})
    shifts = {
        style: shift
        for style, c in storage.fit_counts(styles).items()
        if (shift := size_shift(fit_verdict(c.small, c.true_to_size, c.large)))
    }
    return FitContext(shifts, {style: storage.list_variants(style) for style in shifts})


def with_neighbours(
    storage: Storage, store_id: str, facts: list[DemandFacts], fit: FitContext
) -> list[DemandFacts]:
    """``facts`` plus a zero row for each size missed demand moves to that has none."""
    have = {f.gtin for f in facts}
    wanted = {
        target: f
        for f in facts
        if f.not_in_store and (target := fit.neighbour(f.style_id, f.gtin)) and target not in have
    }
    if not wanted:
        return facts
    on_hand = {
        level.gtin: level.on_hand
        for level in storage.stock_levels(sorted(wanted))
        if level.location_id == store_id
    }
    sizes = {v.gtin: v.size_eu for vs in fit.variants.values() for v in vs}
    extra = [
        replace(
            source,
            gtin=gtin,
            size_eu=sizes[gtin],
            scanned=0,
            size_viewed=0,
            not_in_store=0,
            notify_me=0,
            orders=0,
            on_hand=on_hand.get(gtin, 0),
        )
        for gtin, source in sorted(wanted.items())
    ]
    return facts + extra


def restock_demand(facts: list[DemandFacts], fit: FitContext) -> dict[str, int]:
    """Missed demand per GTIN after the fit shift (what the restock is computed from)."""
    demand = {f.gtin: 0 for f in facts}
    for f in facts:
        target = fit.neighbour(f.style_id, f.gtin)
        demand[target if target in demand else f.gtin] += f.not_in_store
    return demand
