"""The benchmarks' shared helpers: statistics and tables they print must be right."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import _harness


def test_percentile_is_nearest_rank_and_always_a_measured_value() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert _harness.percentile(values, 50) == 3.0
    assert _harness.percentile(values, 95) == 5.0
    assert _harness.percentile(values, 0) == 1.0
    assert _harness.percentile(list(range(1, 201)), 95) == 190
    assert math.isnan(_harness.percentile([], 50))


def test_verdict_compares_with_the_limit() -> None:
    assert _harness.verdict(100.0, 100.0) == "met"
    assert _harness.verdict(100.5, 100.0) == "NOT met"
    assert _harness.verdict(math.nan, 1.0) == "not measured"


def test_markdown_table_has_a_header_rule_and_one_line_per_row() -> None:
    table = _harness.markdown_table(["a", "b"], [[1, "x"], [2, "y"]])
    assert table.splitlines() == ["| a | b |", "|---|---|", "| 1 | x |", "| 2 | y |"]


def test_demo_scans_come_from_the_catalogue() -> None:
    scans = _harness.demo_scans()
    assert scans and all(len(code) == 13 and code.isdigit() for code in scans)


def test_rss_is_a_plausible_number_of_bytes() -> None:
    assert 1 << 20 < _harness.rss_bytes() < 1 << 40
