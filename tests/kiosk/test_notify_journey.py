"""Sold out everywhere: the shopper leaves an email on the touch keyboard and the store
gets a back-in-stock request (checked at the service); the kiosk keeps no copy of the
address once the service has it, a bad address is explained and nothing is sent, and
walking away wipes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_journeys import TIMEOUT_MS, open_product, style_gtin, tap_size

from inventory_client._outbox import OutboxKind
from inventory_client.models import DemandKind, SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk.session import NotifyPhase, State

EMAIL = "Sold.Out.Fan@example.net"


def type_email(qtbot, screen: Any, text: str) -> None:
    """Tap every key of ``text`` on the screen's touch keyboard (shift for capitals)."""
    keyboard = screen.keyboard
    special = {"@": keyboard.at_key, ".": keyboard.dot_key, "-": keyboard.dash_key}
    for char in text:
        if char in special:
            qtbot.mouseClick(special[char], Qt.MouseButton.LeftButton)
            continue
        if char.isupper():
            qtbot.mouseClick(keyboard.shift_key, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(keyboard.char_keys[char.lower()], Qt.MouseButton.LeftButton)


def service_rows(service: ServiceProcess, sql: str, *args: str) -> list[tuple]:
    with sqlite3.connect(service.db_path) as db:
        return db.execute(sql, args).fetchall()


def outbox_bytes(kiosk: Any) -> bytes:
    path: Path = kiosk.client.outbox.path
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def open_sold_out(qtbot, kiosk: Any, catalogue: dict) -> tuple[Any, str]:
    open_product(qtbot, kiosk, style_gtin(catalogue, "sold_out"))
    tile = tap_size(qtbot, kiosk, SizeStatus.SOLD_OUT)
    screen = kiosk.window.notify_screen
    assert kiosk.window.stack.currentWidget() is screen
    return screen, tile.gtin


def test_sold_out_takes_an_email_and_the_store_gets_it(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    kiosk.window.set_language("de")
    screen, gtin = open_sold_out(qtbot, kiosk, catalogue)
    assert screen.email.isVisible() and screen.keyboard.isVisible()
    style = kiosk.session.product.size_run.style.name
    assert screen.heading.text().startswith(f"{style} in EU ")
    assert screen.heading.text().endswith("ist überall ausverkauft")
    type_email(qtbot, screen, EMAIL)
    assert screen.email.text() == EMAIL
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.session.notify_phase is NotifyPhase.DONE, timeout=TIMEOUT_MS)

    assert service_rows(
        fresh_service, "select gtin, email, language, kiosk_id from back_in_stock"
    ) == [(gtin, EMAIL, "de", fresh_service.kiosk_id)]
    assert screen.status.isVisible() and "Danke" in screen.status.text()
    assert not screen.email.isVisible() and screen.email.text() == ""
    [entry] = kiosk.client.outbox.entries(kind=OutboxKind.BACK_IN_STOCK)
    assert entry.status == "sent"
    assert EMAIL.encode() not in outbox_bytes(kiosk)  # the service has it: gone from here

    def notify_events() -> list[tuple]:
        return service_rows(
            fresh_service,
            "select gtin from demand_events where kind = ?",
            DemandKind.NOTIFY_ME.value,
        )

    qtbot.waitUntil(lambda: bool(notify_events()), timeout=TIMEOUT_MS)
    assert notify_events() == [(gtin,)]
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)  # hidden: nothing more sent
    assert len(service_rows(fresh_service, "select id from back_in_stock")) == 1
    assert screen.done_button.isVisible()
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.ATTRACT


def test_a_bad_email_is_explained_and_nothing_is_sent(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    screen, _gtin = open_sold_out(qtbot, kiosk, catalogue)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)  # nothing typed
    assert screen.error.isVisible()
    assert screen.error.text() == "Please type your email address."
    type_email(qtbot, screen, "erika@example")
    assert not screen.error.isVisible()  # typing again clears the message
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert kiosk.session.notify_phase is NotifyPhase.INVALID
    assert screen.error.text().startswith("This email address does not look right")
    kiosk.window.set_language("fr")
    assert screen.error.text().startswith("Cette adresse e-mail")
    assert screen.email.text() == "erika@example"  # kept to be corrected

    assert kiosk.client.outbox.entries(kind=OutboxKind.BACK_IN_STOCK) == []
    assert service_rows(fresh_service, "select id from back_in_stock") == []
    kiosk.client.flush_outbox()  # whatever demand was queued is now at the service
    assert (
        service_rows(
            fresh_service, "select id from demand_events where kind = ?", DemandKind.NOTIFY_ME.value
        )
        == []
    )


def test_leaving_or_walking_away_wipes_the_email(
    qtbot, live_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(live_service, idle_timeout_s=0.4, still_there_s=0.6)
    window = kiosk.window
    screen, _gtin = open_sold_out(qtbot, kiosk, catalogue)
    type_email(qtbot, screen, "erika@")
    qtbot.mouseClick(screen.nav.back_button, Qt.MouseButton.LeftButton)
    assert kiosk.session.state is State.PRODUCT
    assert screen.email.text() == ""

    tap_size(qtbot, kiosk, SizeStatus.SOLD_OUT)
    type_email(qtbot, screen, "erika@exa")
    screen.keyboard.toggle_shift()
    qtbot.waitUntil(lambda: window.still_there.isVisible(), timeout=TIMEOUT_MS)
    assert screen.email.text() == "erika@exa"  # asked first, nothing lost yet
    qtbot.waitUntil(lambda: kiosk.session.state is State.ATTRACT, timeout=TIMEOUT_MS)
    assert [e.objectName() for e in window.line_edits() if e.text()] == []
    assert not screen.keyboard.shifted
    assert kiosk.session.notify_phase is NotifyPhase.READY
