"""The shopper's journey: a QObject with no widgets that keeps the state table.

Which moves exist is the plain table :data:`~kiosk.journey.phases.TRANSITIONS` (drawn and
tested in :mod:`kiosk.journey.phases`). The session owns the main line — scan, look up,
show the product, choose a size — and hands each size journey to its flow
(:mod:`kiosk.flows`): :class:`~kiosk.flows.FetchFlow` ("Bring it to me"),
:class:`~kiosk.flows.OrderFlow` (ship to home) and :class:`~kiosk.flows.NotifyFlow`
("Email me when it's back"). Flows report phases; only the session moves the journey.

A scan is accepted in every state, so a scan on any shopper screen opens that product (an
order draft is dropped first: nothing personal survives a new scan). Start over (from
anywhere) returns to attract, forgetting the product, any typed code and every personal
detail; ``forget_personal`` tells the screens. Client calls run on a
:class:`~kiosk.workers.TaskRunner` pool thread; their results come back to typed callbacks
on the GUI thread.

Why over 400 lines: the session is the journey's one state holder; its parts that can
stand alone already do (flows, phases, size rules); what is left is intents and answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from inventory_client import InventoryError, NotFound
from inventory_client.models import DemandKind, FetchRequest, ShipTo, SizeAvailability
from inventory_client.voice_models import FitChoice, LeaveReason, VoteSource
from kiosk.flows import FetchFlow, JourneyBackend, NotifyFlow, OrderFlow
from kiosk.flows.fetch import FETCH_POLL_MS
from kiosk.flows.voice import VoiceFlow, voice_of
from kiosk.journey.order import OrderDraft, OrderItem, Receipt
from kiosk.journey.phases import (
    BACK,
    GENERIC_ERROR,
    SCREEN_FOR_ACTION,
    TRANSITIONS,
    FetchPhase,
    NotifyPhase,
    OrderPhase,
    State,
    can_move,
)
from kiosk.journey.product import Product, client_lookup
from kiosk.journey.size_grid import SizeAction, size_tiles
from kiosk.workers import TaskRunner

__all__ = [
    "BACK",
    "FETCH_POLL_MS",
    "GENERIC_ERROR",
    "TRANSITIONS",
    "FetchPhase",
    "JourneyBackend",
    "NotifyPhase",
    "OrderPhase",
    "Product",
    "ShopperSession",
    "State",
    "client_lookup",
]

log = logging.getLogger(__name__)

LOOKUP = "lookup"


class ShopperSession(QObject):
    """The journey of one shopper at the kiosk.

    Signals:
        state_changed(state): after every move, with the new :class:`State` value.
        product_ready(product): a :class:`Product` to show, just before ``product``.
        code_unknown(code): the code nobody knows, just before ``unknown_code``.
        failed(message): a plain-words message, just before ``error``.
        looking_up(gtin): a valid code is being looked up.
        size_chosen(gtin, action): the shopper tapped a size; ``action`` is a SizeAction.
        fetch_changed(phase, ticket, message): a :class:`FetchPhase` value, the ticket
            number (0 before there is one) and a message for the shopper (may be empty).
        order_changed(phase, message): an :class:`OrderPhase` value and a message.
        notify_changed(phase, message): a :class:`NotifyPhase` value and a message for
            the shopper (an English source text; may be empty).
        forget_personal(): every personal detail is gone from memory; screens must
            clear theirs too (fields, keyboards).
        fit_advice(summary): other shoppers' fit votes on the style shown (a
            ``FitSummary``), after ``product_ready``.
    """

    state_changed = Signal(str)
    product_ready = Signal(object)
    code_unknown = Signal(str)
    failed = Signal(str)
    looking_up = Signal(str)
    size_chosen = Signal(str, str)
    fetch_changed = Signal(str, int, str)
    order_changed = Signal(str, str)
    notify_changed = Signal(str, str)
    forget_personal = Signal()
    fit_advice = Signal(object)

    def __init__(
        self,
        lookup: Callable[[str], Product],
        runner: TaskRunner,
        *,
        normalize: Callable[[str], str | None],
        record_demand: Callable[[DemandKind, str], None] | None = None,
        backend: JourneyBackend | None = None,
        poll_timer: QTimer | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._runner = runner
        self._normalize = normalize
        self._record_demand = record_demand
        self._state = State.ATTRACT
        self._product: Product | None = None
        self._last_code = ""
        self._message = ""
        self._chosen: SizeAvailability | None = None
        self.fetch_flow = FetchFlow(
            runner, backend, on_screen=self._on(State.FETCH), poll_timer=poll_timer, parent=self
        )
        self.order_flow = OrderFlow(runner, backend, on_screen=self._on(State.REVIEW), parent=self)
        self.notify_flow = NotifyFlow(
            runner, backend, on_screen=self._on(State.NOTIFY), parent=self
        )
        self.voice_flow = VoiceFlow(runner, voice_of(backend), parent=self)
        self._clock = clock
        self._scan_at = 0.0
        self._took_action = False  # fetched, ordered or asked to be told, for this product
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.fetch_flow.changed.connect(self.fetch_changed)
        self.order_flow.changed.connect(self.order_changed)
        self.order_flow.draft_dropped.connect(self.forget_personal)
        self.order_flow.placed.connect(self._on_order_placed)
        self.notify_flow.changed.connect(self.notify_changed)
        self.voice_flow.advice_ready.connect(self.fit_advice)

    def _on(self, state: State) -> Callable[[], bool]:
        return lambda: self._state is state

    # --- read-only view ------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def product(self) -> Product | None:
        return self._product

    @property
    def last_code(self) -> str:
        return self._last_code

    @property
    def message(self) -> str:
        return self._message

    @property
    def chosen(self) -> SizeAvailability | None:
        """The size the shopper chose on the product screen."""
        return self._chosen

    @property
    def fetch(self) -> FetchRequest | None:
        return self.fetch_flow.request

    @property
    def fetch_phase(self) -> FetchPhase:
        return self.fetch_flow.phase

    @property
    def draft(self) -> OrderDraft | None:
        """The order being made (holds personal details until the service has them)."""
        return self.order_flow.draft

    @property
    def order_phase(self) -> OrderPhase:
        return self.order_flow.phase

    @property
    def receipt(self) -> Receipt | None:
        return self.order_flow.receipt

    @property
    def notify_phase(self) -> NotifyPhase:
        return self.notify_flow.phase

    # --- intents -------------------------------------------------------------------

    @Slot(str)
    def scan(self, code: str) -> None:
        """A code arrived (camera, USB scanner or keypad): look it up."""
        code = code.strip()
        if not code:
            return
        self._last_code = code
        self._leave_journey()
        gtin = self._normalize(code)
        if gtin is None:
            self._runner.cancel(LOOKUP)
            self.code_unknown.emit(code)
            self._move(State.UNKNOWN_CODE)
            return
        self._scan_at = self._clock()
        self.looking_up.emit(gtin)
        self._move(State.LOOKING_UP)  # before submitting: a fast answer finds us waiting
        lookup = self._lookup
        self._runner.submit(
            LOOKUP, lambda: lookup(gtin), self._on_product_found, self._on_lookup_failed
        )

    @Slot()
    def retry(self) -> None:
        """Look the last code up again (the error screen's "Try again")."""
        if self._last_code:
            self.scan(self._last_code)

    @Slot()
    def start_scanning(self) -> None:
        """The shopper engaged with the attract screen (e.g. opened the keypad)."""
        if self._state is State.ATTRACT:
            self._move(State.SCANNING)

    @Slot()
    def back(self) -> None:
        state = self._state
        if state is State.LOOKING_UP:
            self._runner.cancel(LOOKUP)
        elif state is State.FETCH:
            self.fetch_flow.stop()
        elif state is State.REVIEW:
            if self.order_flow.sending:
                return  # the order is on its way; the answer decides where we go
            self.order_flow.end_review()
        elif state is State.CONFIRMATION:
            self.order_flow.forget_receipt()
        elif state is State.NOTIFY:
            self.notify_flow.close()
        self._move(BACK[state])

    @Slot()
    def start_over(self) -> None:
        """Forget everything about this shopper and return to the attract screen."""
        self._runner.cancel(LOOKUP)
        self._leave_journey()
        self._product = None
        self._chosen = None
        self._last_code = ""
        self._message = ""
        self.voice_flow.new_journey()
        self._move(State.ATTRACT)

    @Slot(str)
    def choose_size(self, gtin: str) -> None:
        if self._state is not State.PRODUCT or self._product is None:
            return
        run = self._product.size_run
        tile = next((t for t in size_tiles(run) if t.gtin == gtin), None)
        if tile is None or tile.action is SizeAction.NONE:
            return
        self._demand(DemandKind.SIZE_VIEWED, gtin)
        if tile.action is not SizeAction.FETCH:
            self._demand(DemandKind.NOT_IN_STORE, gtin)
        self._chosen = next(s for s in run.sizes if s.variant.gtin == gtin)
        self.size_chosen.emit(gtin, tile.action.value)
        target = SCREEN_FOR_ACTION[tile.action]
        if target is State.FETCH:
            self.fetch_flow.offer()
        elif target is State.ADDRESS:
            self.order_flow.start(OrderItem.from_run(run, gtin))
        elif target is State.NOTIFY:
            self.notify_flow.open()
        self._move(target)

    @Slot()
    def request_fetch(self) -> None:
        """ "Bring it to me": ask staff for the chosen size (once per offer)."""
        if self._state is State.FETCH and self._chosen is not None:
            self._took_action = True
            self.fetch_flow.request_for(self._chosen.variant.gtin)

    @Slot()
    def cancel_fetch(self) -> None:
        """The shopper no longer wants the pair brought."""
        self.fetch_flow.cancel()

    @Slot()
    def cancel_fetch_and_start_over(self) -> None:
        """Start over from an open ticket the shopper gave up: staff are told (cancelled)."""
        self.fetch_flow.give_up()
        self.start_over()

    @Slot(object)
    def submit_address(self, ship_to: ShipTo) -> None:
        """The form is valid: keep the address in the draft and open a fresh review."""
        if self._state is State.ADDRESS and self.order_flow.review(ship_to):
            self._move(State.REVIEW)

    @Slot()
    def place_order(self) -> None:
        if self._state is State.REVIEW:
            self.order_flow.place()

    @Slot(str, str)
    def notify_me(self, email: str, language: str) -> None:
        """ "Email me when it's back": check the address, then send a back-in-stock
        request and (once per visit, not again on a retry) a ``notify_me`` demand event."""
        if self._state is not State.NOTIFY or self._chosen is None:
            return
        gtin, retry = self._chosen.variant.gtin, self.notify_flow.phase is NotifyPhase.FAILED
        if self.notify_flow.send(gtin, email, language) and not retry:
            self._demand(DemandKind.NOTIFY_ME, gtin)
            self._took_action = True

    # --- the customer voice (issue 17; sent by ``voice_flow``, best-effort) -----------

    @property
    def empty_handed(self) -> bool:
        """A product is shown that this shopper neither fetched, ordered nor asked for."""
        return self._product is not None and not self._took_action

    @Slot(str, str)
    def vote_fit(self, fit: str, source: str) -> None:
        """How the style fits: the size brought (``fetched``) or the one scanned."""
        product, origin = self._product, VoteSource(source)
        if product is None:
            return
        run = product.size_run
        gtin = self._chosen.variant.gtin if self._chosen else run.scanned_gtin
        size = next((s.variant.size_eu for s in run.sizes if s.variant.gtin == gtin), None)
        self.voice_flow.vote(run.style.id, FitChoice(fit), origin, size)

    @Slot(str)
    def leave_because(self, reason: str) -> None:
        """Why the shopper leaves the product empty-handed (only a tap, never the idle)."""
        if self._product is not None and self.empty_handed:
            self.voice_flow.leave(self._product.size_run.style.id, LeaveReason(reason))

    @Slot(str)
    def want_size(self, size_eu: str) -> None:
        """A size the style is not made in."""
        if self._product is not None:
            self.voice_flow.want_size(self._product.size_run.style.id, size_eu)

    # --- answers -------------------------------------------------------------------

    def _on_product_found(self, product: Product) -> None:
        if self._state is not State.LOOKING_UP:
            return
        self._product = product
        self._took_action = False
        answer_ms = round((self._clock() - self._scan_at) * 1000)
        self.voice_flow.product_shown(product.size_run.style.id, max(0, answer_ms))
        if product.size_run.scanned_gtin:
            self._demand(DemandKind.SCANNED, product.size_run.scanned_gtin)
        self.product_ready.emit(product)
        self._move(State.PRODUCT)

    def _on_lookup_failed(self, error: Exception) -> None:
        if self._state is not State.LOOKING_UP:
            return
        if isinstance(error, NotFound):
            self.code_unknown.emit(self._last_code)
            self._move(State.UNKNOWN_CODE)
            return
        if isinstance(error, InventoryError):
            log.warning("lookup failed: %s", type(error).__name__)
            self._message = error.user_message
        else:
            log.error("lookup crashed", exc_info=error)
            self._message = GENERIC_ERROR
        self.failed.emit(self._message)
        self._move(State.ERROR)

    @Slot()
    def _on_order_placed(self) -> None:
        self._took_action = True
        self._move(State.CONFIRMATION)

    # --- helpers -------------------------------------------------------------------

    def _leave_journey(self) -> None:
        """Drop what belongs to the size journeys: polling, an unsent review, the draft."""
        self.fetch_flow.reset()
        self.order_flow.reset()
        self.notify_flow.close()

    def _move(self, target: State) -> None:
        if not can_move(self._state, target):
            raise RuntimeError(f"no transition {self._state} -> {target}")
        self._state = target
        self.state_changed.emit(target.value)

    def _demand(self, kind: DemandKind, gtin: str) -> None:
        record = self._record_demand
        if record is not None:
            self._runner.run_detached(lambda: record(kind, gtin))
