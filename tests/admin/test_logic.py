"""Plain-Python admin logic: tally, rows, report text, chart bars, QR numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from inventory_client.models import (
    FetchRequest,
    FetchStatus,
    ImportKind,
    ImportLineError,
    ImportReport,
    LostDemandReport,
    LostDemandRow,
)
from kiosk.admin.controller import order_number_from_qr
from kiosk.admin.demand_view import chart_bars
from kiosk.admin.import_view import describe_report
from kiosk.admin.receiving import ReceivedScan, ReceivingTally
from kiosk.admin.rows import fetch_rows, format_age, format_countdown, order_rows

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_tally_counts_per_gtin_sorted_and_undoes_last() -> None:
    tally = ReceivingTally()
    tally.add(ReceivedScan("2", "B shoe", "42"))
    tally.add(ReceivedScan("1", "A shoe", "43"))
    tally.add(ReceivedScan("3", "A shoe", "40.5"))
    assert tally.add(ReceivedScan("2", "B shoe", "42")).count == 2
    assert [(ln.product, ln.size, ln.count) for ln in tally.lines()] == [
        ("A shoe", "40.5", 1),
        ("A shoe", "43", 1),
        ("B shoe", "42", 2),
    ]
    undone = tally.undo_last()
    assert undone is not None and undone.gtin == "2" and tally.total == 3
    assert tally.line_for("2").count == 1
    keys = {s.idempotency_key for s in [undone, *[tally.undo_last() for _ in range(3)]]}
    assert len(keys) == 4  # every scan has its own key
    assert tally.undo_last() is None and tally.lines() == []


def test_ages_and_countdowns() -> None:
    assert [format_age(s) for s in (-3, 45, 60, 3599, 3900)] == [
        "0 s",
        "45 s",
        "1 min",
        "59 min",
        "1 h 05 min",
    ]
    assert [format_countdown(s) for s in (105, 104.2, 0.1, 0)] == ["1:45", "1:45", "0:01", "0:00"]


def fetch(ticket: int, status: FetchStatus, minutes_ago: int) -> FetchRequest:
    at = NOW - timedelta(minutes=minutes_ago)
    return FetchRequest(
        id=f"f{ticket}",
        ticket=ticket,
        kiosk_id="k1",
        store_id="s1",
        gtin="2400013600002",
        style_name="Fjord Hiker",
        size_eu="42",
        status=status,
        created_at=at,
        updated_at=at,
    )


def test_fetch_rows_keep_open_and_claimed_oldest_first() -> None:
    rows = fetch_rows(
        [
            fetch(1, FetchStatus.CLAIMED, 2),
            fetch(2, FetchStatus.DONE, 9),
            fetch(3, FetchStatus.OPEN, 5),
            fetch(4, FetchStatus.CANCELLED, 1),
        ],
        NOW,
    )
    assert [(r.ticket, r.age, r.can_claim, r.can_finish) for r in rows] == [
        (3, "5 min", True, False),
        (1, "2 min", False, True),
    ]


@dataclass
class Entry:
    kind: str
    status: str
    payload: str | None
    created_at: datetime
    idempotency_key: str


def test_order_rows_show_kiosk_side_entries_without_addresses() -> None:
    payload = json.dumps(
        {"lines": [{"gtin": "2400013600002", "quantity": 1}], "ship_to": {"name": "Erika"}}
    )
    rows = order_rows(
        [],
        [
            Entry("order", "pending", payload, NOW, "k1"),
            Entry("order", "failed", None, NOW - timedelta(hours=1), "k2"),
            Entry("order", "sent", None, NOW, "k3"),
            Entry("stock_adjustment", "pending", "{}", NOW, "k4"),
        ],
    )
    assert [(r.status, r.items, r.can_retry) for r in rows] == [
        ("queued on the kiosk", "1× 2400013600002", True),
        ("failed", "", False),
    ]
    assert all("Erika" not in r.items for r in rows)


def test_import_report_text_lists_every_bad_line() -> None:
    report = ImportReport(
        kind=ImportKind.STOCK,
        dry_run=True,
        applied=False,
        rows=3,
        created=0,
        updated=1,
        unchanged=0,
        errors=[
            ImportLineError(line=3, column="gtin", message="not in the catalogue"),
            ImportLineError(line=4, message="wrong number of fields"),
        ],
        errors_omitted=2,
    )
    assert describe_report(report).splitlines() == [
        "4 problems — nothing was written:",
        "line 3 (gtin): not in the catalogue",
        "line 4: wrong number of fields",
        "… and 2 more",
    ]


def test_chart_bars_are_the_most_missed_sizes() -> None:
    def row(size: str, missed: int) -> LostDemandRow:
        return LostDemandRow(
            style_id="s",
            style_name="Hiker",
            brand="B",
            gtin="2400013600002",
            size_eu=size,
            scanned=0,
            size_viewed=0,
            not_in_store=missed,
            notify_me=0,
            orders=0,
            on_hand=0,
            suggested_restock=0,
        )

    report = LostDemandReport(
        store_id="s1",
        since=NOW - timedelta(days=7),
        until=NOW,
        cover_days=28,
        generated_at=NOW,
        rows=[row("40", 1), row("42", 5), row("41", 0)],
    )
    assert chart_bars(report) == [("Hiker 42", 5), ("Hiker 40", 1)]


def test_order_number_from_qr() -> None:
    assert order_number_from_qr("EA-4K7Q9M") == "EA-4K7Q9M"
    assert order_number_from_qr("https://x.example/o/ea-4k7q9m?x=1") == "EA-4K7Q9M"
    assert order_number_from_qr(" 4K7Q9M ") == "4K7Q9M"
