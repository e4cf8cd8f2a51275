"""Routes for the staff admin screen and for IT: search, lost demand, CSV import, audit,
order lookup by number, kiosk heartbeats and health. Thin, like ``app.py``: validate,
authorise, call the storage and the pure modules.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from inventory_client.models import (
    AuditEvent,
    AuditEventCreate,
    ErrorBody,
    Heartbeat,
    Identifier,
    ImportKind,
    ImportReport,
    KioskHealth,
    LocationKind,
    LostDemandReport,
    Order,
    StyleSummary,
)
from inventory_client.text_types import SEARCH_TEXT_PATTERN
from inventory_client.wire_time import UtcTime
from inventory_service import demand_report, fit_restock
from inventory_service.csv_import import MAX_IMPORT_BYTES, run_import
from inventory_service.deps import (
    ActorHeader,
    AnyKey,
    HeadOfficeKey,
    KioskOnlyKey,
    SettingsDep,
    StaffKey,
    StorageDep,
    allow,
    audit_stamp,
    for_kiosk,
    for_store,
    owns,
)
from inventory_service.errors import InvalidRequest, NotFound, ServiceError
from inventory_service.kiosk_health import HEARTBEATS_KEPT, kiosk_health, render_html
from inventory_service.roles import Role
from inventory_service.storage import ApiKey, Storage

IMPORTS_PREFIX = "/v1/imports/"
CSV_TYPES = {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"}
ORDER_PREFIX = "EA-"
BASIC_REALM = 'Basic realm="Endless Aisle kiosks", charset="UTF-8"'

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 415, 422)
}


class UnsupportedMediaType(ServiceError):
    status_code = 415


async def csv_body(request: Request) -> bytes:
    """The raw request body of an import, refused unless it is (or may be) CSV."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype not in CSV_TYPES:
        raise UnsupportedMediaType(f"Send the file as text/csv, not {ctype!r}.")
    data = await request.body()
    if not ctype and not data:  # no body at all (the schema requires one): not an empty file
        raise InvalidRequest("Send the CSV file as the request body (Content-Type: text/csv).")
    return data


def _normalise_order_number(raw: str) -> str:
    """``ea-4k7q9m``, ``4K7Q9M`` and ``EA-4K7Q9M`` all name the same order."""
    code = raw.strip().upper()
    return code if code.startswith(ORDER_PREFIX) else ORDER_PREFIX + code


