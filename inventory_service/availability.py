"""``GET /v1/variants/{gtin}/availability``: a scan costs the kiosk one request.

The answer composes the existing wire models (``VariantAvailability``: the
``VariantDetail`` and the two ``StockReport``\\ s, built by ``reports`` as their own routes
build them), read by ``Storage.variant_availability`` and ``style_stock`` in five queries.

Caching: the answer carries a weak ``ETag``, a hash of the answer without the reports'
``as_of`` (the time of asking changes every request; what it stamps does not). A request
whose ``If-None-Match`` holds that tag gets a bare 304, so a kiosk that scans the same
shoe again learns "nothing changed" without the body. ``Cache-Control: no-cache``: stock
moves, so a cached answer is always revalidated before it is used as fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Response
from fastapi import Path as PathParam

from inventory_client.models import (
    ErrorBody,
    Gtin13,
    Identifier,
    Location,
    LocationKind,
    StockScope,
    VariantAvailability,
)
from inventory_service.deps import KioskKey, StorageDep, for_store
from inventory_service.errors import NotFound
from inventory_service.reports import build_stock_report, ordered_locations
from inventory_service.storage.base import AvailabilityFacts, StockLevel

__all__ = ["add_availability_routes", "build_availability", "etag_matches", "etag_of"]

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 422)
}
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the If-None-Match tag is still the answer's ETag"}
}
CACHE_CONTROL = "no-cache"


def listed_location_ids(store: Location, locations: list[Location]) -> list[str]:
    """The locations either report lists (the only ones whose stock is read)."""
    return sorted(
        {loc.id for scope in StockScope for loc, _ in ordered_locations(store, locations, scope)}
    )


def build_availability(
    facts: AvailabilityFacts, store: Location, levels: list[StockLevel], *, as_of: datetime
) -> VariantAvailability:
    """The answer for one scan at ``store``: the detail and both stock reports."""
    reports = {
        scope: build_stock_report(
            style_id=facts.detail.style.id,
            store=store,
            scope=scope,
            variants=facts.detail.variants,
            locations=facts.locations,
            levels=levels,
            as_of=as_of,
        )
        for scope in StockScope
    }
    return VariantAvailability(
        detail=facts.detail,
        stores=reports[StockScope.STORES],
        warehouses=reports[StockScope.WAREHOUSES],
    )


def etag_of(answer: VariantAvailability) -> str:
    """A weak tag for the answer: equal exactly when everything but ``as_of`` is equal."""
    body = answer.model_dump_json(exclude={"stores": {"as_of"}, "warehouses": {"as_of"}})
    return f'W/"{hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of an ``If-None-Match`` list (or ``*``) with ``etag``."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    mine = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == mine for tag in if_none_match.split(","))


def add_availability_routes(app: FastAPI) -> None:
    def now() -> datetime:
        clock: Callable[[], datetime] = app.state.settings.clock
        return clock()

    @app.get(
        "/v1/variants/{gtin}/availability",
        response_model=VariantAvailability,
        responses={**NOT_MODIFIED, **ERRORS},
        tags=["catalogue", "stock"],
    )
    def variant_availability(
        gtin: Annotated[Gtin13, PathParam()],
        store_id: Annotated[Identifier, Query()],
        response: Response,
        storage: StorageDep,
        key: KioskKey,
        if_none_match: Annotated[str | None, Header(max_length=2000)] = None,
    ) -> VariantAvailability | Response:
        for_store(key, store_id)
        storage.release_expired_holds(now())
        facts = storage.variant_availability(gtin)
        if facts is None:
            raise NotFound(f"No shoe with GTIN {gtin} in the catalogue.")
        store = next((loc for loc in facts.locations if loc.id == store_id), None)
        if store is None or store.kind != LocationKind.STORE:
            raise NotFound(f"No store {store_id!r}.")
        levels = storage.style_stock(
            facts.detail.style.id, listed_location_ids(store, facts.locations)
        )
        answer = build_availability(facts, store, levels, as_of=now())
        etag = etag_of(answer)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if etag_matches(if_none_match, etag):
            return Response(status_code=304, headers=headers)
        response.headers.update(headers)
        return answer
