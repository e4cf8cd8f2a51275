"""``InventoryClient``: the one way the kiosk reaches stock, orders and fetch requests.

Blocking calls, meant to run on a worker thread (never the GUI thread). Each call either
returns a typed wire model or raises one of the errors in ``_errors``.

When things break:

- Every write (order, fetch request, stock adjustment, demand event) goes through the
  durable outbox: written first, sent under its idempotency key, kept until acknowledged.
- Reads fall back to the last-known answer (``_cache``) when the service cannot be reached.
- A circuit breaker (``_breaker``) makes calls fail fast after repeated failures;
  ``connectivity`` tells staff "online" / "degraded" / "offline".
- Orders accepted while offline ("pending confirmation") that the service later refuses
  are reported through ``notify_unfulfillable``.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from inventory_client._breaker import CircuitBreaker, Connectivity
from inventory_client._cache import ReadCache
from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._outbox import Notice, Outbox, OutboxEntry, OutboxKind, OutboxStatus
from inventory_client._sizerun import compose_size_run
from inventory_client._staff import StaffClient, bearer, ensure_store
from inventory_client._transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    Transport,
)
from inventory_client.models import (
    AdjustmentKind,
    BackInStockCreate,
    BackInStockRequest,
    DemandEventCreate,
    DemandKind,
    FetchRequest,
    FetchRequestCreate,
    FetchRequestUpdate,
    FetchStatus,
    Health,
    Heartbeat,
    KioskHealth,
    Order,
    OrderCreate,
    OrderLineRequest,
    ShipTo,
    SizeRun,
    StockAdjustment,
    StockAdjustmentCreate,
    StockReport,
    StockScope,
    StyleSummary,
    VariantDetail,
)

log = logging.getLogger("inventory_client")

_GTIN13 = re.compile(r"^\d{13}$")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
IDEMPOTENCY_KEY_LENGTH = (8, 64)
MAX_ORDER_LINES = 20

# Refusals after which an order is never sent again (see ``_send_order``).
_FINAL_ERRORS: dict[str, type[InventoryError]] = {
    cls.__name__: cls for cls in (NoLongerAvailable, NotFound, Rejected, Unauthorized)
}
FETCH_REQUEST_MAX_AGE = timedelta(minutes=10)
"""A fetch request not sent by then is dropped: the shopper has left the kiosk."""
SENT_ENTRIES_KEPT_FOR = timedelta(days=7)
"""Acknowledged entries (key, status, order number only) are kept this long, for support."""
ADJUSTMENT_LOOKBACK = 200

_FETCH_QUEUED_MESSAGE = (
    "We can't reach our stock system right now. Your request is saved on this kiosk "
    "and a member of staff will be told as soon as the connection is back."
)

_BACK_IN_STOCK_QUEUED_MESSAGE = (
    "We can't reach our stock system right now. Your request is saved on this kiosk "
    "and will be sent as soon as the connection is back."
)


@dataclass(frozen=True, slots=True)
class UnfulfillableOrder:
    """An order accepted while offline ("pending confirmation") that the service refused.

    Handed to the ``notify_unfulfillable`` callbacks. ``email`` is the shopper's address
    when they gave one, so the kiosk can tell them; it is deleted from the kiosk as soon as
    a callback returned without raising.
    """

    idempotency_key: str
    lines: tuple[tuple[str, int], ...]  # (gtin, quantity)
    reason: str
    email: str | None
    failed_at: datetime


@dataclass(frozen=True, slots=True)
class _Sent:
    """What a sender returns when the service acknowledged the entry."""

    result: Any


class InventoryClient:
    """Client of the inventory service for one kiosk in one store.

    Args:
        base_url: The service, e.g. ``http://127.0.0.1:8765``.
        api_key: This kiosk's bearer key.
        kiosk_id, store_id: Who is asking; sent with orders, fetch requests and demand.
        outbox_path: SQLite file of the durable outbox (created, mode 0600).
        connect_timeout, read_timeout: Seconds, applied to every call.
        staff_key: The store's staff key, needed by ``adjust_stock`` and by ``staff()``
            (kept in memory only, never in the outbox).
        cache_path: SQLite file of the offline read cache; default: beside the outbox,
            ``<outbox stem>-cache.sqlite``.
        breaker: The circuit breaker (tests pass one with a short cool-down or a fake clock).

    Thread-safe: the kiosk may call it from several worker threads. The one
    ``requests.Session`` is shared by them (its urllib3 pool is thread-safe; the service
    sets no cookies), the outbox serialises its own access, and one outbox entry is sent by
    one thread at a time.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        kiosk_id: str,
        store_id: str,
        outbox_path: str | Path,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        staff_key: str | None = None,
        cache_path: str | Path | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        for name, value in (("kiosk_id", kiosk_id), ("store_id", store_id)):
            if not _IDENTIFIER.match(value):
                raise ValueError(f"{name} {value!r} is not a valid identifier")
        self.kiosk_id = kiosk_id
        self.store_id = store_id
        self.outbox = Outbox(outbox_path)  # first: a bad path fails before any socket opens
        if cache_path is None:
            cache_path = self.outbox.path.with_name(f"{self.outbox.path.stem}-cache.sqlite")
        self._cache = ReadCache(cache_path)
        self._staff_key = staff_key
        self._transport = Transport(
            base_url,
            api_key,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            breaker=breaker,
        )
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inventory-stock")
        self._in_flight: set[str] = set()
        self._in_flight_changed = threading.Condition()
        self._senders: dict[OutboxKind, Callable[[OutboxEntry, bool], object]] = {
            OutboxKind.ORDER: self._send_order,
            OutboxKind.FETCH_REQUEST: self._send_fetch_request,
            OutboxKind.STOCK_ADJUSTMENT: self._send_adjustment,
            OutboxKind.DEMAND: self._send_demand,
            OutboxKind.BACK_IN_STOCK: self._send_back_in_stock,
        }
        self._local = threading.local()
        self._notify: list[Callable[[UnfulfillableOrder], object]] = []
        self._enqueued: list[Callable[[], object]] = []  # OutboxSender.poke
        self._closed = False

    # -- state for staff ----------------------------------------------------------------

    @property
    def connectivity(self) -> Connectivity:
        """``"online"``, ``"degraded"`` or ``"offline"`` (a ``str`` enum), for the staff
        indicator: from the circuit breaker, so reading it never touches the network."""
        return self._transport.breaker.connectivity

    @property
    def breaker(self) -> CircuitBreaker:
        return self._transport.breaker

    @property
    def last_lookup_cached_at(self) -> datetime | None:
        """When the calling thread's last ``lookup`` came from the offline cache: the time
        it was cached (UTC). None when it came from the service. Per thread, so worker
        threads do not see each other's answers."""
        return getattr(self._local, "lookup_cached_at", None)

    def staff(self, staff_key: str | None = None) -> StaffClient:
        """The staff calls of this store (orders, fetch queue, reports, imports, audit).

        They share this client's connection, circuit breaker, timeouts and error handling
        and end with it (see ``StaffClient``). ``staff_key`` defaults to the one this client
        was built with; without either, every staff call raises ``Unauthorized`` before
        sending anything.
        """
        return StaffClient(
            self._transport, store_id=self.store_id, staff_key=staff_key or self._staff_key
        )

    # -- catalogue and stock ------------------------------------------------------------

    def lookup(self, gtin: str) -> VariantDetail:
        """The variant with this GTIN-13, its style and sibling sizes. ``NotFound`` if unknown.

        When the service cannot be reached (or answers nonsense) and this GTIN was seen
        before, the cached detail is returned and ``last_lookup_cached_at`` says from when.
        """
        self._local.lookup_cached_at = None
        if not _GTIN13.match(gtin):
            raise NotFound(f"lookup: {gtin!r} is not a GTIN-13")
        try:
            detail = self._transport.call("GET", f"/v1/variants/{gtin}", VariantDetail)
            if detail.variant.gtin != gtin:
                raise InvalidResponse(
                    f"GET /v1/variants/{gtin}: answer is for {detail.variant.gtin}"
                )
        except (Unavailable, InvalidResponse) as exc:
            cached = self._cache.detail(gtin)
            if cached is None:
                raise
            log.info("lookup answered from the cache of %s: %s", cached.stored_at, exc)
            self._local.lookup_cached_at = cached.stored_at
            return cached.value
        self._cache.put_detail(detail)
        return detail

    def size_run(self, detail: VariantDetail) -> SizeRun:
        """Availability of every size of ``detail``'s style, here, at warehouses, nearby.

        Store and warehouse stock are asked for in parallel. When one side fails its counts
        are None and ``stores_known``/``warehouses_known`` is False; when both fail this
        raises (``Unavailable``, or ``Unauthorized``/``NotFound`` when both sides say so).
        """
        futures: dict[StockScope, Future[StockReport]] = {
            scope: self._pool.submit(self._stock_report, detail.style.id, scope)
            for scope in (StockScope.STORES, StockScope.WAREHOUSES)
        }
        reports: dict[StockScope, StockReport | None] = {}
        errors: dict[StockScope, InventoryError] = {}
        for scope, future in futures.items():
            try:
                reports[scope] = future.result()
            except InventoryError as exc:
                log.warning("stock (%s) for style %s unavailable: %s", scope, detail.style.id, exc)
                reports[scope] = None
                errors[scope] = exc
        if len(errors) == len(futures):
            first, second = errors[StockScope.STORES], errors[StockScope.WAREHOUSES]
            if type(first) is type(second) and isinstance(first, Unauthorized | NotFound):
                raise first
            cached = self._cache.size_run(detail.style.id)
            if cached is not None:
                log.info("size run of %s answered from the cache", detail.style.id)
                return cached.value.model_copy(
                    update={
                        "from_cache": True,
                        "as_of": cached.stored_at,
                        "scanned_gtin": detail.variant.gtin,
                    }
                )
            raise Unavailable(f"no stock known for style {detail.style.id}: {first}") from first
        run = compose_size_run(
            detail,
            self.store_id,
            reports[StockScope.STORES],
            reports[StockScope.WAREHOUSES],
            now=datetime.now(UTC),
        )
        if not errors:
            self._cache.put_size_run(run)
        return run

    def _stock_report(self, style_id: str, scope: StockScope) -> StockReport:
        path = f"/v1/styles/{quote(style_id, safe='')}/stock"
        report = self._transport.call(
            "GET", path, StockReport, params={"store_id": self.store_id, "scope": str(scope)}
        )
        if report.scope != scope or report.style_id != style_id:
            raise InvalidResponse(
                f"GET {path}: asked for {style_id}/{scope}, got {report.style_id}/{report.scope}"
            )
        return report

    def search_catalogue(self, query: str, *, limit: int = 20) -> list[StyleSummary]:
        """Styles whose name, brand, colour or id hold every word of ``query``, or with a
        GTIN starting with its digits; each with all its variants, best match first."""
        query = query.strip()
        if not query:
            return []
        return self._transport.call_list(
            "GET",
            "/v1/catalogue/search",
            StyleSummary,
            params={"q": query, "limit": str(limit)},
        )

    def image(self, name: str) -> bytes:
        """The bytes of a catalogue image (``Style.image``)."""
        return self._transport.get_bytes(
            f"/v1/images/{quote(name, safe='')}", content_type_prefix="image/"
        )

    def health(self) -> Health:
        return self._transport.call("GET", "/v1/health", Health)

    def send_heartbeat(self, heartbeat: Heartbeat) -> KioskHealth:
        """POST the kiosk's health; returns the service's view of this kiosk.

        Not queued in the outbox: a heartbeat is only worth its moment, and the next one
        replaces it. Raises like any call (``Unavailable`` when the service is away).
        """
        return self._transport.call(
            "POST", "/v1/kiosks/heartbeat", KioskHealth, body=heartbeat.model_dump_json()
        )

    # -- orders -------------------------------------------------------------------------

    @staticmethod
    def new_idempotency_key() -> str:
        """A fresh key for one checkout; reuse it for every retry of that same order."""
        return uuid.uuid4().hex

    def place_order(
        self, lines: list[OrderLineRequest], ship_to: ShipTo, *, idempotency_key: str
    ) -> Order:
        """Place a ship-to-home order; safe to call again with the same key.

        The order is written to the outbox first, then sent. On acknowledgement the outbox
        keeps only the key and the order's id and number. Raises ``NoLongerAvailable`` when
        the stock is gone (never resent). When the service cannot be reached or answers
        nonsense, the error has ``queued=True``: the order stays in the outbox and
        ``flush_outbox()`` sends it later under the same key.
        """
        low, high = IDEMPOTENCY_KEY_LENGTH
        if not low <= len(idempotency_key) <= high:
            raise ValueError(f"idempotency key must be {low}-{high} characters")
        if not 1 <= len(lines) <= MAX_ORDER_LINES:
            raise ValueError(f"an order has 1 to {MAX_ORDER_LINES} lines, got {len(lines)}")
        payload = OrderCreate(
            kiosk_id=self.kiosk_id, store_id=self.store_id, lines=lines, ship_to=ship_to
        ).model_dump_json()
        self.outbox.add(OutboxKind.ORDER, idempotency_key, payload)
        with self._claim(idempotency_key, wait=True):
            entry = self.outbox.get(idempotency_key)
            assert entry is not None
            if entry.status == OutboxStatus.SENT:
                return self._sent_order(entry)
            if entry.status == OutboxStatus.FAILED:
                raise _final_error(entry)
            return self._send_order(entry, shopper_present=True)

    def pending_orders(self) -> int:
        """How many orders wait in the outbox for the service's acknowledgement."""
        return self.outbox.count(kind=OutboxKind.ORDER)

    def flush_outbox(self, *, due_only: bool = False) -> int:
        """Send what is pending under the same keys; return how many the service
        acknowledged. Stops early when the service is unreachable.

        Orders, fetch requests and stock adjustments go first (oldest first), demand events
        last. Stock adjustments for one (location, GTIN) are sent strictly in order: while
        one is not acknowledged the later ones wait. ``due_only=True`` (the background
        sender) skips entries still waiting out their backoff; the default sends everything
        now (staff pressed "send now", or the kiosk just started).
        """
        acknowledged = 0
        blocked: set[str] = set()
        now = datetime.now(UTC)
        entries = sorted(self.outbox.pending(), key=lambda e: (e.kind == OutboxKind.DEMAND, e.id))
        for entry in entries:
            if entry.ordering_key is not None and entry.ordering_key in blocked:
                continue
            sender = self._senders.get(entry.kind)
            waiting = due_only and entry.next_attempt_at is not None and entry.next_attempt_at > now
            if sender is None or waiting:  # no sender: written by a newer kiosk version
                if entry.ordering_key is not None:
                    blocked.add(entry.ordering_key)
                continue
            with self._claim(entry.idempotency_key, wait=False) as claimed:
                if not claimed:  # being sent by another thread right now
                    if entry.ordering_key is not None:
                        blocked.add(entry.ordering_key)
                    continue
                current = self.outbox.get(entry.idempotency_key)
                if current is None or current.status != OutboxStatus.PENDING:
                    continue
                try:
                    outcome = sender(current, False)
                except Unavailable:
                    break
                except InventoryError:
                    still = self.outbox.get(entry.idempotency_key)
                    if entry.ordering_key is not None and (
                        still is not None and still.status == OutboxStatus.PENDING
                    ):
                        blocked.add(entry.ordering_key)
                    continue
            if outcome is not None:
                acknowledged += 1
        self._deliver_notices()
        self.outbox.prune(SENT_ENTRIES_KEPT_FOR)
        return acknowledged

    # -- unfulfillable orders -----------------------------------------------------------

    def notify_unfulfillable(self, callback: Callable[[UnfulfillableOrder], object]) -> None:
        """Call ``callback`` for every order accepted while offline that the service then
        refused (sold out meanwhile, or rejected), including ones refused before the
        callback was registered. Called on the flushing thread (the background sender):
        the kiosk should hand it to the GUI thread by signal.

        Privacy trade-off: to tell the shopper, the kiosk keeps their email address (only
        that; name, street and phone are deleted when the order is refused) until a
        callback returned without raising. Then the address is deleted too. If the callback
        raises, the notice stays due and is offered again on the next flush.
        """
        self._notify.append(callback)
        self._deliver_notices()

    def _deliver_notices(self) -> None:
        if not self._notify:
            return
        for entry in self.outbox.notices_due():
            notice = _unfulfillable(entry)
            try:
                for callback in self._notify:
                    callback(notice)
            except Exception as exc:  # the kiosk's handler failed: offer it again later
                log.warning(
                    "notice about refused order %s not delivered: %s",
                    entry.idempotency_key,
                    type(exc).__name__,
                )
                continue
            self.outbox.handle_notice(entry.idempotency_key, _without_contact(entry.payload))
            log.info("refused order %s reported to staff", entry.idempotency_key)

    def _send_order(self, entry: OutboxEntry, shopper_present: bool) -> Order:
        """POST one outbox order and record the outcome in the outbox.

        - acknowledged: marked sent, payload deleted;
        - refused for good (no stock, bad data, unknown GTIN): marked failed, never resent;
          the address is dropped when the shopper is there to be told right away;
        - unauthorised while the shopper waits: failed (they are told it did not work);
          during a later flush it stays pending until the key is fixed;
        - unreachable or nonsense answer: stays pending; the error says ``queued``.
        """
        key = entry.idempotency_key
        assert entry.payload is not None
        self.outbox.begin_attempt(key)
        try:
            order = self._transport.call(
                "POST", "/v1/orders", Order, body=entry.payload, headers={"Idempotency-Key": key}
            )
            if order.kiosk_id != self.kiosk_id or order.store_id != self.store_id:
                raise InvalidResponse("POST /v1/orders: acknowledgement is for another kiosk")
        except (NoLongerAvailable, NotFound, Rejected) as exc:
            self._fail(entry, exc, shopper_present=shopper_present)
            raise
        except Unauthorized as exc:
            if shopper_present:
                self._fail(entry, exc, shopper_present=True)
            else:
                self.outbox.record_error(key, _describe(exc))
            raise
        except (Unavailable, InvalidResponse) as exc:
            self.outbox.record_error(key, _describe(exc))
            raise type(exc)(
                str(exc), status_code=exc.status_code, code=exc.code, queued=True
            ) from exc
        self.outbox.mark_sent(key, result_id=order.id, result_number=order.number)
        log.info("order %s acknowledged (%d lines)", order.number, len(order.lines))
        return order

    def _fail(self, entry: OutboxEntry, exc: InventoryError, *, shopper_present: bool) -> None:
        """Record a final refusal of an order and drop the personal data it no longer needs.

        With the shopper at the kiosk they are told at once: everything personal goes.
        In the background (accepted while offline) a notice is due: only the email address
        stays, until the notice is handled (``notify_unfulfillable``).
        """
        if shopper_present:
            payload = _without_contact(entry.payload)
            notice = None
        else:
            payload = _contact_only(entry.payload)
            notice = Notice.DUE
        self.outbox.mark_failed(
            entry.idempotency_key, _describe(exc), payload=payload, notice=notice
        )
        log.info("order with key %s refused for good: %s", entry.idempotency_key, _describe(exc))

    def _sent_order(self, entry: OutboxEntry) -> Order:
        """The order already acknowledged under this key, fetched back from the service."""
        assert entry.result_id is not None
        return self._transport.call("GET", f"/v1/orders/{quote(entry.result_id, safe='')}", Order)

    @contextmanager
    def _claim(self, key: str, *, wait: bool) -> Iterator[bool]:
        """Make sure one outbox entry is sent by one thread at a time."""
        with self._in_flight_changed:
            while wait and key in self._in_flight:
                self._in_flight_changed.wait()
            claimed = key not in self._in_flight
            self._in_flight.add(key)
        if not claimed:
            yield False
            return
        try:
            yield True
        finally:
            with self._in_flight_changed:
                self._in_flight.discard(key)
                self._in_flight_changed.notify_all()

    # -- fetch requests -----------------------------------------------------------------

    def create_fetch_request(
        self, gtin: str, *, idempotency_key: str | None = None
    ) -> FetchRequest:
        """Ask staff to bring this size to the kiosk. ``NoLongerAvailable`` if the store
        has no pair left.

        Written to the outbox first. When the service cannot be reached the error has
        ``queued=True``: the request is sent when the connection is back, unless it is
        older than ``FETCH_REQUEST_MAX_AGE`` by then (the shopper has gone).
        """
        if not _GTIN13.match(gtin):
            raise NotFound(f"fetch request: {gtin!r} is not a GTIN-13")
        key = idempotency_key or self.new_idempotency_key()
        body = FetchRequestCreate(kiosk_id=self.kiosk_id, store_id=self.store_id, gtin=gtin)
        self.outbox.add(OutboxKind.FETCH_REQUEST, key, body.model_dump_json())
        with self._claim(key, wait=True):
            entry = self.outbox.get(key)
            assert entry is not None
            if entry.status == OutboxStatus.SENT:
                assert entry.result_id is not None
                return self.get_fetch_request(entry.result_id)
            if entry.status == OutboxStatus.FAILED:
                raise _final_error(entry)
            sent = self._send_fetch_request(entry, shopper_present=True)
            assert sent is not None
            return sent

    def _send_fetch_request(self, entry: OutboxEntry, shopper_present: bool) -> FetchRequest | None:
        key = entry.idempotency_key
        assert entry.payload is not None
        if not shopper_present and datetime.now(UTC) - entry.created_at > FETCH_REQUEST_MAX_AGE:
            self.outbox.mark_failed(key, "Expired: - -")
            log.info("fetch request %s dropped unsent: too old", key)
            return None
        self.outbox.begin_attempt(key)
        try:
            request = self._transport.call(
                "POST",
                "/v1/fetch-requests",
                FetchRequest,
                body=entry.payload,
                headers={"Idempotency-Key": key},
            )
        except (NoLongerAvailable, NotFound, Rejected) as exc:
            self.outbox.mark_failed(key, _describe(exc))
            raise
        except (Unavailable, InvalidResponse, Unauthorized) as exc:
            self.outbox.record_error(key, _describe(exc))
            if isinstance(exc, Unauthorized):
                raise
            raise type(exc)(
                str(exc),
                status_code=exc.status_code,
                code=exc.code,
                queued=True,
                user_message=_FETCH_QUEUED_MESSAGE,
            ) from exc
        self.outbox.mark_sent(key, result_id=request.id, result_number=str(request.ticket))
        return request

    def fetch_requests(
        self, status: FetchStatus | None = None, *, limit: int = 100
    ) -> list[FetchRequest]:
        """This store's fetch requests (every kiosk's), oldest first; the staff queue."""
        what = "GET /v1/fetch-requests"
        params = {"store_id": self.store_id, "limit": str(limit)}
        if status is not None:
            params["status"] = str(status)
        found = self._transport.call_list("GET", "/v1/fetch-requests", FetchRequest, params=params)
        ensure_store(what, self.store_id, found)
        return found

    def get_fetch_request(self, request_id: str) -> FetchRequest:
        return self._transport.call(
            "GET", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest
        )

    def cancel_fetch_request(self, request_id: str) -> FetchRequest:
        body = FetchRequestUpdate(status=FetchStatus.CANCELLED).model_dump_json()
        return self._transport.call(
            "PATCH", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest, body=body
        )

    # -- stock adjustments (staff) ------------------------------------------------------

    def adjust_stock(
        self,
        gtin: str,
        kind: AdjustmentKind,
        quantity: int,
        *,
        actor: str,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> StockAdjustment | None:
        """Receive pairs (or undo: a negative ``quantity``) or set the count of one GTIN in
        this store, with the staff key given to the client.

        Written to the outbox first. Adjustments of one GTIN here are sent strictly in the
        order they were made (an earlier unsent one goes first). Returns the service's
        ``StockAdjustment``, or **None when it is queued** (service unreachable, or an
        earlier adjustment of this GTIN still waits): it is sent later, in order, by
        ``flush_outbox``. Raises ``Rejected`` (e.g. on hand would go below zero) or
        ``Unauthorized`` (no or a wrong staff key) when refused; ``ValueError`` for bad input.
        """
        if self._staff_key is None:
            raise Unauthorized("adjust_stock: this client has no staff key")
        if not _GTIN13.match(gtin):
            raise NotFound(f"stock adjustment: {gtin!r} is not a GTIN-13")
        body = StockAdjustmentCreate(
            location_id=self.store_id,
            gtin=gtin,
            kind=kind,
            quantity=quantity,
            actor=actor,
            reason=reason,
        )
        key = idempotency_key or self.new_idempotency_key()
        chain = f"{self.store_id}:{gtin}"
        self.outbox.add(
            OutboxKind.STOCK_ADJUSTMENT, key, body.model_dump_json(), ordering_key=chain
        )
        mine = self.outbox.get(key)
        assert mine is not None
        for entry in self.outbox.pending(OutboxKind.STOCK_ADJUSTMENT):
            if entry.ordering_key != chain or entry.id > mine.id:
                continue
            with self._claim(entry.idempotency_key, wait=True):
                current = self.outbox.get(entry.idempotency_key)
                if current is None or current.status != OutboxStatus.PENDING:
                    continue
                try:
                    result = self._send_adjustment(current, shopper_present=True)
                except (Unavailable, InvalidResponse):
                    return None  # queued; this one (or an earlier one) waits for a flush
                except InventoryError:
                    if current.idempotency_key == key:
                        raise
                    continue  # an earlier one was refused for good: staff see it as failed
                if current.idempotency_key == key:
                    return result
        entry = self.outbox.get(key)
        assert entry is not None
        if entry.status == OutboxStatus.FAILED:
            raise _final_error(entry)
        if entry.status == OutboxStatus.SENT:
            return self._sent_adjustment(entry)
        return None

    def _send_adjustment(self, entry: OutboxEntry, shopper_present: bool) -> StockAdjustment:
        key = entry.idempotency_key
        assert entry.payload is not None
        if self._staff_key is None:
            raise Unauthorized("stock adjustment: this client has no staff key")
        self.outbox.begin_attempt(key)
        headers = {"Idempotency-Key": key, **bearer(self._staff_key)}
        try:
            adjustment = self._transport.call(
                "POST",
                "/v1/stock-adjustments",
                StockAdjustment,
                body=entry.payload,
                headers=headers,
            )
        except (NoLongerAvailable, NotFound, Rejected) as exc:
            self.outbox.mark_failed(key, _describe(exc))
            raise
        except (Unavailable, InvalidResponse, Unauthorized) as exc:
            self.outbox.record_error(key, _describe(exc))
            raise
        self.outbox.mark_sent(key, result_id=adjustment.id)
        return adjustment

    def _sent_adjustment(self, entry: OutboxEntry) -> StockAdjustment | None:
        """An adjustment acknowledged earlier, found in the store's audit trail."""
        found = self.staff().stock_adjustments(limit=ADJUSTMENT_LOOKBACK)
        return next((a for a in found if a.id == entry.result_id), None)

    # -- back in stock ------------------------------------------------------------------

    def request_back_in_stock(
        self, gtin: str, email: str, language: str, *, request_id: str | None = None
    ) -> BackInStockRequest:
        """Ask the store to email the shopper when this sold-out size is back.

        Written to the outbox first, under ``request_id`` (reuse it for a retry of the same
        request: it is stored once). Once the service acknowledged, the email address is
        deleted from the outbox; when it refuses for good (unknown GTIN, bad address) the
        entry is failed and the address deleted too. When the service cannot be reached the
        error has ``queued=True``: the request is sent later by the background sender.
        ``ValueError`` for input the service would refuse (the kiosk checks the address
        properly, with email-validator, before calling this).
        """
        try:
            body = BackInStockCreate(
                id=request_id or self.new_idempotency_key(),
                gtin=gtin,
                email=email,
                language=language,
                kiosk_id=self.kiosk_id,
                store_id=self.store_id,
                at=datetime.now(UTC),
            )
        except ValidationError as exc:  # never echo the address: field names only
            fields = ", ".join(str(e["loc"][0]) for e in exc.errors() if e.get("loc"))
            raise ValueError(f"back-in-stock request: invalid {fields}") from None
        known = self.outbox.get(body.id)
        if known is None:
            self.outbox.add(OutboxKind.BACK_IN_STOCK, body.id, body.model_dump_json())
        elif known.kind != OutboxKind.BACK_IN_STOCK:
            raise Rejected(f"outbox: id {body.id!r} already used", code="idempotency_conflict")
        # A retry keeps the first attempt's payload (its ``at``); the service compares
        # everything but ``at``, so re-posting an acknowledged one returns the stored one.
        with self._claim(body.id, wait=True):
            entry = self.outbox.get(body.id)
            assert entry is not None
            if entry.status == OutboxStatus.FAILED:
                raise _final_error(entry)
            if entry.status == OutboxStatus.SENT:  # a retry of one already stored
                return self._sent_back_in_stock(body)
            return self._send_back_in_stock(entry, shopper_present=True)

    def _send_back_in_stock(self, entry: OutboxEntry, shopper_present: bool) -> BackInStockRequest:
        key = entry.idempotency_key
        assert entry.payload is not None
        self.outbox.begin_attempt(key)
        try:
            stored = self._transport.call(
                "POST", "/v1/back-in-stock", BackInStockRequest, body=entry.payload
            )
        except (NotFound, Rejected) as exc:
            self.outbox.mark_failed(key, _describe(exc), payload=None)
            raise
        except Unauthorized as exc:
            if shopper_present:
                self.outbox.mark_failed(key, _describe(exc), payload=None)
            else:
                self.outbox.record_error(key, _describe(exc))
            raise
        except (Unavailable, InvalidResponse) as exc:
            self.outbox.record_error(key, _describe(exc))
            raise type(exc)(
                str(exc),
                status_code=exc.status_code,
                code=exc.code,
                queued=True,
                user_message=_BACK_IN_STOCK_QUEUED_MESSAGE,
            ) from exc
        self.outbox.mark_sent(key, result_id=stored.id)  # deletes the email address
        return stored

    def _sent_back_in_stock(self, body: BackInStockCreate) -> BackInStockRequest:
        """Posting the same request again returns the stored one (the id is its key)."""
        return self._transport.call(
            "POST", "/v1/back-in-stock", BackInStockRequest, body=body.model_dump_json()
        )

    # -- demand -------------------------------------------------------------------------

    def record_demand(self, kind: DemandKind, gtin: str) -> None:
        """Note what a shopper looked for. Never raises and never waits on the network.

        The event is written to the outbox under its own id and sent by the background
        sender (``OutboxSender``) or the next ``flush_outbox``; a resend is counted once.
        """
        if not _GTIN13.match(gtin):
            log.debug("demand event %s ignored: not a GTIN-13", kind)
            return
        event = DemandEventCreate(
            id=uuid.uuid4().hex,
            kind=kind,
            gtin=gtin,
            kiosk_id=self.kiosk_id,
            store_id=self.store_id,
            at=datetime.now(UTC),
        )
        try:
            self.outbox.add(OutboxKind.DEMAND, event.id, event.model_dump_json())
        except InventoryError as exc:
            log.warning("demand event %s not recorded: %s", kind, exc)
            return
        for poke in list(self._enqueued):
            poke()

    def _send_demand(self, entry: OutboxEntry, shopper_present: bool) -> bool:
        key = entry.idempotency_key
        assert entry.payload is not None
        self.outbox.begin_attempt(key)
        try:
            self._transport.call_no_content("POST", "/v1/demand-events", body=entry.payload)
        except (Rejected, NotFound) as exc:
            log.info("demand event %s refused, dropped: %s", key, _describe(exc))
            self.outbox.remove(key)
            raise
        except InventoryError as exc:
            self.outbox.record_error(key, _describe(exc))
            raise
        self.outbox.remove(key)  # worth nothing once counted
        return True

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Release the connection pool, the worker threads and the outbox file."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._transport.close()
        self.outbox.close()
        self._cache.close()

    def __enter__(self) -> InventoryClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _describe(exc: InventoryError) -> str:
    """What the outbox keeps about a failure: class, status and code, no message text
    (a 422 message could quote the shopper's input)."""
    return f"{type(exc).__name__}: {exc.status_code or '-'} {exc.code or '-'}"


def _final_error(entry: OutboxEntry) -> InventoryError:
    """Raise again the refusal recorded for a failed entry, without resending it."""
    name = (entry.last_error or "").split(":", 1)[0]
    cls = _FINAL_ERRORS.get(name, Rejected)
    return cls(f"order with key {entry.idempotency_key} was refused earlier: {entry.last_error}")


def _without_contact(payload: str | None) -> str | None:
    """An order payload with nothing personal left: who, where and what, no ship_to."""
    if payload is None:
        return None
    order = json.loads(payload)
    return json.dumps({k: order[k] for k in ("kiosk_id", "store_id", "lines") if k in order})


def _contact_only(payload: str | None) -> str | None:
    """An order payload reduced to what a refusal notice needs: the lines and the email."""
    if payload is None:
        return None
    order = json.loads(payload)
    kept = json.loads(_without_contact(payload) or "{}")
    email = (order.get("ship_to") or {}).get("email")
    if email:
        kept["email"] = email
    return json.dumps(kept)


def _unfulfillable(entry: OutboxEntry) -> UnfulfillableOrder:
    data = json.loads(entry.payload or "{}")
    lines = tuple((line["gtin"], int(line.get("quantity", 1))) for line in data.get("lines", []))
    name = (entry.last_error or "").split(":", 1)[0]
    reason = {
        "NoLongerAvailable": "no longer in stock",
        "NotFound": "item unknown to the service",
    }.get(name, "refused by the service")
    return UnfulfillableOrder(
        idempotency_key=entry.idempotency_key,
        lines=lines,
        reason=reason,
        email=data.get("email"),
        failed_at=entry.updated_at,
    )
