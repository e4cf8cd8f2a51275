"""Composing a size run from the two stock reports (pure logic, no HTTP)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from inventory_client._sizerun import compose_size_run
from inventory_client.models import (
    LocationKind,
    LocationStock,
    SizeStatus,
    StockReport,
    StockScope,
    Style,
    Variant,
    VariantDetail,
    VariantStock,
)

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
STYLE = Style(
    id="s1",
    name="Runner",
    brand="B",
    colour="Red",
    price=Decimal("10.00"),
    currency="EUR",
    image="s1.png",
)
VARIANTS = [
    Variant(gtin=f"20000000000{n}", style_id="s1", size_eu=size, size_uk="x", size_us="y")
    for n, size in (("42", "42"), ("40", "40"), ("41", "41"), ("43", "43"), ("44", "44.5"))
]
DETAIL = VariantDetail(variant=VARIANTS[0], style=STYLE, variants=VARIANTS)


def row(location_id, kind, available, distance=None):
    return LocationStock(
        location_id=location_id,
        location_name=location_id.title(),
        kind=kind,
        distance_km=distance,
        on_hand=available + 1,
        reserved=1,
        available=available,
    )


def report(scope, rows_by_gtin, as_of=NOW):
    return StockReport(
        style_id="s1",
        scope=scope,
        store_id="home",
        as_of=as_of,
        variants=[VariantStock(gtin=g, locations=rows) for g, rows in rows_by_gtin.items()],
    )


STORES = report(
    StockScope.STORES,
    {
        "2000000000040": [row("home", LocationKind.STORE, 2, 0.0)],
        "2000000000041": [
            row("home", LocationKind.STORE, 0, 0.0),
            row("far", LocationKind.STORE, 1, 30.0),
            row("near", LocationKind.STORE, 3, 2.5),
            row("empty", LocationKind.STORE, 0, 1.0),
        ],
        "2000000000042": [row("home", LocationKind.STORE, 0, 0.0)],
    },
)
WAREHOUSES = report(
    StockScope.WAREHOUSES,
    {
        "2000000000042": [
            row("wh-a", LocationKind.WAREHOUSE, 4),
            row("wh-b", LocationKind.WAREHOUSE, 1),
        ]
    },
    as_of=NOW - timedelta(seconds=5),
)


def by_size(run):
    return {s.variant.size_eu: s for s in run.sizes}


def test_sizes_sorted_and_counted():
    run = compose_size_run(DETAIL, "home", STORES, WAREHOUSES, now=NOW)
    assert [s.variant.size_eu for s in run.sizes] == ["40", "41", "42", "43", "44.5"]
    sizes = by_size(run)
    assert (sizes["40"].in_store, sizes["40"].warehouse) == (2, 0)
    assert sizes["40"].status == SizeStatus.IN_STORE
    assert [n.location_id for n in sizes["41"].nearby] == ["near", "far"]
    assert sizes["41"].status == SizeStatus.OTHER_STORE
    assert (sizes["42"].in_store, sizes["42"].warehouse) == (0, 5)
    assert sizes["42"].status == SizeStatus.WAREHOUSE
    assert sizes["43"].status == SizeStatus.SOLD_OUT
    assert run.stores_known and run.warehouses_known
    assert run.scanned_gtin == "2000000000042"
    assert run.as_of == NOW - timedelta(seconds=5)


def test_missing_warehouse_report_leaves_store_numbers():
    run = compose_size_run(DETAIL, "home", STORES, None, now=NOW)
    sizes = by_size(run)
    assert not run.warehouses_known and run.stores_known
    assert sizes["40"].in_store == 2
    assert all(s.warehouse is None for s in run.sizes)
    assert sizes["43"].status == SizeStatus.UNKNOWN


def test_missing_store_report_leaves_warehouse_numbers():
    run = compose_size_run(DETAIL, "home", None, WAREHOUSES, now=NOW)
    sizes = by_size(run)
    assert not run.stores_known and run.warehouses_known
    assert sizes["42"].warehouse == 5
    assert all(s.in_store is None and s.nearby == [] for s in run.sizes)
