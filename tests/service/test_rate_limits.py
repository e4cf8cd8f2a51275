"""Rate limits (issue 15 item 8): 429 with Retry-After on authentication failures,
order-number probing and write floods; legitimate traffic from elsewhere goes on.

The real service runs on loopback (both engines). Each test speaks from its own loopback
address (127.0.0.x: Linux routes all of 127/8 to ``lo``), so "per address" is tested
for real and one test's blocked address never touches another's.
"""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from inventory_service.launcher import ServiceProcess
from inventory_service.rate_limits import RateLimiter, RateLimitPolicy, retry_after_header

POLICY = RateLimitPolicy()
_addresses = count(2)


class Client:
    """Keep-alive HTTP from one chosen loopback source address."""

    def __init__(self, url: str, source: str, key: str | None = None) -> None:
        parts = urlsplit(url)
        assert parts.hostname is not None and parts.port is not None
        self.conn = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=30, source_address=(source, 0)
        )
        self.key = key

    def request(
        self, method: str, path: str, body: object = None, key: str | None = None
    ) -> tuple[int, dict[str, str], dict[str, object]]:
        headers = {"Content-Type": "application/json"}
        secret = key or self.key
        if secret:
            headers["Authorization"] = f"Bearer {secret}"
        data = None if body is None else json.dumps(body)
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        answer = json.loads(payload) if payload else {}
        return response.status, {k.lower(): v for k, v in response.getheaders()}, answer

    def close(self) -> None:
        self.conn.close()


MakeClient = Callable[..., Client]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceProcess]:
    if request.param == "sqlite":
        db: str | Path = tmp_path_factory.mktemp("rate-limits") / "inventory.db"
    else:
        db = request.getfixturevalue("pg_sandbox").create_database()
    with ServiceProcess(db, seed="demo") as svc:
        yield svc


@pytest.fixture
def client_at(service: ServiceProcess) -> Iterator[MakeClient]:
    made: list[Client] = []

    def make(key: str | None = None) -> Client:
        client = Client(service.url, f"127.0.0.{next(_addresses)}", key)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def _assert_429(status: int, headers: dict[str, str], body: dict[str, object]) -> int:
    assert status == 429, (status, body)
    assert body["error"]["code"] == "rate_limited"  # type: ignore[index]
    wait = int(headers["retry-after"])
    assert wait >= 1
    return wait


# --- the bucket itself -------------------------------------------------------------------


class StepClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_gives_burst_then_says_how_long_to_wait() -> None:
    clock = StepClock()
    limiter = RateLimiter(rate=0.5, burst=3, clock=clock)
    assert [limiter.check("a") for _ in range(3)] == [None, None, None]
    assert limiter.check("a") == pytest.approx(2.0)
    assert limiter.check("b") is None  # another key has its own bucket
    clock.now += 2.0
    assert limiter.peek("a") is None
    assert limiter.check("a") is None
    assert limiter.check("a") == pytest.approx(2.0)
    clock.now += 1000
    assert [limiter.check("a") for _ in range(4)][-1] is not None  # refill stops at burst


def test_charge_counts_a_failure_already_made_and_buckets_are_bounded() -> None:
    clock = StepClock()
    limiter = RateLimiter(rate=1.0, burst=2, clock=clock, max_buckets=2)
    limiter.charge("a")
    limiter.charge("a")
    limiter.charge("a")  # floored at zero, not owed
    assert limiter.peek("a") == pytest.approx(1.0)
    limiter.charge("b")
    limiter.charge("c")  # "a" is the least recently used: forgotten, i.e. full again
    assert limiter.peek("a") is None
    assert retry_after_header(0.01) == "1" and retry_after_header(2.2) == "3"
    with pytest.raises(ValueError):
        RateLimiter(rate=0, burst=1)


# --- against the service ----------------------------------------------------------------


def test_a_thousand_random_keys_meet_429_quickly(
    service: ServiceProcess, client_at: MakeClient
) -> None:
    attacker = client_at()
    statuses = []
    for _ in range(1000):
        status, headers, body = attacker.request(
            "GET", "/v1/locations", key=uuid.uuid4().hex + uuid.uuid4().hex
        )
        statuses.append(status)
        if status == 429:
            _assert_429(status, headers, body)
    first_429 = statuses.index(429)
    assert first_429 <= POLICY.auth_failures.burst
    assert set(statuses[:first_429]) == {401}
    assert statuses.count(429) >= 1000 - POLICY.auth_failures.burst - 5  # a few refills
    # The blocked address is blocked for every key, the valid one too (no oracle) ...
    status, headers, body = attacker.request("GET", "/v1/locations", key=service.kiosk_key)
    _assert_429(status, headers, body)
    # ... but health still answers, and a kiosk at another address works as before.
    assert attacker.request("GET", "/v1/health")[0] == 200
    assert client_at(service.kiosk_key).request("GET", "/v1/locations")[0] == 200


