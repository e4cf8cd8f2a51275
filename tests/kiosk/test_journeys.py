"""Each shopper journey end to end: real widgets, real client, real service on loopback.

The shopper's taps are real button clicks; what the service holds afterwards is read back
over HTTP with the staff key (or from its SQLite file), never from the kiosk's own view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests
from PySide6.QtCore import Qt

from inventory_client.models import FetchStatus, SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk.session import FetchPhase, State

TIMEOUT_MS = 15_000


def staff(service: ServiceProcess) -> dict[str, str]:
    return {"Authorization": f"Bearer {service.staff_key}"}


def style_gtin(catalogue: dict, scenario: str) -> str:
    style = next(s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"][scenario])
    return style["variants"][len(style["variants"]) // 2]["gtin"]


def open_product(qtbot, kiosk: Any, gtin: str) -> None:
    kiosk.session.scan(gtin)
    window = kiosk.window
    qtbot.waitUntil(
        lambda: (
            window.stack.currentWidget() is window.product_screen
            and bool(window.product_screen.grid.buttons())
        ),
        timeout=TIMEOUT_MS,
    )


def tap_size(qtbot, kiosk: Any, status: SizeStatus) -> Any:
    button = next(b for b in kiosk.window.product_screen.grid.buttons() if b.tile.status is status)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return button.tile


def type_on_keyboard(qtbot, form: Any, field: str, text: str) -> None:
    """Tap the field, then every key on the touch keyboard (shift for capitals)."""
    edit = form.fields[field]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.setFocus()
    form.keyboard.set_target(edit)
    keyboard = form.keyboard
    special = {
        " ": keyboard.space_key,
        "@": keyboard.at_key,
        ".": keyboard.dot_key,
        "-": keyboard.dash_key,
    }
    for char in text:
        if char in special:
            qtbot.mouseClick(special[char], Qt.MouseButton.LeftButton)
            continue
        if char.isupper():
            qtbot.mouseClick(keyboard.shift_key, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(keyboard.char_keys[char.lower()], Qt.MouseButton.LeftButton)


def fill_address(qtbot, form: Any) -> None:
    type_on_keyboard(qtbot, form, "name", "Erika Mustermann")
    type_on_keyboard(qtbot, form, "street", "Heidestr. 17")
    type_on_keyboard(qtbot, form, "postcode", "51147")
    type_on_keyboard(qtbot, form, "city", "Berlin")
    type_on_keyboard(qtbot, form, "email", "erika@example.com")


# --- bring it to me ---------------------------------------------------------------------


def test_bring_it_to_me_creates_a_fetch_request_and_follows_it(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    window, screen = kiosk.window, kiosk.window.fetch_screen
    open_product(qtbot, kiosk, style_gtin(catalogue, "in_store"))
    tile = tap_size(qtbot, kiosk, SizeStatus.IN_STORE)
    assert window.stack.currentWidget() is screen
    assert screen.fetch_button.isVisible() and not screen.ticket.isVisible()

    qtbot.mouseClick(screen.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.fetch_button, Qt.MouseButton.LeftButton)  # a double tap
    qtbot.waitUntil(lambda: screen.phase is FetchPhase.OPEN, timeout=TIMEOUT_MS)

    listed = requests.get(
        f"{fresh_service.url}/v1/fetch-requests",
        params={"store_id": fresh_service.store_id},
        headers=staff(fresh_service),
        timeout=5,
    ).json()
    assert [(r["gtin"], r["status"]) for r in listed] == [(tile.gtin, "open")]  # one, not two
    request = listed[0]
    assert screen.ticket.text() == str(request["ticket"]) and screen.ticket.isVisible()

    # a colleague claims it on the staff device: the kiosk notices by itself
    requests.patch(
        f"{fresh_service.url}/v1/fetch-requests/{request['id']}",
        json={"status": FetchStatus.CLAIMED.value},
        headers=staff(fresh_service),
        timeout=5,
    ).raise_for_status()
    qtbot.waitUntil(lambda: screen.phase is FetchPhase.CLAIMED, timeout=TIMEOUT_MS)
    assert screen.heading.text() == "A colleague is on the way"

    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.phase is FetchPhase.CANCELLED, timeout=TIMEOUT_MS)
    stored = requests.get(
        f"{fresh_service.url}/v1/fetch-requests/{request['id']}",
        headers=staff(fresh_service),
        timeout=5,
    ).json()
    assert stored["status"] == "cancelled"
    qtbot.mouseClick(screen.nav.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.product_screen


# --- ship to home -------------------------------------------------------------------


def test_ship_to_home_places_one_order_with_the_right_line_and_address(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    window = kiosk.window
    form, review = window.address_screen, window.review_screen
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    tile = tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
    assert window.stack.currentWidget() is form

    # nothing typed: a message under each required field, and we stay on the form
    qtbot.mouseClick(form.continue_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is form
    assert set(form.errors()) >= {"name", "street", "postcode", "city", "email", "phone"}

    fill_address(qtbot, form)
    assert form.fields["name"].text() == "Erika Mustermann"
    qtbot.mouseClick(form.continue_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is review, form.errors()
    assert "Erika Mustermann" in review.address.text()
    assert "€" in review.price.text()

    # a double tap on "Place order"
    qtbot.mouseClick(review.place_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.place_button, Qt.MouseButton.LeftButton)
    kiosk.session.place_order()  # and a third attempt straight at the session
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.confirmation_screen, timeout=TIMEOUT_MS
    )

    orders = requests.get(
        f"{fresh_service.url}/v1/orders",
        params={"store_id": fresh_service.store_id},
        headers=staff(fresh_service),
        timeout=5,
    ).json()
    assert len(orders) == 1
    order = orders[0]
    assert [(line["gtin"], line["quantity"]) for line in order["lines"]] == [(tile.gtin, 1)]
    assert order["ship_to"] == {
        "name": "Erika Mustermann",
        "street": "Heidestr. 17",
        "postcode": "51147",
        "city": "Berlin",
        "country": "DE",
        "email": "erika@example.com",
        "phone": None,
    }
    confirmation = window.confirmation_screen
    assert confirmation.number.text() == order["number"]
    assert not confirmation.qr.pixmap().isNull()
    assert "reserved for you until" in confirmation.next_steps.text()

    # the service has it: nothing personal stays on the kiosk
    assert kiosk.session.draft is None
    assert all(not edit.text() for edit in window.line_edits())
    assert "Erika" not in review.address.text()


def test_an_order_while_the_service_is_down_is_saved_and_said_so(
    qtbot, tmp_path: Path, catalogue: dict, journey_kiosk
) -> None:
    service = ServiceProcess(tmp_path / "inventory.db", seed="demo")
    service.start()
    try:
        kiosk = journey_kiosk(service)
        window = kiosk.window
        open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
        tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
        fill_address(qtbot, window.address_screen)
        qtbot.mouseClick(window.address_screen.continue_button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.review_screen
    finally:
        service.stop()  # the network drops just before "Place order"
    qtbot.mouseClick(window.review_screen.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.confirmation_screen, timeout=TIMEOUT_MS
    )
    confirmation = window.confirmation_screen
    receipt = confirmation.receipt
    assert receipt is not None and receipt.queued and receipt.number is None
    assert confirmation.heading.text() == "Your order is saved"
    assert "will be confirmed shortly" in confirmation.next_steps.text()
    assert confirmation.number.text() == receipt.reference
    assert kiosk.client.pending_orders() == 1  # kept in the outbox, to be sent later
    assert all(not edit.text() for edit in window.line_edits())


# --- sold out, other stores, unknown code --------------------------------------------------


def test_other_store_sizes_list_the_stores_with_distance(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service)
    window = kiosk.window
    open_product(qtbot, kiosk, style_gtin(catalogue, "other_store_only"))
    tap_size(qtbot, kiosk, SizeStatus.OTHER_STORE)
    screen = window.stores_screen
    assert window.stack.currentWidget() is screen
    assert screen.rows
    texts = [
        " ".join(lbl.text() for lbl in row.findChildren(type(screen.heading)))
        for row in screen.rows
    ]
    assert all("km" in text for text in texts)
    names = {loc["name"] for loc in catalogue["locations"] if loc["kind"] == "store"}
    assert all(any(name in text for name in names) for text in texts)


def test_unknown_code_then_start_over(qtbot, live_service: ServiceProcess, journey_kiosk) -> None:
    kiosk = journey_kiosk(live_service)
    window = kiosk.window
    kiosk.session.scan("2999999999991")
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.unknown_code_screen, timeout=TIMEOUT_MS
    )
    assert "2999999999991" in window.unknown_code_screen.code.text()
    qtbot.mouseClick(window.unknown_code_screen.nav.start_over_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.ATTRACT


def test_a_scan_on_the_address_form_opens_the_product_and_keeps_nothing_personal(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service)
    window = kiosk.window
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
    type_on_keyboard(qtbot, window.address_screen, "name", "Erika")
    open_product(qtbot, kiosk, style_gtin(catalogue, "in_store"))
    assert kiosk.session.draft is None
    assert all(not edit.text() for edit in window.line_edits())


# --- idle, language, staff ------------------------------------------------------------


def test_idle_asks_then_starts_over_and_wipes_every_field(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service, idle_timeout_s=0.4, still_there_s=0.6)
    window = kiosk.window
    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
    fill_address(qtbot, window.address_screen)
    window.address_screen.keyboard.toggle_shift()
    assert any(edit.text() for edit in window.line_edits())

    qtbot.waitUntil(lambda: window.still_there.isVisible(), timeout=TIMEOUT_MS)
    assert kiosk.session.state is State.ADDRESS  # asked first, nothing lost yet
    qtbot.waitUntil(lambda: kiosk.session.state is State.ATTRACT, timeout=TIMEOUT_MS)

    assert not window.still_there.isVisible()
    assert window.stack.currentWidget() is window.scan_screen
    edits = window.line_edits()
    assert len(edits) >= 6
    assert [e.objectName() for e in edits if e.text()] == []
    assert kiosk.session.draft is None and kiosk.session.product is None
    assert not window.address_screen.keyboard.shifted
    assert window.product_screen.name.text() == ""
    assert not kiosk.idle.enabled  # the attract screen never times out


def test_touching_during_the_countdown_keeps_the_journey(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service, idle_timeout_s=0.3, still_there_s=30)
    window = kiosk.window
    open_product(qtbot, kiosk, style_gtin(catalogue, "mixed"))
    qtbot.waitUntil(lambda: window.still_there.isVisible(), timeout=TIMEOUT_MS)
    qtbot.mouseClick(window.still_there.button, Qt.MouseButton.LeftButton)
    assert not window.still_there.isVisible()
    assert kiosk.session.state is State.PRODUCT


def test_switching_language_mid_journey_keeps_the_product(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service)
    window, product = kiosk.window, kiosk.window.product_screen
    open_product(qtbot, kiosk, style_gtin(catalogue, "mixed"))
    name = product.name.text()
    assert product.sizes_heading.text() == "Choose your size"

    qtbot.mouseClick(product.nav.languages.buttons["de"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is product
    assert kiosk.session.state is State.PRODUCT
    assert product.name.text() == name
    assert product.sizes_heading.text() == "Wählen Sie Ihre Größe"
    assert product.nav.start_over_button.text() == "Neu beginnen"
    assert "€" in product.price.text() and "," in product.price.text()  # 169,00 €
    statuses = {b.status_label.text() for b in product.grid.buttons()}
    assert any(text.startswith("Hier im Laden") for text in statuses), statuses

    qtbot.mouseClick(product.nav.languages.buttons["fr"], Qt.MouseButton.LeftButton)
    assert product.sizes_heading.text() == "Choisissez votre pointure"
    qtbot.mouseClick(product.nav.languages.buttons["en"], Qt.MouseButton.LeftButton)
    assert product.sizes_heading.text() == "Choose your size"
    assert kiosk.session.product is not None


def test_missing_translations_fall_back_to_english(
    qtbot, live_service: ServiceProcess, tmp_path: Path, journey_kiosk, caplog
) -> None:
    kiosk = journey_kiosk(live_service, translations_dir=tmp_path / "nothing-here")
    window = kiosk.window
    window.set_language("de")
    assert window.language == "en"
    assert window.scan_screen.heading.text() == "Scan a shoe to see every size"
    assert "showing English" in caplog.text


def test_holding_the_top_left_corner_asks_for_the_admin(
    qtbot, live_service: ServiceProcess, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service, admin_hold_ms=150)
    window = kiosk.window
    corner = window.admin_corner
    assert corner.geometry().topLeft().x() == 0 and corner.geometry().topLeft().y() == 0
    fired: list[bool] = []
    window.admin_requested.connect(lambda: fired.append(True))

    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)  # a tap is not enough
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    assert not corner.holding
    with qtbot.waitSignal(window.admin_requested, timeout=TIMEOUT_MS):
        qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    assert fired == [True]
