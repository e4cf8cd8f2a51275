"""The pieces of the fault suite: a killable service behind the fault proxy, seeded
scenarios, and the checks run against the service's own records after recovery.

Reproduce a run with ``FAULT_SEED`` (default below) and ``FAULT_SCENARIOS`` (per batch).
``FAULT_REPORT`` names a JSON file the suite writes its totals to (docs/RELIABILITY.md).
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import random
import signal
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proxy import Fault, FaultKind, FaultProxy

from inventory_client import CircuitBreaker, InventoryClient, InventoryError
from inventory_client._outbox import OutboxKind, OutboxStatus
from inventory_client.models import (
    AdjustmentKind,
    DemandKind,
    Order,
    OrderLineRequest,
    ShipTo,
    StockAdjustment,
)
from inventory_service.catalogue import DEMO_CATALOGUE
from inventory_service.launcher import ServiceProcess

DEFAULT_SEED = 20240611
SEED = int(os.environ.get("FAULT_SEED", DEFAULT_SEED))
SCENARIOS_PER_BATCH = int(os.environ.get("FAULT_SCENARIOS", "100"))
BATCHES = 5

CONNECT_TIMEOUT = 0.3
READ_TIMEOUT = 0.5
WAREHOUSE_STOCK = 400  # per warehouse row: orders are not meant to run out here

SHIP_TO = ShipTo(
    name="Hanna Faultline",
    street="Prüfweg 17",
    postcode="04109",
    city="Leipzig",
    country="DE",
    email="hanna.faultline@example.org",
    phone="+49 341 5550199",
)

# Faults a request may meet, and how often (kills are rarer: each costs a restart).
FAULT_WEIGHTS: dict[FaultKind, int] = {
    FaultKind.REFUSE: 10,
    FaultKind.RESET_MID_RESPONSE: 10,
    FaultKind.DELAY: 6,
    FaultKind.GARBAGE: 10,
    FaultKind.HTTP_500: 8,
    FaultKind.HTTP_503: 8,
    FaultKind.SLOW_DRIP: 6,
    FaultKind.KILL: 2,
}
OPERATION_WEIGHTS = {"order": 55, "adjust": 15, "fetch": 10, "read": 12, "demand": 8}


def boosted_catalogue(directory: Path) -> Path:
    """The demo catalogue with deep warehouse stock, so "sold out" is rare in the suite."""
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    warehouses = {loc["id"] for loc in data["locations"] if loc["kind"] == "warehouse"}
    for row in data["stock"]:
        if row["location_id"] in warehouses:
            row["on_hand"] = WAREHOUSE_STOCK
    path = directory / "fault-catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class FaultyService:
    """The real service behind a ``FaultProxy``; can be SIGKILLed and restarted on the same
    database (the proxy's address stays the same)."""

    def __init__(self, directory: Path) -> None:
        self.db_path = directory / "inventory.db"
        self.service = ServiceProcess(self.db_path, seed=str(boosted_catalogue(directory)))
        self.proxy: FaultProxy | None = None
        self.kills = 0
        self.restarts = 0

    def __enter__(self) -> FaultyService:
        self.service.start()
        self.proxy = FaultProxy(_address(self.service.url))
        self.proxy.on_kill = self.kill
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proxy is not None:
            self.proxy.close()
        self.service.stop()

    @property
    def url(self) -> str:
        assert self.proxy is not None
        return self.proxy.url

    def kill(self) -> None:
        """SIGKILL, as a power cut or an OOM kill would."""
        proc = self.service._proc
        if proc is not None and proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            self.kills += 1

    def ensure_running(self) -> None:
        if not self.service.running:
            self.service.stop()  # tidy the dead process's logs
            self.service.start()
            assert self.proxy is not None
            self.proxy.retarget(_address(self.service.url))
            self.restarts += 1

    def read_only(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)


def _address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def make_client(
    url: str, service: ServiceProcess, outbox_path: Path, **kwargs: Any
) -> InventoryClient:
    assert service.kiosk_key and service.kiosk_id and service.store_id
    kwargs.setdefault("breaker", CircuitBreaker(failure_threshold=3, cooldown=0.2))
    return InventoryClient(
        url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=outbox_path,
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        staff_key=service.staff_key,
        **kwargs,
    )


@dataclass
class Tally:
    """What happened in a batch, summed up for the report."""

    scenarios: int = 0
    operations: collections.Counter[str] = field(default_factory=collections.Counter)
    faults: collections.Counter[str] = field(default_factory=collections.Counter)
    orders_attempted: int = 0
    orders_confirmed_at_once: int = 0
    orders_queued: int = 0  # "pending confirmation"
    orders_refused: int = 0  # the service said no for good (e.g. sold out)
    orders_at_service: int = 0
    orders_lost: int = 0
    orders_duplicated: int = 0
    adjustments_sent: int = 0
    service_kills: int = 0
    service_restarts: int = 0
    unexpected: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, collections.Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def as_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        data["operations"] = dict(sorted(self.operations.items()))
        data["faults"] = dict(sorted(self.faults.items()))
        return data


@dataclass
class Pools:
    order_gtins: list[str]
    home_gtins: list[str]
    read_gtins: list[str]


def pools(catalogue: dict[str, Any]) -> Pools:
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    home = catalogue["home_store_id"]
    warehouse = sorted(
        {r["gtin"] for r in catalogue["stock"] if kinds[r["location_id"]] == "warehouse"}
    )
    at_home = sorted({r["gtin"] for r in catalogue["stock"] if r["location_id"] == home})
    return Pools(warehouse[:40], at_home[:6], list(catalogue["demo_scans"]))


def random_faults(rng: random.Random) -> list[Fault]:
    """0-3 faults for the next requests; about one scenario in six meets none."""
    count = rng.choices([0, 1, 2, 3], weights=[1, 3, 1, 1])[0]
    kinds = list(FAULT_WEIGHTS)
    weights = list(FAULT_WEIGHTS.values())
    return [
        Fault(
            kind=kind,
            after_forward=rng.random() < 0.5,
            delay=READ_TIMEOUT + 0.2,
            seed=rng.randrange(1 << 30),
        )
        for kind in rng.choices(kinds, weights=weights, k=count)
    ]


def run_operation(
    client: InventoryClient,
    op: str,
    rng: random.Random,
    pool: Pools,
    tally: Tally,
    confirmed: dict[str, str],
    adjustments: dict[str, str],
) -> None:
    """One shopper or staff action through the client; every outcome must be a typed one."""
    try:
        if op == "order":
            key = client.new_idempotency_key()
            tally.orders_attempted += 1
            gtin = rng.choice(pool.order_gtins)
            try:
                order = client.place_order(
                    [OrderLineRequest(gtin=gtin)], SHIP_TO, idempotency_key=key
                )
            except InventoryError as exc:
                if exc.queued:
                    tally.orders_queued += 1
                else:
                    tally.orders_refused += 1
            else:
                assert isinstance(order, Order)
                confirmed[key] = order.id
                tally.orders_confirmed_at_once += 1
        elif op == "adjust":
            gtin = rng.choice(pool.home_gtins)
            quantity = rng.choice([-1, 1, 2, 3])
            key = client.new_idempotency_key()
            try:
                result = client.staff().adjust_stock(
                    gtin, AdjustmentKind.RECEIVE, quantity, actor="fault-suite", idempotency_key=key
                )
            except InventoryError:
                pass  # refused (below zero): visible to staff as failed
            else:
                if result is not None:
                    assert isinstance(result, StockAdjustment)
                    adjustments[key] = result.id
        elif op == "fetch":
            with contextlib.suppress(InventoryError):
                client.create_fetch_request(rng.choice(pool.home_gtins))
        elif op == "read":
            try:
                detail = client.lookup(rng.choice(pool.read_gtins))
                client.size_run(detail)
            except InventoryError:
                pass
        elif op == "demand":
            client.record_demand(rng.choice(list(DemandKind)), rng.choice(pool.read_gtins))
    except Exception as exc:  # anything else is a bug: the kiosk would show a stack trace
        tally.unexpected.append(f"{op}: {type(exc).__name__}: {exc}")


def recover(faulty: FaultyService, client: InventoryClient, *, timeout: float = 60.0) -> None:
    """The network and the service are back: flush until the outbox is empty."""
    assert faulty.proxy is not None
    faulty.proxy.clear()
    faulty.ensure_running()
    deadline = time.monotonic() + timeout
    while client.outbox.count():
        client.breaker.reset()
        client.flush_outbox()
        if time.monotonic() > deadline:
            left = [
                (e.kind, e.last_error) for e in client.outbox.entries(status=OutboxStatus.PENDING)
            ]
            raise AssertionError(f"outbox did not drain: {left}")


def verify(
    faulty: FaultyService,
    client: InventoryClient,
    tally: Tally,
    confirmed: dict[str, str],
    adjustments: dict[str, str],
) -> None:
    """The service's own records against the outbox: exactly once, nothing lost, no
    negative stock."""
    db = faulty.read_only()
    try:
        idem = dict(
            db.execute("select key, resource_id from idempotency where route = 'POST /v1/orders'")
        )
        order_ids = [row[0] for row in db.execute("select id from orders")]
        adjustment_idem = dict(
            db.execute(
                "select key, resource_id from idempotency where route = ?",
                ["POST /v1/stock-adjustments"],
            )
        )
        adjustment_ids = {row[0] for row in db.execute("select id from stock_adjustments")}
        bad_stock = db.execute(
            "select count(*) from stock where on_hand < 0 or reserved < 0 or reserved > on_hand"
        ).fetchone()[0]
    finally:
        db.close()

    entries = {e.idempotency_key: e for e in client.outbox._entries(None, None)}
    orders = {k: e for k, e in entries.items() if e.kind == OutboxKind.ORDER}
    sent = {k: e for k, e in orders.items() if e.status == OutboxStatus.SENT}
    # Every acknowledged key maps to the one order the service made for it.
    lost = [
        k for k, e in sent.items() if idem.get(k) != e.result_id or e.result_id not in order_ids
    ]
    # Every order the service holds belongs to exactly one acknowledged key.
    per_order = collections.Counter(idem.values())
    duplicated = len(order_ids) - len(set(order_ids)) + sum(n - 1 for n in per_order.values())
    ghost = set(order_ids) - {e.result_id for e in sent.values()}
    refused_but_made = [
        k for k, e in orders.items() if e.status == OutboxStatus.FAILED and k in idem
    ]
    confirmed_lost = [
        k for k, oid in confirmed.items() if sent.get(k) is None or sent[k].result_id != oid
    ]
    adjustments_lost = [
        k
        for k, e in entries.items()
        if e.kind == OutboxKind.STOCK_ADJUSTMENT
        and e.status == OutboxStatus.SENT
        and (adjustment_idem.get(k) != e.result_id or e.result_id not in adjustment_ids)
    ]
    adjustments_lost += [k for k, aid in adjustments.items() if aid not in adjustment_ids]

    tally.orders_at_service += len(order_ids)
    tally.orders_lost += len(lost) + len(confirmed_lost)
    tally.orders_duplicated += duplicated + len(ghost) + len(refused_but_made)
    tally.adjustments_sent += sum(
        1
        for e in entries.values()
        if e.kind == OutboxKind.STOCK_ADJUSTMENT and e.status == OutboxStatus.SENT
    )
    assert not lost, f"acknowledged orders missing at the service: {lost}"
    assert not confirmed_lost, f"orders confirmed to the shopper but not kept: {confirmed_lost}"
    assert duplicated == 0, f"{duplicated} duplicate orders"
    assert not ghost, f"orders at the service no outbox entry acknowledged: {ghost}"
    assert not refused_but_made, refused_but_made
    assert not adjustments_lost, adjustments_lost
    assert bad_stock == 0, f"{bad_stock} stock rows out of bounds"
    assert len(order_ids) == len(sent) == tally.orders_attempted - tally_refused(orders)


def tally_refused(orders: dict[str, Any]) -> int:
    return sum(1 for e in orders.values() if e.status == OutboxStatus.FAILED)


def record(section: str, data: dict[str, Any]) -> None:
    """Merge ``data`` under ``section`` into the ``FAULT_REPORT`` JSON file, if one is named
    (batches add up: numbers are summed, counters merged)."""
    path = os.environ.get("FAULT_REPORT")
    if not path:
        return
    report_path = Path(path)
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    old = report.get(section, {})
    merged = dict(old)
    for key, value in data.items():
        if isinstance(value, int | float) and not isinstance(value, bool) and key in old:
            merged[key] = max(old[key], value) if key.startswith("worst") else old[key] + value
        elif isinstance(value, dict) and key in old:
            merged[key] = dict(collections.Counter(old[key]) + collections.Counter(value))
        elif isinstance(value, list) and key in old:
            merged[key] = old[key] + value
        else:
            merged[key] = value
    report[section] = merged
    report_path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
