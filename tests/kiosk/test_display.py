"""Where the kiosk window goes (kiosk/display.py).

The decisions are plain functions over rectangles, tested with plain asserts; the placer is
tested on a real widget offscreen. The real X server case (no window manager, 1080x1920 and
1280x800) is in tests/e2e/test_window_geometry.py.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.display import (
    Margins,
    Rect,
    ScreenInfo,
    WindowPlacer,
    choose_screen,
    fit_size,
    rotation_command,
    screen_info,
    window_geometry,
)

PORTRAIT = ScreenInfo("HDMI-1", Rect(0, 0, 1080, 1920), Rect(0, 0, 1080, 1920))
LANDSCAPE = ScreenInfo("DP-1", Rect(1080, 0, 1280, 800), Rect(1080, 0, 1280, 760))
SCREENS = [PORTRAIT, LANDSCAPE]


# --- choosing the screen ----------------------------------------------------------------


def test_no_pin_takes_the_primary_screen() -> None:
    assert choose_screen(SCREENS, "", primary=1) == (1, "")


def test_pin_by_output_name() -> None:
    assert choose_screen(SCREENS, "DP-1", primary=0) == (1, "")


def test_pin_by_index() -> None:
    assert choose_screen(SCREENS, "1", primary=0) == (1, "")


def test_unknown_pin_falls_back_to_the_primary_and_says_which_screens_exist() -> None:
    index, warning = choose_screen(SCREENS, "HDMI-2", primary=0)
    assert index == 0
    assert "'HDMI-2' not found" in warning
    assert "0: HDMI-1, 1: DP-1" in warning


def test_index_out_of_range_falls_back_to_the_primary() -> None:
    index, warning = choose_screen(SCREENS, "7", primary=1)
    assert index == 1
    assert warning


def test_a_bad_primary_index_means_the_first_screen() -> None:
    assert choose_screen(SCREENS, "", primary=5) == (0, "")


def test_no_screens_is_an_error() -> None:
    with pytest.raises(ValueError):
        choose_screen([], "")


# --- the window's geometry --------------------------------------------------------------


def test_fullscreen_is_the_whole_screen_including_panels() -> None:
    assert window_geometry(LANDSCAPE, fullscreen=True) == Rect(1080, 0, 1280, 800)


def test_windowed_on_a_portrait_screen_is_portrait_and_fits() -> None:
    # Before: a 1920x1080 window on a 1080x1920 screen, cut off on the right.
    geometry = window_geometry(PORTRAIT, fullscreen=False)
    assert geometry.portrait
    assert geometry == Rect(0, 0, 1080, 1920)


def test_windowed_fits_the_available_area_with_its_frame_and_is_centred() -> None:
    frame = Margins(left=2, top=30, right=2, bottom=2)
    geometry = window_geometry(LANDSCAPE, fullscreen=False, frame=frame)
    room = LANDSCAPE.available
    assert geometry.x - frame.left >= room.x
    assert geometry.y - frame.top >= room.y
    assert geometry.x + geometry.width + frame.right <= room.x + room.width
    assert geometry.y + geometry.height + frame.bottom <= room.y + room.height
    assert not geometry.portrait
    # centred: equal room left and right (within a pixel of rounding)
    left = geometry.x - frame.left - room.x
    right = room.x + room.width - (geometry.x + geometry.width + frame.right)
    assert abs(left - right) <= 1


def test_windowed_never_grows_beyond_the_design_size() -> None:
    big = ScreenInfo("4k", Rect(0, 0, 3840, 2160), Rect(0, 0, 3840, 2160))
    geometry = window_geometry(big, fullscreen=False)
    assert (geometry.width, geometry.height) == (1920, 1080)
    assert (geometry.x, geometry.y) == (960, 540)


@pytest.mark.parametrize(
    ("room", "expected"),
    [
        ((1920, 1080), (1920, 1080)),
        ((1080, 1920), (1080, 1920)),
        ((800, 480), (800, 450)),
        ((720, 1280), (720, 1280)),
        ((1280, 760), (1280, 720)),
    ],
)
def test_fit_size_keeps_the_aspect_in_the_room_orientation(
    room: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert fit_size((1920, 1080), room) == expected


# --- rotation ---------------------------------------------------------------------------


def xrandr_rotate(direction: str) -> list[str]:
    return ["xrandr", "--output", "HDMI-1", "--rotate", direction]


def test_rotation_on_x_uses_xrandr_clockwise() -> None:
    assert rotation_command("xcb", "HDMI-1", 90) == xrandr_rotate("right")
    assert rotation_command("xcb", "HDMI-1", 270) == xrandr_rotate("left")
    assert rotation_command("xcb", "HDMI-1", 180) == xrandr_rotate("inverted")


def test_rotation_on_wayland_uses_wlr_randr_counter_clockwise_transforms() -> None:
    assert rotation_command("wayland", "HDMI-A-1", 90) == [
        "wlr-randr",
        "--output",
        "HDMI-A-1",
        "--transform",
        "270",
    ]


def test_no_rotation_no_command() -> None:
    assert rotation_command("xcb", "HDMI-1", 0) is None
    assert rotation_command("offscreen", "offscreen", 90) is None


def test_rotation_must_be_a_right_angle() -> None:
    with pytest.raises(ValueError):
        rotation_command("xcb", "HDMI-1", 45)


# --- the placer on a real widget --------------------------------------------------------


def _screen_rect() -> Rect:
    screen = QGuiApplication.primaryScreen()
    return screen_info(screen).geometry


def test_placer_fills_the_screen_frameless_and_logs_it(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    placer = WindowPlacer(window, fullscreen=True)
    with caplog.at_level(logging.INFO, logger="kiosk.display"):
        placer.show()
        qtbot.waitUntil(lambda: any(r.msg == "window placed" for r in caplog.records))
    screen = _screen_rect()
    geometry = window.geometry()
    assert [geometry.x(), geometry.y(), geometry.width(), geometry.height()] == screen.as_list()
    assert window.isFullScreen()
    assert window.windowFlags() & window.windowFlags().FramelessWindowHint
    record = next(r for r in caplog.records if r.msg == "window placed")
    assert vars(record)["geometry"] == screen.as_list()
    assert vars(record)["screen"] == QGuiApplication.primaryScreen().name()


def test_placer_windowed_fits_the_available_area(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    WindowPlacer(window, fullscreen=False).show()
    qtbot.waitExposed(window)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.contains(window.geometry())
    assert not window.isFullScreen()


def test_placer_follows_a_screen_geometry_change(qtbot: QtBot) -> None:
    """A rotated or replaced monitor: the screen reports a new geometry; the window follows.

    The offscreen screen cannot really change size, so the window is moved away (as a
    window manager might) and the screen's geometryChanged signal is emitted: the placer
    must put the window back to the screen's geometry without a restart.
    """
    window = QWidget()
    qtbot.addWidget(window)
    placer = WindowPlacer(window, fullscreen=True)
    placer.show()
    window.setGeometry(10, 10, 300, 200)
    assert placer.screen is not None
    placer.screen.geometryChanged.emit(placer.screen.geometry())
    screen = _screen_rect()
    qtbot.waitUntil(lambda: window.geometry() == QRect(*screen.as_list()))


def test_placer_pinned_to_an_unknown_screen_warns_and_uses_the_primary(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    with caplog.at_level(logging.WARNING, logger="kiosk.display"):
        WindowPlacer(window, fullscreen=True, screen_pin="HDMI-9").show()
    assert any("'HDMI-9' not found" in r.getMessage() for r in caplog.records)
    assert window.geometry() == QRect(*_screen_rect().as_list())


def test_placer_refuses_a_rotation_that_is_not_a_right_angle(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    with pytest.raises(ValueError):
        WindowPlacer(window, fullscreen=True, rotation=45)


def test_detached_placer_no_longer_follows_the_screen(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    placer = WindowPlacer(window, fullscreen=False)  # offscreen keeps fullscreen windows full
    placer.show()
    placer.detach()
    placer.detach()  # safe to repeat
    window.setGeometry(10, 10, 300, 200)
    assert placer.screen is not None
    placer.screen.geometryChanged.emit(placer.screen.geometry())
    qtbot.wait(20)
    assert window.geometry() == QRect(10, 10, 300, 200)


def test_a_window_destroyed_under_its_placer_raises_nothing(qtbot: QtBot) -> None:
    """The window's last events (while it is destroyed) still reach its child placer."""
    window = QWidget()
    placer = WindowPlacer(window, fullscreen=True)
    placer.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.destroyed, timeout=2000):
        window.deleteLater()
    qtbot.wait(20)  # pending timers of the placer (if any survived) fire into nothing
