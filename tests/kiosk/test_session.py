"""kiosk.session: the shopper's journey as a state machine (runner made synchronous)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from support.runners import ImmediateRunner

from inventory_client import NotFound, Unavailable
from inventory_client.models import DemandKind, SizeAvailability, SizeRun, Style, Variant
from kiosk.journey.phases import BACK, GENERIC_ERROR, TRANSITIONS, State
from kiosk.journey.product import Product
from kiosk.scanning.decoder import normalize_gtin
from kiosk.session import ShopperSession

GTIN_IN_STORE = "2000000000015"
GTIN_WAREHOUSE = "2000000000022"


def make_run(gtin: str) -> SizeRun:
    style = Style(
        id="s1",
        name="Fjord Hiker",
        brand="Nordhain",
        colour="Moss",
        price=Decimal("169.00"),
        currency="EUR",
        image="s1.png",
    )
    return SizeRun(
        style=style,
        store_id="berlin-mitte",
        scanned_gtin=gtin,
        as_of=datetime.now(UTC),
        sizes=[
            SizeAvailability(
                variant=Variant(
                    gtin=GTIN_IN_STORE, style_id="s1", size_eu="41", size_uk="7", size_us="8"
                ),
                in_store=2,
                warehouse=0,
            ),
            SizeAvailability(
                variant=Variant(
                    gtin=GTIN_WAREHOUSE, style_id="s1", size_eu="42", size_uk="8", size_us="9"
                ),
                in_store=0,
                warehouse=4,
            ),
        ],
    )


class Journey:
    """A session wired to a scripted lookup, recording every state it passes."""

    def __init__(self, outcome: dict[str, Exception]) -> None:
        self.runner = ImmediateRunner()
        self.demand: list[tuple[DemandKind, str]] = []
        self.lookups: list[str] = []

        def lookup(gtin: str) -> Product:
            self.lookups.append(gtin)
            if gtin in outcome:
                raise outcome[gtin]
            return Product(size_run=make_run(gtin))

        self.session = ShopperSession(
            lookup,
            self.runner,
            normalize=normalize_gtin,
            record_demand=lambda k, g: self.demand.append((k, g)),
        )
        self.states: list[str] = []
        self.session.state_changed.connect(self.states.append)

    def flush_demand(self) -> None:
        for fn in self.runner.detached:
            fn()
        self.runner.detached.clear()


def test_every_state_has_a_way_back_and_a_way_to_start_over() -> None:
    for state in State:
        assert BACK[state] in TRANSITIONS[state] or BACK[state] is state
        assert State.ATTRACT in TRANSITIONS[state]
        assert State.LOOKING_UP in TRANSITIONS[state]  # a scan works everywhere
    assert State.PRODUCT not in TRANSITIONS[State.SCANNING]  # only through a lookup


def test_scan_found_shows_the_product(qapp) -> None:
    journey = Journey({})
    journey.session.scan(GTIN_IN_STORE)
    assert journey.states == ["looking_up", "product"]
    product = journey.session.product
    assert product is not None and product.size_run.scanned_gtin == GTIN_IN_STORE
    journey.flush_demand()
    assert journey.demand == [(DemandKind.SCANNED, GTIN_IN_STORE)]


def test_upc_is_normalised_before_lookup(qapp) -> None:
    journey = Journey({})
    journey.session.scan("036000291452")  # UPC-A
    assert journey.lookups == ["0036000291452"]


def test_not_a_gtin_goes_to_unknown_code_without_a_lookup(qapp) -> None:
    journey = Journey({})
    codes: list[str] = []
    journey.session.code_unknown.connect(codes.append)
    journey.session.scan("https://example.com/qr")
    assert journey.states == ["unknown_code"]
    assert codes == ["https://example.com/qr"]
    assert journey.lookups == []


def test_unknown_gtin_goes_to_unknown_code(qapp) -> None:
    journey = Journey({"2999999999991": NotFound("nope")})
    journey.session.scan("2999999999991")
    assert journey.states == ["looking_up", "unknown_code"]


def test_service_failure_shows_its_plain_message_and_retry_works(qapp) -> None:
    error = Unavailable("connect timeout")
    journey = Journey({GTIN_IN_STORE: error})
    journey.session.scan(GTIN_IN_STORE)
    assert journey.session.state is State.ERROR
    assert journey.session.message == error.user_message
    assert "Traceback" not in journey.session.message
    journey.session.retry()
    assert journey.lookups == [GTIN_IN_STORE, GTIN_IN_STORE]


def test_a_bug_in_the_lookup_shows_a_calm_message(qapp, caplog) -> None:
    journey = Journey({GTIN_IN_STORE: KeyError("oops")})
    journey.session.scan(GTIN_IN_STORE)
    assert journey.session.state is State.ERROR
    assert journey.session.message == GENERIC_ERROR


def test_back_and_start_over(qapp) -> None:
    journey = Journey({})
    session = journey.session
    session.start_scanning()
    assert session.state is State.SCANNING
    session.scan(GTIN_IN_STORE)
    session.back()
    assert session.state is State.SCANNING
    session.back()
    assert session.state is State.ATTRACT
    session.scan(GTIN_IN_STORE)
    session.start_over()
    assert session.state is State.ATTRACT
    assert session.product is None and session.last_code == ""


def test_back_while_looking_up_cancels_and_drops_the_result(qapp) -> None:
    journey = Journey({})
    journey.runner.hold = True
    journey.session.scan(GTIN_IN_STORE)
    journey.session.back()
    assert journey.runner.cancelled[-1] == "lookup"
    journey.runner.release()  # the late answer must not pull the shopper back
    assert journey.session.state is State.SCANNING
    assert journey.session.product is None


def test_a_scan_on_the_product_screen_opens_the_new_product(qapp) -> None:
    journey = Journey({})
    journey.session.scan(GTIN_IN_STORE)
    journey.session.scan(GTIN_WAREHOUSE)
    assert journey.states == ["looking_up", "product", "looking_up", "product"]
    assert journey.session.product.size_run.scanned_gtin == GTIN_WAREHOUSE


@pytest.mark.parametrize(
    ("gtin", "action", "demand"),
    [
        (GTIN_IN_STORE, "fetch", [DemandKind.SIZE_VIEWED]),
        (GTIN_WAREHOUSE, "ship_home", [DemandKind.SIZE_VIEWED, DemandKind.NOT_IN_STORE]),
    ],
)
def test_choosing_a_size(qapp, gtin: str, action: str, demand: list[DemandKind]) -> None:
    journey = Journey({})
    chosen: list[tuple[str, str]] = []
    journey.session.size_chosen.connect(lambda g, a: chosen.append((g, a)))
    journey.session.scan(GTIN_IN_STORE)
    journey.flush_demand()
    journey.demand.clear()
    journey.session.choose_size(gtin)
    journey.flush_demand()
    assert chosen == [(gtin, action)]
    assert [kind for kind, _ in journey.demand] == demand
