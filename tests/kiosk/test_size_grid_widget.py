"""kiosk.widgets.size_grid: a grid that reuses its tiles looks and behaves exactly like a
grid built afresh for the same sizes (texts, colours, badge, names, taps, pixels)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from inventory_client.models import SizeStatus
from kiosk import theme
from kiosk.journey.size_grid import SizeAction, SizeTile, accessible_name
from kiosk.widgets.size_grid import SizeGrid, SizeTileButton

SIZE = (1100, 900)

_ACTION = {
    SizeStatus.IN_STORE: SizeAction.FETCH,
    SizeStatus.WAREHOUSE: SizeAction.SHIP_HOME,
    SizeStatus.OTHER_STORE: SizeAction.SHOW_STORES,
    SizeStatus.SOLD_OUT: SizeAction.NOTIFY,
    SizeStatus.UNKNOWN: SizeAction.NONE,
}


def tile(eu: int, status: SizeStatus, *, scanned: bool = False, detail: str = "") -> SizeTile:
    made = SizeTile(
        gtin=f"40000000{eu:05d}",
        size_eu=str(eu),
        size_uk=str(eu - 33),
        size_us=str(eu - 32),
        status=status,
        label=f"{status.value} label {eu}",
        detail=detail,
        action=_ACTION[status],
        scanned=scanned,
    )
    return SizeTile(**{**made.__dict__, "accessible_name": accessible_name(made)})


STATUSES = list(SizeStatus)

# Three products in a row: more sizes, then fewer, then more again, with every status moving
# to other positions, the scanned size moving, details appearing and disappearing.
PRODUCTS = [
    [tile(36 + i, STATUSES[i % 5], scanned=i == 3, detail="d" if i % 2 else "") for i in range(9)],
    [tile(40 + i, STATUSES[(i + 2) % 5], scanned=i == 0) for i in range(4)],
    [
        tile(35 + i, STATUSES[(i * 3) % 5], scanned=i == 10, detail="" if i % 2 else "x")
        for i in range(12)
    ],
]


@pytest.fixture
def themed(qapp) -> Iterator[None]:
    theme.apply(qapp)
    yield
    qapp.setStyleSheet("")


def shown_grid(qtbot) -> SizeGrid:
    grid = SizeGrid()
    qtbot.addWidget(grid)
    grid.resize(*SIZE)
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def describe(button: SizeTileButton) -> dict[str, object]:
    ink = button.status_label.palette().color(QPalette.ColorRole.WindowText).name()
    return {
        "tile": button.tile,
        "texts": [
            label.text()
            for label in (
                button.size_label,
                button.badge,
                button.alt_label,
                button.status_label,
                button.detail_label,
            )
        ],
        "badge": button.badge.isVisibleTo(button),
        "detail": button.detail_label.isVisibleTo(button),
        "status": (button.property("status"), button.status_label.property("status")),
        "scanned": button.property("scanned"),
        "name": button.accessibleName(),
        "enabled": button.isEnabled(),
        "ink": ink,
        "geometry": button.geometry().getRect(),
    }


def settle(qtbot, grid: SizeGrid) -> None:
    qtbot.wait(1)  # layouts and polish requests run from the event loop
    grid.widget().layout().activate()


def test_reused_tiles_match_fresh_tiles(qtbot, themed) -> None:
    reused = shown_grid(qtbot)
    for tiles in PRODUCTS:
        reused.set_tiles(tiles)
        settle(qtbot, reused)
        fresh = shown_grid(qtbot)
        fresh.set_tiles(tiles)
        settle(qtbot, fresh)
        assert [b.tile for b in reused.buttons()] == tiles
        assert [describe(b) for b in reused.buttons()] == [describe(b) for b in fresh.buttons()]
        # The status colour really follows the new status (the style sheet was re-applied).
        for button in reused.buttons():
            ink = theme.STATUS_COLOURS[button.tile.status.value][2]
            assert describe(button)["ink"] == ink
        assert reused.grab().toImage() == fresh.grab().toImage()
        fresh.close()


def test_spare_tiles_are_hidden_and_not_listed(qtbot, themed) -> None:
    grid = shown_grid(qtbot)
    grid.set_tiles(PRODUCTS[2])
    grid.set_tiles(PRODUCTS[1])
    inner = grid.widget()
    visible = [w for w in inner.findChildren(SizeTileButton) if w.isVisibleTo(inner)]
    assert visible == grid.buttons()
    assert len(visible) == len(PRODUCTS[1])
    assert grid.button_for(PRODUCTS[2][-1].gtin) is None
    grid.set_tiles([])
    assert grid.buttons() == []
    assert not [w for w in inner.findChildren(QWidget) if w.isVisibleTo(inner)]


def test_a_tap_reports_the_size_the_tile_shows_now(qtbot, themed) -> None:
    grid = shown_grid(qtbot)
    grid.set_tiles(PRODUCTS[0])
    grid.set_tiles(PRODUCTS[1])
    settle(qtbot, grid)
    chosen: list[str] = []
    grid.size_chosen.connect(chosen.append)
    for button in grid.buttons():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = [t.gtin for t in PRODUCTS[1] if t.action is not SizeAction.NONE]
    assert chosen == expected


def test_tiles_changed_while_hidden_show_only_the_new_sizes(qtbot, themed) -> None:
    """As on start over: the product screen is cleared and filled again while not shown."""
    grid = shown_grid(qtbot)
    grid.set_tiles(PRODUCTS[2])
    settle(qtbot, grid)
    grid.hide()
    grid.set_tiles([])
    assert grid.buttons() == []
    grid.set_tiles(PRODUCTS[1])
    grid.show()
    qtbot.waitExposed(grid)
    settle(qtbot, grid)
    inner = grid.widget()
    visible = [w for w in inner.findChildren(SizeTileButton) if w.isVisibleTo(inner)]
    assert visible == grid.buttons()
    assert [b.tile for b in visible] == PRODUCTS[1]
    fresh = shown_grid(qtbot)
    fresh.set_tiles(PRODUCTS[1])
    settle(qtbot, fresh)
    assert [describe(b) for b in grid.buttons()] == [describe(b) for b in fresh.buttons()]
    assert grid.grab().toImage() == fresh.grab().toImage()
