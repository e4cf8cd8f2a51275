"""Catalogue and stock reads that fall back to the last-known answer (``_cache``).

``availability`` is what a scan costs: one request (``GET /v1/variants/{gtin}/availability``)
for the variant, its style and the whole size run with stock here, at the warehouse and
nearby, revalidated with the cached answer's ETag (a 304 serves the cached answer, now as
young as the check). ``lookup`` and ``size_run`` are the separate reads (staff screens).
They ask the service; when it cannot be reached (or answers
nonsense) and the answer was seen before, the cached one is returned and says how old it
is. Fresh complete answers are cached as they pass.
"""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import quote

from inventory_client._cache import Cached, ReadCache
from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NotFound,
    Unauthorized,
    Unavailable,
)
from inventory_client._sizerun import compose_size_run
from inventory_client._transport import Transport
from inventory_client.models import (
    SizeRun,
    StockReport,
    StockScope,
    VariantAvailability,
    VariantDetail,
)

__all__ = ["GTIN13", "CachedReads"]

log = logging.getLogger("inventory_client")

GTIN13 = re.compile(r"^\d{13}$")


class CachedReads:
    """``lookup`` and ``size_run`` for one store, with the offline cache behind them.

    Owns the cache and the two worker threads that ask for store and warehouse stock in
    parallel; ``close()`` ends both.
    """

    def __init__(self, transport: Transport, cache: ReadCache, *, store_id: str) -> None:
        self._transport = transport
        self._cache = cache
        self._store_id = store_id
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inventory-stock")
        self._local = threading.local()

    @property
    def last_lookup_cached_at(self) -> datetime | None:
        """When the calling thread's last ``lookup`` came from the cache (see the client)."""
        cached_at: datetime | None = getattr(self._local, "lookup_cached_at", None)
        return cached_at

    def lookup(self, gtin: str) -> VariantDetail:
        self._local.lookup_cached_at = None
        if not GTIN13.match(gtin):
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

    def availability(self, gtin: str) -> SizeRun:
        """The size run of the style with this GTIN, from one request (see the module)."""
        self._local.lookup_cached_at = None
        if not GTIN13.match(gtin):
            raise NotFound(f"availability: {gtin!r} is not a GTIN-13")
        path = f"/v1/variants/{gtin}/availability"
        cached = self._cache.availability(gtin)
        try:
            got = self._transport.call_revalidated(
                path,
                VariantAvailability,
                etag=cached.etag if cached is not None else None,
                params={"store_id": self._store_id},
            )
            now = datetime.now(UTC)
            if got.value is None and cached is not None:
                answer = _vouched(cached.value, now)
            elif got.value is not None:
                answer = got.value
                self._check(path, answer, gtin)
            else:  # pragma: no cover - the transport returns no value only to a tag
                raise InvalidResponse(f"GET {path}: 304 to a request without a tag")
        except (Unavailable, InvalidResponse) as exc:
            return self._cached_availability(gtin, cached, exc)
        run = compose_size_run(
            answer.detail, self._store_id, answer.stores, answer.warehouses, now=now
        )
        self._cache.put_scan(answer, got.etag, run, now=now)
        return run

    def size_run(self, detail: VariantDetail) -> SizeRun:
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
            return self._size_run_without_stock(detail, errors)
        run = compose_size_run(
            detail,
            self._store_id,
            reports[StockScope.STORES],
            reports[StockScope.WAREHOUSES],
            now=datetime.now(UTC),
        )
        if not errors:
            self._cache.put_size_run(run)
        return run

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._cache.close()

    def _size_run_without_stock(
        self, detail: VariantDetail, errors: dict[StockScope, InventoryError]
    ) -> SizeRun:
        """Both sides failed: the same refusal from both, else the cached run, else raise."""
        first, second = errors[StockScope.STORES], errors[StockScope.WAREHOUSES]
        if type(first) is type(second) and isinstance(first, Unauthorized | NotFound):
            raise first
        cached = self._cache.size_run(detail.style.id)
        if cached is None:
            raise Unavailable(f"no stock known for style {detail.style.id}: {first}") from first
        log.info("size run of %s answered from the cache", detail.style.id)
        return cached.value.model_copy(
            update={
                "from_cache": True,
                "as_of": cached.stored_at,
                "scanned_gtin": detail.variant.gtin,
            }
        )

    def _check(self, path: str, answer: VariantAvailability, gtin: str) -> None:
        """An answer for another GTIN, style, store or scope is nonsense, not a shoe."""
        style_id = answer.detail.style.id
        expected = [(StockScope.STORES, answer.stores), (StockScope.WAREHOUSES, answer.warehouses)]
        if answer.detail.variant.gtin != gtin or any(
            (r.scope, r.style_id, r.store_id) != (scope, style_id, self._store_id)
            for scope, r in expected
        ):
            raise InvalidResponse(f"GET {path}: the answer is not for {gtin} at this store")

    def _cached_availability(
        self, gtin: str, cached: Cached[VariantAvailability] | None, exc: InventoryError
    ) -> SizeRun:
        """No answer: the last one for this GTIN, else a sibling's detail and size run."""
        if cached is not None:
            answer = cached.value
            run = compose_size_run(
                answer.detail,
                self._store_id,
                answer.stores,
                answer.warehouses,
                now=cached.stored_at,
            )
            stored_at = cached.stored_at
        else:
            detail = self._cache.detail(gtin)
            cached_run = self._cache.size_run(detail.value.style.id) if detail else None
            if cached_run is None:
                raise exc
            run, stored_at = cached_run.value, cached_run.stored_at
        log.info("availability of %s answered from the cache of %s: %s", gtin, stored_at, exc)
        self._local.lookup_cached_at = stored_at
        return run.model_copy(update={"from_cache": True, "as_of": stored_at, "scanned_gtin": gtin})

    def _stock_report(self, style_id: str, scope: StockScope) -> StockReport:
        path = f"/v1/styles/{quote(style_id, safe='')}/stock"
        report = self._transport.call(
            "GET", path, StockReport, params={"store_id": self._store_id, "scope": str(scope)}
        )
        if report.scope != scope or report.style_id != style_id:
            raise InvalidResponse(
                f"GET {path}: asked for {style_id}/{scope}, got {report.style_id}/{report.scope}"
            )
        return report


def _vouched(answer: VariantAvailability, now: datetime) -> VariantAvailability:
    """The cached answer the service has just said is unchanged (304), stamped ``now``."""
    return answer.model_copy(
        update={
            "stores": answer.stores.model_copy(update={"as_of": now}),
            "warehouses": answer.warehouses.model_copy(update={"as_of": now}),
        }
    )
