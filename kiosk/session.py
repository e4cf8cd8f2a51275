"""The shopper's journey as a small state machine: a QObject with no widgets.

::

    attract ──touch──> scanning ──scan──> looking_up ──found──> product
       │                  ^                   │ └──not found──> unknown_code
       └──────scan────────┼───────────────────┘ └──failed─────> error
                          └── back (from product, unknown_code, error, looking_up)

    product ──size in store──> fetch  (offer -> "Bring it to me" -> ticket, live status)
            ──warehouse──────> address ──valid──> review ──placed/queued──> confirmation
            ──other store────> stores   (which stores have it, how far)
            ──sold out───────> notify   (email me when it is back)

    start over (from anywhere) -> attract, forgetting the product, any typed code and
    every personal detail (the order draft); ``forget_personal`` tells the screens.

A scan is accepted in every state, so a scan on any shopper screen opens that product (an
order draft is dropped first: nothing personal survives a new scan). Client calls run on a
:class:`~kiosk.workers.TaskRunner` pool thread; the session only ever sees their results as
signals. Which transitions exist is the plain table :data:`TRANSITIONS` (tested with asserts).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from inventory_client.models import (
    DemandKind,
    FetchRequest,
    FetchStatus,
    Order,
    OrderLineRequest,
    ShipTo,
    SizeAvailability,
    SizeRun,
)
from kiosk.journey.back_in_stock import check_email
from kiosk.journey.order import OrderDraft, OrderItem, Receipt, reference_for
from kiosk.size_grid_model import SizeAction, size_tiles
from kiosk.workers import TaskRunner

if TYPE_CHECKING:
    from inventory_client import InventoryClient

log = logging.getLogger(__name__)

LOOKUP = "lookup"
FETCH = "fetch"
FETCH_POLL = "fetch_poll"
FETCH_CANCEL = "fetch_cancel"
ORDER = "order"
NOTIFY = "notify"
FETCH_POLL_MS = 3000
GENERIC_ERROR = "Something went wrong on our side. Please ask a staff member."


class State(StrEnum):
    ATTRACT = "attract"
    SCANNING = "scanning"
    LOOKING_UP = "looking_up"
    PRODUCT = "product"
    UNKNOWN_CODE = "unknown_code"
    ERROR = "error"
    FETCH = "fetch"
    STORES = "stores"
    NOTIFY = "notify"
    ADDRESS = "address"
    REVIEW = "review"
    CONFIRMATION = "confirmation"


class FetchPhase(StrEnum):
    """Where a "Bring it to me" request stands, as the fetch screen shows it."""

    OFFER = "offer"  # the size is here: offer to bring it
    REQUESTING = "requesting"  # creating the request
    OPEN = "open"  # staff have been asked
    CLAIMED = "claimed"  # a colleague is on the way
    DONE = "done"  # handed over
    CANCELLED = "cancelled"
    QUEUED = "queued"  # saved on the kiosk; staff are told when the connection is back
    FAILED = "failed"  # could not be created (message says why)


class OrderPhase(StrEnum):
    """Where "Place order" stands on the review screen."""

    READY = "ready"
    SENDING = "sending"
    FAILED = "failed"  # refused for good: the message says why; no retry
    RETRY = "retry"  # an unexpected problem; trying again reuses the same key


class NotifyPhase(StrEnum):
    """Where "Email me when it's back" stands on the sold-out screen."""

    READY = "ready"  # waiting for an address
    INVALID = "invalid"  # the address does not look right (message says why); nothing sent
    SENDING = "sending"
    DONE = "done"  # the store has it
    QUEUED = "queued"  # saved on the kiosk; sent when the connection is back
    FAILED = "failed"  # refused (message says why)


_ANYWHERE = frozenset({State.ATTRACT, State.SCANNING, State.LOOKING_UP, State.UNKNOWN_CODE})
_FROM_PRODUCT = frozenset({State.FETCH, State.STORES, State.NOTIFY, State.ADDRESS})

TRANSITIONS: dict[State, frozenset[State]] = {
    State.ATTRACT: _ANYWHERE,
    State.SCANNING: _ANYWHERE,
    State.LOOKING_UP: _ANYWHERE | {State.PRODUCT, State.ERROR},
    State.PRODUCT: _ANYWHERE | _FROM_PRODUCT,
    State.UNKNOWN_CODE: _ANYWHERE,
    State.ERROR: _ANYWHERE,
    State.FETCH: _ANYWHERE | {State.PRODUCT},
    State.STORES: _ANYWHERE | {State.PRODUCT},
    State.NOTIFY: _ANYWHERE | {State.PRODUCT},
    State.ADDRESS: _ANYWHERE | {State.PRODUCT, State.REVIEW},
    State.REVIEW: _ANYWHERE | {State.ADDRESS, State.CONFIRMATION},
    State.CONFIRMATION: _ANYWHERE | {State.PRODUCT},
}
"""Allowed moves: ``TRANSITIONS[a]`` holds every state reachable from ``a`` in one step."""

BACK: dict[State, State] = {
    State.ATTRACT: State.ATTRACT,
    State.SCANNING: State.ATTRACT,
    State.LOOKING_UP: State.SCANNING,
    State.PRODUCT: State.SCANNING,
    State.UNKNOWN_CODE: State.SCANNING,
    State.ERROR: State.SCANNING,
    State.FETCH: State.PRODUCT,
    State.STORES: State.PRODUCT,
    State.NOTIFY: State.PRODUCT,
    State.ADDRESS: State.PRODUCT,
    State.REVIEW: State.ADDRESS,
    State.CONFIRMATION: State.PRODUCT,
}

SCREEN_FOR_ACTION: dict[SizeAction, State] = {
    SizeAction.FETCH: State.FETCH,
    SizeAction.SHIP_HOME: State.ADDRESS,
    SizeAction.SHOW_STORES: State.STORES,
    SizeAction.NOTIFY: State.NOTIFY,
}
"""Where choosing a size leads, by what the size grid says about it."""


class JourneyBackend(Protocol):
    """The client calls the fetch and order journeys need (``InventoryClient`` has them)."""

    def create_fetch_request(
        self, gtin: str, *, idempotency_key: str | None = None
    ) -> FetchRequest: ...
    def get_fetch_request(self, request_id: str) -> FetchRequest: ...
    def cancel_fetch_request(self, request_id: str) -> FetchRequest: ...
    def place_order(
        self, lines: list[OrderLineRequest], ship_to: ShipTo, *, idempotency_key: str
    ) -> Order: ...
    def request_back_in_stock(
        self, gtin: str, email: str, language: str, *, request_id: str | None = None
    ) -> object: ...


"""Where Back leads from each state: never a dead end, never further than one step."""


def can_move(current: State, target: State) -> bool:
    return target in TRANSITIONS[current]


@dataclass(frozen=True)
class Product:
    """A looked-up style: its size run and its picture (``None`` if it could not be had)."""

    size_run: SizeRun
    image: bytes | None = None


def client_lookup(client: InventoryClient) -> Callable[[str], Product]:
    """The blocking lookup the session runs on a worker thread, built on the real client.

    The picture is fetched on a thread of its own while the size run is asked for (the
    client is thread-safe), so the shopper waits for the slower of the two, not the sum.
    """
    from inventory_client import InventoryError

    images = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-image")

    def fetch_image(name: str) -> bytes | None:
        try:
            return client.image(name)
        except InventoryError as exc:  # a missing picture never hides the sizes
            log.warning("image %s unavailable: %s", name, type(exc).__name__)
            return None

    def lookup(gtin: str) -> Product:
        detail = client.lookup(gtin)
        image = images.submit(fetch_image, detail.style.image)
        try:
            run = client.size_run(detail)
        except BaseException:
            image.cancel()  # not started yet: never started; else it ends on its own
            raise
        if run.scanned_gtin is None:
            run = run.model_copy(update={"scanned_gtin": gtin})
        return Product(size_run=run, image=image.result())

    return lookup


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

    def __init__(
        self,
        lookup: Callable[[str], Product],
        runner: TaskRunner,
        *,
        normalize: Callable[[str], str | None],
        record_demand: Callable[[DemandKind, str], None] | None = None,
        backend: JourneyBackend | None = None,
        poll_timer: QTimer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._runner = runner
        self._normalize = normalize
        self._record_demand = record_demand
        self._backend = backend
        self._state = State.ATTRACT
        self._product: Product | None = None
        self._last_code = ""
        self._message = ""
        self._chosen: SizeAvailability | None = None
        self._fetch: FetchRequest | None = None
        self._fetch_phase = FetchPhase.OFFER
        self._fetch_key = ""
        self._draft: OrderDraft | None = None
        self._order_phase = OrderPhase.READY
        self._receipt: Receipt | None = None
        self._notify_phase = NotifyPhase.READY
        self._notify_key = ""
        self._poll = poll_timer if poll_timer is not None else QTimer(self)
        if poll_timer is None:
            self._poll.setInterval(FETCH_POLL_MS)
        self._poll.timeout.connect(self._poll_fetch)

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
        return self._fetch

    @property
    def fetch_phase(self) -> FetchPhase:
        return self._fetch_phase

    @property
    def draft(self) -> OrderDraft | None:
        """The order being made (holds personal details until the service has them)."""
        return self._draft

    @property
    def order_phase(self) -> OrderPhase:
        return self._order_phase

    @property
    def receipt(self) -> Receipt | None:
        return self._receipt

    @property
    def notify_phase(self) -> NotifyPhase:
        return self._notify_phase

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
        self.looking_up.emit(gtin)
        self._move(State.LOOKING_UP)  # before submitting: a fast answer finds us waiting
        lookup = self._lookup
        self._submit(LOOKUP, lambda: lookup(gtin))

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
        target = BACK[state]
        if state is State.LOOKING_UP:
            self._runner.cancel(LOOKUP)
        if state is State.FETCH:
            self._stop_fetch_updates()
        if state is State.REVIEW:
            if self._order_phase is OrderPhase.SENDING:
                return  # the order is on its way; the answer decides where we go
            self._end_review()
        if state is State.CONFIRMATION:
            self._receipt = None
        if state is State.NOTIFY:
            self._end_notify()
        self._move(target)

    @Slot()
    def start_over(self) -> None:
        """Forget everything about this shopper and return to the attract screen."""
        self._runner.cancel(LOOKUP)
        self._leave_journey()
        self._product = None
        self._chosen = None
        self._last_code = ""
        self._message = ""
        self._move(State.ATTRACT)

    @Slot(str)
    def choose_size(self, gtin: str) -> None:
        if self._state is not State.PRODUCT or self._product is None:
            return
        run = self._product.size_run
        tiles = {t.gtin: t for t in size_tiles(run)}
        tile = tiles.get(gtin)
        if tile is None or tile.action is SizeAction.NONE:
            return
        self._demand(DemandKind.SIZE_VIEWED, gtin)
        if tile.action is not SizeAction.FETCH:
            self._demand(DemandKind.NOT_IN_STORE, gtin)
        self._chosen = next(s for s in run.sizes if s.variant.gtin == gtin)
        self.size_chosen.emit(gtin, tile.action.value)
        target = SCREEN_FOR_ACTION[tile.action]
        if target is State.FETCH:
            self._fetch = None
            self._fetch_key = uuid.uuid4().hex
            self._set_fetch(FetchPhase.OFFER)
        elif target is State.ADDRESS:
            item = OrderItem.from_run(run, gtin)
            if self._draft is None:
                self._draft = OrderDraft(item=item)
            else:
                self._draft.item = item
        elif target is State.NOTIFY:
            self._notify_key = uuid.uuid4().hex
            self._set_notify(NotifyPhase.READY)
        self._move(target)

    # --- bring it to me --------------------------------------------------------------

    @Slot()
    def request_fetch(self) -> None:
        """ "Bring it to me": ask staff for the chosen size (once per offer)."""
        if self._state is not State.FETCH or self._chosen is None or self._backend is None:
            return
        if self._fetch_phase not in (FetchPhase.OFFER, FetchPhase.FAILED):
            return  # a double tap, or already asked
        backend, gtin, key = self._backend, self._chosen.variant.gtin, self._fetch_key
        self._set_fetch(FetchPhase.REQUESTING)
        self._submit(FETCH, lambda: backend.create_fetch_request(gtin, idempotency_key=key))

    @Slot()
    def cancel_fetch(self) -> None:
        """The shopper no longer wants the pair brought."""
        fetch = self._fetch
        if self._backend is None or fetch is None:
            return
        if self._fetch_phase not in (FetchPhase.OPEN, FetchPhase.CLAIMED):
            return
        self._poll.stop()
        self._runner.cancel(FETCH_POLL)
        backend = self._backend
        self._submit(FETCH_CANCEL, lambda: backend.cancel_fetch_request(fetch.id))

    @Slot()
    def _poll_fetch(self) -> None:
        fetch = self._fetch
        if self._state is not State.FETCH or fetch is None or self._backend is None:
            self._poll.stop()
            return
        if self._runner.is_pending(FETCH_POLL):
            return  # the last poll has not answered yet
        backend = self._backend
        self._submit(FETCH_POLL, lambda: backend.get_fetch_request(fetch.id))

    def _fetch_answered(self, request: FetchRequest) -> None:
        self._fetch = request
        phase = {
            FetchStatus.OPEN: FetchPhase.OPEN,
            FetchStatus.CLAIMED: FetchPhase.CLAIMED,
            FetchStatus.DONE: FetchPhase.DONE,
            FetchStatus.CANCELLED: FetchPhase.CANCELLED,
        }[request.status]
        if phase in (FetchPhase.OPEN, FetchPhase.CLAIMED) and self._state is State.FETCH:
            self._poll.start()
        else:
            self._poll.stop()
        if phase is not self._fetch_phase:
            self._set_fetch(phase)

    def _set_fetch(self, phase: FetchPhase, message: str = "") -> None:
        self._fetch_phase = phase
        ticket = self._fetch.ticket if self._fetch is not None else 0
        self.fetch_changed.emit(phase.value, ticket, message)

    def _stop_fetch_updates(self) -> None:
        """Leave the fetch screen: stop polling. The request itself stays with staff."""
        self._poll.stop()
        self._runner.cancel(FETCH)
        self._runner.cancel(FETCH_POLL)
        self._runner.cancel(FETCH_CANCEL)

    # --- ship to home ----------------------------------------------------------------

    @Slot(object)
    def submit_address(self, ship_to: ShipTo) -> None:
        """The form is valid: keep the address in the draft and open a fresh review.

        Each review gets one new idempotency key: every tap and retry of "Place order"
        on it reuses that key, so the service makes at most one order of it."""
        if self._state is not State.ADDRESS or self._draft is None:
            return
        self._draft.ship_to = ship_to
        self._draft.idempotency_key = uuid.uuid4().hex
        self._set_order(OrderPhase.READY)
        self._move(State.REVIEW)

    @Slot()
    def place_order(self) -> None:
        draft = self._draft
        if self._state is not State.REVIEW or draft is None or self._backend is None:
            return
        if self._order_phase not in (OrderPhase.READY, OrderPhase.RETRY):
            return  # a double tap while sending, or refused for good
        assert draft.ship_to is not None and draft.idempotency_key is not None
        backend, lines = self._backend, draft.item.lines()
        ship_to, key = draft.ship_to, draft.idempotency_key
        self._set_order(OrderPhase.SENDING)
        self._submit(ORDER, lambda: backend.place_order(lines, ship_to, idempotency_key=key))

    def _order_answered(self, order: Order) -> None:
        draft = self._draft
        assert draft is not None and draft.idempotency_key is not None
        self._receipt = Receipt(
            number=order.number,
            reference=reference_for(draft.idempotency_key),
            reserved_until=order.reserved_until,
            item=draft.item,
            queued=False,
        )
        self._order_done()

    def _order_queued(self) -> None:
        draft = self._draft
        assert draft is not None and draft.idempotency_key is not None
        self._receipt = Receipt(
            number=None,
            reference=reference_for(draft.idempotency_key),
            reserved_until=None,
            item=draft.item,
            queued=True,
        )
        self._order_done()

    def _order_done(self) -> None:
        """The service (or the outbox) has the order: forget the personal details now."""
        self._drop_draft()
        self._order_phase = OrderPhase.READY
        self._move(State.CONFIRMATION)

    def _set_order(self, phase: OrderPhase, message: str = "") -> None:
        self._order_phase = phase
        self.order_changed.emit(phase.value, message)

    def _end_review(self) -> None:
        self._runner.cancel(ORDER)
        if self._draft is not None:
            self._draft.idempotency_key = None
        self._order_phase = OrderPhase.READY

    def _drop_draft(self) -> None:
        had = self._draft is not None
        self._draft = None
        if had:
            self.forget_personal.emit()

    # --- sold out --------------------------------------------------------------------

    @Slot(str, str)
    def notify_me(self, email: str, language: str) -> None:
        """ "Email me when it's back": check the address, then send a back-in-stock
        request and a ``notify_me`` demand event. The address is held only by the call
        on the worker thread (and the client's outbox until the service has it)."""
        if self._state is not State.NOTIFY or self._chosen is None or self._backend is None:
            return
        if self._notify_phase not in (NotifyPhase.READY, NotifyPhase.INVALID, NotifyPhase.FAILED):
            return  # a double tap, or already sent
        check = check_email(email)
        if check.email is None:
            self._set_notify(NotifyPhase.INVALID, check.error or "")
            return
        backend, gtin, key = self._backend, self._chosen.variant.gtin, self._notify_key
        address = check.email
        if self._notify_phase is not NotifyPhase.FAILED:
            self._demand(DemandKind.NOTIFY_ME, gtin)
        self._set_notify(NotifyPhase.SENDING)
        self._submit(
            NOTIFY,
            lambda: backend.request_back_in_stock(gtin, address, language, request_id=key),
        )

    def _end_notify(self) -> None:
        """Leave the sold-out screen (the window wipes the typed address from it). A
        request already handed to the client carries on: it is in the outbox."""
        self._runner.cancel(NOTIFY)
        self._notify_key = ""
        self._notify_phase = NotifyPhase.READY

    def _set_notify(self, phase: NotifyPhase, message: str = "") -> None:
        self._notify_phase = phase
        self.notify_changed.emit(phase.value, message)

    def _notify_failed(self, error: object) -> None:
        from inventory_client import InventoryError

        if self._state is not State.NOTIFY:
            return
        if isinstance(error, InventoryError) and error.queued:
            log.info("back-in-stock request saved in the outbox; it will be sent later")
            self._set_notify(NotifyPhase.QUEUED)
            return
        log.warning("back-in-stock request failed: %s", type(error).__name__)
        message = error.user_message if isinstance(error, InventoryError) else GENERIC_ERROR
        self._set_notify(NotifyPhase.FAILED, message)

    def _leave_journey(self) -> None:
        """Drop what belongs to the size journeys: polling, an unsent review, the draft."""
        self._stop_fetch_updates()
        self._runner.cancel(ORDER)
        self._fetch = None
        self._fetch_phase = FetchPhase.OFFER
        self._order_phase = OrderPhase.READY
        self._receipt = None
        self._end_notify()
        self._drop_draft()

    # --- results -------------------------------------------------------------------

    def _submit(self, channel: str, fn: Callable[[], object]) -> None:
        self._runner.submit(
            channel,
            fn,
            lambda res: self._on_succeeded(channel, 0, res),
            lambda exc: self._on_failed(channel, 0, exc),
        )

    @Slot(str, int, object)
    def _on_succeeded(self, channel: str, _request_id: int, result: object) -> None:
        if channel in (FETCH, FETCH_POLL, FETCH_CANCEL):
            if self._state is State.FETCH and isinstance(result, FetchRequest):
                self._fetch_answered(result)
            return
        if channel == ORDER:
            if self._state is State.REVIEW and isinstance(result, Order):
                self._order_answered(result)
            return
        if channel == NOTIFY:
            if self._state is State.NOTIFY:
                self._set_notify(NotifyPhase.DONE)
            return
        if channel != LOOKUP or self._state is not State.LOOKING_UP:
            return
        assert isinstance(result, Product)
        self._product = result
        if result.size_run.scanned_gtin:
            self._demand(DemandKind.SCANNED, result.size_run.scanned_gtin)
        self.product_ready.emit(result)
        self._move(State.PRODUCT)

    @Slot(str, int, object)
    def _on_failed(self, channel: str, _request_id: int, error: object) -> None:
        if channel in (FETCH, FETCH_POLL, FETCH_CANCEL):
            self._fetch_failed(channel, error)
            return
        if channel == ORDER:
            self._order_failed(error)
            return
        if channel == NOTIFY:
            self._notify_failed(error)
            return
        if channel != LOOKUP or self._state is not State.LOOKING_UP:
            return
        from inventory_client import InventoryError, NotFound

        if isinstance(error, NotFound):
            self.code_unknown.emit(self._last_code)
            self._move(State.UNKNOWN_CODE)
            return
        if isinstance(error, InventoryError):
            log.warning("lookup failed: %s", type(error).__name__)
            self._message = error.user_message
        else:
            log.error(
                "lookup crashed", exc_info=error if isinstance(error, BaseException) else None
            )
            self._message = GENERIC_ERROR
        self.failed.emit(self._message)
        self._move(State.ERROR)

    def _fetch_failed(self, channel: str, error: object) -> None:
        from inventory_client import InventoryError

        if self._state is not State.FETCH:
            return
        log.warning("%s failed: %s", channel, type(error).__name__)
        if channel == FETCH_POLL:
            return  # keep showing the last known status; the next poll may work
        message = error.user_message if isinstance(error, InventoryError) else GENERIC_ERROR
        if channel == FETCH:
            queued = isinstance(error, InventoryError) and error.queued
            self._set_fetch(FetchPhase.QUEUED if queued else FetchPhase.FAILED, message)
        else:  # the cancel did not go through: the request still stands
            self._poll.start()
            self._set_fetch(self._fetch_phase, message)

    def _order_failed(self, error: object) -> None:
        from inventory_client import InventoryError

        if self._state is not State.REVIEW:
            return
        if isinstance(error, InventoryError) and error.queued:
            log.info("order saved in the outbox; it will be sent later")
            self._order_queued()
            return
        if isinstance(error, InventoryError):
            log.warning("order refused: %s", type(error).__name__)
            self._set_order(OrderPhase.FAILED, error.user_message)
            return
        log.error(
            "placing the order crashed",
            exc_info=error if isinstance(error, BaseException) else None,
        )
        self._set_order(OrderPhase.RETRY, GENERIC_ERROR)

    # --- helpers -------------------------------------------------------------------

    def _move(self, target: State) -> None:
        if not can_move(self._state, target):
            raise RuntimeError(f"no transition {self._state} -> {target}")
        self._state = target
        self.state_changed.emit(target.value)

    def _demand(self, kind: DemandKind, gtin: str) -> None:
        record = self._record_demand
        if record is not None:
            self._runner.run_detached(lambda: record(kind, gtin))
