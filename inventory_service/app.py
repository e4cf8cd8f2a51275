"""The HTTP layer: thin FastAPI routes that validate, authorise and call the storage.

Every response that is not a success carries an ``ErrorBody`` (``http_boundary``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel

import inventory_service
from inventory_client.models import (
    DemandEventCreate,
    ErrorBody,
    FetchRequest,
    FetchRequestCreate,
    FetchRequestUpdate,
    FetchStatus,
    Gtin13,
    Health,
    Identifier,
    Location,
    LocationKind,
    Order,
    OrderCreate,
    OrderStatus,
    OrderStatusChange,
    StockAdjustment,
    StockAdjustmentCreate,
    StockReport,
    StockScope,
    VariantDetail,
)
from inventory_client.text_types import RECORD_ID_PATTERN
from inventory_service.admin_routes import IMPORTS_PREFIX, add_admin_routes
from inventory_service.availability import add_availability_routes
from inventory_service.back_in_stock_routes import add_back_in_stock_routes
from inventory_service.catalogue import DEMO_IMAGES
from inventory_service.csv_import import MAX_IMPORT_BYTES
from inventory_service.customer_voice_routes import add_customer_voice_routes
from inventory_service.db_health import database_health
from inventory_service.deps import (
    PUBLIC,
    ActorHeader,
    AnyKey,
    IdempotencyHeader,
    IdempotencyRequired,
    KioskKey,
    ServiceSettings,
    StaffKey,
    StorageDep,
    actor_of,
    audit_stamp,
    for_kiosk,
    for_store,
    idempotency,
    owns,
)
from inventory_service.errors import Forbidden, NotFound
from inventory_service.http_boundary import BodySizeLimit, install_error_handlers
from inventory_service.keys_routes import add_key_routes
from inventory_service.kiosk_health import HealthPolicy
from inventory_service.mobile.order_links import record_order_links
from inventory_service.mobile.routes import add_phone_routes
from inventory_service.openapi_contract import install_openapi_contract
from inventory_service.rate_limits import RateLimitPolicy, install_rate_limits
from inventory_service.reports import build_stock_report
from inventory_service.storage import AuditStamp, KeyScope
from inventory_service.storage.backends import backend_for

log = logging.getLogger(__name__)

DEFAULT_HOLD = timedelta(hours=48)
#: Request bodies above this size are refused (413) before they are parsed.
MAX_BODY_BYTES = 64 * 1024
IMAGE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.png$")

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)
}


class DemandRecorded(BaseModel):
    recorded: bool


# --- the application -----------------------------------------------------------------


def create_app(
    db: str | Path,
    images_dir: str | Path | None = None,
    *,
    hold: timedelta = DEFAULT_HOLD,
    clock: Callable[[], datetime] | None = None,
    health: HealthPolicy | None = None,
    rate_limits: RateLimitPolicy | None = None,
) -> FastAPI:
    """Build the service for one database: a SQLite file or a ``postgresql://`` URL
    (created or migrated if needed; see ``storage.backends``)."""
    backend = backend_for(db)
    backend.initialise()
    settings = ServiceSettings(
        open_storage=backend.open,
        images_dir=Path(images_dir) if images_dir is not None else DEMO_IMAGES,
        hold=hold,
        clock=clock or (lambda: datetime.now(UTC)),
        health=health or HealthPolicy(),
    )
    app = FastAPI(
        title="Endless Aisle inventory service",
        version=inventory_service.__version__,
        description="Reference store and warehouse inventory service (see docs/API.md).",
    )
    app.state.settings = settings
    app.state.db_engine = backend.kind  # for /v1/health when the database cannot be opened
    install_error_handlers(app)
    install_openapi_contract(app)  # what the routes' types cannot say (openapi_contract.py)
    _add_routes(app)
    add_admin_routes(app)
    add_back_in_stock_routes(app)
    add_availability_routes(app)
    add_phone_routes(app)
    add_key_routes(app)
    add_customer_voice_routes(app)
    app.add_middleware(
        BodySizeLimit, limit=MAX_BODY_BYTES, overrides={IMPORTS_PREFIX: MAX_IMPORT_BYTES}
    )
    install_rate_limits(app, rate_limits)  # outermost: refuses before a body is read
    return app


def _add_routes(app: FastAPI) -> None:
    def now() -> datetime:
        moment: datetime = app.state.settings.clock()
        return moment

    @app.get(
        "/v1/health",
        response_model=Health,
        responses={503: {"model": Health}},
        tags=["meta"],
        dependencies=[PUBLIC],
    )
    def health(response: Response) -> Health:
        """The service answers; so does its database (503 with the same body when not)."""
        database = database_health(app.state.settings.open_storage, app.state.db_engine)
        if not database.ok:
            response.status_code = 503
        status = "ok" if database.ok else "unavailable"
        return Health(
            status=status, version=inventory_service.__version__, time=now(), database=database
        )

    @app.get("/v1/locations", response_model=list[Location], responses=ERRORS, tags=["catalogue"])
    def locations(storage: StorageDep, key: AnyKey) -> list[Location]:
        return storage.list_locations()

    @app.get(
        "/v1/images/{name}",
        responses={200: {"content": {"image/png": {}}}, 404: {"model": ErrorBody}},
        response_class=FileResponse,
        tags=["catalogue"],
        dependencies=[PUBLIC],
    )
    def image(name: str) -> FileResponse:
        if not IMAGE_NAME_RE.match(name):
            raise NotFound("No such image.")
        folder = app.state.settings.images_dir.resolve()
        path = (folder / name).resolve()
        if path.parent != folder or not path.is_file():
            raise NotFound("No such image.")
        return FileResponse(
            path, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"}
        )

    @app.get(
        "/v1/variants/{gtin}", response_model=VariantDetail, responses=ERRORS, tags=["catalogue"]
    )
    def variant(
        gtin: Annotated[Gtin13, PathParam()], storage: StorageDep, key: AnyKey
    ) -> VariantDetail:
        detail = storage.get_variant_detail(gtin)
        if detail is None:
            raise NotFound(f"No shoe with GTIN {gtin} in the catalogue.")
        return detail

    @app.get(
        "/v1/styles/{style_id}/stock",
        response_model=StockReport,
        responses=ERRORS,
        tags=["stock"],
    )
    def style_stock(
        style_id: Annotated[Identifier, PathParam()],
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: KioskKey,
        scope: Annotated[StockScope, Query()] = StockScope.STORES,
    ) -> StockReport:
        for_store(key, store_id)
        store = storage.get_location(store_id)
        if store is None or store.kind != LocationKind.STORE:
            raise NotFound(f"No store {store_id!r}.")
        if storage.get_style(style_id) is None:
            raise NotFound(f"No style {style_id!r}.")
        storage.release_expired_holds(now())
        variants = storage.list_variants(style_id)
        return build_stock_report(
            style_id=style_id,
            store=store,
            scope=scope,
            variants=variants,
            locations=storage.list_locations(),
            levels=storage.stock_levels([v.gtin for v in variants]),
            as_of=now(),
        )

    # --- orders ---------------------------------------------------------------------

    @app.post(
        "/v1/orders",
        response_model=Order,
        status_code=201,
        responses={200: {"model": Order, "description": "Replay of an earlier request"}, **ERRORS},
        tags=["orders"],
    )
    def create_order(
        body: OrderCreate,
        response: Response,
        storage: StorageDep,
        key: KioskKey,
        idempotency_key: IdempotencyRequired,
    ) -> Order:
        idem = idempotency(idempotency_key, body, required=True)
        assert idem is not None
        for_kiosk(key, body.store_id, body.kiosk_id)
        order, created = storage.create_order(
            body, idempotency=idem, actor=actor_of(key), now=now(), hold=app.state.settings.hold
        )
        record_order_links(storage, order, idem.key)  # reference + status link (phone pages)
        if not created:
            response.status_code = 200
        return order

    @app.get("/v1/orders/{order_id}", response_model=Order, responses=ERRORS, tags=["orders"])
    def get_order(
        order_id: Annotated[str, PathParam(pattern=RECORD_ID_PATTERN)],
        storage: StorageDep,
        key: KioskKey,
    ) -> Order:
        storage.release_expired_holds(now())
        order = storage.get_order(order_id)
        if order is None or not owns(key, order.store_id, order.kiosk_id):
            raise NotFound("No such order.")  # another store's or kiosk's: as if missing
        return order

    @app.get("/v1/orders", response_model=list[Order], responses=ERRORS, tags=["orders"])
    def list_orders(
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        status: Annotated[OrderStatus | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> list[Order]:
        for_store(key, store_id)
        storage.release_expired_holds(now())
        return storage.list_orders(store_id, status, limit)

    @app.post(
        "/v1/orders/{order_id}/status", response_model=Order, responses=ERRORS, tags=["orders"]
    )
    def change_order_status(
        order_id: Annotated[str, PathParam(pattern=RECORD_ID_PATTERN)],
        body: OrderStatusChange,
        storage: StorageDep,
        key: StaffKey,
        x_actor: ActorHeader = None,
    ) -> Order:
        stamp = audit_stamp(key, x_actor)
        order = storage.get_order(order_id)
        if order is None or not owns(key, order.store_id, order.kiosk_id):
            raise NotFound("No such order.")
        return storage.change_order_status(
            order_id, body, actor=actor_of(key), now=now(), audit=stamp
        )

    # --- fetch requests -------------------------------------------------------------

    @app.post(
        "/v1/fetch-requests",
        response_model=FetchRequest,
        status_code=201,
        responses={200: {"model": FetchRequest, "description": "Replay"}, **ERRORS},
        tags=["fetch requests"],
    )
    def create_fetch_request(
        body: FetchRequestCreate,
        response: Response,
        storage: StorageDep,
        key: KioskKey,
        idempotency_key: IdempotencyHeader = None,
    ) -> FetchRequest:
        idem = idempotency(idempotency_key, body, required=False)
        for_kiosk(key, body.store_id, body.kiosk_id)
        made, created = storage.create_fetch_request(body, idempotency=idem, now=now())
        if not created:
            response.status_code = 200
        return made

    @app.get(
        "/v1/fetch-requests",
        response_model=list[FetchRequest],
        responses=ERRORS,
        tags=["fetch requests"],
    )
    def list_fetch_requests(
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: KioskKey,
        status: Annotated[FetchStatus | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> list[FetchRequest]:
        for_store(key, store_id)
        own_kiosk = key.kiosk_id if key.scope == KeyScope.KIOSK else None
        return storage.list_fetch_requests(store_id, status, limit, kiosk_id=own_kiosk)

    @app.get(
        "/v1/fetch-requests/{request_id}",
        response_model=FetchRequest,
        responses=ERRORS,
        tags=["fetch requests"],
    )
    def get_fetch_request(
        request_id: Annotated[str, PathParam(pattern=RECORD_ID_PATTERN)],
        storage: StorageDep,
        key: KioskKey,
    ) -> FetchRequest:
        found = storage.get_fetch_request(request_id)
        if found is None or not owns(key, found.store_id, found.kiosk_id):
            raise NotFound("No such fetch request.")
        return found

    @app.patch(
        "/v1/fetch-requests/{request_id}",
        response_model=FetchRequest,
        responses=ERRORS,
        tags=["fetch requests"],
    )
    def update_fetch_request(
        request_id: Annotated[str, PathParam(pattern=RECORD_ID_PATTERN)],
        body: FetchRequestUpdate,
        storage: StorageDep,
        key: KioskKey,
        x_actor: ActorHeader = None,
    ) -> FetchRequest:
        stamp = audit_stamp(key, x_actor) if key.scope == KeyScope.STAFF else None
        found = storage.get_fetch_request(request_id)
        if found is None or not owns(key, found.store_id, found.kiosk_id):
            raise NotFound("No such fetch request.")
        if key.scope == KeyScope.KIOSK and body.status != FetchStatus.CANCELLED:
            raise Forbidden("A kiosk may only cancel a fetch request.")
        return storage.update_fetch_request(
            request_id, body.status, actor=actor_of(key), now=now(), audit=stamp
        )

    # --- demand and stock -----------------------------------------------------------

    @app.post(
        "/v1/demand-events",
        response_model=DemandRecorded,
        status_code=202,
        responses=ERRORS,
        tags=["demand"],
    )
    def record_demand(
        body: DemandEventCreate, storage: StorageDep, key: KioskKey
    ) -> DemandRecorded:
        for_kiosk(key, body.store_id, body.kiosk_id)
        storage.record_demand_event(body, received_at=now())
        return DemandRecorded(recorded=True)

    @app.post(
        "/v1/stock-adjustments",
        response_model=StockAdjustment,
        status_code=201,
        responses={200: {"model": StockAdjustment, "description": "Replay"}, **ERRORS},
        tags=["stock"],
    )
    def adjust_stock(
        body: StockAdjustmentCreate,
        response: Response,
        storage: StorageDep,
        key: StaffKey,
        idempotency_key: IdempotencyRequired,
    ) -> StockAdjustment:
        idem = idempotency(idempotency_key, body, required=True)
        assert idem is not None
        for_store(key, body.location_id)
        stamp = AuditStamp(store_id=key.store_id, actor=body.actor, key_label=key.label)
        made, created = storage.adjust_stock(
            body, idempotency=idem, key_id=key.id, now=now(), audit=stamp
        )
        if not created:
            response.status_code = 200
        return made

    @app.get(
        "/v1/stock-adjustments",
        response_model=list[StockAdjustment],
        responses=ERRORS,
        tags=["stock"],
    )
    def list_adjustments(
        location_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> list[StockAdjustment]:
        for_store(key, location_id)
        return storage.list_stock_adjustments(location_id, limit)
