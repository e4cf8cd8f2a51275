"""The layout checker finds each kind of fault on real widgets, and nothing on a sound one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.dev.layout_check import ProblemKind, check_layout


@pytest.fixture(autouse=True)
def plain_style(qapp: QApplication) -> Iterator[None]:
    """The widgets here are sized by hand: without the kiosk's style sheet, which a kiosk
    built by an earlier test leaves on the application (touch-size minimums on buttons)."""
    kept = qapp.styleSheet()
    qapp.setStyleSheet("")
    yield
    qapp.setStyleSheet(kept)


def _window(qtbot, width: int = 400, height: int = 300) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(width, height)
    return window


def _kinds(window: QWidget, **options) -> set[ProblemKind]:
    window.show()
    return {problem.kind for problem in check_layout(window, **options)}


def test_a_sound_layout_has_no_problems(qtbot) -> None:
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("A heading"))
    layout.addWidget(QPushButton("Bring it to me"))
    window.show()
    qtbot.waitExposed(window)
    assert check_layout(window, size=QSize(400, 300), min_touch_px=20) == []


def test_a_squeezed_button_and_its_cut_text(qtbot) -> None:
    window = _window(qtbot)
    button = QPushButton("Deutsch and much more text", window)
    button.setGeometry(0, 0, 40, 30)
    kinds = _kinds(window)
    assert ProblemKind.TOO_SMALL in kinds
    assert ProblemKind.TEXT_CUT in kinds


def test_a_label_wider_than_its_room(qtbot) -> None:
    window = _window(qtbot)
    label = QLabel("Thank you — your pair is reserved", window)
    label.setGeometry(0, 0, 60, 40)
    window.show()
    problems = check_layout(window)
    assert any(p.kind is ProblemKind.TEXT_CUT and "Thank you" in p.widget for p in problems)


def test_a_wrapped_label_too_short_for_its_lines(qtbot) -> None:
    window = _window(qtbot)
    label = QLabel("word " * 40, window)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 120, 30)
    assert ProblemKind.TEXT_CUT in _kinds(window)


def test_overlapping_siblings(qtbot) -> None:
    window = _window(qtbot)
    first = QPushButton("1", window)
    second = QPushButton("2", window)
    first.setGeometry(0, 0, 100, 60)
    second.setGeometry(50, 20, 100, 60)
    assert ProblemKind.OVERLAP in _kinds(window)


def test_an_overlay_may_cover_its_siblings(qtbot) -> None:
    window = _window(qtbot)
    button = QPushButton("1", window)
    button.setGeometry(0, 0, 100, 60)
    cover = QPushButton("2", window)
    cover.setGeometry(0, 0, 400, 300)
    cover.setProperty("layoutOverlay", True)
    assert ProblemKind.OVERLAP not in _kinds(window)


def test_a_control_outside_the_window(qtbot) -> None:
    window = _window(qtbot)
    QPushButton("Far", window).setGeometry(350, 0, 100, 60)
    assert ProblemKind.OUTSIDE in _kinds(window)


def test_a_window_its_layout_made_bigger_than_the_screen(qtbot) -> None:
    window = _window(qtbot)
    row = QHBoxLayout(window)
    for _ in range(3):
        button = QPushButton("x")
        button.setMinimumWidth(300)
        row.addWidget(button)
    window.show()
    window.resize(400, 300)
    problems = check_layout(window, size=QSize(400, 300))
    assert [p.kind for p in problems] == [ProblemKind.WINDOW_TOO_BIG]


def test_a_touch_target_below_the_minimum(qtbot) -> None:
    window = _window(qtbot)
    QPushButton("ok", window).setGeometry(0, 0, 100, 30)
    assert ProblemKind.TOO_SMALL in _kinds(window, min_touch_px=44)
    assert ProblemKind.TOO_SMALL not in _kinds(window, min_touch_px=0)


def test_hidden_widgets_are_not_checked(qtbot) -> None:
    window = _window(qtbot)
    hidden = QPushButton("a very long text that would never fit", window)
    hidden.setGeometry(0, 0, 10, 10)
    hidden.hide()
    assert _kinds(window) == set()
