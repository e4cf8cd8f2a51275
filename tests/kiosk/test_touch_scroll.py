"""Lists longer than the screen scroll by finger: real touch events (QTest.touchEvent with
a touch device) dragged up over the size grid and the address form move their content."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QVBoxLayout, QWidget

from inventory_client.models import SizeStatus
from kiosk.journey.size_grid import SizeAction, SizeTile
from kiosk.screens.address_form import AddressFormScreen
from kiosk.widgets.size_grid import SizeGrid


def _tiles(count: int) -> list[SizeTile]:
    return [
        SizeTile(
            gtin=f"40000000{index:05d}",
            size_eu=str(36 + index),
            size_uk=str(3 + index),
            size_us=str(4 + index),
            status=SizeStatus.IN_STORE,
            label="In this store (2)",
            detail="",
            action=SizeAction.FETCH,
            scanned=False,
        )
        for index in range(count)
    ]


def _drag_up(qtbot, area: QAbstractScrollArea) -> int:
    """Press low in the viewport, slide a finger up, let go; the scroll value after."""
    viewport = area.viewport()
    device = QTest.createTouchDevice()
    x = viewport.width() // 2
    bottom = viewport.height() - 10
    QTest.touchEvent(viewport, device).press(0, QPoint(x, bottom), viewport).commit()
    for y in range(bottom - 20, 10, -20):
        qtbot.wait(16)
        QTest.touchEvent(viewport, device).move(0, QPoint(x, y), viewport).commit()
    QTest.touchEvent(viewport, device).release(0, QPoint(x, 10), viewport).commit()
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0, timeout=3000)
    return area.verticalScrollBar().value()


def test_the_size_grid_scrolls_by_finger(qtbot) -> None:
    grid = SizeGrid()
    qtbot.addWidget(grid)
    grid.set_tiles(_tiles(24))
    grid.resize(600, 300)
    grid.show()
    qtbot.waitExposed(grid)
    assert grid.verticalScrollBar().maximum() > 0  # longer than its room
    assert _drag_up(qtbot, grid) > 0


def test_the_address_form_scrolls_by_finger_on_a_short_screen(qtbot) -> None:
    form = AddressFormScreen(countries=("DE", "AT", "CH"))
    qtbot.addWidget(form)
    form.resize(800, 480)
    form.show()
    qtbot.waitExposed(form)
    assert form.fields_area.verticalScrollBar().maximum() > 0
    assert _drag_up(qtbot, form.fields_area) > 0


def test_without_a_scroller_a_drag_does_not_scroll(qtbot) -> None:
    """The control: the drag above is what scrolls, not something else."""
    area = QScrollArea()
    qtbot.addWidget(area)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    for _ in range(40):
        layout.addWidget(QWidget(minimumHeight=40))
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.resize(300, 300)
    area.show()
    qtbot.waitExposed(area)
    viewport = area.viewport()
    device = QTest.createTouchDevice()
    QTest.touchEvent(viewport, device).press(0, QPoint(150, 280), viewport).commit()
    for y in range(260, 10, -20):
        qtbot.wait(16)
        QTest.touchEvent(viewport, device).move(0, QPoint(150, y), viewport).commit()
    QTest.touchEvent(viewport, device).release(0, QPoint(150, 10), viewport).commit()
    qtbot.wait(300)
    assert area.verticalScrollBar().value() == 0
