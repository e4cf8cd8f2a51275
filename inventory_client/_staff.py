"""``StaffClient``: the calls of the store's staff screen, made with the store's staff key.

Get one from the kiosk's client, ``client.staff()``; it is not built on its own.

Why a second object rather than more methods on ``InventoryClient``:

- **Another authority.** These calls act as store staff (they change orders, claim fetch
  requests, import the catalogue, read shoppers' back-in-stock addresses). Holding a
  ``StaffClient`` is what makes code staff code: the shopper screens are handed the
  ``InventoryClient`` and never call ``staff()``, and a reviewer sees
  ``client.staff().set_order_status(...)`` at the call site instead of one more method
  among the shopper's calls.
- **Nothing of its own to go wrong.** It borrows the client's ``Transport``: the one
  ``requests.Session`` (connection pool, retry policy, User-Agent), the circuit breaker
  (so ``client.connectivity`` covers staff calls too), the timeouts and the one error
  boundary (``translate_errors``, where a malformed answer becomes ``InvalidResponse``).
  The staff key travels per request in the ``Authorization`` header, so there is no
  second Session to close: the staff client lives as long as the kiosk's client, and
  ``client.close()`` ends both.
- **Not queued, but one.** A person reads every answer on the admin screen, so nothing here
  goes through the outbox and a failure is raised at once; except stock changes
  (``adjust_stock``), which must apply exactly once, in order, also when made offline:
  they go through the client's outbox and its one ``Delivery``.

Without a staff key every call raises ``Unauthorized`` before any request is sent.

The person behind the key is named with ``actor`` (the ``X-Actor`` header), so the
service's own audit row says who claimed a request or cancelled an order.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import quote

from inventory_client._delivery import Delivery
from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NotFound,
    Unauthorized,
    Unavailable,
)
from inventory_client._outbox import OutboxEntry, OutboxKind, OutboxStatus
from inventory_client._reads import GTIN13
from inventory_client._transport import Transport, bearer
from inventory_client._voice import StaffVoice
from inventory_client.models import (
    AdjustmentKind,
    AuditEvent,
    AuditEventCreate,
    BackInStockRequest,
    FetchRequest,
    FetchRequestUpdate,
    FetchStatus,
    ImportKind,
    ImportReport,
    LostDemandReport,
    Order,
    OrderStatus,
    OrderStatusChange,
    StockAdjustment,
    StockAdjustmentCreate,
)

__all__ = ["StaffClient"]

CSV = "text/csv; charset=utf-8"
ADJUSTMENT_LOOKBACK = 200
"""How far back in the stock audit a retried adjustment's first answer is looked for."""


class _InStore(Protocol):
    @property
    def store_id(self) -> str: ...


def ensure_store(what: str, store_id: str, found: Iterable[_InStore]) -> None:
    """Raise ``InvalidResponse`` when an answer holds another store's things."""
    for item in found:
        if item.store_id != store_id:
            raise InvalidResponse(f"{what}: asked for store {store_id}, got {item.store_id}")


