"""Choosing a burst's reading (typed by the OS layout, or the US keys) and its code."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.scanning.keymap import (
    alt_code_character,
    keypad_digit,
    native_offset_for_platform,
    us_character,
)
from kiosk.scanning.wedge_text import (
    Reading,
    ReadingSource,
    ScannerKeyboard,
    WedgeScan,
    choose_reading,
    parse_wedge_text,
)

TYPED, US = ReadingSource.TYPED, ReadingSource.US


@pytest.mark.parametrize(
    ("evdev", "shift", "ctrl", "char"),
    [
        (2, False, False, "1"),
        (2, True, False, "!"),
        (21, False, False, "y"),  # the key German layouts call z
        (27, False, False, "]"),
        (27, False, True, "\x1d"),  # Ctrl+] = GS, FNC1
        (36, False, True, "\n"),  # Ctrl+J = LF
        (39, True, False, ":"),
        (79, True, False, "1"),  # keypad: Shift does not apply
        (28, False, False, None),  # Enter types no character
        (42, False, False, None),  # Shift
    ],
)
def test_us_character(evdev: int, shift: bool, ctrl: bool, char: str | None) -> None:
    assert us_character(evdev, shift=shift, ctrl=ctrl) == char


@pytest.mark.parametrize(
    ("digits", "char"),
    [
        ("029", "\x1d"),  # GS, FNC1
        ("29", "\x1d"),
        ("065", "A"),
        ("0233", "é"),  # leading 0: Windows-1252
        ("130", "é"),  # no leading 0: code page 437
        ("0", None),
        ("0129", None),  # a hole in Windows-1252
        ("321", "A"),  # wraps at 256
        ("", None),
    ],
)
def test_alt_code_character(digits: str, char: str | None) -> None:
    assert alt_code_character(digits) == char


def test_keypad_digits() -> None:
    assert [keypad_digit(code) for code in (82, 79, 73, 83, 55, 2)] == ["0", "1", "9"] + [None] * 3


def test_native_offsets() -> None:
    assert native_offset_for_platform("xcb") == 8
    assert native_offset_for_platform("wayland") == 8
    assert native_offset_for_platform("windows") == 0
    assert native_offset_for_platform("cocoa") is None


@pytest.mark.parametrize(
    ("typed", "us", "kwargs", "expected"),
    [
        ("4006", None, {}, Reading("4006", TYPED, decisive=False)),  # no key codes
        ("4006", "4006", {}, Reading("4006", TYPED, decisive=False)),  # a US layout
        ("+E0", "]E0", {"altgr_used": True}, Reading("+E0", TYPED, decisive=True)),
        ("abc", "abd", {"layout_mismatch": True}, Reading("abd", US, decisive=True)),
        ("STAFFÖ1", "STAFF:1", {}, Reading("STAFF:1", US, decisive=True)),  # non-ASCII typed
        # AZERTY types 3456 as "'(- : all ASCII, but only the US reading is a valid GTIN.
        ("\"'(-\"'(-\"'(-(", "3456345634566", {}, Reading("3456345634566", US, decisive=True)),
        ("4006381333931", "400638133393!", {}, Reading("4006381333931", TYPED, decisive=True)),
        ("Yz12", "Zy12", {}, Reading("Zy12", US, decisive=False)),  # factory US mode
        ("Yz12", "Zy12", {"fallback": TYPED}, Reading("Yz12", TYPED, decisive=False)),
        ("Yz12", "Zy12", {"mode": ScannerKeyboard.OS}, Reading("Yz12", TYPED, decisive=False)),
        ("+E0", "]E0", {"mode": ScannerKeyboard.US, "altgr_used": True}, Reading("]E0", US, False)),
    ],
)
def test_choose_reading(
    typed: str, us: str | None, kwargs: dict[str, Any], expected: Reading
) -> None:
    assert choose_reading(typed, us, **kwargs) == expected


@pytest.mark.parametrize(
    ("raw", "scan"),
    [
        ("]e00104006381333931", WedgeScan("4006381333931", "e0", is_gtin=True)),  # DataBar
        ("]d2" + "10LOT7\x1d0104006381333931", WedgeScan("4006381333931", "d2", is_gtin=True)),
        ("]E4" + "96385074", WedgeScan("0000096385074", "E4", is_gtin=True)),  # EAN-8
        ("]C1BADGE", WedgeScan("BADGE", "C1")),  # a GS1 AIM with no element string
        ("STAFF:demo\r", WedgeScan("STAFF:demo")),
        ("]Q0", WedgeScan("", "Q0")),
    ],
)
def test_parse_wedge_text(raw: str, scan: WedgeScan) -> None:
    assert parse_wedge_text(raw) == scan
