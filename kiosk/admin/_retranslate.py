"""Admin widgets set their texts in ``retranslate()``, again on every language switch."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

translate = QCoreApplication.translate

__all__ = ["Retranslating", "translate"]


class Retranslating(QWidget):
    """A widget whose :meth:`retranslate` runs when Qt reports a language change."""

    def retranslate(self) -> None:
        """Set every text again in the current language (override; call super)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
