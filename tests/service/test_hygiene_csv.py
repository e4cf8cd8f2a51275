"""CSV exports are safe in a spreadsheet read with ``,`` and with ``;`` (issue 15, item 4).

The lost-demand CSV is built from a report whose style names and brands carry formula
tricks, then parsed as a comma reader and as a semicolon reader (the German and French
spreadsheet default, which ignores the file's quoting of a ``,`` file): no cell of
either reading may start a formula. Hypothesis adds arbitrary text around the tricks.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import inventory_client
import inventory_service
import kiosk
from inventory_client.models import LostDemandReport, LostDemandRow
from inventory_service.csv_safety import FORMULA_STARTS, safe_cell, to_csv_text
from inventory_service.demand_report import CSV_COLUMNS, to_csv

TRICKS = [
    "=1+1",
    "Comfy shoe;=1+1;",
    'Comfy shoe,=HYPERLINK("http://x")',
    "+49 30 123",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "ok; =1+1",
    "ok,  @x",
    "line\n=1+1",
]


def _report(names: list[str]) -> LostDemandReport:
    moment = datetime(2026, 5, 1, tzinfo=UTC)
    rows = [
        LostDemandRow(
            style_id=f"s{i}", style_name=name, brand=name, gtin="2400013600002", size_eu="42",
            scanned=1, size_viewed=1, not_in_store=1, notify_me=0, orders=0, conversion=0.0,
            on_hand=0, suggested_restock=1,
        )
        for i, name in enumerate(names)
    ]  # fmt: skip
    return LostDemandReport(
        store_id="berlin-mitte", since=moment, until=moment, cover_days=28,
        generated_at=moment, rows=rows,
    )  # fmt: skip


def _cells(text: str, delimiter: str) -> list[str]:
    """The cells of ``text`` for a reader that honours quotes, and for one that does not
    (splits each physical line on ``delimiter``)."""
    quoted = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    naive = (line.split(delimiter) for line in text.splitlines())
    return [cell for row in quoted for cell in row] + [cell for row in naive for cell in row]


def _starts_a_formula(cell: str) -> bool:
    """A spreadsheet skips leading spaces, quotes, tabs and line breaks before ``=``."""
    start = cell.lstrip(' "\t\r\n')[:1]
    return start != "" and start in FORMULA_STARTS


def assert_safe_both_ways(text: str) -> None:
    for delimiter in (",", ";"):
        bad = [cell for cell in _cells(text, delimiter) if _starts_a_formula(cell)]
        assert bad == [], (delimiter, bad)


def test_lost_demand_csv_has_no_formula_cell_for_comma_or_semicolon_readers():
    text = to_csv(_report(TRICKS))
    assert_safe_both_ways(text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)  # a comma reader keeps the columns
    names = [row[1] for row in rows[1:]]
    assert names[0] == "'=1+1" and names[1] == "Comfy shoe;'=1+1;"  # visible, but text
    assert [name.replace("'", "") for name in names] == TRICKS  # nothing else changed


def test_numbers_are_written_as_numbers():
    assert safe_cell(3) == 3 and safe_cell(0.25) == 0.25 and safe_cell(None) == ""
    assert to_csv_text(["a"], [[-1]]) == "a\r\n-1\r\n"  # a number is data, never neutralised


@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.sampled_from(TRICKS), st.text(max_size=12)).map("".join),
        min_size=1,
        max_size=5,
    )
)
@settings(max_examples=150, deadline=None, database=None)
def test_any_text_around_a_trick_stays_harmless(names: list[str]):
    assert_safe_both_ways(to_csv_text(["name", "brand"], [[n, n] for n in names]))


def test_every_csv_writer_in_the_product_goes_through_csv_safety():
    """Any other CSV export (the customer-voice report, the admin's exports) is held to the
    same rule: a module that writes CSV takes its cells from ``csv_safety``."""
    roots = [
        Path(module.__file__).parent for module in (inventory_service, kiosk, inventory_client)
    ]
    writers = [
        path
        for root in roots
        for path in root.rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8") and path.name != "csv_safety.py"
    ]
    assert writers  # the walk finds the exports
    for path in writers:
        assert "csv_safety" in path.read_text(encoding="utf-8"), path
