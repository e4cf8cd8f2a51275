"""Routes for shoppers' back-in-stock requests: kiosks post them, staff read them.

Thin, like ``app.py``: validate, authorise, call the storage. The request's ``id`` (made by
the kiosk) makes a resend from the kiosk's outbox safe: the same id and content is stored
once (200 on the resend); the same id with other content is a 409.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Response

from inventory_client.models import (
    BackInStockCreate,
    BackInStockRequest,
    ErrorBody,
    Gtin13,
    Identifier,
)
from inventory_service.deps import KioskKey, StaffKey, StorageDep, for_kiosk, for_store

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)
}


def add_back_in_stock_routes(app: FastAPI) -> None:
    @app.post(
        "/v1/back-in-stock",
        response_model=BackInStockRequest,
        status_code=201,
        responses={
            200: {"model": BackInStockRequest, "description": "Resend of a stored id"},
            **ERRORS,
        },
        tags=["demand"],
    )
    def request_back_in_stock(
        body: BackInStockCreate, response: Response, storage: StorageDep, key: KioskKey
    ) -> BackInStockRequest:
        for_kiosk(key, body.store_id, body.kiosk_id)
        stored, created = storage.record_back_in_stock(body, received_at=app.state.settings.clock())
        if not created:
            response.status_code = 200
        return stored

    @app.get(
        "/v1/back-in-stock",
        response_model=list[BackInStockRequest],
        responses=ERRORS,
        tags=["demand"],
    )
    def list_back_in_stock(
        store_id: Annotated[Identifier, Query()],
        storage: StorageDep,
        key: StaffKey,
        gtin: Annotated[Gtin13 | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[BackInStockRequest]:
        for_store(key, store_id)
        return storage.list_back_in_stock(store_id, gtin, limit)
