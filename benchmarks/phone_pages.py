"""Phone pages (issue 18): what a phone downloads and how long the service takes.

Usage (from the repository root)::

    .venv/bin/python benchmarks/phone_pages.py [--rounds 25]

Starts the reference service on loopback (demo seed, SQLite). Per round it makes a hand-off
as a kiosk would, opens it as a phone (the 303 and the order page), fetches what the page
links (stylesheet, picture), posts the form, and opens the status page; then prints one
Markdown table: bytes of the first load (page + stylesheet + picture) and the median and
95th-percentile server time of each step, measured at the client on one keep-alive
connection.

Anchor (issue 18): the first load is under 50 KB; a phone on store Wi-Fi adds its own
round trips, so the server's share should stay a small part of a second.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inventory_client.handoff import handoff_link
from inventory_service.catalogue import DEMO_CATALOGUE
from inventory_service.launcher import ServiceProcess


class Stopwatch:
    """``with watch("step"):`` adds the block's milliseconds to that step."""

    def __init__(self, steps: list[str]) -> None:
        self.times: dict[str, list[float]] = {step: [] for step in steps}
        self._step = ""
        self._started = 0.0

    def __call__(self, step: str) -> Stopwatch:
        self._step = step
        return self

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.times[self._step].append((time.perf_counter() - self._started) * 1000)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _warehouse_gtins() -> list[str]:
    """Sizes with at least 5 pairs at a warehouse (each round orders one of the next)."""
    catalogue = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    stock = catalogue["stock"]
    return [
        s["gtin"] for s in stock if kinds[s["location_id"]] == "warehouse" and s["on_hand"] >= 5
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # At most 30: the service takes 30 order posts from one address at once (then 1 per 2 s).
    p.add_argument("--rounds", type=int, default=25)
    args = p.parse_args(argv)
    watch = Stopwatch(["hand-off", "open + order page", "post", "status"])
    first_load: list[int] = []
    gtins = _warehouse_gtins()
    with (
        tempfile.TemporaryDirectory() as tmp,
        ServiceProcess(Path(tmp) / "db.sqlite", seed="demo") as service,
    ):
        url = service.url
        kiosk = requests.Session()
        kiosk.headers["Authorization"] = f"Bearer {service.kiosk_key}"
        for round_no in range(args.rounds):
            gtin = gtins[round_no % len(gtins)]
            body = {"kiosk_id": service.kiosk_id, "store_id": service.store_id, "gtin": gtin}
            with watch("hand-off"):
                ticket = kiosk.post(f"{url}/v1/handoffs", json=body, timeout=10).json()
            phone = requests.Session()
            with watch("open + order page"):
                page = phone.get(handoff_link(url, ticket["token"], "de"), timeout=10)
            assets = re.findall(r'(?:href|src)="(/[^"]+)"', page.text)
            fetched = [phone.get(url + a, timeout=10).content for a in assets]
            first_load.append(len(page.content) + sum(map(len, fetched)))
            found = re.search(r'name="order_key" value="([0-9a-f]{32})"', page.text)
            assert found is not None
            form = {
                "order_key": found.group(1),
                "gtin": gtin,
                "name": f"Bench Shopper {round_no}",
                "street": "Weg 1",
                "postcode": "10115",
                "city": "Berlin",
                "country": "DE",
                "email": "bench@example.org",
                "phone": "",
            }
            with watch("post"):
                status = phone.post(f"{url}/m/order?lang=de", data=form, timeout=10)
            assert status.status_code == 200, re.findall(
                r"class=\"(?:error|alert)\"[^>]*>([^<]*)", status.text
            )
            with watch("status"):
                phone.get(status.url, timeout=10)
            phone.close()
        kiosk.close()
    steps = watch.times
    header = " | ".join(f"{step} p50 / p95 ms" for step in steps)
    print(f"| rounds | first load bytes (max) | {header} |")
    print("|---|---|" + "---|" * len(steps))
    cells = " | ".join(f"{statistics.median(v):.0f} / {_pct(v, 0.95):.0f}" for v in steps.values())
    print(f"| {args.rounds} | {max(first_load):,} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
