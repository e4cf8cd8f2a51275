"""The ``[scanner]`` section of the kiosk config reaches the keyboard wedge the kiosk builds."""

from __future__ import annotations

import tomllib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.assembly.parts import wedge_for
from kiosk.config import Config, ConfigError, defaults, parse_config
from kiosk.scanning.wedge_text import ScannerKeyboard

from .x11_keyboard import TAB, Keyboard

REQUIRED = """
[kiosk]
id = "k1"
store_id = "s1"
[service]
url = "http://127.0.0.1:8000"
api_key = "secret-key"
"""
GTIN = "4006381333931"


def config_with(scanner: str) -> Config:
    return parse_config(tomllib.loads(REQUIRED + "[scanner]\n" + scanner))


def test_defaults_end_on_enter_and_decide_the_layout_per_scan() -> None:
    wedge = wedge_for(defaults("scanner"))
    assert wedge.terminators == {Qt.Key.Key_Return, Qt.Key.Key_Enter}
    assert wedge.keyboard is ScannerKeyboard.AUTO
    assert wedge.min_length == 6


def test_a_store_with_tab_scanners_on_a_german_layout() -> None:
    config = config_with('terminator = "enter,tab"\nkeyboard = "us"\nmin_length = 8\n')
    wedge = wedge_for(config.scanner)
    assert wedge.terminators == {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
    assert wedge.keyboard is ScannerKeyboard.US
    assert wedge.min_length == 8


@pytest.mark.parametrize("line", ['terminator = "space"', 'keyboard = "azerty"', "min_length = 2"])
def test_a_bad_scanner_setting_is_named(line: str) -> None:
    with pytest.raises(ConfigError, match="scanner"):
        config_with(line + "\n")


def test_a_configured_tab_ends_a_scan_typed_into_a_field(qtbot: QtBot, qapp: QApplication) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    wedge = wedge_for(config_with('terminator = "tab"\n').scanner)
    qapp.installEventFilter(wedge)
    try:
        with qtbot.waitSignal(wedge.scan_read, timeout=2000) as blocker:
            Keyboard(edit).scan(GTIN, terminator=TAB)
    finally:
        qapp.removeEventFilter(wedge)
    assert blocker.args[0].code == GTIN
    qtbot.wait(120)
    assert edit.text() == ""
