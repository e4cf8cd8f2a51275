"""Chain load benchmark (locust, headless): hundreds of stores on one central service.

Usage (from the repository root)::

    .venv/bin/python benchmarks/load_chain.py --engine sqlite --workers 1
    .venv/bin/python benchmarks/load_chain.py --engine postgresql --workers 4
        [--stores 300] [--kiosks 3] [--users 60] [--run-time 30] [--max-requests 200000]

The service is the real one (``python -m inventory_service --workers N``) on loopback,
on a SQLite file or on a database of a throwaway PostgreSQL server (``PostgresSandbox``).
The chain: the demo catalogue plus ``--stores`` stores, ``--kiosks`` kiosk keys and one
staff key each. Locust users, with no think time (saturation):

- kiosk (weight 9): a *scan* (``GET /v1/variants/{gtin}/availability``: the one read a
  kiosk makes per scan, revalidated with the ETag it last got for that GTIN, as the client
  does), demand events, heartbeats, fetch requests, and
  orders: half of them for a hot set of last pairs (one pair each at every warehouse),
  and every tenth order sent twice under one key (a lost answer, retried);
- staff (weight 1): restocking by scanning (receive +1) and the fetch queue.

The run stops by itself after ``--run-time`` seconds or ``--max-requests`` requests.
Then the database is checked: oversold pairs (orders beyond the hot pairs' stock, or a
reservation above on hand), duplicated orders (orders without their own key, a key with
two orders) and lost orders (acknowledged, not stored). All three must be 0.
Prints one Markdown table per run. The load generator shares the machine's cores with
the service; figures are what this machine does with both.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import gevent
from locust import HttpUser, constant, task  # patches the stdlib (gevent): before our imports
from locust.env import Environment

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inventory_client.models import Location, LocationKind
from inventory_service import rules
from inventory_service.catalogue import load_catalogue
from inventory_service.launcher import ServiceProcess
from inventory_service.seed import seed_demo
from inventory_service.storage import KeyScope, StockRecord
from inventory_service.storage.backends import backend_for

HOT_PAIRS = 20
STOCKED_GTINS_PER_STORE = 24
SPAWN_RATE = 20


class Chain:
    """What the users share: kiosks, GTINs, and what the service acknowledged."""

    kiosks: ClassVar[list[tuple[str, str, str]]] = []  # (key, kiosk_id, store_id)
    staff: ClassVar[list[tuple[str, str]]] = []  # (key, store_id)
    gtins: ClassVar[list[str]] = []
    hot: ClassVar[list[str]] = []
    acknowledged: ClassVar[set[str]] = set()  # order ids
    by_key: ClassVar[dict[str, set[str]]] = {}
    scans = 0


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Kiosk(HttpUser):
    weight = 9
    wait_time = constant(0)

    def on_start(self) -> None:
        key, self.kiosk_id, self.store_id = random.choice(Chain.kiosks)
        self.client.headers["Authorization"] = f"Bearer {key}"
        self.etags: dict[str, str] = {}  # what this kiosk's cache holds

    @task(10)
    def scan(self) -> None:
        gtin = random.choice(Chain.gtins)
        tag = self.etags.get(gtin)
        with self.client.get(
            f"/v1/variants/{gtin}/availability",
            params={"store_id": self.store_id},
            headers={"If-None-Match": tag} if tag else None,
            name="/v1/variants/{gtin}/availability",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 304):
                self.etags[gtin] = response.headers.get("ETag", "")
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
        Chain.scans += 1

    @task(4)
    def demand(self) -> None:
        self.client.post(
            "/v1/demand-events",
            json={
                "id": uuid.uuid4().hex,
                "kind": random.choice(["scanned", "size_viewed", "not_in_store"]),
                "gtin": random.choice(Chain.gtins),
                "kiosk_id": self.kiosk_id,
                "store_id": self.store_id,
                "at": _now(),
            },
        )

    @task(1)
    def heartbeat(self) -> None:
        self.client.post(
            "/v1/kiosks/heartbeat",
            json={
                "kiosk_id": self.kiosk_id,
                "version": "bench",
                "uptime_s": 100.0,
                "camera_ok": True,
                "outbox_backlog": 0,
                "at": _now(),
            },
        )

    @task(1)
    def fetch(self) -> None:
        with self.client.post(
            "/v1/fetch-requests",
            json={
                "kiosk_id": self.kiosk_id,
                "store_id": self.store_id,
                "gtin": random.choice(Chain.gtins),
            },
            catch_response=True,
        ) as resp:
            if resp.status_code == 409:  # not in this store: a true answer, not an error
                resp.success()

    @task(2)
    def order(self) -> None:
        gtin = random.choice(Chain.hot if random.random() < 0.5 else Chain.gtins)
        body = {
            "kiosk_id": self.kiosk_id,
            "store_id": self.store_id,
            "lines": [{"gtin": gtin, "quantity": 1}],
            "ship_to": {
                "name": "Load Test",
                "street": "Teststraße 1",
                "postcode": "10115",
                "city": "Berlin",
                "country": "DE",
            },
        }
        key = uuid.uuid4().hex
        for _ in range(2 if random.random() < 0.1 else 1):
            with self.client.post(
                "/v1/orders",
                json=body,
                headers={"Idempotency-Key": key},
                name="/v1/orders",
                catch_response=True,
            ) as resp:
                if resp.status_code in (200, 201):
                    order_id = resp.json()["id"]
                    Chain.acknowledged.add(order_id)
                    Chain.by_key.setdefault(key, set()).add(order_id)
                elif resp.status_code == 409:  # sold out: the last pair went elsewhere
                    resp.success()


class Staff(HttpUser):
    weight = 1
    wait_time = constant(0)

    def on_start(self) -> None:
        key, self.store_id = random.choice(Chain.staff)
        self.client.headers["Authorization"] = f"Bearer {key}"

    @task(3)
    def restock(self) -> None:
        self.client.post(
            "/v1/stock-adjustments",
            json={
                "location_id": self.store_id,
                "gtin": random.choice(Chain.gtins),
                "kind": "receive",
                "quantity": 1,
                "actor": "bench",
            },
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )

    @task(1)
    def queue(self) -> None:
        self.client.get(
            "/v1/fetch-requests", params={"store_id": self.store_id}, name="/v1/fetch-requests"
        )


# --- the chain -------------------------------------------------------------------------


def build_chain(db: str | Path, stores: int, kiosks: int) -> dict[str, int]:
    """Seed the demo, add the chain's stores and keys, make the hot last pairs."""
    seed_demo(db)
    catalogue = load_catalogue()
    rng = random.Random(7)
    gtins = [v.gtin for v in catalogue.variants]
    Chain.gtins = gtins
    new_stores = [
        Location(
            id=f"store-{i:03d}",
            name=f"Store {i}",
            kind=LocationKind.STORE,
            latitude=47 + rng.random() * 8,
            longitude=6 + rng.random() * 9,
        )
        for i in range(1, stores + 1)
    ]
    stock = [
        StockRecord(store.id, gtin, rng.randint(0, 3))
        for store in new_stores
        for gtin in rng.sample(gtins, STOCKED_GTINS_PER_STORE)
    ]
    backend = backend_for(db)
    try:
        with backend.open() as storage:
            storage.import_catalogue(new_stores, [], [], stock)
            Chain.kiosks, Chain.staff = [], []
            for store in new_stores:
                for k in range(1, kiosks + 1):
                    key = f"bench-kiosk-{store.id}-{k}"
                    storage.add_api_key(
                        rules.hash_api_key(key), KeyScope.KIOSK, store.id, f"k{k}", key
                    )
                    Chain.kiosks.append((key, f"k{k}", store.id))
                key = f"bench-staff-{store.id}"
                storage.add_api_key(rules.hash_api_key(key), KeyScope.STAFF, store.id, None, key)
                Chain.staff.append((key, store.id))
            Chain.hot = rng.sample(gtins, HOT_PAIRS)
            marks = ",".join("?" * len(Chain.hot))
            storage.db.transact(
                lambda: storage.db.run(
                    f"UPDATE stock SET on_hand = 1 WHERE gtin IN ({marks}) AND location_id IN "
                    "(SELECT id FROM locations WHERE kind = 'warehouse')",
                    Chain.hot,
                )
            )
            supply = storage.db.all(
                f"SELECT gtin, SUM(on_hand) AS pairs FROM stock WHERE gtin IN ({marks}) "
                "AND location_id IN (SELECT id FROM locations WHERE kind = 'warehouse') "
                "GROUP BY gtin",
                Chain.hot,
            )
    finally:
        backend.dispose()
    return {r["gtin"]: int(r["pairs"]) for r in supply}


