"""``InventoryClient``: the one way the kiosk reaches stock, orders and fetch requests.

Blocking calls, meant to run on a worker thread (never the GUI thread). Each call either
returns a typed wire model or raises one of the errors in ``_errors``. The client is the
public face and composes the modules that do each job (drawn in the package docstring):
cached reads (``_reads``), the outbox and its one delivery path (``_delivery``,
``_policies``, ``_flush``), privacy (``_privacy``, ``_notices``) and staff calls (``_staff``).

Why a little over 400 lines: this is the whole public surface a kiosk developer looks up,
some twenty calls with their contracts in docstrings, each a few lines over those modules.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from pydantic import ValidationError

from inventory_client._breaker import CircuitBreaker, Connectivity
from inventory_client._cache import ReadCache
from inventory_client._delivery import Delivery
from inventory_client._errors import InventoryError, NotFound, Rejected
from inventory_client._flush import flush_pending
from inventory_client._notices import Notices, UnfulfillableOrder
from inventory_client._outbox import Outbox, OutboxEntry, OutboxKind
from inventory_client._phone import PhoneHandoffs
from inventory_client._policies import FETCH_REQUEST_MAX_AGE, delivery_policies
from inventory_client._privacy import invalid_fields
from inventory_client._reads import GTIN13, CachedReads
from inventory_client._staff import StaffClient
from inventory_client._transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    Transport,
)
from inventory_client._voice import ShopperVoice
from inventory_client.models import (
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
    StyleSummary,
    VariantDetail,
)

__all__ = [
    "FETCH_REQUEST_MAX_AGE",
    "IDEMPOTENCY_KEY_LENGTH",
    "MAX_ORDER_LINES",
    "SENT_ENTRIES_KEPT_FOR",
    "InventoryClient",
    "UnfulfillableOrder",
]

log = logging.getLogger("inventory_client")

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
IDEMPOTENCY_KEY_LENGTH = (8, 64)
MAX_ORDER_LINES = 20
SENT_ENTRIES_KEPT_FOR = timedelta(days=7)
"""Acknowledged entries (key, status, order number only) are kept this long, for support."""


class InventoryClient:
    """Client of the inventory service for one kiosk in one store.

    Args:
        base_url: The service, e.g. ``http://127.0.0.1:8765``.
        api_key: This kiosk's bearer key.
        kiosk_id, store_id: Who is asking; sent with orders, fetch requests and demand.
        outbox_path: SQLite file of the durable outbox (created, mode 0600).
        connect_timeout, read_timeout: Seconds, applied to every call.
        staff_key: The store's staff key: the default of ``staff()``, and the key queued
            stock adjustments are sent with by ``flush_outbox`` (kept in memory only,
            never in the outbox).
        cache_path: SQLite file of the offline read cache; default: beside the outbox,
            ``<outbox stem>-cache.sqlite``.
        breaker: The circuit breaker (tests pass one with a short cool-down or a fake clock).
        ca_bundle: PEM file of the CA(s) to trust for an https:// service; default: the
            standard variables, else the public CAs (``_transport.tls_verify``).

    Thread-safe: the kiosk may call it from several worker threads. The one
    ``requests.Session`` is shared by them (its urllib3 pool is thread-safe; the service
    sets no cookies), the outbox serialises its own access, and one outbox entry is sent by
    one thread at a time (``_claims``).
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
        ca_bundle: str | Path | None = None,
    ) -> None:
        for name, value in (("kiosk_id", kiosk_id), ("store_id", store_id)):
            if not _IDENTIFIER.match(value):
                raise ValueError(f"{name} {value!r} is not a valid identifier")
        self.kiosk_id = kiosk_id
        self.store_id = store_id
        self.outbox = Outbox(outbox_path)  # first: a bad path fails before any socket opens
        if cache_path is None:
            cache_path = self.outbox.path.with_name(f"{self.outbox.path.stem}-cache.sqlite")
        cache = ReadCache(cache_path)
        self._staff_key = staff_key
        self._transport = Transport(
            base_url,
            api_key,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            breaker=breaker,
            ca_bundle=ca_bundle,
        )
        self._reads = CachedReads(self._transport, cache, store_id=store_id)
        self._policies = delivery_policies(kiosk_id=kiosk_id, store_id=store_id)
        self._delivery = Delivery(self.outbox, self._transport, self._policies, staff_key=staff_key)
        self._notices = Notices(self.outbox)
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
        return self._reads.last_lookup_cached_at

    @property
    def voice(self) -> ShopperVoice:
        """The customer voice's kiosk calls (fit votes, why shoppers leave); best-effort,
        never queued (see ``inventory_client._voice``)."""
        return ShopperVoice(self._transport, kiosk_id=self.kiosk_id, store_id=self.store_id)

    @property
    def phone(self) -> PhoneHandoffs:
        """The phone hand-off's kiosk calls ("Continue on your phone"); not queued."""
        return PhoneHandoffs(self._transport, kiosk_id=self.kiosk_id, store_id=self.store_id)

    def staff(self, staff_key: str | None = None) -> StaffClient:
        """The staff calls of this store (fetch queue, stock adjustments, orders, reports,
        imports, audit).

        They share this client's connection, circuit breaker, timeouts, error handling and
        outbox and end with it (see ``StaffClient``). ``staff_key`` defaults to the one this
        client was built with; without either, every staff call raises ``Unauthorized``
        before sending anything.
        """
        return StaffClient(
            self._transport,
            self._delivery,
            store_id=self.store_id,
            staff_key=staff_key or self._staff_key,
        )

    # -- catalogue and stock ------------------------------------------------------------

    def lookup(self, gtin: str) -> VariantDetail:
        """The variant with this GTIN-13, its style and sibling sizes. ``NotFound`` if unknown.

        When the service cannot be reached (or answers nonsense) and this GTIN was seen
        before, the cached detail is returned and ``last_lookup_cached_at`` says from when.
        """
        return self._reads.lookup(gtin)

    def availability(self, gtin: str) -> SizeRun:
        """What a scan shows, in one request: the size run of the style with this GTIN-13
        (``scanned_gtin``), each size's pairs here, at the warehouses and nearby.

        ``NotFound`` if the GTIN is unknown. The last answer for each GTIN is cached with
        its ETag and revalidated (a 304 costs no body). When the service cannot be reached
        (or answers nonsense) the cached answer is returned, else a sibling size's cached
        run (``from_cache``, ``as_of``, and ``last_lookup_cached_at``); with neither, this
        raises ``Unavailable``.
        """
        return self._reads.availability(gtin)

    def size_run(self, detail: VariantDetail) -> SizeRun:
        """Availability of every size of ``detail``'s style, here, at warehouses, nearby.

        Store and warehouse stock are asked for in parallel. When one side fails its counts
        are None and ``stores_known``/``warehouses_known`` is False; when both fail the last
        complete run of the style is returned from the cache (``from_cache``, ``as_of``),
        else this raises (``Unavailable``, or ``Unauthorized``/``NotFound`` when both sides
        say so).
        """
        return self._reads.size_run(detail)

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
        the stock is gone (never resent; the address is deleted at once, the shopper is
        there to be told). When the service cannot be reached or answers nonsense, the
        error has ``queued=True``: the order stays in the outbox and ``flush_outbox()``
        sends it later under the same key.
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
        order = self._delivery.send_now(
            self._policies.order, idempotency_key, if_sent=self._sent_order
        )
        assert order is not None  # only a fetch request expires unsent
        return order

    def _sent_order(self, entry: OutboxEntry) -> Order:
        """The order already acknowledged under this key, fetched back from the service."""
        assert entry.result_id is not None
        return self._transport.call("GET", f"/v1/orders/{quote(entry.result_id, safe='')}", Order)

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
        now (staff pressed "send now", or the kiosk just started). See ``_flush``.
        """
        acknowledged = flush_pending(self._delivery, due_only=due_only)
        self._notices.deliver()
        self.outbox.prune(SENT_ENTRIES_KEPT_FOR)
        return acknowledged

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
        self._notices.register(callback)

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
        if not GTIN13.match(gtin):
            raise NotFound(f"fetch request: {gtin!r} is not a GTIN-13")
        key = idempotency_key or self.new_idempotency_key()
        body = FetchRequestCreate(kiosk_id=self.kiosk_id, store_id=self.store_id, gtin=gtin)
        self.outbox.add(OutboxKind.FETCH_REQUEST, key, body.model_dump_json())
        request = self._delivery.send_now(
            self._policies.fetch_request, key, if_sent=self._sent_fetch_request
        )
        assert request is not None  # sent while the shopper waits: never expires
        return request

    def _sent_fetch_request(self, entry: OutboxEntry) -> FetchRequest:
        assert entry.result_id is not None
        return self.get_fetch_request(entry.result_id)

    def get_fetch_request(self, request_id: str) -> FetchRequest:
        return self._transport.call(
            "GET", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest
        )

    def cancel_fetch_request(self, request_id: str) -> FetchRequest:
        body = FetchRequestUpdate(status=FetchStatus.CANCELLED).model_dump_json()
        return self._transport.call(
            "PATCH", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest, body=body
        )

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
            raise ValueError(f"back-in-stock request: invalid {invalid_fields(exc)}") from None
        known = self.outbox.get(body.id)
        if known is None:
            self.outbox.add(OutboxKind.BACK_IN_STOCK, body.id, body.model_dump_json())
        elif known.kind != OutboxKind.BACK_IN_STOCK:
            raise Rejected(f"outbox: id {body.id!r} already used", code="idempotency_conflict")
        # A retry keeps the first attempt's payload (its ``at``); the service compares
        # everything but ``at``, so re-posting an acknowledged one returns the stored one.
        stored = self._delivery.send_now(
            self._policies.back_in_stock,
            body.id,
            if_sent=lambda _entry: self._transport.call(
                "POST", "/v1/back-in-stock", BackInStockRequest, body=body.model_dump_json()
            ),
        )
        assert stored is not None  # only a fetch request expires unsent
        return stored

    # -- demand -------------------------------------------------------------------------

    def record_demand(self, kind: DemandKind, gtin: str) -> None:
        """Note what a shopper looked for. Never raises and never waits on the network.

        The event is written to the outbox under its own id and sent by the background
        sender (``OutboxSender``) or the next ``flush_outbox``; a resend is counted once.
        """
        if not GTIN13.match(gtin):
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

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Release the connection pool, the worker threads, the outbox and the cache."""
        if self._closed:
            return
        self._closed = True
        self._reads.close()
        self._transport.close()
        self.outbox.close()

    def __enter__(self) -> InventoryClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
