"""Seeded random scenarios through the fault proxy against the real service.

Each batch starts a service on its own database behind a ``FaultProxy`` and runs
``FAULT_SCENARIOS`` scenarios (default 100; five batches, so 500 in all). A scenario is one
kiosk action (order, stock adjustment, fetch request, catalogue read, demand event) while
the next 0-3 requests meet injected faults, the service now and then being SIGKILLed mid
request and restarted on the same database. Every 25 scenarios the network "comes back"
and the outbox is flushed; at the end of the batch the service's own records are checked:

- every order the kiosk accepted exists exactly once at the service (by idempotency key),
  and no order exists there that the kiosk did not accept;
- every order confirmed to a shopper is the order the service holds; nothing lost;
- every acknowledged stock adjustment exists once; no stock row is negative or
  over-reserved;
- no action ever raised anything but an ``InventoryError``.

Reproduce::

    FAULT_SEED=20240611 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/faults
"""

from __future__ import annotations

import random

import pytest
from fault_harness import (
    BATCHES,
    OPERATION_WEIGHTS,
    SCENARIOS_PER_BATCH,
    SEED,
    FaultyService,
    Tally,
    make_client,
    pools,
    random_faults,
    record,
    recover,
    run_operation,
    verify,
)

RECOVER_EVERY = 25


@pytest.mark.slow
@pytest.mark.parametrize("batch", range(BATCHES))
def test_random_fault_scenarios(batch, tmp_path, catalogue):
    rng = random.Random(f"{SEED}-{batch}")
    pool = pools(catalogue)
    tally = Tally()
    confirmed: dict[str, str] = {}
    adjustments: dict[str, str] = {}
    ops = list(OPERATION_WEIGHTS)
    weights = list(OPERATION_WEIGHTS.values())
    with FaultyService(tmp_path) as faulty:
        client = make_client(faulty.url, faulty.service, tmp_path / "outbox.sqlite")
        try:
            for number in range(SCENARIOS_PER_BATCH):
                op = rng.choices(ops, weights=weights)[0]
                faults = random_faults(rng)
                faulty.proxy.push(*faults)
                run_operation(client, op, rng, pool, tally, confirmed, adjustments)
                faulty.proxy.clear()
                faulty.ensure_running()
                tally.scenarios += 1
                tally.operations[op] += 1
                if number % RECOVER_EVERY == RECOVER_EVERY - 1:
                    recover(faulty, client)
            recover(faulty, client)
            tally.faults.update({str(k): v for k, v in faulty.proxy.counts.items()})
            tally.service_kills = faulty.kills
            tally.service_restarts = faulty.restarts
            verify(faulty, client, tally, confirmed, adjustments)
        finally:
            client.close()
    assert tally.unexpected == []
    record("scenarios", tally.as_json() | {"seed": str(SEED)})
    # The faults really happened: this is not a suite that passes by testing nothing.
    assert sum(tally.faults.values()) >= SCENARIOS_PER_BATCH // 4
    assert tally.orders_queued > 0 and tally.orders_confirmed_at_once > 0
