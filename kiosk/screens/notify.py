"""Sold out everywhere: the shopper leaves an email address to hear when the size is back.

The address is typed on the touch keyboard and checked on the kiosk (rules:
:mod:`kiosk.journey.back_in_stock`); the session sends it to the store as a back-in-stock
request and records the demand. The screen says plainly what the address is used for,
and forgets it when the shopper leaves the screen (:meth:`NotifyScreen.clear`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.journey.back_in_stock import CONTEXT, MAX_EMAIL
from kiosk.journey.messages import CONTEXT as MESSAGES
from kiosk.journey.phases import NotifyPhase
from kiosk.screens._base import Screen, label, translate
from kiosk.theme import Metrics
from kiosk.widgets.touch_keyboard import TouchKeyboard

_FINISHED = (NotifyPhase.DONE, NotifyPhase.QUEUED)


class NotifyScreen(Screen):
    """Signals:
    notify_requested(email, language): "Email me when it's back" with what was typed
        (unchecked; the session checks it) and the shopper's language.
    done_requested(): "Done" after the request went off (start over).
    """

    notify_requested = Signal(str, str)
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = ""
        self._style = ""
        self._phase = NotifyPhase.READY
        self._message = ""

        self.heading = label("", "title")
        self.explain = label("", "subtitle")
        self.field_label = label("", "fieldLabel")
        self.email = QLineEdit()
        self.email.setObjectName("field_email")
        self.email.setMaxLength(MAX_EMAIL)
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.field_label.setBuddy(self.email)
        self.error = label("", "fieldError")
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.status = label("", "notice")
        self.done_button = QPushButton()
        self.done_button.setObjectName("primary")
        self.keyboard = TouchKeyboard(self)
        self.keyboard.set_target(self.email)
        self.keyboard.next_key.setVisible(False)  # one field: the big button sends

        field = QVBoxLayout()
        field.setSpacing(4)
        field.addWidget(self.field_label)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.email, 1)
        row.addWidget(self.button)
        field.addLayout(row)
        field.addWidget(self.error)

        self.body.addWidget(self.heading)
        self.body.addWidget(self.explain)
        self.body.addLayout(field)
        self.body.addWidget(self.status)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button, 2)
        self.body.addLayout(done_row)
        self.body.addStretch(1)
        self.body.addWidget(self.keyboard)

        self.button.clicked.connect(self.submit)
        self.done_button.clicked.connect(self.done_requested)
        self.keyboard.typed.connect(self._clear_error)
        self.email.textEdited.connect(self._clear_error)
        self.email.returnPressed.connect(self.submit)
        self.retranslate()

    @property
    def phase(self) -> NotifyPhase:
        return self._phase

    def show_size(self, style_name: str, size_eu: str) -> None:
        """A fresh screen for this size: empty field, nothing sent yet."""
        self.clear()
        self._style = style_name
        self._size = size_eu
        self.retranslate()

    def show_phase(self, phase: str, message: str) -> None:
        """Slot for ``ShopperSession.notify_changed``."""
        self._phase = NotifyPhase(phase)
        self._message = message
        if self._phase in _FINISHED:
            self.email.clear()  # the store has it (or the outbox): the screen need not
        self.retranslate()

    def clear(self) -> None:
        """Wipe the typed address and every message (idle, start over, leaving)."""
        self.email.clear()
        self.keyboard.clear()
        self.keyboard.set_target(self.email)
        self._size = ""
        self._style = ""
        self._phase = NotifyPhase.READY
        self._message = ""
        self.retranslate()

    def submit(self) -> None:
        if self._phase in (NotifyPhase.SENDING, *_FINISHED):
            return
        self.notify_requested.emit(self.email.text(), self.language)

    def _clear_error(self) -> None:
        if self._phase is NotifyPhase.INVALID:
            self._phase = NotifyPhase.READY
            self._message = ""
            self.retranslate()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self.keyboard.set_language(language)

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.px(32, 8)
        self.outer.setContentsMargins(margin, metrics.px(24, 6), margin, metrics.px(24, 6))
        self.outer.setSpacing(metrics.px(12, 4))
        self.body.setSpacing(metrics.px(12, 4))
        self.retranslate()  # what shows depends on compact

    def retranslate(self) -> None:
        phase = self._phase
        finished = phase in _FINISHED
        self.heading.setText(
            translate("NotifyScreen", "{name} in EU {size} is sold out everywhere").format(
                name=self._style, size=self._size
            )
        )
        self.explain.setText(
            translate(
                "NotifyScreen",
                "Leave your email address and the store will write to you when this size "
                "is back. We use it for nothing else.",
            )
        )
        self.field_label.setText(translate("NotifyScreen", "Your email address"))
        self.email.setAccessibleName(translate("NotifyScreen", "Your email address"))
        self.email.setPlaceholderText("name@example.com")
        self.button.setText(translate("NotifyScreen", "Email me when it's back"))
        self.button.setAccessibleName(translate("NotifyScreen", "Email me when it's back"))
        self.button.setEnabled(phase is not NotifyPhase.SENDING)
        invalid = phase is NotifyPhase.INVALID and bool(self._message)
        self.error.setText(translate(CONTEXT, self._message) if invalid else "")
        self.error.setVisible(invalid)
        status = {
            NotifyPhase.SENDING: translate("NotifyScreen", "Sending…"),
            NotifyPhase.DONE: translate(
                "NotifyScreen",
                "Thank you — the store will email you when EU {size} is back. "
                "You can scan another shoe or start over.",
            ).format(size=self._size),
            NotifyPhase.QUEUED: translate(
                "NotifyScreen",
                "Thank you — your request is saved on this kiosk and reaches the store "
                "as soon as the connection is back.",
            ),
            NotifyPhase.FAILED: translate(MESSAGES, self._message) if self._message else "",
        }.get(phase, "")
        self.status.setText(status)
        self.status.setVisible(bool(status))
        self.done_button.setText(translate("NotifyScreen", "Done"))
        self.done_button.setAccessibleName(translate("NotifyScreen", "Done, start over"))
        self.done_button.setVisible(finished)
        # Compact (a short window): no heading (the explanation says what it is about), no
        # field label (the field shows name@example.com), and a message about the address
        # replaces the explanation, so the keyboard keeps its room.
        compact = self.metrics.compact
        self.heading.setVisible(not compact)
        self.explain.setVisible(not finished and not (compact and invalid))
        self.field_label.setVisible(not finished and not compact)
        for widget in (self.email, self.button, self.keyboard):
            widget.setVisible(not finished)