def check_orders(db: str | Path, supply: dict[str, int]) -> dict[str, int]:
    backend = backend_for(db)
    try:
        with backend.open() as storage:
            q = storage.db.all
            sold = q(
                "SELECT l.gtin, SUM(l.quantity) AS pairs FROM orders o JOIN order_lines l "
                "ON l.order_id = o.id WHERE o.status != 'cancelled' GROUP BY l.gtin"
            )
            over_hot = sum(
                max(0, int(r["pairs"]) - supply[r["gtin"]]) for r in sold if r["gtin"] in supply
            )
            over_rows = q("SELECT COUNT(*) AS n FROM stock WHERE reserved > on_hand")[0]["n"]
            orders = q("SELECT id FROM orders")
            keys = q("SELECT COUNT(*) AS n FROM idempotency WHERE route = 'POST /v1/orders'")
    finally:
        backend.dispose()
    stored = {r["id"] for r in orders}
    two_per_key = sum(1 for ids in Chain.by_key.values() if len(ids) > 1)
    return {
        "orders": len(stored),
        "oversold": over_hot + int(over_rows),
        "duplicated": max(0, len(stored) - int(keys[0]["n"])) + two_per_key,
        "lost": len(Chain.acknowledged - stored),
    }


def run_load(url: str, users: int, run_time: float, max_requests: int) -> tuple[Any, float]:
    env = Environment(user_classes=[Kiosk, Staff], host=url)
    runner = env.create_local_runner()
    count = Counter[str]()

    def on_request(**_: Any) -> None:
        count["n"] += 1
        if count["n"] >= max_requests:
            runner.quit()

    env.events.request.add_listener(on_request)
    runner.start(users, spawn_rate=SPAWN_RATE)
    gevent.spawn_later(users / SPAWN_RATE, env.stats.reset_all)  # measure at full load only
    started = time.monotonic()
    gevent.spawn_later(run_time + users / SPAWN_RATE, runner.quit)
    runner.greenlet.join()
    return env.stats, time.monotonic() - started - users / SPAWN_RATE


