"""Shared scaffolding for shopper screens: a named background and the Back/Start over bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.widgets.nav_bar import NavBar

MARGIN = 48


def label(text: str, name: str, *, wrap: bool = True) -> QLabel:
    """A QLabel with a theme role (``heading``, ``title``, ``hint``, ...)."""
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class Screen(QWidget):
    """A full-window page: content on top, the navigation bar at the bottom."""

    def __init__(self, parent: QWidget | None = None, *, nav: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.outer.setSpacing(24)
        self.body = QVBoxLayout()
        self.body.setSpacing(20)
        self.outer.addLayout(self.body, 1)
        self.nav = NavBar(self)
        self.outer.addWidget(self.nav)
        self.nav.setVisible(nav)
