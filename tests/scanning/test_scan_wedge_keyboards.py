"""The wedge with the key events a real scanner makes on X11: Shift around capitals, Ctrl+]
for GS, AltGr, releases, on US, German and French layouts, and people typing fast."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.scanning.wedge import WedgeFilter, WedgeScan
from kiosk.scanning.wedge_text import ScannerKeyboard

from .x11_keyboard import ENTER, GS, SHIFT, TAB, Keyboard, Stroke

GTIN = "4006381333931"


class RecordingEdit(QLineEdit):
    """A line edit that counts the key events it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.key_events: list[tuple[QEvent.Type, int]] = []

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QKeyEvent) and e.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            self.key_events.append((e.type(), e.key()))
        return super().event(e)


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeFilter]:
    wedge = WedgeFilter(native_offset=8)  # X11: keycode = evdev + 8 (offscreen says so too)
    qapp.installEventFilter(wedge)
    yield wedge
    qapp.removeEventFilter(wedge)


@pytest.fixture
def edit(qtbot: QtBot) -> RecordingEdit:
    edit = RecordingEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


def scan_through(
    qtbot: QtBot, wedge: WedgeFilter, keyboard: Keyboard, text: str, **how: Any
) -> WedgeScan:
    with qtbot.waitSignal(wedge.scan_read, timeout=2000) as blocker:
        keyboard.scan(text, **how)
    (scan,) = blocker.args
    assert isinstance(scan, WedgeScan)
    return scan


def assert_nothing_reached(qtbot: QtBot, edit: RecordingEdit, text: str = "") -> None:
    qtbot.wait(120)  # longer than the wedge holds keys: anything held would be out now
    assert edit.text() == text
    assert edit.key_events == []


# --- a scanner on a US layout -----------------------------------------------------------


