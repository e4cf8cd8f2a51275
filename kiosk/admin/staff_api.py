"""``StaffApi``: the staff-only calls the admin screens need, over the client's transport.

The kiosk has one way to reach stock: ``inventory_client``. This wrapper adds the calls
that need the store's *staff* key and that ``InventoryClient`` does not have (yet). It
does not open a second path of its own: it builds the client package's ``Transport``
(same Session setup, timeouts, retry policy and error translation, so every failure is an
``InventoryError``) with the staff key, against the client's base URL.

Where ``InventoryClient`` already has a call (``adjust_stock`` with its outbox,
``size_run``, ``lookup``, ``flush_outbox``) the admin screens use the client directly;
:meth:`StaffApi.adjust_stock` only falls back to a direct, non-queued POST when the
client has no ``adjust_stock``.

Blocking, like the client: call it through ``kiosk.workers.TaskRunner``.

To move into ``inventory_client`` later (then this module shrinks to nothing): every
public method below except :meth:`adjust_stock`.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from pydantic import RootModel

from inventory_client import InventoryError
from inventory_client._transport import Transport, error_from_response, translate_errors
from inventory_client.models import (
    AdjustmentKind,
    AuditEvent,
    AuditEventCreate,
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
    StyleSummary,
)

if TYPE_CHECKING:
    from inventory_client import InventoryClient

log = logging.getLogger(__name__)

__all__ = ["JsonValue", "StaffApi"]


class JsonValue(RootModel[Any]):
    """Any JSON answer, for routes whose wire model has not landed in ``models.py``."""


class _Orders(RootModel[list[Order]]):
    pass


class _FetchRequests(RootModel[list[FetchRequest]]):
    pass


class _Styles(RootModel[list[StyleSummary]]):
    pass


class StaffApi:
    """Staff calls for one store, authorised with the store's staff key.

    Args:
        client: The kiosk's client; its base URL, timeouts and store are reused.
        staff_key: The store's staff bearer key.
    """

    def __init__(self, client: InventoryClient, staff_key: str) -> None:
        self.client = client
        self.store_id = client.store_id
        source = client._transport  # private: see the module docstring
        connect, read = source.timeout
        # Share the client's circuit breaker (when it has one), so staff calls and shopper
        # calls agree on "offline" and the connectivity indicator covers both.
        extra = {"breaker": source.breaker} if hasattr(source, "breaker") else {}
        self._transport = Transport(
            source.base_url, staff_key, connect_timeout=connect, read_timeout=read, **extra
        )

    def close(self) -> None:
        self._transport.close()

    # -- stock --------------------------------------------------------------------------

    def adjust_stock(
        self,
        gtin: str,
        kind: AdjustmentKind,
        quantity: int,
        *,
        actor: str,
        reason: str | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Change this store's stock; through the client's outbox when it has one."""
        key = idempotency_key or uuid.uuid4().hex
        adjust = getattr(self.client, "adjust_stock", None)
        if adjust is not None:
            return adjust(gtin, kind, quantity, actor=actor, reason=reason, idempotency_key=key)
        body = StockAdjustmentCreate(
            location_id=self.store_id,
            gtin=gtin,
            kind=kind,
            quantity=quantity,
            actor=actor,
            reason=reason,
        )
        return self._transport.call(
            "POST",
            "/v1/stock-adjustments",
            StockAdjustment,
            body=body.model_dump_json(),
            headers={"Idempotency-Key": key},
        )

    def search_catalogue(self, query: str, *, limit: int = 50) -> list[StyleSummary]:
        """GET /v1/catalogue/search: styles matching name, brand, GTIN or style id."""
        params = {"q": query, "limit": str(limit)}
        return self._transport.call("GET", "/v1/catalogue/search", _Styles, params=params).root

    # -- fetch requests -----------------------------------------------------------------

    def fetch_requests(self, status: FetchStatus | None = None) -> list[FetchRequest]:
        params = {"store_id": self.store_id}
        if status is not None:
            params["status"] = str(status)
        return self._transport.call("GET", "/v1/fetch-requests", _FetchRequests, params=params).root

    def update_fetch_request(
        self, request_id: str, status: FetchStatus, *, actor: str | None = None
    ) -> FetchRequest:
        body = FetchRequestUpdate(status=status).model_dump_json()
        return self._transport.call(
            "PATCH",
            f"/v1/fetch-requests/{quote(request_id, safe='')}",
            FetchRequest,
            body=body,
            headers=_actor(actor),
        )

    # -- orders -------------------------------------------------------------------------

    def orders(self, status: OrderStatus | None = None, *, limit: int = 100) -> list[Order]:
        params = {"store_id": self.store_id, "limit": str(limit)}
        if status is not None:
            params["status"] = str(status)
        return self._transport.call("GET", "/v1/orders", _Orders, params=params).root

    def order_by_number(self, number: str) -> Order:
        return self._transport.call(
            "GET", f"/v1/orders/by-number/{quote(number.strip(), safe='')}", Order
        )

    def set_order_status(
        self,
        order_id: str,
        status: OrderStatus,
        note: str | None = None,
        *,
        actor: str | None = None,
    ) -> Order:
        body = OrderStatusChange(status=status, note=note).model_dump_json()
        return self._transport.call(
            "POST",
            f"/v1/orders/{quote(order_id, safe='')}/status",
            Order,
            body=body,
            headers=_actor(actor),
        )

    # -- lost demand --------------------------------------------------------------------

    def lost_demand(self, days: int, *, now: datetime | None = None) -> LostDemandReport:
        """The lost-demand report of the last ``days`` days up to ``now``."""
        params = self._report_params(days, now)
        return self._transport.call(
            "GET", "/v1/reports/lost-demand", LostDemandReport, params=params
        )

    def lost_demand_csv(self, days: int, *, now: datetime | None = None) -> bytes:
        """The same report as CSV bytes, as the service formats it."""
        query = urlencode(self._report_params(days, now))
        return self._transport.get_bytes(
            f"/v1/reports/lost-demand.csv?{query}", content_type_prefix="text/csv"
        )

    def _report_params(self, days: int, now: datetime | None) -> dict[str, str]:
        until = (now or datetime.now(UTC)).astimezone(UTC)
        since = until - timedelta(days=days)
        return {"store_id": self.store_id, "since": since.isoformat(), "until": until.isoformat()}

    # -- imports ------------------------------------------------------------------------

    def import_csv(
        self, kind: ImportKind, csv_text: str, *, dry_run: bool, actor: str | None = None
    ) -> ImportReport:
        """POST /v1/imports/{kind}: a dry run reports bad lines; a real one is all or nothing.

        The body is the CSV file itself (``text/csv``), which ``Transport.call`` cannot
        send (it speaks JSON), so this one call uses the transport's Session and its error
        translation directly.
        """
        path = f"/v1/imports/{quote(str(kind), safe='')}"
        what = f"POST {path}"
        with translate_errors(what):
            response = self._transport.session.request(
                "POST",
                self._transport.base_url + path,
                params={"dry_run": "true" if dry_run else "false"},
                data=csv_text.encode("utf-8"),
                headers={"Content-Type": "text/csv; charset=utf-8", **(_actor(actor) or {})},
                timeout=self._transport.timeout,
                allow_redirects=False,
            )
            if not 200 <= response.status_code < 300:
                raise error_from_response(what, response)
            return ImportReport.model_validate_json(response.content)

    # -- audit --------------------------------------------------------------------------

    def audit(self, event: AuditEventCreate) -> AuditEvent:
        """POST /v1/audit: who did what, when. The event's id makes a resend count once."""
        return self._transport.call("POST", "/v1/audit", AuditEvent, body=event.model_dump_json())


def _actor(actor: str | None) -> dict[str, str] | None:
    """The ``X-Actor`` header: the person behind the staff key, for the service's audit."""
    return {"X-Actor": actor} if actor else None


def describe_error(exc: BaseException) -> str:
    """A calm one-line message for staff; technical detail stays in the log."""
    if isinstance(exc, InventoryError):
        return getattr(exc, "user_message", None) or str(exc)
    return f"Unexpected error ({type(exc).__name__})"
