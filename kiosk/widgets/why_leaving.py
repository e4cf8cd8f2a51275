""" "Before you go": one optional tap for why the shopper leaves without a pair."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from inventory_client.voice_models import LeaveReason
from kiosk.widgets.plain_label import PlainLabel

translate = QCoreApplication.translate


class WhyLeaving(QFrame):
    """Four reasons and "Skip"; each tap ends the question.

    Signals:
        reason_chosen(reason): a :class:`LeaveReason` value.
        skipped(): the shopper did not want to say.
    """

    reason_chosen = Signal(str)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.question = PlainLabel()
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.buttons: dict[LeaveReason, QPushButton] = {}
        grid = QGridLayout()
        for i, reason in enumerate(LeaveReason):
            button = QPushButton()
            button.clicked.connect(lambda _=False, r=reason: self.reason_chosen.emit(r.value))
            self.buttons[reason] = button
            grid.addWidget(button, i // 2, i % 2)
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("primary")
        self.skip_button.clicked.connect(self.skipped)
        box = QVBoxLayout(self)
        box.addWidget(self.question)
        box.addLayout(grid)
        box.addWidget(self.skip_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(translate("WhyLeaving", "Before you go: why no pair today?"))
        texts = {
            LeaveReason.SIZE_NOT_AVAILABLE: translate("WhyLeaving", "My size isn't available"),
            LeaveReason.COLOUR: translate("WhyLeaving", "The colour"),
            LeaveReason.PRICE: translate("WhyLeaving", "The price"),
            LeaveReason.JUST_LOOKING: translate("WhyLeaving", "Just looking"),
        }
        for reason, button in self.buttons.items():
            button.setText(texts[reason])
            button.setAccessibleName(texts[reason])
        self.skip_button.setText(translate("WhyLeaving", "Skip and start over"))
        self.skip_button.setAccessibleName(self.skip_button.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
