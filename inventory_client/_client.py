"""``InventoryClient``: the one way the kiosk reaches stock, orders and fetch requests.

Blocking calls, meant to run on a worker thread (never the GUI thread). Each call either
returns a typed wire model or raises one of the errors in ``_errors``.
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
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._outbox import Outbox, OutboxEntry, OutboxKind, OutboxStatus
from inventory_client._sizerun import compose_size_run
from inventory_client._transport import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    Transport,
)
from inventory_client.models import (
    DemandEventCreate,
    DemandKind,
    FetchRequest,
    FetchRequestCreate,
    FetchRequestUpdate,
    FetchStatus,
    Health,
    Order,
    OrderCreate,
    OrderLineRequest,
    ShipTo,
    SizeRun,
    StockReport,
    StockScope,
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


class InventoryClient:
    """Client of the inventory service for one kiosk in one store.

    Args:
        base_url: The service, e.g. ``http://127.0.0.1:8765``.
        api_key: This kiosk's bearer key.
        kiosk_id, store_id: Who is asking; sent with orders, fetch requests and demand.
        outbox_path: SQLite file of the durable outbox (created, mode 0600).
        connect_timeout, read_timeout: Seconds, applied to every call.

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
    ) -> None:
        for name, value in (("kiosk_id", kiosk_id), ("store_id", store_id)):
            if not _IDENTIFIER.match(value):
                raise ValueError(f"{name} {value!r} is not a valid identifier")
        self.kiosk_id = kiosk_id
        self.store_id = store_id
        self.outbox = Outbox(outbox_path)  # first: a bad path fails before any socket opens
        self._transport = Transport(
            base_url, api_key, connect_timeout=connect_timeout, read_timeout=read_timeout
        )
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inventory-stock")
        self._in_flight: set[str] = set()
        self._in_flight_changed = threading.Condition()
        self._senders: dict[OutboxKind, Callable[[OutboxEntry, bool], object]] = {
            OutboxKind.ORDER: self._send_order,
        }
        self._closed = False

    # -- catalogue and stock ------------------------------------------------------------

    def lookup(self, gtin: str) -> VariantDetail:
        """The variant with this GTIN-13, its style and sibling sizes. ``NotFound`` if unknown."""
        if not _GTIN13.match(gtin):
            raise NotFound(f"lookup: {gtin!r} is not a GTIN-13")
        detail = self._transport.call("GET", f"/v1/variants/{gtin}", VariantDetail)
        if detail.variant.gtin != gtin:
            raise InvalidResponse(f"GET /v1/variants/{gtin}: answer is for {detail.variant.gtin}")
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
            raise Unavailable(f"no stock known for style {detail.style.id}: {first}") from first
        return compose_size_run(
            detail,
            self.store_id,
            reports[StockScope.STORES],
            reports[StockScope.WAREHOUSES],
            now=datetime.now(UTC),
        )

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

    def image(self, name: str) -> bytes:
        """The bytes of a catalogue image (``Style.image``)."""
        return self._transport.get_bytes(
            f"/v1/images/{quote(name, safe='')}", content_type_prefix="image/"
        )

    def health(self) -> Health:
        return self._transport.call("GET", "/v1/health", Health)

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

    def flush_outbox(self) -> int:
        """Send what is pending, oldest first, under the same keys; return how many the
        service acknowledged. Stops early when the service is unreachable."""
        acknowledged = 0
        for entry in self.outbox.pending():
            sender = self._senders.get(entry.kind)
            if sender is None:
                continue  # written by a newer version of the kiosk
            with self._claim(entry.idempotency_key, wait=False) as claimed:
                if not claimed:
                    continue  # being sent by place_order right now
                current = self.outbox.get(entry.idempotency_key)
                if current is None or current.status != OutboxStatus.PENDING:
                    continue
                try:
                    sender(current, False)
                except (Unavailable, Unauthorized):
                    break
                except InventoryError:
                    continue
                acknowledged += 1
        return acknowledged

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
            self._fail(entry, exc, redact=shopper_present)
            raise
        except Unauthorized as exc:
            if shopper_present:
                self._fail(entry, exc, redact=True)
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

    def _fail(self, entry: OutboxEntry, exc: InventoryError, *, redact: bool) -> None:
        payload = entry.payload
        if redact and payload is not None:
            order = json.loads(payload)
            payload = json.dumps({k: order[k] for k in ("kiosk_id", "store_id", "lines")})
        self.outbox.mark_failed(entry.idempotency_key, _describe(exc), payload=payload)
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
        has no pair left."""
        if not _GTIN13.match(gtin):
            raise NotFound(f"fetch request: {gtin!r} is not a GTIN-13")
        body = FetchRequestCreate(kiosk_id=self.kiosk_id, store_id=self.store_id, gtin=gtin)
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self._transport.call(
            "POST", "/v1/fetch-requests", FetchRequest, body=body.model_dump_json(), headers=headers
        )

    def get_fetch_request(self, request_id: str) -> FetchRequest:
        return self._transport.call(
            "GET", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest
        )

    def cancel_fetch_request(self, request_id: str) -> FetchRequest:
        body = FetchRequestUpdate(status=FetchStatus.CANCELLED).model_dump_json()
        return self._transport.call(
            "PATCH", f"/v1/fetch-requests/{quote(request_id, safe='')}", FetchRequest, body=body
        )

    # -- demand -------------------------------------------------------------------------

    def record_demand(self, kind: DemandKind, gtin: str) -> None:
        """Tell the service what a shopper looked for. Best effort: never raises.

        Each event gets its own id, so a retried send is counted once.
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
            self._transport.call_no_content(
                "POST", "/v1/demand-events", body=event.model_dump_json()
            )
        except InventoryError as exc:
            log.info("demand event %s not recorded: %s", kind, exc)

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Release the connection pool, the worker threads and the outbox file."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._transport.close()
        self.outbox.close()

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
