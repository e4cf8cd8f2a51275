"""The one delivery path: the policy table covers every outbox kind, a settled entry is
answered from the outbox without sending, and one entry is sent by one thread at a time.
(The behaviour of each kind against the real service is in test_orders, test_offline,
test_back_in_stock and test_staff.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from inventory_client import InventoryClient, InventoryError, NoLongerAvailable, Rejected
from inventory_client._claims import Claims
from inventory_client._outbox import OutboxKind
from inventory_client._policies import delivery_policies
from inventory_client.models import FetchRequestCreate

from .conftest import ScriptedAdapter, canned, mount

GTIN = "2000000000017"


@pytest.fixture
def offline_client(tmp_path: Path, closed_port_url: str):
    """A client whose every request is answered by a script (nothing may be sent)."""
    client = InventoryClient(
        closed_port_url,
        "kiosk-key",
        kiosk_id="k1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
    )
    yield client
    client.close()


def test_every_outbox_kind_has_its_own_policy():
    policies = delivery_policies(kiosk_id="k1", store_id="berlin-mitte")

    nouns = {kind: policies.for_kind(kind).noun for kind in OutboxKind}

    assert len(set(nouns.values())) == len(OutboxKind)
    assert nouns[OutboxKind.FETCH_REQUEST] == "fetch request"


@pytest.mark.parametrize(
    ("recorded", "raised"),
    [
        ("NoLongerAvailable: 409 no_longer_available", NoLongerAvailable),
        ("Expired: - -", Rejected),  # not an error class: refused all the same
    ],
)
def test_a_refused_entry_is_raised_again_as_recorded_and_never_resent(
    offline_client: InventoryClient, recorded: str, raised: type[InventoryError]
):
    key = "f" * 32
    body = FetchRequestCreate(kiosk_id="k1", store_id="berlin-mitte", gtin=GTIN)
    offline_client.outbox.add(OutboxKind.FETCH_REQUEST, key, body.model_dump_json())
    offline_client.outbox.mark_failed(key, recorded)
    adapter = ScriptedAdapter(canned(201, b"{}"))
    mount(offline_client, adapter)

    with pytest.raises(raised) as caught:
        offline_client.create_fetch_request(GTIN, idempotency_key=key)

    assert type(caught.value) is raised
    assert f"fetch request with key {key} was refused earlier" in str(caught.value)
    assert adapter.requests == []


def test_a_claimed_key_is_passed_by_or_waited_for():
    claims = Claims()
    released = threading.Event()
    waited: list[bool] = []

    def wait_for_it() -> None:
        with claims.claim("key", wait=True) as claimed:
            waited.append(claimed and released.is_set())

    with claims.claim("key", wait=False) as first:
        with claims.claim("key", wait=False) as second:
            assert (first, second) == (True, False)
        with claims.claim("other", wait=False) as other:
            assert other
        waiter = threading.Thread(target=wait_for_it)
        waiter.start()
        waiter.join(0.2)
        assert waiter.is_alive()  # still waiting: the key is held
        released.set()
    waiter.join(10)

    assert waited == [True]
