"""A shopper at the real kiosk on a real X server: orders, a crash, and walking away (issue 14).

The kiosk runs as ``python -m kiosk run`` from a config file against the reference service
the test started (so the service outlives a kiosk killed with SIGKILL, and the test counts
orders there). The shopper taps where the kiosk's widget map says a control is, and types
on the physical keyboard at a person's speed (100 ms a key).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.api import Api

from inventory_service.catalogue import DEMO_CATALOGUE
from inventory_service.launcher import ServiceProcess

from .kiosk_process import KioskFactory, KioskProcess, write_run_config
from .xinput import PERSON_DELAY_MS, XInput, buttons, field
from .xserver import XServer, XServerFactory

pytestmark = pytest.mark.slow  # each test starts an X server and the kiosk

PORTRAIT = (1080, 1920)
IDLE_TIMEOUT_S = 10  # the config's minimum: the still-there countdown starts after this
STILL_THERE_S = 3
OUTBOX_TIMEOUT_S = 90.0
POLL_S = 0.1
FIELD_TIMEOUT_S = 10.0

SHOPPER = {
    "name": "Jana Testerin",
    "street": "Lindenallee 12",
    "postcode": "10115",
    "city": "Berlin",
    "email": "jana.testerin@example.org",
    "phone": "+49 30 1234567",
}
COUNTRY_NAME = "Germany"  # tapped on the form's country buttons (English screens)


def warehouse_only_gtin() -> str:
    """A size the home store lacks and the warehouse has (tapping it ships it home)."""
    catalogue = json.loads(Path(DEMO_CATALOGUE).read_text(encoding="utf-8"))
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    home = catalogue["home_store_id"]
    at_home = {r["gtin"] for r in catalogue["stock"] if r["location_id"] == home and r["on_hand"]}
    in_warehouse = {
        r["gtin"]
        for r in catalogue["stock"]
        if kinds[r["location_id"]] == "warehouse" and r["on_hand"]
    }
    gtin: str = sorted(in_warehouse - at_home)[0]
    return gtin


class Shopper:
    """A person at the kiosk: taps what the widget map shows, types on the keyboard."""

    def __init__(self, server: XServer, kiosk: KioskProcess, data_dir: Path) -> None:
        self.input = XInput(server)
        self.kiosk = kiosk
        self.data_dir = data_dir

    def screen_map(self) -> dict[str, Any]:
        return self.kiosk.widget_map(self.data_dir)

    def wait_screen(self, screen: str, mark: int) -> None:
        self.kiosk.wait_for("screen shown", after=mark, screen=screen)

    def scan(self, gtin: str) -> None:
        mark = self.kiosk.mark()
        self.input.scan(gtin)
        self.wait_screen("ProductScreen", mark)

    def tap_warehouse_size(self) -> None:
        tiles = buttons(self.screen_map(), name="sizeTile", status="warehouse", enabled=True)
        assert tiles, "no size from the warehouse on the product screen"
        mark = self.kiosk.mark()
        self.input.click(tiles[0]["center"])
        self.wait_screen("AddressFormScreen", mark)

    def fill_address(self) -> None:
        for name, value in SHOPPER.items():
            target = field(self.screen_map(), f"field_{name}")
            self.input.click(target["center"])
            self.input.type(value, PERSON_DELAY_MS)
            self.wait_field(f"field_{name}", len(value))  # nothing lost, nothing added
        countries = buttons(self.screen_map(), name="choice")
        country = [b for b in countries if COUNTRY_NAME in b["text"]]
        assert country, f"no country button {COUNTRY_NAME}: {countries}"
        self.input.click(country[0]["center"])

    def wait_field(self, name: str, chars: int) -> None:
        """Until field ``name`` holds ``chars`` characters (the wedge filter holds a
        person's last key back for a moment before it lets it through)."""
        deadline = time.monotonic() + FIELD_TIMEOUT_S
        while (now := field(self.screen_map(), name))["chars"] != chars:
            assert time.monotonic() < deadline, f"{name}: {now}, expected {chars} characters"

    def continue_to_review(self) -> None:
        mark = self.kiosk.mark()
        self.input.click(self.primary()["center"])
        self.wait_screen("ReviewScreen", mark)

    def primary(self) -> dict[str, Any]:
        found = buttons(self.screen_map(), name="primary", enabled=True)
        assert len(found) == 1, found
        return found[0]

    def triple_tap_place_order(self) -> None:
        self.input.click(self.primary()["center"], repeat=3, delay_ms=80)


def orders_at(service: ServiceProcess) -> list[dict[str, Any]]:
    with Api(service.url, service.staff_key) as api:
        response = api.get("/v1/orders", params={"store_id": service.store_id})
        response.raise_for_status()
        orders: list[dict[str, Any]] = response.json()
        return orders


def outbox_rows(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "outbox.sqlite"
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("select idempotency_key, status from outbox").fetchall()
    except sqlite3.OperationalError:  # the kiosk has not created the table yet
        return []
    finally:
        conn.close()


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(POLL_S)


def assert_no_personal_data(text: str, where: str) -> None:
    for name, value in SHOPPER.items():
        assert value not in text, f"the shopper's {name} is in {where}"


RunKiosk = Callable[[], tuple[XServer, KioskProcess, "Shopper"]]


@pytest.fixture
def run_kiosk(
    tmp_path: Path,
    fresh_service: ServiceProcess,
    xserver_factory: XServerFactory,
    kiosk_factory: KioskFactory,
) -> RunKiosk:
    """``run_kiosk()``: ``python -m kiosk run`` on a 1080x1920 Xvfb; again: same data dir."""
    data_dir = tmp_path / "kiosk-data"
    camera = tmp_path / "no-camera"
    camera.mkdir()
    config = write_run_config(
        tmp_path / "kiosk.toml",
        fresh_service,
        data_dir,
        camera,
        ui={"idle_timeout_s": IDLE_TIMEOUT_S, "still_there_s": STILL_THERE_S},
    )
    servers: list[XServer] = []

    def start() -> tuple[XServer, KioskProcess, Shopper]:
        if not servers:
            servers.append(xserver_factory("xvfb", [PORTRAIT]))
        server = servers[0]
        kiosk = kiosk_factory(server, ["run", "--config", str(config)])
        return server, kiosk, Shopper(server, kiosk, data_dir)

    return start


def test_triple_tap_on_place_order_makes_exactly_one_order(
    run_kiosk: RunKiosk, fresh_service: ServiceProcess
) -> None:
    _, kiosk, shopper = run_kiosk()
    shopper.scan(warehouse_only_gtin())
    shopper.tap_warehouse_size()
    shopper.fill_address()
    shopper.continue_to_review()
    mark = kiosk.mark()
    shopper.triple_tap_place_order()
    shopper.wait_screen("ConfirmationScreen", mark)

    assert len(orders_at(fresh_service)) == 1
    wait_until(lambda: all(s != "pending" for _, s in outbox_rows(shopper.data_dir)), 30, "sent")
    assert len(orders_at(fresh_service)) == 1
    assert_no_personal_data(kiosk.text(), "the kiosk's log")


def test_kiosk_killed_right_after_place_order_still_makes_exactly_one_order(
    run_kiosk: RunKiosk, fresh_service: ServiceProcess
) -> None:
    _, kiosk, shopper = run_kiosk()
    shopper.scan(warehouse_only_gtin())
    shopper.tap_warehouse_size()
    shopper.fill_address()
    shopper.continue_to_review()
    shopper.triple_tap_place_order()
    # The moment the order is durable on the kiosk (sent or not): pull the plug.
    wait_until(lambda: bool(outbox_rows(shopper.data_dir)), 30, "the order in the outbox")
    kiosk.kill(signal.SIGKILL)

    _, again, _ = run_kiosk()  # same data dir, same outbox
    wait_until(
        lambda: all(s != "pending" for _, s in outbox_rows(shopper.data_dir)),
        OUTBOX_TIMEOUT_S,
        "the outbox drained after the restart",
    )
    assert len(orders_at(fresh_service)) == 1
    assert len(outbox_rows(shopper.data_dir)) == 1
    assert_no_personal_data(kiosk.text() + again.text(), "the kiosk's log")


def test_shopper_who_walks_away_leaves_nothing_behind(run_kiosk: RunKiosk) -> None:
    _, kiosk, shopper = run_kiosk()
    shopper.scan(warehouse_only_gtin())
    shopper.tap_warehouse_size()
    shopper.fill_address()
    mark = kiosk.mark()
    # ... and walks away: no input at all until the idle reset.
    shopper.kiosk.wait_for(
        "screen shown", after=mark, screen="ScanScreen", timeout=IDLE_TIMEOUT_S + STILL_THERE_S + 60
    )

    after = shopper.screen_map()
    every_field = [f for w in after["windows"] for f in w["fields"]]
    assert every_field, "the widget map lists no text fields"
    assert all(f["chars"] == 0 for f in every_field), every_field
    assert_no_personal_data(json.dumps(after, ensure_ascii=False), "what the screen shows")
    assert_no_personal_data(kiosk.text(), "the kiosk's log")
