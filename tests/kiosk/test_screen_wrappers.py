"""Deleting a window never invalidates the QScreen other code holds (a PySide6 trap)."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk import theme
from kiosk.display import WindowPlacer


def test_metrics_and_placement_leave_the_screen_wrapper_alive_after_the_window_dies(
    qtbot: QtBot,
) -> None:
    held = QGuiApplication.primaryScreen()
    window = QWidget()
    window.resize(800, 480)
    placer = WindowPlacer(window, fullscreen=True)
    placer.show()
    qtbot.waitUntil(lambda: placer.screen is not None)
    assert theme.screen_of(window) is held
    theme.window_metrics(window)
    placer.detach()
    window.deleteLater()
    qtbot.wait(50)  # the deferred delete runs
    assert shiboken6.isValid(held)
    assert held.geometry().isValid()
