""" "Continue on your phone" on a real kiosk (real service, real client, real widgets): the
QR code's link opens the phone's page, the kiosk notices and goes back to attract; an
order saved while the service was away carries a status link and a reference that both
find it once it arrived; the confirmation fits a 720x994 screen."""

from __future__ import annotations

from typing import Any

import requests
from PySide6.QtCore import QSize, Qt
from test_journeys import TIMEOUT_MS, open_product, style_gtin, tap_size

from inventory_client.address_rules import AddressInput
from inventory_client.models import SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk import theme
from kiosk.assembly.phone import attach_phone_handoff
from kiosk.dev.layout_check import check_layout
from kiosk.dev.tour import parse_sizes
from kiosk.session import State

ADDRESS = AddressInput(
    name="Erika Mustermann",
    street="Heidestr. 17",
    postcode="51147",
    city="Berlin",
    country="DE",
    email="erika@example.com",
)


def with_phone(kiosk: Any, public_url: str) -> Any:
    return attach_phone_handoff(
        kiosk.window,
        kiosk.session,
        kiosk.runner,
        kiosk.client.phone,
        public_url,
        poll_ms=100,
        continued_ms=300,
    )


def test_continue_on_the_phone_from_the_product_screen(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    kiosk.window.set_language("fr")
    handoff = with_phone(kiosk, fresh_service.url)
    panel = kiosk.window.product_screen.phone
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    assert panel.isVisible() and panel.button.isVisible()

    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.link), timeout=TIMEOUT_MS)
    assert panel.link.startswith(f"{fresh_service.url}/m/h/") and panel.link.endswith("?lang=fr")
    assert panel.qr.isVisible() and not panel.qr.pixmap().isNull()
    assert not panel.button.isVisible()
    assert not kiosk.window.product_screen.image.isVisible()  # the code takes its place
    for size in parse_sizes("1920x1080,1280x800,800x480"):
        width, height = size.logical
        theme.set_display(kiosk.window, physical_dpi=size.dpi, dpr=size.dpr)
        kiosk.window.setFixedSize(width, height)  # as the tour does: the placer keeps out
        for _ in range(8):
            qtbot.wait(10)
        metrics = theme.current_metrics(kiosk.window)
        problems = check_layout(kiosk.window, size=QSize(width, height), min_touch_px=metrics.touch)
        assert problems == [], (width, height, problems)

    # The shopper's phone opens the code's link: the order page, in French.
    page = requests.get(panel.link, timeout=10)
    assert page.status_code == 200 and "Choisissez votre pointure" in page.text

    qtbot.waitUntil(lambda: kiosk.session.state is State.ATTRACT, timeout=TIMEOUT_MS)
    assert not handoff.flow.active
    assert not panel.button.isHidden() and not panel.link  # ready for the next shopper


def test_the_address_form_offers_the_phone_and_a_failure_is_calm(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    with_phone(kiosk, fresh_service.url)
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    tile = tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
    panel = kiosk.window.address_screen.phone
    assert kiosk.window.stack.currentWidget() is kiosk.window.address_screen
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.link), timeout=TIMEOUT_MS)
    phone = requests.Session()
    form = phone.get(panel.link, timeout=10)
    assert f'value="{tile.gtin}" checked' in form.text  # the size chosen on the kiosk
    qtbot.waitUntil(lambda: kiosk.session.state is State.ATTRACT, timeout=TIMEOUT_MS)

    # The service goes away: the shopper is told, and carries on at the kiosk.
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    fresh_service.stop()
    panel = kiosk.window.product_screen.phone
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.hint.text() != "" and panel.button.isEnabled(), timeout=TIMEOUT_MS
    )
    assert panel.hint.text() == "Not available right now: please carry on here."
    assert kiosk.session.state is State.PRODUCT


def test_an_offline_order_is_found_by_its_reference_and_its_link(
    qtbot, tmp_path, catalogue: dict, journey_kiosk
) -> None:
    db = tmp_path / "inventory.db"
    service = ServiceProcess(db, seed="demo")
    service.start()
    port = int(service.url.rsplit(":", 1)[1])
    kiosk = journey_kiosk(service)
    window = kiosk.window
    with_phone(kiosk, service.url)
    try:
        open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
        tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
        window.address_screen.set_values(ADDRESS)  # typing is tested in test_journeys
        qtbot.mouseClick(window.address_screen.continue_button, Qt.MouseButton.LeftButton)
    finally:
        service.stop()  # the network drops just before "Place order"
    qtbot.mouseClick(window.review_screen.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.confirmation_screen, timeout=TIMEOUT_MS
    )
    confirmation = window.confirmation_screen
    receipt = confirmation.receipt
    assert receipt is not None and receipt.queued
    link = confirmation.qr_text()
    assert link.startswith(f"{service.url}/m/s/") and f"ref={receipt.reference}" in link
    assert confirmation.qr_hint.text() == "Scan with your phone to follow your order there."

    # The text under the reference is whole at 720x994, in every language.
    window.resize(720, 994)
    for language in ("en", "de", "fr"):
        window.set_language(language)
        qtbot.wait(50)
        metrics = theme.current_metrics(window)
        problems = check_layout(window, size=QSize(720, 994), min_touch_px=metrics.touch)
        assert problems == [], (language, problems)

    # The service is back (same place): the outbox sends the order, and both handles work.
    back = ServiceProcess(db, port=port)
    back.start()
    try:
        client = kiosk.client
        client.breaker.reset()  # as after its cool-down: no need to wait it out here
        qtbot.waitUntil(
            lambda: client.flush_outbox() >= 0 and client.pending_orders() == 0,
            timeout=TIMEOUT_MS,
        )
        status = requests.get(link, timeout=10)
        assert status.status_code == 200 and "reserved" in status.text
        staff = kiosk.client.staff(service.staff_key)
        found = staff.find_orders(receipt.reference)
        assert len(found) == 1 and found[0].status == "reserved"
        assert staff.order_by_code(found[0].number).id == found[0].id
    finally:
        back.stop()
