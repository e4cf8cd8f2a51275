"""The "Still there?" overlay: inside the window, over the screen, never a modal dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk.theme import Metrics
from kiosk.widgets.plain_label import PlainLabel

translate = QCoreApplication.translate


class StillThereOverlay(QWidget):
    """Covers its parent while the idle countdown runs. Any touch answers it.

    Signals:
        still_here(): the shopper tapped "I'm still here".
    """

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setProperty("layoutOverlay", True)  # floats over the screens on purpose
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._seconds = 0
        self.card = QFrame(self)
        self.card.setObjectName("overlayCard")
        self.heading = PlainLabel(self.card)
        self.heading.setObjectName("heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = PlainLabel(self.card)
        self.countdown.setObjectName("subtitle")
        self.countdown.setWordWrap(True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.card)
        self.button.setObjectName("primary")
        layout = QVBoxLayout(self.card)
        self._card_layout = layout
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(24)
        layout.addWidget(self.heading)
        layout.addWidget(self.countdown)
        layout.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.button.clicked.connect(self.still_here)
        self.hide()
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        """A card as wide as the words need, within the window."""
        px = metrics.px
        self._card_layout.setContentsMargins(px(48, 12), px(40, 10), px(48, 12), px(40, 10))
        parent = self.parentWidget()
        room = (parent.width() if parent is not None else 800) - 2 * metrics.margin
        self.card.setFixedWidth(max(200, min(px(900), room)))
        self._fit_card()

    def _fit_card(self) -> None:
        """As tall as its wrapped lines need at its width."""
        self.card.setFixedHeight(self._card_layout.totalHeightForWidth(self.card.width()))

    def show_countdown(self, seconds: int) -> None:
        self._seconds = seconds
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def retranslate(self) -> None:
        self.heading.setText(translate("StillThere", "Still there?"))
        self.countdown.setText(
            translate(
                "StillThere",
                "To keep your details private we will start over in {seconds} s.",
            ).format(seconds=self._seconds)
        )
        self.button.setText(translate("StillThere", "I'm still here"))
        self._fit_card()
        self.button.setAccessibleName(translate("StillThere", "I'm still here"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
