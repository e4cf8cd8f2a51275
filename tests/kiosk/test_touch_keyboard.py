"""kiosk.widgets.touch_keyboard: layouts per language, shift, typing into the target."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.widgets.touch_keyboard import TouchKeyboard


def test_layouts_follow_the_language(qtbot) -> None:
    keyboard = TouchKeyboard(language="de")
    qtbot.addWidget(keyboard)
    assert "z" in keyboard.char_keys and "ü" in keyboard.char_keys  # QWERTZ
    keyboard.set_language("fr")
    assert "é" in keyboard.char_keys and "ü" not in keyboard.char_keys  # AZERTY
    keyboard.set_language("en")
    assert set("qwertyuiop1234567890") <= set(keyboard.char_keys)


def test_typing_shift_backspace_and_clear(qtbot) -> None:
    keyboard = TouchKeyboard()
    field = QLineEdit()
    qtbot.addWidget(keyboard)
    qtbot.addWidget(field)
    keyboard.press("x")  # no target yet: nothing happens, nothing breaks
    keyboard.set_target(field)
    qtbot.mouseClick(keyboard.shift_key, Qt.MouseButton.LeftButton)
    assert keyboard.char_keys["a"].text() == "A"
    for char in "anna":
        qtbot.mouseClick(keyboard.char_keys[char], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.at_key, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.dot_key, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.space_key, Qt.MouseButton.LeftButton)
    assert field.text() == "Anna@. "  # shift capitalised one letter only
    qtbot.mouseClick(keyboard.backspace_key, Qt.MouseButton.LeftButton)
    assert field.text() == "Anna@."
    keyboard.toggle_shift()
    keyboard.clear()
    assert not keyboard.shifted and keyboard.target is None
    assert all(key.accessibleName() for key in keyboard.findChildren(type(keyboard.shift_key)))
