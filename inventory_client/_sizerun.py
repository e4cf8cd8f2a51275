"""Compose the kiosk's view of one style from the two stock reports.

Pure functions, no I/O: the client fetches the store and warehouse reports (in parallel)
and hands whatever it got here; a side that failed is passed as ``None``.
"""

from __future__ import annotations

from datetime import datetime

from inventory_client.models import (
    LocationKind,
    LocationStock,
    NearbyStock,
    SizeAvailability,
    SizeRun,
    StockReport,
    VariantDetail,
)


def compose_size_run(
    detail: VariantDetail,
    store_id: str,
    stores: StockReport | None,
    warehouses: StockReport | None,
    *,
    now: datetime,
) -> SizeRun:
    """One ``SizeAvailability`` per variant of the style, smallest size first.

    - ``in_store``: pairs available at ``store_id`` (0 when the report lists none there);
      None when the store report is missing.
    - ``warehouse``: pairs available over all warehouses; None when that report is missing.
    - ``nearby``: other stores with at least one available pair, nearest first.
    """
    store_rows = _rows_by_gtin(stores)
    warehouse_rows = _rows_by_gtin(warehouses)
    sizes = []
    for variant in sorted(detail.variants, key=lambda v: (v.size_sort, v.width, v.gtin)):
        in_store: int | None = None
        nearby: list[NearbyStock] = []
        if stores is not None:
            rows = store_rows.get(variant.gtin, [])
            in_store = sum(r.available for r in rows if r.location_id == store_id)
            nearby = [
                NearbyStock(
                    location_id=r.location_id,
                    name=r.location_name,
                    distance_km=r.distance_km,
                    available=r.available,
                )
                for r in sorted(rows, key=lambda r: (r.distance_km is None, r.distance_km or 0.0))
                if r.location_id != store_id and r.kind == LocationKind.STORE and r.available > 0
            ]
        warehouse: int | None = None
        if warehouses is not None:
            warehouse = sum(
                r.available
                for r in warehouse_rows.get(variant.gtin, [])
                if r.kind == LocationKind.WAREHOUSE
            )
        sizes.append(
            SizeAvailability(variant=variant, in_store=in_store, warehouse=warehouse, nearby=nearby)
        )
    as_of = min((r.as_of for r in (stores, warehouses) if r is not None), default=now)
    return SizeRun(
        style=detail.style,
        store_id=store_id,
        scanned_gtin=detail.variant.gtin,
        sizes=sizes,
        stores_known=stores is not None,
        warehouses_known=warehouses is not None,
        as_of=as_of,
    )


def _rows_by_gtin(report: StockReport | None) -> dict[str, list[LocationStock]]:
    if report is None:
        return {}
    return {v.gtin: list(v.locations) for v in report.variants}
