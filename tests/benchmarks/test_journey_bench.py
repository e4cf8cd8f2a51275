"""The shopper-journey benchmark runs end to end in a tiny mode and prints its table.

Only that it completes and reports every figure is checked: timings are the benchmark's
business (docs/PERFORMANCE.md), never a test's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "journey.py"

FIGURES = (
    "scan to size grid painted, p50",
    "scan to size grid painted, p95",
    "scan to size grid painted, max",
    "p50: decode+confirm / round trip / render",
    "cold start to ready-to-scan, median of 1",
    "RSS growth, journey 4 to 20",
    "journeys that did not reach the grid (of 20)",
)


@pytest.mark.slow
def test_journey_benchmark_prints_every_figure_beside_its_target() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--scans", "3", "--runs", "1", "--journeys", "20"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == "| figure | measured | target | verdict |"
    rows = {
        line.split(" | ")[0].strip("| ").strip(): line for line in lines if line.startswith("|")
    }
    for figure in FIGURES:
        assert figure in rows, (figure, proc.stdout)
    for figure in ("p50", "p95"):
        verdict = rows[f"scan to size grid painted, {figure}"].rstrip(" |").rsplit("| ", 1)[1]
        assert verdict in ("met", "NOT met")
    # Every scan and every journey reached the size grid: the tiny run measured something.
    assert "| 3 of 3 |" in rows["scans counted (not found or timed out: 0)"]
    assert rows["journeys that did not reach the grid (of 20)"].split(" | ")[1] == "0"
