"""Keyboard-wedge scanners: bursts ending in Enter are scans, slow keys are typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.scanning.wedge import WedgeFilter, clean_wedge_text


class Clock:
    def __init__(self) -> None:
        self.t = 10.0

    def __call__(self) -> float:
        return self.t


Setup = tuple[WedgeFilter, QLineEdit, "Clock"]


@pytest.fixture
def setup(qtbot: QtBot, qapp: QApplication) -> Iterator[Setup]:
    clock = Clock()
    wedge = WedgeFilter(clock=clock)
    qapp.installEventFilter(wedge)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    yield wedge, edit, clock
    qapp.removeEventFilter(wedge)


def burst(qtbot: QtBot, edit: QLineEdit, clock: Clock, text: str, gap: float = 0.008) -> None:
    for ch in text:
        clock.t += gap
        QTest.keyClicks(edit, ch)
    clock.t += gap
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_fast_burst_is_a_scan_and_never_typed(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        burst(qtbot, edit, clock, "4006381333931")
    assert blocker.args == ["4006381333931"]
    assert edit.text() == ""


def test_scan_while_user_has_typed_something(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    edit.setText("Anna")
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        burst(qtbot, edit, clock, "036000291452")
    assert blocker.args == ["0036000291452"]  # UPC-A normalised to GTIN-13 like camera scans
    assert edit.text() == "Anna"


def test_slow_typing_reaches_the_field(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    for ch in "40063813":
        clock.t += 0.15  # a person: 150 ms per key
        QTest.keyClicks(edit, ch)
    qtbot.waitUntil(lambda: edit.text() == "40063813", timeout=2000)
    clock.t += 0.15
    with qtbot.waitSignal(edit.returnPressed, timeout=2000):
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert scans == []


def test_short_fast_burst_is_typing(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    burst(qtbot, edit, clock, "ok")  # too short for any code we scan
    qtbot.waitUntil(lambda: edit.text() == "ok", timeout=2000)
    assert scans == []


def test_typing_then_a_scan(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    for ch in "12":
        clock.t += 0.2
        QTest.keyClicks(edit, ch)
    clock.t += 0.5
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        burst(qtbot, edit, clock, "96385074")
    assert blocker.args == ["0000096385074"]
    qtbot.waitUntil(lambda: edit.text() == "12", timeout=2000)


def test_pause_inside_burst_makes_it_typing(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    for ch in "4006":
        clock.t += 0.008
        QTest.keyClicks(edit, ch)
    clock.t += 0.3  # a pause no scanner makes
    with qtbot.waitSignal(edit.returnPressed, timeout=2000):
        burst(qtbot, edit, clock, "38133")
    assert edit.text() == "400638133"
    assert scans == []


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("]E04006381333931", "4006381333931"),  # AIM: EAN-13
        ("]E00036000291452", "0036000291452"),
        ("]C1STAFF-0042", "STAFF-0042"),  # AIM: Code 128
        ("4006381333931\r\n", "4006381333931"),
        ("\x1d0100036000291452\x1d10LOT7", "0036000291452"),  # GS1: AI 01 GTIN-14
        ("]C1010400638133393110ABC", "4006381333931"),
        ("ORDER\x1d7F3K", "ORDER7F3K"),
        ("4006381333932", "4006381333932"),  # invalid GTIN: passed on as text
    ],
)
def test_clean_wedge_text(raw: str, code: str) -> None:
    assert clean_wedge_text(raw) == code


def test_aim_prefix_and_gs_through_the_filter(qtbot: QtBot, setup: Setup) -> None:
    wedge, edit, clock = setup
    with qtbot.waitSignal(wedge.scanned, timeout=2000) as blocker:
        burst(qtbot, edit, clock, "]E04006381333931")
    assert blocker.args == ["4006381333931"]
    assert edit.text() == ""