def test_no_key_at_all_counts_as_a_failure(service: ServiceProcess, client_at: MakeClient) -> None:
    anonymous = client_at()
    statuses = [anonymous.request("GET", "/v1/locations")[0] for _ in range(40)]
    assert statuses[: POLICY.auth_failures.burst] == [401] * POLICY.auth_failures.burst
    assert statuses[-1] == 429


def test_order_numbers_cannot_be_probed(service: ServiceProcess, client_at: MakeClient) -> None:
    kiosk = client_at(service.kiosk_key)
    statuses = [
        kiosk.request("GET", f"/v1/orders/{uuid.uuid4().hex}")[0]
        for _ in range(POLICY.order_misses.burst + 5)
    ]
    assert statuses[: POLICY.order_misses.burst] == [404] * POLICY.order_misses.burst
    status, headers, body = kiosk.request("GET", "/v1/orders/x-probe")
    _assert_429(status, headers, body)
    # Other kiosks' routes stay open to this key (only lookups are limited) ...
    assert kiosk.request("GET", "/v1/locations")[0] == 200
    # ... and the staff key from another address probes by number on its own budget.
    staff = client_at(service.staff_key)
    assert staff.request("GET", "/v1/orders/by-number/EA-AAAAAA")[0] == 404


def test_a_flood_of_writes_from_one_key_is_slowed(
    service: ServiceProcess, client_at: MakeClient
) -> None:
    staff = client_at(service.staff_key)
    burst = POLICY.writes.burst
    # An empty body is refused (422) after the write was counted: cheap, changes nothing.
    # The bucket refills while we send, so go on until the first 429 (it must come).
    statuses: list[int] = []
    while 429 not in statuses and len(statuses) < 20 * burst:
        statuses.append(staff.request("POST", "/v1/demand-events", {})[0])
    assert statuses.index(429) >= burst  # the whole burst was let through first
    assert set(statuses[: statuses.index(429)]) == {422}
    status, headers, body = staff.request("POST", "/v1/demand-events", {})
    wait = _assert_429(status, headers, body)
    assert wait <= 1 + 1 / POLICY.writes.rate
    # Reads of the same key, and writes of another key, are not affected.
    assert staff.request("GET", "/v1/locations")[0] == 200
    kiosk = client_at(service.kiosk_key)
    assert kiosk.request("POST", "/v1/demand-events", {})[0] == 422


def test_the_contract_documents_429_with_retry_after(service: ServiceProcess) -> None:
    schema = requests.get(f"{service.url}/openapi.json", timeout=30).json()
    assert "ErrorBody" in schema["components"]["schemas"]
    lookup = schema["paths"]["/v1/orders/{order_id}"]["get"]["responses"]["429"]
    assert "Retry-After" in lookup["headers"]
    assert "429" in schema["paths"]["/v1/orders"]["post"]["responses"]
    assert "429" not in schema["paths"]["/v1/health"]["get"]["responses"]


def test_the_auth_failure_burst_is_a_serving_option(tmp_path: Path) -> None:
    """``serve --auth-failure-burst N``: IT can allow more failures where many kiosks share
    one address; nonsense is refused before anything listens."""
    from inventory_service.__main__ import main

    assert RateLimitPolicy.with_auth_failure_burst(5).auth_failures.burst == 5
    assert RateLimitPolicy.with_auth_failure_burst(5).writes == RateLimitPolicy().writes
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "--auth-failure-burst", "0"]) == 2
    with ServiceProcess(tmp_path / "s.db", extra_args=["--auth-failure-burst", "3"]) as svc:
        wrong = {"Authorization": "Bearer a-wrong-key-tried-again"}
        answers = [
            requests.get(f"{svc.url}/v1/orders", headers=wrong, timeout=5).status_code
            for _ in range(5)
        ]
    assert answers == [401, 401, 401, 429, 429]
