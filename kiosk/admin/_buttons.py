"""One kind of button the admin views share: a choice in an exclusive group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QPushButton


def choice_button(group: QButtonGroup, text: str = "") -> QPushButton:
    """A checkable button in ``group`` that looks checked when it is (the theme's
    ``choice`` style), never takes the keyboard focus (a touch screen has no focus ring)."""
    button = QPushButton(text)
    button.setObjectName("choice")
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    group.addButton(button)
    return button
