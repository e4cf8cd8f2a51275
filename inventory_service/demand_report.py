"""The lost-demand report: what shoppers wanted that this store did not have.

Pure functions over ``DemandFacts`` from the storage. The rules, also in docs/API.md:

- counts are demand events whose kiosk time ``at`` lies in [since, until);
- ``orders`` are pairs in real orders made at this store in the period that are not
  cancelled (kiosk ``ordered`` events are not used: a queued order may still fail, and
  real orders are counted once whatever the kiosk resent);
- ``conversion`` = orders / not_in_store, rounded to 4 places; null when not_in_store = 0;
- ``suggested_restock`` = ceil(not_in_store × cover_days / period_days) − on hand at
  this store, never below 0; periods shorter than one day count as one day, so a burst
  in the last hour is not scaled up to a month;
- fit (issue 17, ``fit_restock``): for a style shoppers say runs small (large), the missed
  demand of each size is restocked one size up (down); ``fit_shift`` says so per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from inventory_client.models import LostDemandReport, LostDemandRow
from inventory_service.csv_safety import to_csv_text
from inventory_service.storage.base import DemandFacts

DEFAULT_COVER_DAYS = 28
DEFAULT_PERIOD = timedelta(days=28)
MAX_PERIOD = timedelta(days=366)
MIN_SCALING_PERIOD = timedelta(days=1)

# What the report's query and CSV answer promise, as published in /openapi.json.
SINCE_DOC = (
    "RFC 3339 time; default until - 28 days. Must be before `until`, and the period at "
    "most 366 days (x-max-period-days): otherwise 422."
)
UNTIL_DOC = "RFC 3339 time; default now. Times outside 1970-2999 are clamped to that range."
CSV_RESPONSE_DOC: dict[str, Any] = {
    "description": "The report as CSV (UTF-8, CRLF, formula-leading cells neutralised)",
    "content": {"text/csv": {"schema": {"type": "string"}}},
    "headers": {
        "Content-Disposition": {
            "description": "attachment; filename=lost-demand-STORE-SINCE-UNTIL.csv",
            "schema": {"type": "string"},
        }
    },
}

CSV_COLUMNS = (
    "style_id",
    "style_name",
    "brand",
    "size_eu",
    "gtin",
    "scanned",
    "size_viewed",
    "not_in_store",
    "notify_me",
    "orders",
    "conversion",
    "on_hand",
    "suggested_restock",
    "fit_shift",
)


def suggested_restock(not_in_store: int, period: timedelta, cover_days: int, on_hand: int) -> int:
    """Pairs to order so the store covers ``cover_days`` of the demand it missed."""
    period_us = max(period, MIN_SCALING_PERIOD) // timedelta(microseconds=1)
    cover_us = cover_days * 86_400_000_000
    need = -(-(not_in_store * cover_us) // period_us)  # exact integer ceiling
    return max(0, need - on_hand)


def conversion(orders: int, not_in_store: int) -> float | None:
    return round(orders / not_in_store, 4) if not_in_store else None


def build_lost_demand(
    *,
    store_id: str,
    since: datetime,
    until: datetime,
    cover_days: int,
    facts: list[DemandFacts],
    generated_at: datetime,
    restock_from: Mapping[str, int] | None = None,
    fit_shifts: Mapping[str, int] | None = None,
) -> LostDemandReport:
    """Rows with the most missed demand first (then by suggested restock, style, size)."""
    period = until - since
    rows = [
        LostDemandRow(
            style_id=f.style_id,
            style_name=f.style_name,
            brand=f.brand,
            gtin=f.gtin,
            size_eu=f.size_eu,
            scanned=f.scanned,
            size_viewed=f.size_viewed,
            not_in_store=f.not_in_store,
            notify_me=f.notify_me,
            orders=f.orders,
            conversion=conversion(f.orders, f.not_in_store),
            on_hand=f.on_hand,
            suggested_restock=suggested_restock(
                (restock_from or {}).get(f.gtin, f.not_in_store), period, cover_days, f.on_hand
            ),
            fit_shift=(fit_shifts or {}).get(f.style_id, 0),
        )
        for f in facts
    ]
    rows.sort(
        key=lambda r: (
            -r.not_in_store,
            -r.suggested_restock,
            r.style_id,
            float(r.size_eu),
            r.gtin,
        )
    )
    return LostDemandReport(
        store_id=store_id,
        since=since,
        until=until,
        cover_days=cover_days,
        generated_at=generated_at,
        rows=rows,
    )


def to_csv(report: LostDemandReport) -> str:
    """The report as CSV, safe to open in a spreadsheet (``csv_safety``)."""
    rows = (row.model_dump() for row in report.rows)
    return to_csv_text(CSV_COLUMNS, ([data[c] for c in CSV_COLUMNS] for data in rows))