def test_aim_prefixed_gtin_with_shift_arrives_whole(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    edit.setText("Anna")
    edit.key_events.clear()
    scan = scan_through(qtbot, wedge, Keyboard(edit), "]E0" + GTIN)
    assert scan == WedgeScan(GTIN, "E0", is_gtin=True)
    assert_nothing_reached(qtbot, edit, "Anna")


def test_staff_badge_with_capitals_and_colon_arrives_whole(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    scan = scan_through(qtbot, wedge, Keyboard(edit), "STAFF:demo-7")
    assert scan.code == "STAFF:demo-7"
    assert_nothing_reached(qtbot, edit)


def test_gs1_element_string_with_ctrl_bracket_as_fnc1(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    scan = scan_through(qtbot, wedge, Keyboard(edit), "]C101" + "0" + GTIN + "10LOT-7" + GS + "21X")
    assert scan == WedgeScan(GTIN, "C1", is_gtin=True)
    assert_nothing_reached(qtbot, edit)


def test_code128_text_with_letters_and_punctuation(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    text = "Ord/7F3K-22.b_x+Q?"
    scan = scan_through(qtbot, wedge, Keyboard(edit), "]C0" + text)
    assert scan == WedgeScan(text, "C0")
    assert_nothing_reached(qtbot, edit)


def test_tab_terminator_when_configured(
    qtbot: QtBot, qapp: QApplication, edit: RecordingEdit
) -> None:
    wedge = WedgeFilter(native_offset=8, terminators={Qt.Key.Key_Tab})
    qapp.installEventFilter(wedge)
    try:
        scan = scan_through(qtbot, wedge, Keyboard(edit), GTIN, terminator=TAB)
    finally:
        qapp.removeEventFilter(wedge)
    assert scan.code == GTIN
    assert_nothing_reached(qtbot, edit)


def test_slow_scanner_at_20_ms_per_event_is_still_a_scan(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    # 12 ms between events: 24 ms from one digit's press to the next.
    scan = scan_through(qtbot, wedge, Keyboard(edit), "0" + GTIN, step_ms=12)
    assert scan.code == GTIN
    assert_nothing_reached(qtbot, edit)


def test_scanner_polled_at_125_hz_typing_capitals(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    # One USB report every 8 ms, Shift in reports of its own: 32 ms per capital.
    scan = scan_through(qtbot, wedge, Keyboard(edit), "STAFF:DEMO-KIOSK", step_ms=8)
    assert scan.code == "STAFF:DEMO-KIOSK"
    assert_nothing_reached(qtbot, edit)


def test_two_scans_back_to_back(qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit) -> None:
    keyboard = Keyboard(edit)
    first = scan_through(qtbot, wedge, keyboard, "]E0" + GTIN)
    keyboard.clock_ms += 300
    second = scan_through(qtbot, wedge, keyboard, "STAFF:demo")
    assert (first.code, second.code) == (GTIN, "STAFF:demo")
    assert_nothing_reached(qtbot, edit)


# --- a US-mode scanner on German and French layouts --------------------------------------


@pytest.mark.parametrize("os_layout", ["de", "fr"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("]E0" + GTIN, WedgeScan(GTIN, "E0", is_gtin=True)),
        (GTIN, WedgeScan(GTIN, None, is_gtin=True)),
        ("036000291452", WedgeScan("0036000291452", None, is_gtin=True)),
        ("STAFF:demo-7", WedgeScan("STAFF:demo-7")),
        ("]C1010" + GTIN + "10LOT" + GS + "21YZ", WedgeScan(GTIN, "C1", is_gtin=True)),
        ("]C0Zyx/7-Q", WedgeScan("Zyx/7-Q", "C0")),
    ],
)
def test_us_mode_scanner_on_another_layout(
    qtbot: QtBot,
    wedge: WedgeFilter,
    edit: RecordingEdit,
    os_layout: str,
    text: str,
    expected: WedgeScan,
) -> None:
    scan = scan_through(qtbot, wedge, Keyboard(edit, os_layout), text)
    assert scan == expected
    assert_nothing_reached(qtbot, edit)


def test_french_layout_types_symbols_for_digits_but_the_code_is_right(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    keyboard = Keyboard(edit, "fr")
    # What AZERTY makes of the US digit keys, as a person would see it typed:
    assert [keyboard.table[code][0] for code in range(2, 12)] == list("&é\"'(-è_çà")
    scan = scan_through(qtbot, wedge, keyboard, "9780201379624")
    assert scan.code == "9780201379624"
    assert_nothing_reached(qtbot, edit)


def test_ambiguous_letters_follow_the_scanners_factory_us_mode(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    # On German y and z swap; nothing in "ZYzy12" says which layout the scanner meant:
    # US, the factory setting, unless an earlier burst showed otherwise.
    scan = scan_through(qtbot, wedge, Keyboard(edit, "de"), "ZYzy12")
    assert scan.code == "ZYzy12"


def test_scanner_set_to_german_uses_altgr_and_is_read_as_typed(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    keyboard = Keyboard(edit, "de")
    scan = scan_through(qtbot, wedge, keyboard, "]E0" + GTIN, scanner_layout="de")
    assert scan == WedgeScan(GTIN, "E0", is_gtin=True)
    # That burst showed a German-mode scanner: the next ambiguous one is read as typed.
    keyboard.clock_ms += 500
    scan = scan_through(qtbot, wedge, keyboard, "ZYzy12", scanner_layout="de")
    assert scan.code == "ZYzy12"
    assert_nothing_reached(qtbot, edit)


def test_forced_keyboard_modes(qtbot: QtBot, qapp: QApplication, edit: RecordingEdit) -> None:
    codes = {}
    for mode in (ScannerKeyboard.US, ScannerKeyboard.OS):
        wedge = WedgeFilter(native_offset=8, keyboard=mode)
        qapp.installEventFilter(wedge)
        try:
            codes[mode] = scan_through(qtbot, wedge, Keyboard(edit, "de"), "Zy1234").code
        finally:
            qapp.removeEventFilter(wedge)
    assert codes == {ScannerKeyboard.US: "Zy1234", ScannerKeyboard.OS: "Yz1234"}


def test_no_native_codes_reads_the_typed_text(
    qtbot: QtBot, qapp: QApplication, edit: RecordingEdit
) -> None:
    wedge = WedgeFilter(native_offset=None)  # e.g. macOS: native codes are not PC keys
    qapp.installEventFilter(wedge)
    try:
        scan = scan_through(qtbot, wedge, Keyboard(edit, "de"), "STAFF:demo")
    finally:
        qapp.removeEventFilter(wedge)
    assert scan.code == "STAFFÖdemo"  # what the layout typed: US mode needs key codes


@pytest.mark.parametrize("os_layout", ["us", "de", "fr"])
def test_scanner_in_alt_mode_on_any_layout(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit, os_layout: str
) -> None:
    keyboard = Keyboard(edit, os_layout)
    codes = []
    for text in ("]E0" + GTIN, "STAFF:demo-7", "]C1010" + GTIN + "10LOT" + GS + "21Zy"):
        with qtbot.waitSignal(wedge.scan_read, timeout=2000) as blocker:
            keyboard.scan_alt_codes(text, step_ms=5)  # 5 ms a key event: 50 ms a character
        codes.append(blocker.args[0])
        keyboard.clock_ms += 300
    assert codes == [
        WedgeScan(GTIN, "E0", is_gtin=True),
        WedgeScan("STAFF:demo-7"),
        WedgeScan(GTIN, "C1", is_gtin=True),
    ]
    assert_nothing_reached(qtbot, edit)


# --- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_key_ms", "hold_ms"),
    [(100, 60), (80, 50), (67, 40), (67, 90)],  # 90 ms hold at 15 keys/s: rollover
    ids=["100ms", "80ms", "15cps", "15cps-rollover"],
)
def test_person_typing_reaches_the_field_untouched(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit, per_key_ms: int, hold_ms: int
) -> None:
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    text = "Anna Mueller 4006381333931 STAFF:x"
    with qtbot.waitSignal(edit.returnPressed, timeout=3000):
        Keyboard(edit).type_like_a_person(text, per_key_ms=per_key_ms, hold_ms=hold_ms, enter=True)
    qtbot.waitUntil(lambda: edit.text() == text, timeout=2000)
    assert scans == []
    presses = [key for kind, key in edit.key_events if kind == QEvent.Type.KeyPress]
    releases = [key for kind, key in edit.key_events if kind == QEvent.Type.KeyRelease]
    shifted = sum(c.isupper() or c == ":" for c in text)
    assert len(presses) == len(releases) == len(text) + shifted + 1  # + Shift, + Enter


def test_fast_typist_with_uneven_gaps_is_never_a_scan(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    # 15 keys/s on average, digraphs as quick as 35 ms, a code typed from a label + Enter.
    rng = random.Random(14)
    text = "4006381333931 STAFF:demo ]E04006381333931"
    for _ in range(20):
        scans: list[str] = []
        wedge.scanned.connect(scans.append)
        gaps = [rng.choice([35, 45, 55, 70, 80, 90, 95, 100]) for _ in range(len(text) + 1)]
        with qtbot.waitSignal(edit.returnPressed, timeout=3000):
            Keyboard(edit).type_like_a_person(text, per_key_ms=gaps, hold_ms=50, enter=True)
        qtbot.waitUntil(lambda: edit.text() == text, timeout=2000)
        assert scans == []
        wedge.scanned.disconnect(scans.append)
        edit.clear()


def test_key_held_down_autorepeats_into_the_field(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    keyboard = Keyboard(edit)
    keyboard.press(2 + 7)  # "8"
    for _ in range(8):
        keyboard.press(9, after_ms=30, auto_repeat=True)  # X repeats every 30-40 ms
    keyboard.release(9, after_ms=30)
    keyboard.press(ENTER, after_ms=5)
    qtbot.waitUntil(lambda: edit.text() == "8" * 9, timeout=2000)


def test_shift_held_by_a_person_is_delivered(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    keyboard = Keyboard(edit)
    keyboard.press(SHIFT)
    keyboard.press(30, after_ms=150)  # "A"
    keyboard.release(30, after_ms=80)
    keyboard.release(SHIFT, after_ms=40)
    qtbot.waitUntil(lambda: edit.text() == "A", timeout=2000)
    kinds = [kind for kind, _ in edit.key_events]
    assert kinds.count(QEvent.Type.KeyPress) == 2
    assert kinds.count(QEvent.Type.KeyRelease) == 2


# --- dead keys: the input method takes their presses ------------------------------------


@pytest.mark.parametrize(
    ("os_layout", "text"),
    [("de", "]C0A=e-1234`5"), ("fr", "]C0x[e]1234")],  # = ` are dead on de, [ on fr
)
def test_us_mode_scanner_typing_dead_keys(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit, os_layout: str, text: str
) -> None:
    keyboard = Keyboard(edit, os_layout, compose=True)
    scan = scan_through(qtbot, wedge, keyboard, text)
    assert scan == WedgeScan(text[3:], "C0")
    assert_nothing_reached(qtbot, edit)


def test_person_composing_with_a_dead_key_gets_the_character(
    qtbot: QtBot, wedge: WedgeFilter, edit: RecordingEdit
) -> None:
    keyboard = Keyboard(edit, "de", compose=True)
    for code in (19, 18, 49):  # R e n
        keyboard.stroke(Stroke(code, (SHIFT,) if code == 19 else ()), step_ms=40)
        keyboard.clock_ms += 100
    keyboard.stroke(Stroke(13), step_ms=60)  # dead acute
    keyboard.stroke(Stroke(18), step_ms=60)  # e: composed to é
    qtbot.waitUntil(lambda: edit.text() == "René", timeout=2000)
