""" "Your size isn't made?": ask for a size beyond the style's run, one tap per size."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.widgets.plain_label import PlainLabel

translate = QCoreApplication.translate


class WantedSizeRow(QFrame):
    """A line of text and one button per size the style is not made in.

    Signals:
        size_wanted(size_eu): the shopper asked for that EU size.
    """

    size_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = PlainLabel()
        self.text.setObjectName("legend")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.text, 2)
        self.buttons: list[QPushButton] = []
        self._asked = ""
        self.retranslate()

    def show_sizes(self, sizes: list[str]) -> None:
        """Offer ``sizes`` (EU); none: the row hides."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self._asked = ""
        for size in sizes:
            button = QPushButton(f"EU {size}")
            button.setAccessibleName(f"EU {size}")
            button.clicked.connect(lambda _=False, s=size: self._ask(s))
            self._row.addWidget(button, 1)
            self.buttons.append(button)
        self.setVisible(bool(sizes))
        self.retranslate()

    def _ask(self, size: str) -> None:
        self._asked = size
        self.retranslate()
        self.size_wanted.emit(size)

    def retranslate(self) -> None:
        if self._asked:
            self.text.setText(
                translate(
                    "WantedSize", "Thank you: the store will know EU {size} was asked for."
                ).format(size=self._asked)
            )
        else:
            self.text.setText(
                translate("WantedSize", "Your size isn't made in this style? Tell us:")
            )
        for button in self.buttons:
            button.setVisible(not self._asked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
