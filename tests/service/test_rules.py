"""Pure rules: distances, transitions, order codes, hashes."""

from __future__ import annotations

import pytest

from inventory_client.models import FetchStatus, OrderStatus
from inventory_service import rules


def test_haversine_known_distance() -> None:
    # Berlin Alexanderplatz -> Munich Marienplatz is about 504 km as the crow flies.
    assert rules.haversine_km(52.5219, 13.4132, 48.1374, 11.5755) == pytest.approx(504, abs=3)
    assert rules.haversine_km(10, 10, 10, 10) == 0


def test_order_codes_are_short_and_unambiguous() -> None:
    codes = {rules.new_order_number() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert code.startswith("EA-") and len(code) == 9
        assert not set(code[3:]) & set("01OIL")


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (OrderStatus.RESERVED, OrderStatus.PAID, True),
        (OrderStatus.RESERVED, OrderStatus.CANCELLED, True),
        (OrderStatus.RESERVED, OrderStatus.SHIPPED, False),
        (OrderStatus.PAID, OrderStatus.SHIPPED, True),
        (OrderStatus.PAID, OrderStatus.PAID, False),
        (OrderStatus.SHIPPED, OrderStatus.CANCELLED, False),
        (OrderStatus.CANCELLED, OrderStatus.RESERVED, False),
    ],
)
def test_order_transitions(current, new, allowed) -> None:
    assert rules.order_transition_allowed(current, new) is allowed


def test_fetch_transitions_match_contract() -> None:
    assert rules.fetch_transition_allowed(FetchStatus.CLAIMED, FetchStatus.OPEN)
    assert not rules.fetch_transition_allowed(FetchStatus.OPEN, FetchStatus.DONE)
    assert not rules.fetch_transition_allowed(FetchStatus.DONE, FetchStatus.CANCELLED)


def test_body_hash_ignores_key_order() -> None:
    assert rules.body_hash({"a": 1, "b": [1, 2]}) == rules.body_hash({"b": [1, 2], "a": 1})
    assert rules.body_hash({"a": 1}) != rules.body_hash({"a": 2})


def test_a_stock_report_lists_the_store_and_only_the_nearest_others() -> None:
    from inventory_client.models import Location, LocationKind, StockScope
    from inventory_service.reports import ordered_locations

    home = Location(id="s-home", name="Home", kind=LocationKind.STORE, latitude=50, longitude=8)
    chain = [
        Location(
            id=f"s-{i:03d}",
            name=f"S{i}",
            kind=LocationKind.STORE,
            latitude=50 + i / 10,
            longitude=8,
        )
        for i in range(1, 300)
    ]
    listed = ordered_locations(home, [home, *chain], StockScope.STORES)
    assert [loc.id for loc, _ in listed] == ["s-home"] + [
        f"s-{i:03d}" for i in range(1, rules.NEARBY_STORES_LISTED + 1)
    ]
