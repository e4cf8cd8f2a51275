"""Sold out everywhere: the shopper can tell the store the size is wanted.

The service records a ``notify_me`` demand event; it has no field for a contact, so the
kiosk does not ask for an email address and promises no email. It says what is true:
the store now knows this size is wanted.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.screens._base import Screen, label, translate


class NotifyScreen(Screen):
    """Signals:
    notify_requested(): "Tell the store I want it".
    """

    notify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = ""
        self._done = False
        self.heading = label("", "heading")
        self.explain = label("", "subtitle")
        self.thanks = label("", "notice")
        self.button = QPushButton()
        self.button.setObjectName("primary")
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.explain)
        self.body.addLayout(row)
        self.body.addWidget(self.thanks)
        self.body.addStretch(1)
        self.button.clicked.connect(self.notify_requested)
        self.retranslate()

    @property
    def done(self) -> bool:
        return self._done

    def show_size(self, size_eu: str, done: bool = False) -> None:
        self._size = size_eu
        self._done = done
        self.retranslate()

    def show_recorded(self) -> None:
        self._done = True
        self.retranslate()

    def clear(self) -> None:
        self.show_size("", False)

    def retranslate(self) -> None:
        self.heading.setText(
            translate("NotifyScreen", "EU {size} is sold out everywhere").format(size=self._size)
        )
        self.explain.setText(
            translate(
                "NotifyScreen",
                "Want it anyway? Tell the store, so they know to order more. "
                "We don't ask for your name or email.",
            )
        )
        self.button.setText(translate("NotifyScreen", "Tell the store I want it"))
        self.button.setAccessibleName(translate("NotifyScreen", "Tell the store I want it"))
        self.button.setVisible(not self._done)
        self.thanks.setText(
            translate(
                "NotifyScreen",
                "Thank you — we've told the store you want this size. "
                "Ask a staff member when it might be back.",
            )
        )
        self.thanks.setVisible(self._done)