def print_table(label: str, stats: Any, seconds: float, checks: dict[str, int]) -> None:
    print(f"\n### {label}\n")
    print("| route | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for (name, method), e in sorted(stats.entries.items()):
        print(
            f"| {method} {name} | {e.num_requests} | {e.num_requests / seconds:.0f} | "
            f"{e.get_response_time_percentile(0.5):.0f} | "
            f"{e.get_response_time_percentile(0.95):.0f} | "
            f"{e.get_response_time_percentile(0.99):.0f} | {e.num_failures} |"
        )
    t = stats.total
    print(
        f"| **all** | {t.num_requests} | **{t.num_requests / seconds:.0f}** | "
        f"{t.get_response_time_percentile(0.5):.0f} | {t.get_response_time_percentile(0.95):.0f} "
        f"| {t.get_response_time_percentile(0.99):.0f} | {t.num_failures} |"
    )
    for error in stats.errors.values():
        print(f"\nerror: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    print(
        f"\nscans/s {Chain.scans / seconds:.0f} · orders stored {checks['orders']} · "
        f"oversold {checks['oversold']} · duplicated {checks['duplicated']} · "
        f"lost {checks['lost']}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--stores", type=int, default=300)
    p.add_argument("--kiosks", type=int, default=3)
    p.add_argument("--users", type=int, default=60)
    p.add_argument("--run-time", type=float, default=30.0, help="seconds at full load")
    p.add_argument("--max-requests", type=int, default=200_000)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="load-chain-") as tmp:
        sandbox = None
        if args.engine == "postgresql":
            from inventory_service.pg_sandbox import PostgresSandbox

            sandbox = PostgresSandbox()
            sandbox.start()
        try:
            db: str | Path = sandbox.create_database() if sandbox else Path(tmp) / "chain.db"
            supply = build_chain(db, args.stores, args.kiosks)
            service = ServiceProcess(db, seed=None, extra_args=["--workers", str(args.workers)])
            service.start(timeout=180)
            try:
                stats, seconds = run_load(service.url, args.users, args.run_time, args.max_requests)
                if stats.total.num_failures:  # the service's log says why
                    print(service.stderr_text()[-4000:], file=sys.stderr)
            finally:
                service.stop()
            checks = check_orders(db, supply)
        finally:
            if sandbox is not None:
                sandbox.stop()
    label = (
        f"{args.engine}, {args.workers} worker(s): {args.stores} stores × {args.kiosks} "
        f"kiosks, {args.users} users, {seconds:.0f} s"
    )
    print_table(label, stats, seconds, checks)
    return 0 if checks["oversold"] == checks["duplicated"] == checks["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
