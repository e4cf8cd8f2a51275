"""The chain load benchmark runs, stops by itself (time and request cap) and finds no
oversold, duplicated or lost order: a small run on each engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load_chain.py"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "workers"), [("sqlite", "1"), ("postgresql", "2")], ids=["sqlite", "postgresql"]
)
def test_small_chain_run_is_bounded_and_clean(engine: str, workers: str, request) -> None:
    if engine == "postgresql":
        request.getfixturevalue("pg_sandbox")  # skips (outside CI) without the server binaries
    small = ["--stores", "5", "--kiosks", "2", "--users", "4", "--run-time", "5"]
    bounded = [*small, "--max-requests", "150"]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--engine", engine, "--workers", workers, *bounded],
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "| **all** |" in done.stdout
    assert "oversold 0 · duplicated 0 · lost 0" in done.stdout
