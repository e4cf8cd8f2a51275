"""The kiosk process is SIGKILLed during order placement; a new process flushes its outbox.

A real child process writes the order to its outbox and sends it through the fault proxy,
which holds the request (before or after the service acted on it). The parent then kills
the child with SIGKILL, lets the network go, and starts a second process on the same
outbox file. Whatever moment the kill hit, the service ends with exactly one order for the
key, and the outbox with nothing pending.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_harness import FaultyService, pools
from proxy import Fault, FaultKind

REPO = Path(__file__).resolve().parents[2]

PLACE = """
import sys, time
from inventory_client import InventoryClient, InventoryError
from inventory_client.models import OrderLineRequest, ShipTo
url, key, kiosk, store, outbox, gtin, idem = sys.argv[1:]
client = InventoryClient(url, key, kiosk_id=kiosk, store_id=store, outbox_path=outbox,
                         connect_timeout=0.3, read_timeout=60)
ship_to = ShipTo(name="Kai Crash", street="Abbruchweg 9", postcode="10115", city="Berlin",
                 country="DE", email="kai.crash@example.org")
try:
    client.place_order([OrderLineRequest(gtin=gtin)], ship_to, idempotency_key=idem)
    print("placed", flush=True)
except InventoryError as exc:
    print("queued" if exc.queued else "refused", flush=True)
time.sleep(120)  # the parent kills us
"""

FLUSH = """
import json, sys
from inventory_client import InventoryClient
url, key, kiosk, store, outbox = sys.argv[1:]
with InventoryClient(url, key, kiosk_id=kiosk, store_id=store, outbox_path=outbox,
                     connect_timeout=0.3, read_timeout=5) as client:
    sent = client.flush_outbox()
    print(json.dumps({"sent": sent, "pending": client.outbox.count()}))
"""


def child(code: str, *args: str, **kwargs) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=REPO,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def outbox_rows(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select idempotency_key, status from outbox").fetchall()
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "moment", ["before_the_service_saw_it", "after_the_service_acted", "after_the_answer"]
)
def test_kiosk_killed_during_an_order(moment, tmp_path, catalogue):
    gtin = pools(catalogue).order_gtins[0]
    outbox = tmp_path / "outbox.sqlite"
    idem = f"crash-{moment}"[:64]
    with FaultyService(tmp_path) as faulty:
        svc = faulty.service
        ids = (svc.kiosk_key, svc.kiosk_id, svc.store_id)
        if moment != "after_the_answer":
            faulty.proxy.push(
                Fault(FaultKind.HOLD, after_forward=moment == "after_the_service_acted")
            )
        placer = child(PLACE, faulty.url, *ids, str(outbox), gtin, idem)
        try:
            if moment == "after_the_answer":
                assert placer.stdout.readline().strip() == "placed"
            else:
                assert faulty.proxy.wait_held(30), placer.stderr.read()
            # The order was on disk before anything was sent.
            assert outbox_rows(outbox)[0][0] == idem
        finally:
            os.kill(placer.pid, signal.SIGKILL)
            placer.wait(timeout=10)
            placer.stdout.close()
            placer.stderr.close()
        assert placer.returncode == -signal.SIGKILL
        faulty.proxy.clear()  # the network is back

        flusher = child(FLUSH, faulty.url, *ids, str(outbox))
        out, err = flusher.communicate(timeout=60)
        assert flusher.returncode == 0, err
        result = json.loads(out)
        assert result["pending"] == 0
        assert result["sent"] == (0 if moment == "after_the_answer" else 1)

        with faulty.read_only() as db:
            orders = db.execute("select id from orders").fetchall()
            keyed = db.execute(
                "select resource_id from idempotency where route = ? and key = ?",
                ["POST /v1/orders", idem],
            ).fetchall()
        assert len(orders) == 1 and keyed == orders
        assert outbox_rows(outbox) == [(idem, "sent")]
        posts = [line for line in faulty.proxy.forwarded if line.startswith("POST /v1/orders")]
        # The resend really happened where the first send got no answer (a held request
        # may also arrive late, after the kiosk died: the key makes that harmless too).
        assert len(posts) >= (1 if moment == "after_the_answer" else 2) or (
            moment == "before_the_service_saw_it" and len(posts) >= 1
        )
