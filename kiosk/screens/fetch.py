"""Size in this store: "Bring it to me", then the ticket number big and its live status."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.journey.messages import CONTEXT as MESSAGES
from kiosk.journey.phases import FetchPhase
from kiosk.screens._base import Screen, label, translate
from kiosk.widgets.fit_prompt import FitPrompt


def phase_text(phase: FetchPhase) -> tuple[str, str]:
    """(heading, explanation) for a phase, in the current language."""
    if phase is FetchPhase.OFFER:
        return (
            translate("FetchScreen", "This size is here in the store"),
            translate(
                "FetchScreen",
                "Tap \u201cBring it to me\u201d and a colleague brings the pair to this kiosk.",
            ),
        )
    if phase is FetchPhase.REQUESTING:
        return (translate("FetchScreen", "Asking a colleague…"), "")
    if phase is FetchPhase.OPEN:
        return (
            translate("FetchScreen", "A colleague has been asked"),
            translate("FetchScreen", "Please wait here. Your ticket number:"),
        )
    if phase is FetchPhase.CLAIMED:
        return (
            translate("FetchScreen", "A colleague is on the way"),
            translate("FetchScreen", "Please wait here. Your ticket number:"),
        )
    if phase is FetchPhase.DONE:
        return (
            translate("FetchScreen", "Your pair is here"),
            translate("FetchScreen", "Enjoy trying it on! Your ticket number was:"),
        )
    if phase is FetchPhase.CANCELLED:
        return (
            translate("FetchScreen", "Request cancelled"),
            translate("FetchScreen", "Nobody will bring the pair. You can choose another size."),
        )
    if phase is FetchPhase.QUEUED:
        return (translate("FetchScreen", "Your request is saved"), "")
    return (translate("FetchScreen", "We couldn't ask a colleague"), "")


class FetchScreen(Screen):
    """Signals:
    fetch_requested(): "Bring it to me".
    cancel_requested(): the shopper no longer wants the pair brought.
    give_up_requested(): "Start over" on an open ticket, confirmed: cancel it and start
        over (staff should not bring a pair nobody waits for).
    fit_voted(fit, source): how the pair brought fits (a ``FitChoice`` value, ``"fetched"``).
    """

    fetch_requested = Signal()
    cancel_requested = Signal()
    give_up_requested = Signal()
    fit_voted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phase = FetchPhase.OFFER
        self._ticket = 0
        self._message = ""
        self._size = ""
        self.size_line = label("", "title")
        self.heading = label("", "heading")
        self.explain = label("", "subtitle")
        self.ticket = label("", "ticket")
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label("", "notice")
        self.fetch_button = QPushButton()
        self.fetch_button.setObjectName("primary")
        self.cancel_button = QPushButton()
        # The words on top, the action at the bottom where the thumb is.
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.fetch_button, 2)
        self.body.addWidget(self.size_line)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.explain)
        self.body.addWidget(self.ticket, 1)
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addLayout(row)
        self.body.addWidget(self._build_ask())
        self.fit_prompt = FitPrompt()  # once the pair was handed over
        self.body.addWidget(self.fit_prompt)
        self._asking = False
        self.nav.start_over_guard = self._ask_before_start_over
        self.fetch_button.clicked.connect(self.fetch_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.keep_button.clicked.connect(self._keep_waiting)
        self.give_up_button.clicked.connect(self.give_up_requested)
        self.fit_prompt.fit_chosen.connect(lambda fit: self.fit_voted.emit(fit, "fetched"))
        self.retranslate()

    def _build_ask(self) -> QFrame:
        """The question "Start over" asks while a ticket is open (inside the screen)."""
        self.ask = QFrame()
        self.ask.setObjectName("card")
        self.ask_text = label("", "body")
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("primary")
        self.give_up_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.give_up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        box = QVBoxLayout(self.ask)
        box.addWidget(self.ask_text)
        box.addLayout(buttons)
        self.ask.setVisible(False)
        return self.ask

    def _ticket_open(self) -> bool:
        return self._phase in (FetchPhase.OPEN, FetchPhase.CLAIMED)

    def _ask_before_start_over(self) -> bool:
        if not self._ticket_open():
            return False
        self._asking = True
        self.retranslate()
        return True

    def _keep_waiting(self) -> None:
        self._asking = False
        self.retranslate()

    @property
    def phase(self) -> FetchPhase:
        return self._phase

    def show_size(self, style_name: str, size_eu: str) -> None:
        self._size = f"{style_name} · EU {size_eu}"
        self.size_line.setText(self._size)

    def show_phase(self, phase: str, ticket: int, message: str) -> None:
        self._phase = FetchPhase(phase)
        self._ticket = ticket
        self._message = message
        self.retranslate()

    def clear(self) -> None:
        self._size = ""
        self.size_line.setText("")
        self.fit_prompt.reset()
        self.show_phase(FetchPhase.OFFER.value, 0, "")

    def retranslate(self) -> None:
        phase = self._phase
        heading, explain = phase_text(phase)
        self.heading.setText(heading)
        self.explain.setText(explain)
        self.explain.setVisible(bool(explain))
        has_ticket = self._ticket > 0 and phase in (
            FetchPhase.OPEN,
            FetchPhase.CLAIMED,
            FetchPhase.DONE,
        )
        self.ticket.setText(str(self._ticket) if has_ticket else "")
        self.ticket.setVisible(has_ticket)
        self.ticket.setAccessibleName(
            translate("FetchScreen", "Ticket number {ticket}").format(ticket=self._ticket)
        )
        self.message.setText(translate(MESSAGES, self._message) if self._message else "")
        self.message.setVisible(bool(self._message))
        self.fetch_button.setText(
            translate("FetchScreen", "Try again")
            if phase is FetchPhase.FAILED
            else translate("FetchScreen", "Bring it to me")
        )
        self.fetch_button.setAccessibleName(self.fetch_button.text())
        self.fetch_button.setVisible(phase in (FetchPhase.OFFER, FetchPhase.FAILED))
        self.cancel_button.setText(translate("FetchScreen", "Cancel request"))
        self.cancel_button.setAccessibleName(translate("FetchScreen", "Cancel request"))
        ticket_open = self._ticket_open()
        self._asking = self._asking and ticket_open
        self.cancel_button.setVisible(ticket_open and not self._asking)
        self.ask.setVisible(self._asking)
        self.ask_text.setText(
            translate(
                "FetchScreen",
                "Start over? Your request will be cancelled, so nobody brings the pair.",
            )
        )
        self.keep_button.setText(translate("FetchScreen", "Keep waiting"))
        self.keep_button.setAccessibleName(self.keep_button.text())
        self.give_up_button.setText(translate("FetchScreen", "Cancel and start over"))
        self.give_up_button.setAccessibleName(self.give_up_button.text())
        # An open ticket keeps its screen: staff are already walking with the pair.
        self.nav.back_button.setVisible(not ticket_open)
        self.fit_prompt.setVisible(phase is FetchPhase.DONE)
