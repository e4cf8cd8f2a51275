"""Shared scaffolding for shopper screens: a named background, the navigation bar, and
re-translation when the shopper switches language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.theme import Metrics
from kiosk.widgets.keypad import NumericKeypad
from kiosk.widgets.nav_bar import NavBar
from kiosk.widgets.plain_label import PlainLabel

MARGIN = 48
translate = QCoreApplication.translate


def label(text: str, name: str, *, wrap: bool = True) -> QLabel:
    """A QLabel with a theme role (``heading``, ``title``, ``hint``, ...)."""
    widget = PlainLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def name_keypad_keys(keypad: NumericKeypad) -> None:
    """The keypad's labels and hint, and accessible names for its keys, in the current
    language (now, not only when the keypad's own LanguageChange event arrives)."""
    keypad.retranslate()
    names = {
        "clear": translate("Keypad", "Clear all digits"),
        "back": translate("Keypad", "Delete last digit"),
        "find": translate("Keypad", "Find this code"),
    }
    for key, button in keypad.keys.items():
        button.setAccessibleName(names.get(key, key))


class Screen(QWidget):
    """A full-window page: content on top, the navigation bar at the bottom.

    Subclasses set their texts in :meth:`retranslate`, which runs again whenever the
    language changes, so a switch mid-journey keeps everything the screen shows.
    """

    def __init__(self, parent: QWidget | None = None, *, nav: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.language = "en"
        self.metrics = Metrics()
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.outer.setSpacing(24)
        self.body = QVBoxLayout()
        self.body.setSpacing(20)
        self.outer.addLayout(self.body, 1)
        self.nav = NavBar(self)
        self.outer.addWidget(self.nav)
        self.nav.setVisible(nav)

    def set_language(self, language: str) -> None:
        """Babel formatting language (prices, dates); Qt texts follow the translator."""
        self.language = language
        self.nav.languages.set_current(language)

    def retranslate(self) -> None:
        """Set every text again in the current language (override)."""

    def apply_metrics(self, metrics: Metrics) -> None:
        """Margins and spacing for the window's size (``theme.fit`` calls it); screens
        extend it to size pictures and go compact on short windows."""
        self.metrics = metrics
        margin = metrics.margin
        self.outer.setContentsMargins(margin, margin, margin, margin)
        self.outer.setSpacing(metrics.spacing)
        self.body.setSpacing(metrics.px(20, 6))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def follow_orientation(split: QBoxLayout, widget: QWidget) -> None:
    """Side by side in landscape, stacked in portrait."""
    landscape = widget.width() >= widget.height()
    split.setDirection(
        QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom
    )
