"""The GUI thread's event loop keeps ticking while client calls block on a faulty network.

Client calls (orders, lookups, fetch requests, demand) run on a ``QThreadPool`` worker, as
the kiosk runs them, while the fault proxy delays or breaks their answers so each call
blocks for at least the read timeout. A 10 ms ``QTimer`` on the GUI thread measures its own
lateness. The bound asserted is generous (1 s, where each call blocks 0.5 s or more): it
proves the GUI thread never waited on a socket, without being a wall-clock benchmark. The
worst lag measured goes to the report (docs/RELIABILITY.md).
"""

from __future__ import annotations

import random
import time

import pytest
from fault_harness import READ_TIMEOUT, SEED, SHIP_TO, FaultyService, make_client, pools, record
from proxy import Fault, FaultKind
from PySide6.QtCore import QElapsedTimer, QRunnable, QThreadPool, QTimer

from inventory_client import InventoryError
from inventory_client.models import DemandKind, OrderLineRequest

TICK_MS = 10
CALLS = 16


@pytest.mark.slow
def test_event_loop_does_not_stall_while_calls_block(qtbot, tmp_path, catalogue):
    rng = random.Random(f"{SEED}-gui")
    pool_gtins = pools(catalogue)
    with FaultyService(tmp_path) as faulty:
        client = make_client(faulty.url, faulty.service, tmp_path / "outbox.sqlite")
        lags: list[float] = []
        durations: list[float] = []
        finished: list[int] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def tick() -> None:
            now = clock.nsecsElapsed()
            lags.append((now - last[0]) / 1e6 - TICK_MS)
            last[0] = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)

        def call(kind: str) -> None:
            started = time.monotonic()
            try:
                if kind == "order":
                    client.place_order(
                        [OrderLineRequest(gtin=rng.choice(pool_gtins.order_gtins))],
                        SHIP_TO,
                        idempotency_key=client.new_idempotency_key(),
                    )
                elif kind == "lookup":
                    client.size_run(client.lookup(rng.choice(pool_gtins.read_gtins)))
                elif kind == "fetch":
                    client.create_fetch_request(rng.choice(pool_gtins.home_gtins))
                else:
                    client.record_demand(DemandKind.SCANNED, rng.choice(pool_gtins.read_gtins))
                    client.flush_outbox()
            except InventoryError:
                pass
            finally:
                durations.append(time.monotonic() - started)
                finished.append(1)

        workers = QThreadPool()
        workers.setMaxThreadCount(2)
        kinds = [rng.choice(["order", "order", "lookup", "fetch", "demand"]) for _ in range(CALLS)]
        for _ in kinds:
            faulty.proxy.push(
                Fault(FaultKind.DELAY, delay=READ_TIMEOUT + 0.2),
                Fault(rng.choice([FaultKind.SLOW_DRIP, FaultKind.RESET_MID_RESPONSE])),
            )
        timer.start()
        try:
            for kind in kinds:
                workers.start(QRunnable.create(lambda kind=kind: call(kind)))
            qtbot.waitUntil(lambda: len(finished) == CALLS, timeout=120_000)
        finally:
            timer.stop()
            workers.waitForDone()
            client.close()

    worst_ms = max(lags)
    slowest_call = max(durations)
    record(
        "gui_event_loop",
        {
            "calls": CALLS,
            "ticks": len(lags),
            "worst_lag_ms": round(worst_ms, 1),
            "worst_slowest_call_s": round(slowest_call, 2),
        },
    )
    print(f"worst event-loop lag {worst_ms:.1f} ms over {len(lags)} ticks;", end=" ")
    print(f"slowest call {slowest_call:.2f} s")
    assert slowest_call >= READ_TIMEOUT  # the calls really blocked on the network
    assert worst_ms < 1000, f"GUI thread stalled {worst_ms:.0f} ms: it waited on a call"
