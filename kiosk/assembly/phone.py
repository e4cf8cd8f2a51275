""" "Continue on your phone", wired into a built kiosk (only with ``service.public_url``).

:func:`attach_phone_handoff` shows the "Continue on your phone" panel on the product
screen and on the address form, asks the :class:`~kiosk.flows.handoff.HandoffFlow` for a
link when the shopper taps it, and when the phone opened the link says "Continued on your
phone" and, ``continued_ms`` later, starts over (nothing personal was typed here). It also
gives the confirmation screen its status-page link for the QR code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from inventory_client.handoff import status_link
from kiosk.flows.handoff import HANDOFF_POLL_MS, HandoffBackend, HandoffFlow
from kiosk.journey.order import Receipt
from kiosk.journey.phases import State
from kiosk.widgets.phone_handoff import PhoneHandoffPanel

if TYPE_CHECKING:
    from kiosk.app import MainWindow
    from kiosk.session import ShopperSession
    from kiosk.workers import TaskRunner

__all__ = ["CONTINUED_MS", "PhoneHandoff", "attach_phone_handoff"]

#: How long "Continued on your phone" stays before the kiosk returns to attract.
CONTINUED_MS = 4000


class PhoneHandoff(QObject):
    """The panels, the flow and the session, connected in one place."""

    def __init__(
        self,
        window: MainWindow,
        session: ShopperSession,
        flow: HandoffFlow,
        *,
        continued_ms: int = CONTINUED_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.flow = flow
        self.panels = {
            State.PRODUCT: window.product_screen.phone,
            State.ADDRESS: window.address_screen.phone,
        }
        self._shown: PhoneHandoffPanel | None = None
        self._back_to_attract = QTimer(self)
        self._back_to_attract.setSingleShot(True)
        self._back_to_attract.setInterval(continued_ms)
        self._connect_signals()
        for panel in self.panels.values():
            panel.setVisible(True)

    def _connect_signals(self) -> None:
        for state, panel in self.panels.items():
            panel.requested.connect(lambda s=state: self._start(s))
        self.flow.link_ready.connect(self._on_link)
        self.flow.unavailable.connect(self._on_unavailable)
        self.flow.expired.connect(self._on_expired)
        self.flow.continued.connect(self._on_continued)
        self.session.state_changed.connect(self._on_state_changed)
        self._back_to_attract.timeout.connect(self.session.start_over)

    def _gtin_for(self, state: State) -> str | None:
        session = self.session
        if state is State.ADDRESS and session.chosen is not None:
            return session.chosen.variant.gtin
        if session.product is None:
            return None
        run = session.product.size_run
        return run.scanned_gtin or (run.sizes[0].variant.gtin if run.sizes else None)

    def _start(self, state: State) -> None:
        gtin = self._gtin_for(state)
        panel = self.panels[state]
        if gtin is None or self.session.state is not state:
            panel.show_unavailable()
            return
        self._shown = panel
        self.flow.start(gtin, self.window.language)

    @Slot(str)
    def _on_link(self, url: str) -> None:
        if self._shown is not None:
            self._shown.show_link(url)

    @Slot()
    def _on_unavailable(self) -> None:
        if self._shown is not None:
            self._shown.show_unavailable()

    @Slot()
    def _on_expired(self) -> None:
        if self._shown is not None:
            self._shown.reset()

    @Slot()
    def _on_continued(self) -> None:
        if self._shown is not None:
            self._shown.show_continued()
        self._back_to_attract.start()

    @Slot(str)
    def _on_state_changed(self, _value: str) -> None:
        """Any move ends the hand-off on screen (the phone's own page carries on)."""
        self._back_to_attract.stop()
        self.flow.stop()
        self._shown = None
        for panel in self.panels.values():
            panel.reset()


def attach_phone_handoff(
    window: MainWindow,
    session: ShopperSession,
    runner: TaskRunner,
    backend: HandoffBackend,
    public_url: str,
    *,
    poll_ms: int = HANDOFF_POLL_MS,
    continued_ms: int = CONTINUED_MS,
) -> PhoneHandoff:
    """Wire "Continue on your phone" and the confirmation's status link into ``window``."""
    flow = HandoffFlow(runner, backend, public_url, poll_ms=poll_ms)

    def link(receipt: Receipt) -> str | None:
        if not receipt.idempotency_key:
            return None
        return status_link(public_url, receipt.idempotency_key, window.language)

    window.confirmation_screen.status_link = link
    handoff = PhoneHandoff(window, session, flow, continued_ms=continued_ms)
    flow.setParent(handoff)
    return handoff
