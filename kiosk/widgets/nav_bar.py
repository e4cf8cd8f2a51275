"""Back, the language picker and Start over: on every shopper screen, in the same place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.widgets.language_picker import LanguagePicker

translate = QCoreApplication.translate


class NavBar(QWidget):
    """Large buttons along the bottom of a screen, so there is never a dead end.

    Signals:
        back_requested(): one step back.
        start_over_requested(): forget this shopper and return to the start.
        language_chosen(code): switch the shopper's language, keeping the journey.
    """

    back_requested = Signal()
    start_over_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton()
        self.start_over_button = QPushButton()
        self.languages = LanguagePicker(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        layout.addWidget(self.languages)
        layout.addStretch(1)
        layout.addWidget(self.start_over_button)
        self.back_button.clicked.connect(self.back_requested)
        self.start_over_button.clicked.connect(self._on_start_over)
        self.languages.language_chosen.connect(self.language_chosen)
        self.retranslate()

    start_over_guard: Callable[[], bool] | None = None
    """A screen that must ask first (an open fetch ticket) sets this: it returns True
    when it took the tap over, and the bar then does not start over by itself."""

    def _on_start_over(self) -> None:
        guard = self.start_over_guard
        if guard is not None and guard():
            return
        self.start_over_requested.emit()

    def retranslate(self) -> None:
        self.back_button.setText(translate("NavBar", "‹  Back"))
        self.back_button.setAccessibleName(translate("NavBar", "Back"))
        self.start_over_button.setText(translate("NavBar", "Start over"))
        self.start_over_button.setAccessibleName(translate("NavBar", "Start over"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
