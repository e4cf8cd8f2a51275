"""An order saved while the service was down, then refused when it could be sent: staff
are told (a log line with the order's reference only, and a notice on the attract screen),
on the GUI thread although the refusal is found on another thread."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from urllib.parse import urlparse

from PySide6.QtCore import Qt, QThread
from test_journeys import TIMEOUT_MS, fill_address, open_product, style_gtin, tap_size

from inventory_client import CircuitBreaker, InventoryClient
from inventory_client.models import SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk.assembly import Kiosk


def test_an_offline_order_refused_later_is_shown_to_staff(
    qtbot, qapp, tmp_path: Path, catalogue: dict, qm_dir: Path, caplog
) -> None:
    service = ServiceProcess(tmp_path / "inventory.db", seed="demo")
    service.start()
    service.port = urlparse(service.url).port  # come back on the same address
    client = InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=tmp_path / "outbox.sqlite",
        connect_timeout=1.0,
        read_timeout=3.0,
        breaker=CircuitBreaker(100, 0.0),  # the outage must not keep the circuit open
    )
    kiosk = Kiosk(client, source_factory=None, sound=None, translations_dir=qm_dir)
    qtbot.addWidget(kiosk.window)
    kiosk.start()
    kiosk.window.resize(1920, 1080)
    window = kiosk.window
    arrived: list[tuple[str, bool]] = []
    kiosk.refused_orders.refused.connect(
        lambda reference, _reason: arrived.append(
            (reference, QThread.currentThread() is qapp.thread())
        )
    )
    try:
        open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
        gtin = tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE).gtin
        fill_address(qtbot, window.address_screen)
        qtbot.mouseClick(window.address_screen.continue_button, Qt.MouseButton.LeftButton)
        service.stop()
        qtbot.mouseClick(window.review_screen.place_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.stack.currentWidget() is window.confirmation_screen,
            timeout=TIMEOUT_MS,
        )
        receipt = window.confirmation_screen.receipt
        assert receipt is not None and receipt.queued

        with sqlite3.connect(service.db_path) as db:  # meanwhile the pairs went elsewhere
            db.execute("update stock set on_hand = reserved where gtin = ?", (gtin,))
        service.start()
        caplog.set_level(logging.INFO)
        flusher = threading.Thread(target=client.flush_outbox, name="test-flush")
        flusher.start()
        qtbot.waitUntil(lambda: bool(arrived), timeout=TIMEOUT_MS)
        flusher.join(timeout=30)

        assert arrived == [(receipt.reference, True)]  # delivered on the GUI thread
        assert kiosk.refused_orders.references == [receipt.reference]
        qtbot.mouseClick(
            window.confirmation_screen.nav.start_over_button, Qt.MouseButton.LeftButton
        )
        notice = window.scan_screen.staff_notice
        assert notice.isVisible()
        assert notice.text() == "Staff: 1 order needs attention — see admin"
        warnings = [r for r in caplog.records if "refused by the service" in r.getMessage()]
        assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
        assert receipt.reference in warnings[0].getMessage()
        for personal in ("erika", "Erika", "Heidestr", "51147", "Mustermann"):
            assert personal not in caplog.text

        window.set_language("de")
        assert "Personal" in notice.text()
        window.admin_requested.emit()  # staff open the admin, where refused orders are listed
        assert not notice.isVisible()
    finally:
        kiosk.shutdown()
        client.close()
        service.stop()
