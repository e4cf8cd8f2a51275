"""``GET /v1/order-lookup``: staff find an order by what the shopper shows them, the order
number (``EA-6JNXK6``) or the reference a kiosk printed while offline (``3FD0B7DA``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query

from inventory_client.models import ErrorBody, Identifier, Order
from inventory_service.deps import StaffKey, StorageDep, for_store
from inventory_service.mobile.order_links import orders_by_code

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 422)
}


def add_staff_lookup(app: FastAPI) -> None:
    @app.get("/v1/order-lookup", response_model=list[Order], responses=ERRORS, tags=["orders"])
    def order_lookup(
        store_id: Annotated[Identifier, Query()],
        code: Annotated[str, Query(min_length=4, max_length=16, pattern=r"^[A-Za-z0-9-]+$")],
        storage: StorageDep,
        key: StaffKey,
    ) -> list[Order]:
        """The store's orders with this number or kiosk reference (usually one, or none)."""
        for_store(key, store_id)
        storage.release_expired_holds(app.state.settings.clock())
        return orders_by_code(storage, store_id, code)
