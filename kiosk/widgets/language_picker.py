"""Three buttons, each language named in its own words; the current one is marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from kiosk.i18n import LANGUAGE_NAMES, LANGUAGES


class LanguagePicker(QWidget):
    """Signals:
    language_chosen(code): the shopper tapped a language ("en", "de", "fr").
    """

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, current: str = "en") -> None:
        super().__init__(parent)
        self.setObjectName("languagePicker")
        self.setAccessibleName("Language")
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for code in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[code], self)
            button.setObjectName("language")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(LANGUAGE_NAMES[code])
            self._group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
        self.set_current(current)

    def set_current(self, code: str) -> None:
        button = self.buttons.get(code)
        if button is not None:
            button.setChecked(True)
