"""AdminPanel against the real service: orders by QR, lost demand, CSV import, stock view,
audit events at the service."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from support.api import Api

from inventory_client.models import OrderLineRequest, OrderStatus, ShipTo

from .conftest import in_store_gtin, log_in, warehouse_gtin

SHIP_TO = ShipTo(
    name="Test Shopper", street="Musterstraße 1", postcode="10115", city="Berlin", country="DE"
)


def test_mark_paid_by_scanning_the_order_qr_then_cancel(
    qtbot, panel_factory, client, fresh_service, catalogue
) -> None:
    gtin = warehouse_gtin(catalogue)
    order = client.place_order(
        [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=uuid.uuid4().hex
    )
    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Orders")
    qtbot.waitUntil(
        lambda: any(r.number == order.number for r in panel.orders.rows), timeout=10_000
    )

    panel.handle_scan(f"https://shop.example/o/{order.number}")  # the QR on the phone
    qtbot.waitUntil(lambda: "is paid" in panel.orders.status.text(), timeout=10_000)
    qtbot.waitUntil(
        lambda: any(r.number == order.number and r.status == "paid" for r in panel.orders.rows),
        timeout=10_000,
    )
    index = next(i for i, r in enumerate(panel.orders.rows) if r.number == order.number)
    panel.orders.select_row(index)
    assert not panel.orders.cancel_button.isEnabled()  # a reason is required
    panel.orders.reason.setText("customer changed their mind")
    panel.orders.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in panel.orders.status.text(), timeout=10_000)
    final = panel.staff.order_by_number(order.number)
    assert final.status == OrderStatus.CANCELLED
    assert final.history[-1].note == "customer changed their mind"
    with Api(fresh_service.url, fresh_service.staff_key) as api:
        audit = api.get("/v1/audit", params={"store_id": fresh_service.store_id}).json()
    assert {(e["action"], e["actor"]) for e in audit} >= {("order.status", "anna")}


def seed_demand(service: Any, gtin: str, kind: str, count: int, at: datetime) -> None:
    with Api(service.url, service.kiosk_key) as api:
        for _ in range(count):
            body = {
                "id": uuid.uuid4().hex,
                "kind": kind,
                "gtin": gtin,
                "kiosk_id": service.kiosk_id,
                "store_id": service.store_id,
                "at": at.isoformat(),
            }
            assert api.post("/v1/demand-events", json=body).status_code == 202


def test_lost_demand_numbers_chart_and_export(
    qtbot, panel_factory, client, fresh_service, catalogue, tmp_path: Path
) -> None:
    gtin = warehouse_gtin(catalogue)
    now = datetime.now(UTC)
    seed_demand(fresh_service, gtin, "not_in_store", 4, now - timedelta(days=2))
    seed_demand(fresh_service, gtin, "scanned", 3, now - timedelta(days=1))
    seed_demand(fresh_service, gtin, "not_in_store", 5, now - timedelta(days=20))  # outside 7 d
    client.place_order([OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=uuid.uuid4().hex)

    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Lost demand")  # 7 days by default
    qtbot.waitUntil(lambda: panel.demand.table.rowCount() > 0, timeout=10_000)
    row = next(
        r
        for r in range(panel.demand.table.rowCount())
        if panel.demand.table.item(r, 1).text() and panel.staff.lost_demand(7).rows[r].gtin == gtin
    )
    cells = [panel.demand.table.item(row, c).text() for c in range(7)]
    on_hand = int(cells[5])
    # Missed 4, scanned 3, 1 order; restock = ceil(4 x 28 / 7) - on hand.
    assert cells[2:5] == ["4", "3", "1"]
    assert cells[6] == str(max(0, math.ceil(4 * 28 / 7) - on_hand))
    assert panel.demand.chart.bars()[0][1] == 4

    panel.demand.period_buttons[30].click()
    qtbot.waitUntil(lambda: panel.demand.table.item(0, 2).text() != "4", timeout=10_000)
    assert panel.demand.table.item(0, 2).text() == "9"

    panel.demand.export_button.click()
    qtbot.waitUntil(lambda: panel.demand.status.text().startswith("Saved: "), timeout=10_000)
    path = Path(panel.demand.status.text().removeprefix("Saved: "))
    assert path.parent == tmp_path / "exports"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("style_id,style_name,brand,size_eu,gtin")
    assert gtin in text


def test_csv_with_bad_lines_is_rejected_with_line_numbers_and_nothing_changes(
    qtbot, panel_factory, client, fresh_service, catalogue, tmp_path: Path
) -> None:
    gtin = in_store_gtin(catalogue)
    imports = tmp_path / "imports"
    imports.mkdir()
    (imports / "count.csv").write_text(
        f"gtin,on_hand\n{gtin},9\n1234567890123,2\n{gtin[:-1]}x,1\n", encoding="utf-8"
    )
    panel = panel_factory(client)
    before = client.size_run(client.lookup(gtin))
    log_in(qtbot, panel)
    panel.show_section("Import")
    panel.imports.refresh()
    panel.imports.choose("count.csv", "stock")
    panel.imports.dry_run_button.click()
    qtbot.waitUntil(lambda: "line" in panel.imports.report.toPlainText(), timeout=10_000)
    report = panel.imports.report.toPlainText()
    assert "nothing was written" in report
    assert "line 3" in report and "line 4" in report and "line 2" not in report
    assert not panel.imports.import_button.isEnabled()
    after = client.size_run(client.lookup(gtin))
    assert [s.in_store for s in after.sizes] == [s.in_store for s in before.sizes]

    # Fixed file: dry run is clean, then the import applies.
    (imports / "count.csv").write_text(f"gtin,on_hand\n{gtin},9\n", encoding="utf-8")
    panel.imports.dry_run_button.click()
    qtbot.waitUntil(lambda: panel.imports.import_button.isEnabled(), timeout=10_000)
    panel.imports.import_button.click()
    qtbot.waitUntil(lambda: "Imported" in panel.imports.report.toPlainText(), timeout=10_000)
    run = client.size_run(client.lookup(gtin))
    assert next(s for s in run.sizes if s.variant.gtin == gtin).in_store is not None


def test_stock_view_search_lists_styles(qtbot, panel_factory, client, catalogue) -> None:
    style = client.lookup(in_store_gtin(catalogue)).style
    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Stock")
    panel.stock.query.setText(style.brand)
    panel.stock.search_button.click()
    qtbot.waitUntil(lambda: panel.stock.status.text() != "Searching…", timeout=10_000)
    assert "styles found" in panel.stock.status.text(), panel.stock.status.text()
    labels = [panel.stock.results.item(i).text() for i in range(panel.stock.results.count())]
    assert any(style.id in label for label in labels)


def test_stock_view_steppers_change_this_store(qtbot, panel_factory, client, catalogue) -> None:
    gtin = in_store_gtin(catalogue)
    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Stock")
    panel.handle_scan(gtin)  # a scan on the stock view opens that style's size grid
    qtbot.waitUntil(lambda: panel.stock.step_button(gtin, +1) is not None, timeout=10_000)
    grid = panel.stock.grid
    row = next(r for r in range(grid.rowCount()) if grid.item(r, 1).text() == gtin)
    count = int(grid.item(row, 2).text())
    panel.stock.step_button(gtin, +1).click()
    qtbot.waitUntil(lambda: "now" in panel.stock.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: grid.item(row, 2).text() == str(count + 1), timeout=10_000)
    panel.stock.step_button(gtin, -1).click()
    qtbot.waitUntil(lambda: grid.item(row, 2).text() == str(count), timeout=10_000)


def test_device_events_reach_the_service_audit(qtbot, panel_factory, client, fresh_service) -> None:
    panel = panel_factory(client)
    log_in(qtbot, panel)
    with Api(fresh_service.url, fresh_service.staff_key) as api:

        def actions() -> list[str]:
            got = api.get("/v1/audit", params={"store_id": fresh_service.store_id})
            assert got.status_code == 200, got.text  # a missing route fails, never skips
            return [e["action"] for e in got.json()]

        qtbot.waitUntil(lambda: "admin.login" in actions(), timeout=10_000)
        panel.exit_button.click()
        qtbot.waitUntil(lambda: "admin.logout" in actions(), timeout=10_000)
    assert panel.audit.pending_count() == 0
