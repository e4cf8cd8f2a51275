"""kiosk.journey.size_grid: what each size tile says and what choosing it leads to."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from inventory_client.models import (
    NearbyStock,
    SizeAvailability,
    SizeRun,
    SizeStatus,
    Style,
    Variant,
)
from kiosk.journey.size_grid import (
    SizeAction,
    availability_notice,
    format_km,
    size_tiles,
    status_label,
)

STYLE = Style(
    id="s1",
    name="Fjord Hiker",
    brand="Nordhain",
    colour="Moss",
    price=Decimal("169.00"),
    currency="EUR",
    image="s1.png",
)


def variant(eu: str, gtin_tail: int = 0) -> Variant:
    return Variant(
        gtin=f"20000000{gtin_tail:05d}", style_id="s1", size_eu=eu, size_uk="8", size_us="9"
    )


def size(
    in_store: int | None, warehouse: int | None, *nearby: tuple[str, float, int], eu: str = "42"
) -> SizeAvailability:
    return SizeAvailability(
        variant=variant(eu),
        in_store=in_store,
        warehouse=warehouse,
        nearby=[
            NearbyStock(location_id=f"l{i}", name=name, distance_km=km, available=n)
            for i, (name, km, n) in enumerate(nearby)
        ],
    )


def test_labels_for_every_status() -> None:
    assert status_label(size(3, 5)) == "In this store (3)"
    assert status_label(size(0, 5)) == "Warehouse — ship to home"
    assert status_label(size(0, 0, ("Kreuzberg", 3.14, 2))) == "At Kreuzberg 3.1 km"
    assert status_label(size(0, 0, ("Far", 12.0, 0))) == "Sold out"
    assert status_label(size(0, None)) == "Not in this store"


def test_nearest_store_with_stock_is_named() -> None:
    s = size(0, 0, ("Hamburg", 259.0, 1), ("Empty", 1.0, 0), ("Kreuzberg", 3.1, 2))
    assert s.status is SizeStatus.OTHER_STORE
    assert status_label(s) == "At Kreuzberg 3.1 km"


def test_distance_follows_the_language() -> None:
    assert format_km(3.14) == "3.1 km"
    assert format_km(3.14, "de") == "3,1 km"
    assert format_km(259.4) == "259 km"


def test_tiles_are_sorted_and_mark_the_scanned_size() -> None:
    sizes = [
        s.model_copy(update={"variant": variant(s.variant.size_eu, i)})
        for i, s in enumerate([size(1, 0, eu="43"), size(0, 2, eu="38"), size(0, 0, eu="40.5")])
    ]
    run = SizeRun(
        style=STYLE,
        store_id="mitte",
        scanned_gtin=sizes[1].variant.gtin,
        sizes=sizes,
        as_of=datetime.now(UTC),
    )
    tiles = size_tiles(run)
    assert [t.size_eu for t in tiles] == ["38", "40.5", "43"]
    assert [t.action for t in tiles] == [SizeAction.SHIP_HOME, SizeAction.NOTIFY, SizeAction.FETCH]
    assert [t.scanned for t in tiles] == [True, False, False]
    assert "the size you scanned" in tiles[0].accessible_name
    assert tiles[2].accessible_name.startswith("Size EU 43, UK 8, US 9. In this store (1)")


def test_unknown_size_cannot_be_chosen() -> None:
    run = SizeRun(
        style=STYLE,
        store_id="mitte",
        sizes=[size(0, None)],
        warehouses_known=False,
        as_of=datetime.now(UTC),
    )
    (tile,) = size_tiles(run)
    assert tile.status is SizeStatus.UNKNOWN
    assert not tile.choosable
    assert tile.detail == "Ask a staff member"


def test_notice_only_when_something_is_missing() -> None:
    now = datetime.now(UTC)
    complete = SizeRun(style=STYLE, store_id="m", sizes=[], as_of=now)
    assert availability_notice(complete) == ""
    no_warehouse = complete.model_copy(update={"warehouses_known": False})
    assert availability_notice(no_warehouse) == (
        "Warehouse stock unavailable right now; showing this store."
    )
    no_stores = complete.model_copy(update={"stores_known": False})
    assert "Store stock unavailable" in availability_notice(no_stores)
    cached = complete.model_copy(update={"from_cache": True})
    assert "saved stock" in availability_notice(cached)
