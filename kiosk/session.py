"""The shopper's journey as a small state machine: a QObject with no widgets.

::

    attract ──touch──> scanning ──scan──> looking_up ──found──> product
       │                  ^                   │ └──not found──> unknown_code
       └──────scan────────┼───────────────────┘ └──failed─────> error
                          └── back (from product, unknown_code, error, looking_up)

    start over (from anywhere) -> attract, forgetting the product and any typed code.

A scan is accepted in every state, so a scan on any shopper screen opens that product.
The lookup itself runs on a :class:`~kiosk.workers.TaskRunner` pool thread; the session
only ever sees its result as a signal. Which transitions exist is the plain table
:data:`TRANSITIONS` (tested with asserts); later journeys (fetch, order) add states there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from inventory_client.models import DemandKind, SizeRun
from kiosk.size_grid_model import SizeAction, size_tiles
from kiosk.workers import TaskRunner

if TYPE_CHECKING:
    from inventory_client import InventoryClient

log = logging.getLogger(__name__)

LOOKUP = "lookup"
GENERIC_ERROR = "Something went wrong on our side. Please ask a staff member."


class State(StrEnum):
    ATTRACT = "attract"
    SCANNING = "scanning"
    LOOKING_UP = "looking_up"
    PRODUCT = "product"
    UNKNOWN_CODE = "unknown_code"
    ERROR = "error"


_ANYWHERE = frozenset({State.ATTRACT, State.SCANNING, State.LOOKING_UP, State.UNKNOWN_CODE})

TRANSITIONS: dict[State, frozenset[State]] = {
    State.ATTRACT: _ANYWHERE,
    State.SCANNING: _ANYWHERE,
    State.LOOKING_UP: _ANYWHERE | {State.PRODUCT, State.ERROR},
    State.PRODUCT: _ANYWHERE,
    State.UNKNOWN_CODE: _ANYWHERE,
    State.ERROR: _ANYWHERE,
}
"""Allowed moves: ``TRANSITIONS[a]`` holds every state reachable from ``a`` in one step."""

BACK: dict[State, State] = {
    State.ATTRACT: State.ATTRACT,
    State.SCANNING: State.ATTRACT,
    State.LOOKING_UP: State.SCANNING,
    State.PRODUCT: State.SCANNING,
    State.UNKNOWN_CODE: State.SCANNING,
    State.ERROR: State.SCANNING,
}
"""Where Back leads from each state: never a dead end, never further than one step."""


def can_move(current: State, target: State) -> bool:
    return target in TRANSITIONS[current]


@dataclass(frozen=True)
class Product:
    """A looked-up style: its size run and its picture (``None`` if it could not be had)."""

    size_run: SizeRun
    image: bytes | None = None


def client_lookup(client: InventoryClient) -> Callable[[str], Product]:
    """The blocking lookup the session runs on a worker thread, built on the real client."""
    from inventory_client import InventoryError

    def lookup(gtin: str) -> Product:
        detail = client.lookup(gtin)
        run = client.size_run(detail)
        if run.scanned_gtin is None:
            run = run.model_copy(update={"scanned_gtin": gtin})
        image = None
        try:
            image = client.image(detail.style.image)
        except InventoryError as exc:  # a missing picture never hides the sizes
            log.warning("image %s unavailable: %s", detail.style.image, type(exc).__name__)
        return Product(size_run=run, image=image)

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
    """

    state_changed = Signal(str)
    product_ready = Signal(object)
    code_unknown = Signal(str)
    failed = Signal(str)
    looking_up = Signal(str)
    size_chosen = Signal(str, str)

    def __init__(
        self,
        lookup: Callable[[str], Product],
        runner: TaskRunner,
        *,
        normalize: Callable[[str], str | None],
        record_demand: Callable[[DemandKind, str], None] | None = None,
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
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)

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

    # --- intents -------------------------------------------------------------------

    @Slot(str)
    def scan(self, code: str) -> None:
        """A code arrived (camera, USB scanner or keypad): look it up."""
        code = code.strip()
        if not code:
            return
        self._last_code = code
        gtin = self._normalize(code)
        if gtin is None:
            self._runner.cancel(LOOKUP)
            self.code_unknown.emit(code)
            self._move(State.UNKNOWN_CODE)
            return
        self.looking_up.emit(gtin)
        self._move(State.LOOKING_UP)  # before submitting: a fast answer finds us waiting
        lookup = self._lookup
        self._runner.submit(LOOKUP, lambda: lookup(gtin))

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
        target = BACK[self._state]
        if self._state is State.LOOKING_UP:
            self._runner.cancel(LOOKUP)
        self._move(target)

    @Slot()
    def start_over(self) -> None:
        """Forget everything about this shopper and return to the attract screen."""
        self._runner.cancel(LOOKUP)
        self._product = None
        self._last_code = ""
        self._message = ""
        self._move(State.ATTRACT)

    @Slot(str)
    def choose_size(self, gtin: str) -> None:
        if self._state is not State.PRODUCT or self._product is None:
            return
        tiles = {t.gtin: t for t in size_tiles(self._product.size_run)}
        tile = tiles.get(gtin)
        if tile is None or tile.action is SizeAction.NONE:
            return
        self._demand(DemandKind.SIZE_VIEWED, gtin)
        if tile.action is not SizeAction.FETCH:
            self._demand(DemandKind.NOT_IN_STORE, gtin)
        self.size_chosen.emit(gtin, tile.action.value)

    # --- results -------------------------------------------------------------------

    @Slot(str, int, object)
    def _on_succeeded(self, channel: str, _request_id: int, result: object) -> None:
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
