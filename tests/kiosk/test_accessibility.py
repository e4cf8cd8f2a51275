"""Every shopper screen, reached the way a shopper reaches it, at both orientations:
accessible names on every control, touch targets of at least 9 mm, and a layout that fits.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from test_journeys import TIMEOUT_MS, fill_address, open_product, style_gtin, tap_size

from inventory_client.models import SizeStatus
from inventory_service.launcher import ServiceProcess
from kiosk import theme
from kiosk.session import State
from kiosk.widgets.size_grid import TILE_MIN_HEIGHT

ORIENTATIONS = ((1920, 1080), (1080, 1920))


@pytest.fixture
def themed(qapp) -> Iterator[None]:
    theme.apply(qapp)
    yield
    qapp.setStyleSheet("")


def controls(screen: QWidget) -> list[QWidget]:
    found = screen.findChildren(QAbstractButton) + screen.findChildren(QLineEdit)
    return [w for w in found if w.isVisibleTo(screen)]


def check_screen(qtbot, window, name: str, problems: list[str]) -> None:
    screen = window.stack.currentWidget()
    for width, height in ORIENTATIONS:
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w, timeout=TIMEOUT_MS)
        qtbot.wait(1)  # let the layouts run
        where = f"{name} {width}x{height}"
        hint = screen.minimumSizeHint()
        if hint.height() > height or hint.width() > width:
            problems.append(f"{where}: needs {hint.width()}x{hint.height()}")
        for control in controls(screen):
            label = control.accessibleName() or control.objectName() or type(control).__name__
            if not control.accessibleName().strip():
                problems.append(f"{where}: {label!r} ({control.text()!r}) has no name")
            if min(control.width(), control.height()) < theme.TOUCH_MIN_PX:
                problems.append(f"{where}: {label!r} is {control.width()}x{control.height()}")
            top_left = control.mapTo(window, control.rect().topLeft())
            if not window.rect().contains(top_left):
                problems.append(f"{where}: {label!r} is outside the window")


def test_every_screen_is_accessible_at_both_orientations(
    qtbot, themed, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    kiosk = journey_kiosk(fresh_service)
    window, session = kiosk.window, kiosk.session
    problems: list[str] = []
    check_screen(qtbot, window, "attract", problems)
    qtbot.mouseClick(window.scan_screen.keypad_button, Qt.MouseButton.LeftButton)
    check_screen(qtbot, window, "scanning", problems)

    session.scan("2999999999991")
    qtbot.waitUntil(lambda: session.state is State.UNKNOWN_CODE, timeout=TIMEOUT_MS)
    check_screen(qtbot, window, "unknown code", problems)

    for scenario, status, state in (
        ("in_store", SizeStatus.IN_STORE, State.FETCH),
        ("other_store_only", SizeStatus.OTHER_STORE, State.STORES),
        ("sold_out", SizeStatus.SOLD_OUT, State.NOTIFY),
    ):
        open_product(qtbot, kiosk, style_gtin(catalogue, scenario))
        check_screen(qtbot, window, f"product {scenario}", problems)
        tap_size(qtbot, kiosk, status)
        assert session.state is state
        check_screen(qtbot, window, state.value, problems)

    open_product(qtbot, kiosk, style_gtin(catalogue, "warehouse_only"))
    tap_size(qtbot, kiosk, SizeStatus.WAREHOUSE)
    qtbot.mouseClick(window.address_screen.continue_button, Qt.MouseButton.LeftButton)
    check_screen(qtbot, window, "address form with every message", problems)
    window.resize(1920, 1080)
    fill_address(qtbot, window.address_screen)
    qtbot.mouseClick(window.address_screen.continue_button, Qt.MouseButton.LeftButton)
    assert session.state is State.REVIEW
    check_screen(qtbot, window, "review", problems)
    qtbot.mouseClick(window.review_screen.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.state is State.CONFIRMATION, timeout=TIMEOUT_MS)
    check_screen(qtbot, window, "confirmation", problems)

    window.set_language("de")  # longer words
    check_screen(qtbot, window, "confirmation (de)", problems)
    open_product(qtbot, kiosk, style_gtin(catalogue, "mixed"))
    window.set_language("fr")  # tiles rebuilt on a visible screen keep their full height
    check_screen(qtbot, window, "product (fr)", problems)
    tiles = window.product_screen.grid.buttons()
    assert all(tile.height() >= TILE_MIN_HEIGHT for tile in tiles), [t.height() for t in tiles]
    assert problems == [], "\n".join(problems)


def test_every_control_of_every_screen_has_an_accessible_name(
    qtbot, live_service: ServiceProcess, journey_kiosk
) -> None:
    """Also the hidden ones (keypads, cancel buttons), before any journey fills them."""
    window = journey_kiosk(live_service).window
    unnamed = [
        f"{type(screen).__name__}: {control.objectName()} {control.text()!r}"
        for screen in window.screens()
        for control in screen.findChildren(QAbstractButton) + screen.findChildren(QLineEdit)
        if not control.accessibleName().strip()
    ]
    assert unnamed == []
    assert window.still_there.button.accessibleName()
    assert window.admin_corner.accessibleName()
