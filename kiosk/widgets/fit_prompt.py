""" "How does it fit?": three big buttons, then a thank-you. One tap, nothing typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from inventory_client.voice_models import FitChoice
from kiosk.widgets.plain_label import PlainLabel

translate = QCoreApplication.translate


def _label(name: str) -> PlainLabel:
    widget = PlainLabel()
    widget.setObjectName(name)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class FitPrompt(QFrame):
    """A card asking how the shoe fits; answers once, then thanks the shopper.

    ``folded``: the card first shows one button ("Tried it on? Tell us how it fits") and
    opens on a tap (the product screen); unfolded it asks at once (after a fetch).

    Signals:
        fit_chosen(fit): a :class:`FitChoice` value.
        opened(): the folded card was opened (the question shows).
    """

    fit_chosen = Signal(str)
    opened = Signal()

    def __init__(self, parent: QWidget | None = None, *, folded: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._folded_first = folded
        self._folded = folded
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._unfold)
        self.question = _label("title")
        self.thanks = _label("subtitle")
        self.buttons: dict[FitChoice, QPushButton] = {}
        row = QHBoxLayout()
        for choice in FitChoice:
            button = QPushButton()
            button.setObjectName("primary" if choice is FitChoice.TRUE_TO_SIZE else "")
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.buttons[choice] = button
            row.addWidget(button, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.open_button)
        box.addWidget(self.question)
        box.addLayout(row)
        box.addWidget(self.thanks)
        self._answered = False
        self.retranslate()

    @property
    def answered(self) -> bool:
        return self._answered

    @property
    def folded(self) -> bool:
        return self._folded

    def reset(self) -> None:
        """Ask again (a new product or a new shopper)."""
        self._answered = False
        self._folded = self._folded_first
        self.retranslate()

    @Slot()
    def _unfold(self) -> None:
        self._folded = False
        self.retranslate()
        self.opened.emit()

    @Slot()
    def _choose(self, choice: FitChoice) -> None:
        if self._answered:
            return
        self._answered = True
        self.retranslate()
        self.fit_chosen.emit(choice.value)

    def retranslate(self) -> None:
        self.open_button.setText(translate("FitPrompt", "Tried it on? Tell us how it fits"))
        self.open_button.setAccessibleName(self.open_button.text())
        self.open_button.setVisible(self._folded and not self._answered)
        asking = not self._folded and not self._answered
        self.question.setText(translate("FitPrompt", "How does it fit?"))
        texts = {
            FitChoice.SMALL: translate("FitPrompt", "Runs small"),
            FitChoice.TRUE_TO_SIZE: translate("FitPrompt", "True to size"),
            FitChoice.LARGE: translate("FitPrompt", "Runs large"),
        }
        for choice, button in self.buttons.items():
            button.setText(texts[choice])
            button.setAccessibleName(texts[choice])
            button.setVisible(asking)
        self.question.setVisible(asking)
        self.thanks.setText(
            translate("FitPrompt", "Thank you! Your answer helps the next shopper choose a size.")
        )
        self.thanks.setVisible(self._answered)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
