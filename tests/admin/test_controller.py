"""AdminController without a window: where scans go, and the actions against the real
service, their results and calm failure messages as signals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from inventory_client import InventoryClient
from kiosk.admin.audit import AuditTrail
from kiosk.admin.controller import (
    AdminController,
    ScanAction,
    ScanRoute,
    Section,
    route_scan,
)
from kiosk.admin.settings import AdminSettings
from kiosk.admin.text import Msg
from kiosk.workers import TaskRunner

from .conftest import in_store_gtin

GTIN = "4006381333931"


@pytest.mark.parametrize(
    ("code", "logged_in", "section", "counting", "expected"),
    [
        ("STAFF:ben", False, Section.RECEIVING, False, ScanRoute(ScanAction.SELECT_STAFF, "ben")),
        (GTIN, False, Section.RECEIVING, False, ScanRoute(ScanAction.IGNORE, GTIN)),
        ("STAFF:ben", True, Section.RECEIVING, False, ScanRoute(ScanAction.IGNORE, "STAFF:ben")),
        (GTIN, True, Section.RECEIVING, False, ScanRoute(ScanAction.RECEIVE, GTIN)),
        (GTIN, True, Section.FETCH, True, ScanRoute(ScanAction.COUNT, GTIN)),
        (GTIN, True, Section.STOCK, True, ScanRoute(ScanAction.SHOW_STYLE, GTIN)),
        (
            "https://shop.example/o/ea-4k7q9m",
            True,
            Section.ORDERS,
            False,
            ScanRoute(ScanAction.MARK_PAID, "EA-4K7Q9M"),
        ),
        (
            "hello" * 20,
            True,
            Section.RECEIVING,
            False,
            ScanRoute(ScanAction.NOT_A_SHOE, "hello" * 8),
        ),
        (
            "4006381333932",
            True,
            Section.RECEIVING,
            False,
            ScanRoute(ScanAction.NOT_A_SHOE, "4006381333932"),
        ),
    ],
)
def test_route_scan(
    code: str, logged_in: bool, section: Section, counting: bool, expected: ScanRoute
) -> None:
    assert route_scan(code, logged_in=logged_in, section=section, counting=counting) == expected


@pytest.fixture
def controller(
    qtbot: Any, fresh_service: Any, client: InventoryClient, tmp_path: Path
) -> Iterator[AdminController]:
    runner = TaskRunner()
    staff = client.staff(fresh_service.staff_key)
    audit = AuditTrail(staff, tmp_path / "audit.sqlite")
    made = AdminController(
        client,
        staff,
        audit,
        runner,
        AdminSettings(idle_timeout_s=60, export_dir=tmp_path / "exports"),
        actor=lambda: "anna",
        now=lambda: datetime.now(UTC),
    )
    yield made
    assert runner.shutdown()
    audit.close()


def texts(messages: list[Msg]) -> list[str]:
    return [m.text() for m in messages]


def test_receive_and_undo_report_the_tally(qtbot: Any, controller: Any, catalogue: Any) -> None:
    gtin = in_store_gtin(catalogue)
    stock = controller.stock
    with qtbot.waitSignal(stock.tally_changed, timeout=10_000) as received:
        controller.handle_scan(ScanRoute(ScanAction.RECEIVE, gtin))
    lines, total, message = received.args
    assert total == 1 and lines[0].gtin == gtin and lines[0].count == 1
    assert message.text().startswith("+1 ") and "queued" not in message.text()

    with qtbot.waitSignal(
        stock.tally_changed,
        timeout=10_000,
        check_params_cb=lambda *a: a[2].text().startswith("Undone"),
    ) as undone:
        stock.undo_last_receive()
    assert undone.args[1] == 0 and undone.args[0] == []


def test_a_scan_to_receive_asks_for_the_receiving_section(
    qtbot: Any, controller: Any, catalogue: Any
) -> None:
    with qtbot.waitSignal(controller.section_wanted, timeout=1_000) as wanted:
        controller.handle_scan(ScanRoute(ScanAction.RECEIVE, in_store_gtin(catalogue)))
    assert wanted.args == [Section.RECEIVING]
    qtbot.waitSignal(controller.stock.tally_changed, timeout=10_000).wait()


def test_count_asks_with_the_current_count_then_sets_it(
    qtbot: Any, controller: Any, catalogue: Any
) -> None:
    gtin = in_store_gtin(catalogue)
    with qtbot.waitSignal(controller.stock.count_asked, timeout=10_000) as asked:
        controller.handle_scan(ScanRoute(ScanAction.COUNT, gtin))
    asked_gtin, what, current = asked.args
    assert asked_gtin == gtin and " size " in what.text() and current >= 2
    with qtbot.waitSignal(controller.stock.receiving_message, timeout=10_000) as saved:
        controller.stock.set_count(gtin, 7)
    assert saved.args[0].text() == f"Count saved: {gtin} = 7"


def test_unknown_gtin_is_not_added_and_says_why(qtbot: Any, controller: Any) -> None:
    messages: list[Msg] = []
    controller.stock.receiving_message.connect(messages.append)
    controller.stock.receive("2999999999991")  # valid check digit, not in the catalogue
    qtbot.waitUntil(lambda: any("Not added" in t for t in texts(messages)), timeout=10_000)
    assert controller.stock.tally.total == 0
    assert texts(messages)[0] == "Adding 2999999999991…"


def test_not_a_shoe_says_so(qtbot: Any, controller: Any) -> None:
    with qtbot.waitSignal(controller.stock.receiving_message, timeout=1_000) as said:
        controller.handle_scan(ScanRoute(ScanAction.NOT_A_SHOE, "hello"))
    assert said.args[0].text() == "Not a shoe barcode: hello"


def test_mark_paid_of_an_unknown_order_is_a_calm_message(qtbot: Any, controller: Any) -> None:
    messages: list[Msg] = []
    controller.store.orders_message.connect(messages.append)
    controller.handle_scan(ScanRoute(ScanAction.MARK_PAID, "EA-NOSUCH1"))
    qtbot.waitUntil(lambda: "No order EA-NOSUCH1 in this store" in texts(messages), timeout=10_000)
    assert texts(messages)[0] == "Marking EA-NOSUCH1 paid…"


def test_orders_fetch_queue_and_demand_arrive_as_data(qtbot: Any, controller: Any) -> None:
    with qtbot.waitSignal(controller.store.order_rows_ready, timeout=10_000) as orders:
        controller.refresh(Section.ORDERS)
    assert isinstance(orders.args[0], list)
    with qtbot.waitSignal(controller.store.fetch_rows_ready, timeout=10_000) as fetch:
        controller.refresh(Section.FETCH)
    assert fetch.args[0] == []
    with qtbot.waitSignal(controller.reports.demand_ready, timeout=10_000) as demand:
        controller.reports.load_demand(7)
    assert demand.args[0].rows == [] or demand.args[0].rows[0].size_eu


def test_export_without_a_folder_says_so(
    qtbot: Any, fresh_service: Any, client: Any, tmp_path: Any
) -> None:
    runner = TaskRunner()
    staff = client.staff(fresh_service.staff_key)
    audit = AuditTrail(staff, tmp_path / "audit.sqlite")
    try:
        bare = AdminController(
            client,
            staff,
            audit,
            runner,
            AdminSettings(idle_timeout_s=60),
            actor=lambda: "anna",
            now=lambda: datetime.now(UTC),
        )
        assert not bare.has_health and not bare.reports.run_health_checks()
        with qtbot.waitSignal(bare.reports.demand_message, timeout=1_000) as said:
            bare.reports.export_demand(7)
        assert said.args[0].text() == "No export folder is configured"
    finally:
        runner.shutdown()
        audit.close()


def test_service_down_gives_calm_messages_not_tracebacks(
    qtbot: Any, fresh_service: Any, controller: Any, catalogue: Any
) -> None:
    gtin = in_store_gtin(catalogue)
    fresh_service.stop()
    stock: list[Msg] = []
    controller.stock.stock_message.connect(stock.append)
    controller.stock.search("loafer")
    qtbot.waitUntil(lambda: len(stock) >= 2, timeout=30_000)
    assert stock[0].text() == "Searching…"
    assert "stock system" in stock[1].text()  # the client's calm words, not an exception
    with qtbot.waitSignal(controller.stock.status_ready, timeout=30_000) as status:
        controller.stock.poll_status()
    assert status.args[0] in ("offline", "degraded")
    # a receive while offline is queued in the outbox and counted
    with qtbot.waitSignal(controller.stock.tally_changed, timeout=30_000) as queued:
        controller.stock.receive(gtin)
    assert "queued" in queued.args[2].text()


def test_messages_follow_the_language(
    qtbot: Any, qapp: Any, controller: Any, tmp_path: Any
) -> None:
    from kiosk.i18n import Translations, build

    build(out=tmp_path)
    translations = Translations(qapp, tmp_path)
    with qtbot.waitSignal(controller.stock.receiving_message, timeout=1_000) as said:
        controller.handle_scan(ScanRoute(ScanAction.NOT_A_SHOE, "hello"))
    message = said.args[0]
    try:
        assert translations.switch("de")
        assert message.text() == "Kein Schuh-Strichcode: hello"
        assert translations.switch("fr")
        assert message.text() == "Pas un code-barres de chaussure : hello"
    finally:
        translations.switch("en")
    assert message.text() == "Not a shoe barcode: hello"