def _period(
    since: datetime | None, until: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    until = _aware(until) if until is not None else now
    since = _aware(since) if since is not None else until - demand_report.DEFAULT_PERIOD
    if since >= until:
        raise InvalidRequest("'since' must be before 'until'.")
    if until - since > demand_report.MAX_PERIOD:
        raise InvalidRequest("The period may be at most 366 days.")
    return since, until


def _aware(value: datetime) -> datetime:
    """Naive query times are taken as UTC, like everywhere else in the service."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def lost_demand_report(
    store_id: Annotated[Identifier, Query()],
    storage: StorageDep,
    key: StaffKey,
    settings: SettingsDep,
    since: Annotated[UtcTime | None, Query(description=demand_report.SINCE_DOC)] = None,
    until: Annotated[UtcTime | None, Query(description=demand_report.UNTIL_DOC)] = None,
    cover_days: Annotated[int, Query(ge=1, le=365)] = demand_report.DEFAULT_COVER_DAYS,
) -> LostDemandReport:
    """The report both lost-demand routes serve (JSON and CSV)."""
    for_store(key, store_id)
    store = storage.get_location(store_id)
    if store is None or store.kind != LocationKind.STORE:
        raise NotFound(f"No store {store_id!r}.")
    when = settings.clock()
    start, end = _period(since, until, when)
    storage.release_expired_holds(when)
    facts = storage.lost_demand_facts(store_id, start, end)
    fit = fit_restock.fit_context(storage, facts)  # issue 17: restock follows the fit
    facts = fit_restock.with_neighbours(storage, store_id, facts, fit)
    return demand_report.build_lost_demand(
        store_id=store_id,
        since=start,
        until=end,
        cover_days=cover_days,
        facts=facts,
        generated_at=when,
        restock_from=fit_restock.restock_demand(facts, fit),
        fit_shifts=fit.shifts,
    )


LostDemandDep = Annotated[LostDemandReport, Depends(lost_demand_report)]
DryRun = Annotated[bool, Query(description="check only, change nothing")]


def add_admin_routes(app: FastAPI) -> None:
    def now() -> datetime:
        moment: datetime = app.state.settings.clock()
        return moment

    # --- catalogue search -----------------------------------------------------------

    @app.get(
        "/v1/catalogue/search",
        response_model=list[StyleSummary],
        responses=ERRORS,
        tags=["catalogue"],
    )
    def search_catalogue(
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=100,
                pattern=SEARCH_TEXT_PATTERN,
                description="name, brand, style id or GTIN (prefix)",
            ),
        ],
        storage: StorageDep,
        key: AnyKey,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> list[StyleSummary]:
        if not q.strip():
            raise InvalidRequest("Type something to search for.")
        return storage.search_catalogue(q, limit)

    # --- lost demand ----------------------------------------------------------------

    @app.get(
        "/v1/reports/lost-demand",
        response_model=LostDemandReport,
        responses=ERRORS,
        tags=["reports"],
    )
    def lost_demand_json(
        report: LostDemandDep,
    ) -> LostDemandReport:
        return report

    @app.get(
        "/v1/reports/lost-demand.csv",
        responses={200: demand_report.CSV_RESPONSE_DOC, **ERRORS},
        tags=["reports"],
    )
    def lost_demand_csv(
        report: LostDemandDep,
    ) -> Response:
        name = f"lost-demand-{report.store_id}-{report.since:%Y%m%d}-{report.until:%Y%m%d}.csv"
        return Response(
            content=demand_report.to_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    # --- CSV imports ----------------------------------------------------------------

    # The catalogue (and its prices) is the chain's: head office imports it. Stock is a
    # store's: its staff import their own locations' counts.
    import_spec: dict[str, Any] = {
        "response_model": ImportReport,
        "responses": ERRORS,
        "tags": ["imports"],
        "openapi_extra": {
            "requestBody": {
                "required": True,
                "content": {"text/csv": {"schema": {"type": "string"}}},
                "description": f"The CSV file (UTF-8, at most {MAX_IMPORT_BYTES} bytes)",
            }
        },
    }

    @app.post(IMPORTS_PREFIX + ImportKind.CATALOGUE.value, **import_spec)
    def import_catalogue_csv(
        data: Annotated[bytes, Depends(csv_body)],
        storage: StorageDep,
        key: HeadOfficeKey,
        x_actor: ActorHeader = None,
        dry_run: DryRun = True,
    ) -> ImportReport:
        stamp = audit_stamp(key, x_actor)
        return run_import(
            storage,
            ImportKind.CATALOGUE,
            data,
            dry_run=dry_run,
            audit=stamp,
            now=now(),
            key_id=key.id,
        )

    @app.post(IMPORTS_PREFIX + ImportKind.STOCK.value, **import_spec)
    def import_stock_csv(
        data: Annotated[bytes, Depends(csv_body)],
        storage: StorageDep,
        key: StaffKey,
        x_actor: ActorHeader = None,
        dry_run: DryRun = True,
    ) -> ImportReport:
        stamp = audit_stamp(key, x_actor)
        return run_import(
            storage,
            ImportKind.STOCK,
            data,
            dry_run=dry_run,
            audit=stamp,
            now=now(),
            key_id=key.id,
            only_location=key.store_id,
        )

    # --- audit ----------------------------------------------------------------------

    @app.post(
        "/v1/audit",
        response_model=AuditEvent,
        status_code=201,
        responses={200: {"model": AuditEvent, "description": "Resend of a stored id"}, **ERRORS},
        tags=["audit"],
    )
    def record_audit(
        body: AuditEventCreate,
        response: Response,
        storage: StorageDep,
        key: StaffKey,
        x_actor: ActorHeader = None,
    ) -> AuditEvent:
        # Who and when come from the key and the service clock, never from the body.
        event, created = storage.record_audit(body, stamp=audit_stamp(key, x_actor), now=now())
        if not created:
            response.status_code = 200
        return event

    @app.get("/v1/audit", response_model=list[AuditEvent], responses=ERRORS, tags=["audit"])
    def list_audit(
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[AuditEvent]:
        for_store(key, store_id)
        return storage.list_audit(store_id, limit)

    # --- orders by number -----------------------------------------------------------

    @app.get(
        "/v1/orders/by-number/{number}",
        response_model=Order,
        responses=ERRORS,
        tags=["orders"],
    )
    def order_by_number(
        number: Annotated[str, PathParam(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")],
        storage: StorageDep,
        key: StaffKey,
    ) -> Order:
        storage.release_expired_holds(now())
        order = storage.get_order_by_number(_normalise_order_number(number))
        if order is None or not owns(key, order.store_id, order.kiosk_id):
            raise NotFound("No order with that number.")  # another store's: as if missing
        return order

    # --- kiosk health ---------------------------------------------------------------

    @app.post("/v1/kiosks/heartbeat", response_model=KioskHealth, responses=ERRORS, tags=["kiosks"])
    def heartbeat(
        body: Heartbeat, storage: StorageDep, key: KioskOnlyKey, settings: SettingsDep
    ) -> KioskHealth:
        for_kiosk(key, key.store_id, body.kiosk_id)
        received = now()
        storage.record_heartbeat(
            body, store_id=key.store_id, received_at=received, keep=HEARTBEATS_KEPT
        )
        [seen] = [k for k in storage.list_kiosks(key.store_id) if k.kiosk_id == body.kiosk_id]
        return kiosk_health(seen, received, settings.health)

    def kiosk_list(storage: Storage, store_id: str, settings: Any) -> list[KioskHealth]:
        when = now()
        return [kiosk_health(k, when, settings.health) for k in storage.list_kiosks(store_id)]

    @app.get("/v1/kiosks", response_model=list[KioskHealth], responses=ERRORS, tags=["kiosks"])
    def list_kiosks(
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        settings: SettingsDep,
    ) -> list[KioskHealth]:
        for_store(key, store_id)
        return kiosk_list(storage, store_id, settings)

    @app.get(
        "/v1/kiosks/{kiosk_id}/heartbeats",
        response_model=list[Heartbeat],
        responses=ERRORS,
        tags=["kiosks"],
    )
    def heartbeat_history(
        kiosk_id: Annotated[Identifier, PathParam()],
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        limit: Annotated[int, Query(ge=1, le=HEARTBEATS_KEPT)] = 20,
    ) -> list[Heartbeat]:
        for_store(key, store_id)
        return storage.heartbeat_history(store_id, kiosk_id, limit)

    @app.get(
        "/kiosks",
        response_class=HTMLResponse,
        responses={200: {"content": {"text/html": {}}}, 401: {"model": ErrorBody}},
        tags=["kiosks"],
    )
    def kiosks_page(
        storage: StorageDep,
        settings: SettingsDep,
        key: Annotated[ApiKey, allow(Role.STAFF, basic=True)],
    ) -> Response:
        kiosks = kiosk_list(storage, key.store_id, settings)
        refresh = max(5, int(settings.health.interval / timedelta(seconds=1)))
        return HTMLResponse(render_html(key.store_id, kiosks, now(), refresh))
