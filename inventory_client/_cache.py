"""Last-known catalogue and stock, for showing something true when the service is away.

Every successful ``lookup`` stores its ``VariantDetail`` (one row per GTIN of the style, so
any sibling's barcode finds it) and every complete ``size_run`` stores its ``SizeRun`` (one
row per style), each with the time it was stored; a scan's one answer
(``VariantAvailability``) is kept per scanned GTIN with its ETag, to revalidate it. When
the service cannot be reached the client answers from here and says how old the answer
is (``SizeRun.from_cache`` and ``as_of``; ``InventoryClient.last_lookup_cached_at``).

No personal data is ever stored here. The file is private (mode 0600) like the outbox, but
written with ``synchronous=NORMAL``: losing the last cached answer in a power cut costs
nothing. A damaged file is moved aside and recreated (``_sqlitefile``).

Cache failures never reach the kiosk: reading or writing the cache is best effort, and a
broken cache only means no offline answers.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

import pydantic
import sqlite_utils
from sqlite_utils.migrations import Migrations

from inventory_client._sqlitefile import open_private_database
from inventory_client.models import SizeRun, VariantAvailability, VariantDetail

__all__ = ["Cached", "ReadCache"]

log = logging.getLogger("inventory_client")

T = TypeVar("T")
M = TypeVar("M", bound=pydantic.BaseModel)

migrations = Migrations("inventory_client.cache")


@migrations()
def m001_create_cache(db: sqlite_utils.Database) -> None:
    db.table("variant_details").create(
        {"gtin": str, "style_id": str, "body": str, "stored_at": str}, pk="gtin"
    )
    db.table("variant_details").create_index(["style_id"])
    db.table("size_runs").create({"style_id": str, "body": str, "stored_at": str}, pk="style_id")


@migrations()
def m002_availability(db: sqlite_utils.Database) -> None:
    """A scan's one answer (issue 16) and its ETag, keyed by the scanned GTIN."""
    db.table("availability").create(
        {"gtin": str, "etag": str, "body": str, "stored_at": str}, pk="gtin"
    )


@dataclass(frozen=True, slots=True)
class Cached(Generic[T]):
    """A cached value and when it was stored (UTC)."""

    value: T
    stored_at: datetime
    etag: str | None = None


class ReadCache:
    """Thread-safe store of the last answers, keyed by GTIN and by style."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db, self.moved_aside = open_private_database(
            self.path, synchronous="NORMAL", what="cache"
        )
        migrations.apply(self._db)

    # -- writing ------------------------------------------------------------------------

    def put_detail(self, detail: VariantDetail, *, now: datetime | None = None) -> None:
        stored_at = _iso(now)
        self._write(lambda: self._detail_rows(detail, stored_at))

    def _detail_rows(self, detail: VariantDetail, stored_at: str) -> None:
        """Upsert one row per GTIN of the style, so any sibling's barcode finds the detail."""
        body = detail.model_dump_json()
        rows = [
            {"gtin": v.gtin, "style_id": detail.style.id, "body": body, "stored_at": stored_at}
            for v in detail.variants
        ]
        if detail.variant.gtin not in {v.gtin for v in detail.variants}:
            rows.append(
                {
                    "gtin": detail.variant.gtin,
                    "style_id": detail.style.id,
                    "body": body,
                    "stored_at": stored_at,
                }
            )
        self._db.table("variant_details").upsert_all(rows, pk="gtin")

    def put_size_run(self, run: SizeRun, *, now: datetime | None = None) -> None:
        row = {"style_id": run.style.id, "body": run.model_dump_json(), "stored_at": _iso(now)}
        self._write(lambda: self._db.table("size_runs").upsert(row, pk="style_id"))

    def put_scan(
        self,
        answer: VariantAvailability,
        etag: str | None,
        run: SizeRun,
        *,
        now: datetime | None = None,
    ) -> None:
        """A scan's answer (with its tag, to revalidate), its detail and its size run, in
        one transaction; storing it again after a 304 makes it as young as the check."""
        stored_at = _iso(now)
        row = {
            "gtin": answer.detail.variant.gtin,
            "etag": etag or "",
            "body": answer.model_dump_json(),
            "stored_at": stored_at,
        }

        def store() -> None:
            self._db.table("availability").upsert(row, pk="gtin")
            self._detail_rows(answer.detail, stored_at)
            self._db.table("size_runs").upsert(
                {"style_id": run.style.id, "body": run.model_dump_json(), "stored_at": stored_at},
                pk="style_id",
            )

        self._write(store)

    # -- reading ------------------------------------------------------------------------

    def availability(self, gtin: str) -> Cached[VariantAvailability] | None:
        """The last answer for this GTIN, with its ETag (None when it came without one)."""
        return self._read("availability", "gtin", gtin, VariantAvailability)

    def detail(self, gtin: str) -> Cached[VariantDetail] | None:
        """The last detail that listed ``gtin``, re-pointed at that GTIN as the scanned one."""
        cached = self._read("variant_details", "gtin", gtin, VariantDetail)
        if cached is None:
            return None
        detail = cached.value
        if detail.variant.gtin != gtin:
            variant = next((v for v in detail.variants if v.gtin == gtin), None)
            if variant is None:
                return None
            detail = detail.model_copy(update={"variant": variant})
        return Cached(detail, cached.stored_at)

    def size_run(self, style_id: str) -> Cached[SizeRun] | None:
        return self._read("size_runs", "style_id", style_id, SizeRun)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- internals ----------------------------------------------------------------------

    def _write(self, action: Callable[[], object]) -> None:
        try:
            with self._lock, self._db.atomic():
                action()
        except sqlite3.Error as exc:
            log.warning("cache write failed: %s: %s", type(exc).__name__, exc)

    def _read(self, table: str, column: str, key: str, model: type[M]) -> Cached[M] | None:
        try:
            with self._lock:
                rows = list(self._db.table(table).rows_where(f"[{column}] = ?", [key], limit=1))
        except sqlite3.Error as exc:
            log.warning("cache read failed: %s: %s", type(exc).__name__, exc)
            return None
        if not rows:
            return None
        try:
            value = model.model_validate_json(rows[0]["body"])
            stored_at = datetime.fromisoformat(rows[0]["stored_at"])
        except (pydantic.ValidationError, ValueError):
            return None  # written by another version of the models: not usable
        return Cached(value, stored_at, rows[0].get("etag") or None)


def _iso(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat()
