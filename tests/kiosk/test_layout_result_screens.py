"""Result screens keep their result: no Back on the confirmation or an open fetch ticket;
"Start over" on an open ticket asks first and cancels the request when the shopper says
so; the hold says the day as well as the time. Real service, real client, real widgets."""

from __future__ import annotations

from datetime import UTC, datetime

import requests
from PySide6.QtCore import Qt
from test_journeys import TIMEOUT_MS, open_product, staff, style_gtin, tap_size

from inventory_client.models import SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk.journey.phases import FetchPhase, State
from kiosk.screens.confirmation import hold_until_text


def _fetch_requests(service: ServiceProcess) -> list[dict]:
    return requests.get(
        f"{service.url}/v1/fetch-requests",
        params={"store_id": service.store_id},
        headers=staff(service),
        timeout=5,
    ).json()


def test_start_over_on_an_open_ticket_asks_then_cancels_it(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    screen = kiosk.window.fetch_screen
    open_product(qtbot, kiosk, style_gtin(catalogue, "in_store"))
    tap_size(qtbot, kiosk, SizeStatus.IN_STORE)
    qtbot.mouseClick(screen.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.phase is FetchPhase.OPEN, timeout=TIMEOUT_MS)
    assert not screen.nav.back_button.isVisible()  # the ticket stays on screen

    qtbot.mouseClick(screen.nav.start_over_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.FETCH  # asked, not gone
    assert screen.ask.isVisible() and not screen.cancel_button.isVisible()
    qtbot.mouseClick(screen.keep_button, Qt.MouseButton.LeftButton)
    assert not screen.ask.isVisible() and screen.ticket.isVisible()
    assert [r["status"] for r in _fetch_requests(fresh_service)] == ["open"]

    qtbot.mouseClick(screen.nav.start_over_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.give_up_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.ATTRACT
    qtbot.waitUntil(
        lambda: [r["status"] for r in _fetch_requests(fresh_service)] == ["cancelled"],
        timeout=TIMEOUT_MS,
    )


def test_start_over_without_a_ticket_does_not_ask(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service)
    screen = kiosk.window.fetch_screen
    open_product(qtbot, kiosk, style_gtin(catalogue, "in_store"))
    tap_size(qtbot, kiosk, SizeStatus.IN_STORE)
    assert screen.nav.back_button.isVisible()  # only an offer: Back is fine
    qtbot.mouseClick(screen.nav.start_over_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.ATTRACT


def test_the_confirmation_has_no_back(qtbot, live_service: ServiceProcess, journey_kiosk) -> None:
    window = journey_kiosk(live_service).window
    screen = window.confirmation_screen
    window.stack.setCurrentWidget(screen)
    assert not screen.nav.back_button.isVisible()
    assert screen.nav.start_over_button.isVisible() and screen.done_button.isVisible()


def test_the_hold_names_the_day_in_the_kiosk_language() -> None:
    until = datetime(2026, 12, 3, 10, 54, tzinfo=UTC)
    assert hold_until_text(until, "en", UTC) == "Thursday, December 3, 10:54\u202fAM"
    assert hold_until_text(until, "de", UTC) == "Donnerstag, 3. Dezember, 10:54"
    assert hold_until_text(until, "fr", UTC) == "jeudi 3 décembre, 10:54"


def test_the_order_number_qr_code_renders() -> None:
    from kiosk.widgets.qr_code import qr_image

    image = qr_image("EA-MSSFYU")
    assert not image.isNull() and image.width() == image.height() > 100
