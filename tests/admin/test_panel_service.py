"""AdminPanel against the real service: login, receiving with undo, offline restock,
fetch queue round trip, orders, and no plain PIN on disk."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from support.api import Api

from inventory_client.models import FetchStatus

from .conftest import PIN, in_store_gtin, log_in, make_client


def on_hand(service: Any, gtin: str) -> int:
    with Api(service.url, service.staff_key) as api:
        rows = api.get(
            "/v1/stock-adjustments", params={"location_id": service.store_id, "limit": 1}
        )
        assert rows.status_code == 200
        variant = api.get(f"/v1/variants/{gtin}").json()
        style = variant["style"]["id"]
        report = api.get(
            f"/v1/styles/{style}/stock", params={"store_id": service.store_id, "scope": "stores"}
        ).json()
    for entry in report["variants"]:
        if entry["gtin"] == gtin:
            here = next(loc for loc in entry["locations"] if loc["location_id"] == service.store_id)
            return here["on_hand"]
    raise AssertionError(gtin)


def test_receiving_tally_and_undo_change_the_service_stock(
    qtbot, panel_factory, client, fresh_service, catalogue
) -> None:
    gtin = in_store_gtin(catalogue)
    before = on_hand(fresh_service, gtin)
    panel = panel_factory(client)
    log_in(qtbot, panel)
    for expected in (1, 2, 3):
        panel.handle_scan(gtin)
        qtbot.waitUntil(lambda e=expected: panel.tally.total == e, timeout=10_000)
    line = panel.tally.line_for(gtin)
    assert line.count == 3 and line.size and line.product != gtin
    assert panel.receiving.table.rowCount() == 1
    assert panel.receiving.table.item(0, 2).text() == "3"
    assert on_hand(fresh_service, gtin) == before + 3

    panel.receiving.undo_button.click()
    qtbot.waitUntil(lambda: "Undone" in panel.receiving.last_scan.text(), timeout=10_000)
    assert panel.tally.total == 2
    assert on_hand(fresh_service, gtin) == before + 2


def test_counting_mode_sets_the_count(qtbot, panel_factory, client, fresh_service, catalogue):
    gtin = in_store_gtin(catalogue)
    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.receiving.set_counting(True)
    panel.handle_scan(gtin)
    qtbot.waitUntil(lambda: panel.receiving.count_save.isEnabled(), timeout=10_000)
    panel.receiving.count_input.setValue(7)
    panel.receiving.count_save.click()
    qtbot.waitUntil(lambda: "Count saved" in panel.receiving.last_scan.text(), timeout=10_000)
    assert on_hand(fresh_service, gtin) == 7


def test_offline_restock_is_applied_exactly_once_when_back(
    qtbot, panel_factory, fresh_service, catalogue, tmp_path: Path
) -> None:
    gtin = in_store_gtin(catalogue)
    before = on_hand(fresh_service, gtin)
    outbox = tmp_path / "outbox-offline.sqlite"
    offline_client = make_client(fresh_service, outbox)
    try:
        panel = panel_factory(offline_client)
        log_in(qtbot, panel)
        fresh_service.stop()
        panel.handle_scan(gtin)
        panel.handle_scan(gtin)
        qtbot.waitUntil(lambda: panel.tally.total == 2, timeout=30_000)
        assert "queued" in panel.receiving.last_scan.text()
        qtbot.waitUntil(lambda: "2 waiting" in panel.backlog.text(), timeout=10_000)
    finally:
        offline_client.close()

    fresh_service.start()  # same database, maybe another port: a new client, same outbox
    online = make_client(fresh_service, outbox)
    try:
        assert online.flush_outbox() == 2
        assert online.flush_outbox() == 0
        assert online.outbox.count() == 0
    finally:
        online.close()
    assert on_hand(fresh_service, gtin) == before + 2


def test_fetch_queue_round_trip(qtbot, panel_factory, client, fresh_service, catalogue) -> None:
    gtin = in_store_gtin(catalogue)
    request = client.create_fetch_request(gtin)  # as the shopper's kiosk
    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Fetch requests")
    qtbot.waitUntil(lambda: panel.fetch.action_button(request.id) is not None, timeout=10_000)
    row = next(r for r in panel.fetch.rows if r.request_id == request.id)
    assert row.size and row.kiosk == fresh_service.kiosk_id and row.age.endswith(("s", "min"))

    panel.fetch.action_button(request.id).click()  # Claim
    qtbot.waitUntil(
        lambda: client.get_fetch_request(request.id).status == FetchStatus.CLAIMED,
        timeout=10_000,
    )
    qtbot.waitUntil(
        lambda: (b := panel.fetch.action_button(request.id)) is not None and b.text() == "Done",
        timeout=10_000,
    )
    panel.fetch.action_button(request.id).click()  # Done
    qtbot.waitUntil(
        lambda: client.get_fetch_request(request.id).status == FetchStatus.DONE, timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.fetch.action_button(request.id) is None, timeout=10_000)


def test_wrong_pins_lock_the_pad_and_no_plain_pin_is_stored(
    qtbot, panel_factory, client, tmp_path: Path, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    typed = "940273"  # searched for below: the PIN this test typed, not one it never did
    panel = panel_factory(client)
    for _ in range(5):
        panel.pin_pad.staff_buttons["ben"].click()
        for digit in typed:
            panel.pin_pad.keys[digit].click()
        panel.pin_pad.ok_button.click()
        qtbot.waitUntil(lambda: not panel.pin_pad.busy, timeout=10_000)
    assert "locked for 0:30" in panel.pin_pad.locked_text()
    assert not panel.pin_pad.keys["5"].isEnabled()
    assert not panel.logged_in
    panel.shutdown()
    assert typed not in caplog.text  # no log line carries it
    for needle in (typed.encode(), PIN.encode()):
        for path in tmp_path.rglob("*"):
            if path.is_file():
                assert needle not in path.read_bytes(), path


def test_idle_session_logs_out(qtbot, panel_factory, client) -> None:
    panel = panel_factory(client, idle_timeout_s=0.3)
    log_in(qtbot, panel)
    with qtbot.waitSignal(panel.closed, timeout=5_000):
        pass
    assert not panel.logged_in


def test_badge_scan_preselects_staff(qtbot, panel_factory, client) -> None:
    panel = panel_factory(client)
    panel.handle_scan("STAFF:ben")
    assert panel.pin_pad.selected_staff() == "ben"
    panel.handle_scan("STAFF:nobody")
    assert panel.pin_pad.selected_staff() == "ben"
