"""Fixtures for the admin tests: a staff-enabled client on the real service and the panel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from inventory_client import InventoryClient
from kiosk.admin.panel import AdminPanel, AdminSettings, open_admin
from kiosk.admin.pin import hash_pin
from kiosk.workers import TaskRunner

PIN = "582039"
STAFF_ID = "anna"


@pytest.fixture(scope="session")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def staff_list(pin_hash: str) -> list[dict[str, str]]:
    return [
        {"id": STAFF_ID, "name": "Anna", "pin_hash": pin_hash},
        {"id": "ben", "name": "Ben", "pin_hash": pin_hash},
    ]


def make_client(service: Any, outbox: Path) -> InventoryClient:
    return InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=outbox,
        staff_key=service.staff_key,
        read_timeout=10.0,
    )


@pytest.fixture
def client(fresh_service: Any, tmp_path: Path) -> Iterator[InventoryClient]:
    made = make_client(fresh_service, tmp_path / "outbox.sqlite")
    yield made
    made.close()


@pytest.fixture
def runner(qtbot: Any) -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    assert made.shutdown()


@pytest.fixture
def panel_factory(
    qtbot: Any, tmp_path: Path, fresh_service: Any, staff_list: list[dict[str, str]], runner
) -> Iterator[Callable[..., AdminPanel]]:
    panels: list[AdminPanel] = []

    def make(
        client: InventoryClient,
        *,
        checks: Any = None,
        on_quit: Callable[[], None] | None = None,
        **settings: Any,
    ) -> AdminPanel:
        options = {
            "idle_timeout_s": AdminSettings.defaults().idle_timeout_s,
            "export_dir": tmp_path / "exports",
            "import_dir": tmp_path / "imports",
            "fetch_poll_ms": 200,
            "status_poll_ms": 200,
            **settings,
        }
        panel = open_admin(
            None,
            client,
            fresh_service.staff_key,
            staff_list,
            data_dir=tmp_path / "admin",
            runner=runner,
            settings=AdminSettings(**options),
            checks=checks,
            on_quit=on_quit,
        )
        qtbot.addWidget(panel)
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
    runner.shutdown()


def log_in(qtbot: Any, panel: AdminPanel, pin: str = PIN, staff_id: str = STAFF_ID) -> None:
    panel.pin_pad.staff_buttons[staff_id].click()
    for digit in pin:
        panel.pin_pad.keys[digit].click()
    panel.pin_pad.ok_button.click()
    qtbot.waitUntil(lambda: panel.logged_in, timeout=10_000)


def in_store_gtin(catalogue: dict[str, Any]) -> str:
    """A demo GTIN the home store has on hand."""
    home = catalogue["home_store_id"]
    for row in catalogue["stock"]:
        if row["location_id"] == home and row["on_hand"] >= 2:
            return row["gtin"]
    raise AssertionError("demo catalogue has no stock in the home store")


def warehouse_gtin(catalogue: dict[str, Any]) -> str:
    """A demo GTIN a warehouse has plenty of (orderable for home delivery)."""
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    for row in catalogue["stock"]:
        if row["location_id"] in warehouses and row["on_hand"] >= 3:
            return row["gtin"]
    raise AssertionError("demo catalogue has no warehouse stock")