class StaffClient:
    """Staff calls for one store; see the module docstring. Blocking, thread-safe.

    Args:
        transport: The kiosk client's transport (shared, not owned: never closed here).
        delivery: The kiosk client's outbox delivery, for ``adjust_stock`` (shared too).
        store_id: The store the staff key belongs to.
        staff_key: The store's staff bearer key; None means every call is ``Unauthorized``.
    """

    def __init__(
        self,
        transport: Transport,
        delivery: Delivery,
        *,
        store_id: str,
        staff_key: str | None,
    ) -> None:
        self._transport = transport
        self._delivery = delivery
        self._staff_key = staff_key or None
        self.store_id = store_id

    def _headers(self, what: str, actor: str | None = None) -> dict[str, str]:
        """The staff key (and the person), or ``Unauthorized`` before anything is sent."""
        if self._staff_key is None:
            raise Unauthorized(f"{what}: this client has no staff key")
        headers = bearer(self._staff_key)
        if actor:
            headers["X-Actor"] = actor
        return headers

    @property
    def customer_voice(self) -> StaffVoice:
        """The customer-voice report (issue 17), with this client's staff key."""
        return StaffVoice(self._transport, self._headers)

    # -- fetch requests -----------------------------------------------------------------

    def fetch_requests(
        self, status: FetchStatus | None = None, *, limit: int = 100
    ) -> list[FetchRequest]:
        """This store's fetch requests (every kiosk's), oldest first: the staff queue."""
        what = "GET /v1/fetch-requests"
        params = {"store_id": self.store_id, "limit": str(limit)}
        if status is not None:
            params["status"] = str(status)
        found = self._transport.call_list(
            "GET", "/v1/fetch-requests", FetchRequest, params=params, headers=self._headers(what)
        )
        ensure_store(what, self.store_id, found)
        return found

    def update_fetch_request(
        self, request_id: str, status: FetchStatus, *, actor: str | None = None
    ) -> FetchRequest:
        """Claim, finish, reopen or cancel a fetch request (409 ``Rejected`` on a bad move)."""
        path = f"/v1/fetch-requests/{quote(request_id, safe='')}"
        return self._transport.call(
            "PATCH",
            path,
            FetchRequest,
            body=FetchRequestUpdate(status=status).model_dump_json(),
            headers=self._headers(f"PATCH {path}", actor),
        )

    # -- orders -------------------------------------------------------------------------

    def orders(self, status: OrderStatus | None = None, *, limit: int = 100) -> list[Order]:
        """This store's ship-to-home orders, optionally only those in ``status``."""
        params = {"store_id": self.store_id, "limit": str(limit)}
        if status is not None:
            params["status"] = str(status)
        found = self._transport.call_list(
            "GET", "/v1/orders", Order, params=params, headers=self._headers("GET /v1/orders")
        )
        ensure_store("GET /v1/orders", self.store_id, found)
        return found

    def order_by_number(self, number: str) -> Order:
        """The order with this number (``EA-4K7Q9M``, any case, prefix optional)."""
        number = number.strip()
        if not number:
            raise NotFound("order by number: no number given")
        path = f"/v1/orders/by-number/{quote(number, safe='')}"
        return self._transport.call("GET", path, Order, headers=self._headers(f"GET {path}"))

    def find_orders(self, code: str) -> list[Order]:
        """The store's orders named by ``code``: an order number (``EA-6JNXK6``, prefix
        optional) or the reference a kiosk printed while offline (``3FD0B7DA``)."""
        code = code.strip()
        if not code:
            raise NotFound("find orders: no number or reference given")
        what = "GET /v1/order-lookup"
        found = self._transport.call_list(
            "GET",
            "/v1/order-lookup",
            Order,
            params={"store_id": self.store_id, "code": code},
            headers=self._headers(what),
        )
        ensure_store(what, self.store_id, found)
        return found

    def order_by_code(self, code: str) -> Order:
        """The one order ``code`` names (``find_orders``); ``NotFound`` for none, and for
        more than one (two kiosks printed the same reference: ask for the number)."""
        found = self.find_orders(code)
        if len(found) != 1:
            raise NotFound(f"{len(found)} orders for {code!r}")
        return found[0]

    def set_order_status(
        self,
        order_id: str,
        status: OrderStatus,
        note: str | None = None,
        *,
        actor: str | None = None,
    ) -> Order:
        """Mark paid, ship or cancel (``note``: the reason); cancelling releases the pairs."""
        path = f"/v1/orders/{quote(order_id, safe='')}/status"
        return self._transport.call(
            "POST",
            path,
            Order,
            body=OrderStatusChange(status=status, note=note).model_dump_json(),
            headers=self._headers(f"POST {path}", actor),
        )

    # -- lost demand --------------------------------------------------------------------

    def lost_demand(self, days: int, *, now: datetime | None = None) -> LostDemandReport:
        """The lost-demand report of the ``days`` days up to ``now`` (default: now)."""
        what = "GET /v1/reports/lost-demand"
        report = self._transport.call(
            "GET",
            "/v1/reports/lost-demand",
            LostDemandReport,
            params=self._period(days, now),
            headers=self._headers(what),
        )
        ensure_store(what, self.store_id, [report])
        return report

    def lost_demand_csv(self, days: int, *, now: datetime | None = None) -> bytes:
        """The same report as the CSV file the service writes (header line first)."""
        return self._transport.get_bytes(
            "/v1/reports/lost-demand.csv",
            content_type_prefix="text/csv",
            params=self._period(days, now),
            headers=self._headers("GET /v1/reports/lost-demand.csv"),
        )

    def _period(self, days: int, now: datetime | None) -> dict[str, str]:
        if days < 1:
            raise ValueError(f"a report covers at least one day, not {days}")
        until = (now or datetime.now(UTC)).astimezone(UTC)
        since = until - timedelta(days=days)
        return {"store_id": self.store_id, "since": since.isoformat(), "until": until.isoformat()}

    # -- imports ------------------------------------------------------------------------

    def import_csv(
        self, kind: ImportKind, csv: str | bytes, *, dry_run: bool, actor: str | None = None
    ) -> ImportReport:
        """Send a catalogue or stock CSV file as it is (``text/csv``).

        A dry run reports every bad line and changes nothing; a real import applies all
        lines or none (check ``ImportReport.applied``). Pass the file's bytes so the
        service can name lines that are not UTF-8; a ``str`` is sent as UTF-8.
        """
        path = f"/v1/imports/{quote(str(kind), safe='')}"
        return self._transport.call(
            "POST",
            path,
            ImportReport,
            params={"dry_run": "true" if dry_run else "false"},
            body=csv,
            content_type=CSV,
            headers=self._headers(f"POST {path}", actor),
        )

    # -- audit --------------------------------------------------------------------------

    def audit(self, event: AuditEventCreate, *, actor: str | None = None) -> AuditEvent:
        """Record a device-only admin action by ``actor`` (the signed-in person, sent as
        ``X-Actor``); the service stamps it with its own time. A resent ``event.id`` is
        stored once."""
        return self._transport.call(
            "POST",
            "/v1/audit",
            AuditEvent,
            body=event.model_dump_json(),
            headers=self._headers("POST /v1/audit", actor),
        )

    def audit_events(self, *, limit: int = 100) -> list[AuditEvent]:
        """This store's audit trail, newest first."""
        what = "GET /v1/audit"
        found = self._transport.call_list(
            "GET",
            "/v1/audit",
            AuditEvent,
            params={"store_id": self.store_id, "limit": str(limit)},
            headers=self._headers(what),
        )
        ensure_store(what, self.store_id, found)
        return found

    # -- stock and back in stock --------------------------------------------------------

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
        this store.

        Written to the outbox first. Adjustments of one GTIN here are sent strictly in the
        order they were made (an earlier unsent one goes first). Returns the service's
        ``StockAdjustment``, or **None when it is queued** (service unreachable, or an
        earlier adjustment of this GTIN still waits): the client's ``flush_outbox`` sends
        it later, in order, with the staff key the client was built with. Raises
        ``Rejected`` (e.g. on hand would go below zero) or ``Unauthorized`` (no or a wrong
        staff key; nothing queued without one) when refused; ``ValueError`` for bad input.
        """
        staff_key = self._staff_key
        if staff_key is None:
            raise Unauthorized("adjust_stock: this client has no staff key")
        if not GTIN13.match(gtin):
            raise NotFound(f"stock adjustment: {gtin!r} is not a GTIN-13")
        body = StockAdjustmentCreate(
            location_id=self.store_id,
            gtin=gtin,
            kind=kind,
            quantity=quantity,
            actor=actor,
            reason=reason,
        )
        key = idempotency_key or uuid.uuid4().hex
        chain = f"{self.store_id}:{gtin}"
        outbox, policy = self._delivery.outbox, self._delivery.policies.stock_adjustment
        mine = outbox.add(
            OutboxKind.STOCK_ADJUSTMENT, key, body.model_dump_json(), ordering_key=chain
        )
        for entry in outbox.pending(OutboxKind.STOCK_ADJUSTMENT):
            if entry.ordering_key != chain or entry.id > mine.id:
                continue
            with self._delivery.claims.claim(entry.idempotency_key, wait=True):
                current = outbox.get(entry.idempotency_key)
                if current is None or current.status != OutboxStatus.PENDING:
                    continue
                try:
                    result = self._delivery.send(
                        policy, current, shopper_present=True, staff_key=staff_key
                    )
                except (Unavailable, InvalidResponse):
                    return None  # queued; this one (or an earlier one) waits for a flush
                except InventoryError:
                    if current.idempotency_key == key:
                        raise
                    continue  # an earlier one was refused for good: staff see it as failed
                if current.idempotency_key == key:
                    return result
        settled = outbox.get(key)
        assert settled is not None
        if settled.status == OutboxStatus.FAILED:
            raise self._delivery.final_error(settled)
        if settled.status == OutboxStatus.SENT:
            return self._sent_adjustment(settled)
        return None

    def _sent_adjustment(self, entry: OutboxEntry) -> StockAdjustment | None:
        """An adjustment acknowledged earlier, found in the store's audit trail."""
        found = self.stock_adjustments(limit=ADJUSTMENT_LOOKBACK)
        return next((a for a in found if a.id == entry.result_id), None)

    def stock_adjustments(self, *, limit: int = 50) -> list[StockAdjustment]:
        """This store's latest stock adjustments (the stock audit), newest first."""
        return self._transport.call_list(
            "GET",
            "/v1/stock-adjustments",
            StockAdjustment,
            params={"location_id": self.store_id, "limit": str(limit)},
            headers=self._headers("GET /v1/stock-adjustments"),
        )

    def back_in_stock(
        self, *, gtin: str | None = None, limit: int = 100
    ) -> list[BackInStockRequest]:
        """Shoppers waiting for a size to come back, newest first (they hold email
        addresses: show them to staff, never log them)."""
        what = "GET /v1/back-in-stock"
        params = {"store_id": self.store_id, "limit": str(limit)}
        if gtin is not None:
            params["gtin"] = gtin
        found = self._transport.call_list(
            "GET",
            "/v1/back-in-stock",
            BackInStockRequest,
            params=params,
            headers=self._headers(what),
        )
        ensure_store(what, self.store_id, found)
        return found
