"""Shared parts of the benchmarks: the real service on loopback, a client, statistics, tables.

Nothing here fakes a part of the product: the service is the reference service started as a
child process on 127.0.0.1 with the demo seed, the client is the real
:class:`~inventory_client.InventoryClient`. Only the clock readings and the tables are ours.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from inventory_service.launcher import ServiceProcess

DEMO_CATALOGUE = ROOT / "assets" / "demo" / "catalogue.json"
SERVICE_START_TIMEOUT_S = 30.0


def use_offscreen_qt() -> None:
    """Draw real widgets without a display unless the caller chose a platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def demo_scans(catalogue: Path = DEMO_CATALOGUE) -> list[str]:
    """The GTINs the demo invites shoppers to scan (``demo_scans`` in the catalogue)."""
    data = json.loads(catalogue.read_text(encoding="utf-8"))
    scans = [str(code) for code in data.get("demo_scans", [])]
    if not scans:
        raise ValueError(f"{catalogue} lists no demo_scans")
    return scans


@contextmanager
def demo_service(data_dir: Path) -> Iterator[ServiceProcess]:
    """The reference service on loopback, freshly seeded with the demo catalogue."""
    from inventory_service.launcher import ServiceProcess

    data_dir.mkdir(parents=True, exist_ok=True)
    service = ServiceProcess(data_dir / "inventory.sqlite", seed="demo")
    service.start(timeout=SERVICE_START_TIMEOUT_S)
    try:
        yield service
    finally:
        service.stop()


def demo_client(service: ServiceProcess, data_dir: Path) -> InventoryClient:
    """A client for the demo kiosk, exactly as ``python -m kiosk demo`` builds it."""
    from inventory_client import InventoryClient

    return InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=data_dir / "outbox.sqlite",
    )


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100): always a value that was measured."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def rss_bytes() -> int:
    """Resident set size of this process, from ``/proc/self/statm`` (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table, one row per line."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(value: float, limit: float) -> str:
    """``met`` / ``NOT met`` for a figure that must stay at or under ``limit``."""
    if math.isnan(value):
        return "not measured"
    return "met" if value <= limit else "NOT met"
