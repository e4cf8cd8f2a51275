"""The circuit breaker on a stepped clock: closed -> open -> half-open -> closed/open."""

import pytest

from inventory_client import CircuitBreaker, Connectivity
from inventory_client._breaker import CircuitState


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker(failure_threshold=3, cooldown=10.0, clock=clock)


def fail(breaker, times):
    for _ in range(times):
        assert breaker.allow()
        breaker.record_failure()


def test_starts_closed_and_online(breaker):
    assert breaker.state == CircuitState.CLOSED
    assert breaker.connectivity == Connectivity.ONLINE == "online"
    assert breaker.allow()


def test_failures_below_threshold_are_degraded_and_a_success_resets(breaker):
    fail(breaker, 2)
    assert breaker.state == CircuitState.CLOSED
    assert breaker.connectivity == "degraded"
    breaker.record_success()
    assert breaker.connectivity == "online"
    fail(breaker, 2)  # the count starts again: still closed
    assert breaker.state == CircuitState.CLOSED


def test_threshold_opens_and_calls_fail_fast(breaker):
    fail(breaker, 3)
    assert breaker.state == CircuitState.OPEN
    assert breaker.connectivity == "offline"
    assert not breaker.allow()
    assert breaker.retry_in == pytest.approx(10.0)


def test_half_open_lets_exactly_one_trial_through(breaker, clock):
    fail(breaker, 3)
    clock.now += 10.0
    assert breaker.state == CircuitState.HALF_OPEN
    assert breaker.connectivity == "degraded"
    assert breaker.allow()
    assert not breaker.allow()  # the others still fail fast while the trial runs


def test_successful_trial_closes(breaker, clock):
    fail(breaker, 3)
    clock.now += 10.0
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state == CircuitState.CLOSED
    assert breaker.connectivity == "online"


def test_failed_trial_opens_again_for_a_full_cooldown(breaker, clock):
    fail(breaker, 3)
    clock.now += 10.0
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == CircuitState.OPEN
    clock.now += 9.9
    assert not breaker.allow()
    clock.now += 0.1
    assert breaker.allow()


def test_reset_closes(breaker):
    fail(breaker, 3)
    breaker.reset()
    assert breaker.allow() and breaker.connectivity == "online"


@pytest.mark.parametrize(("threshold", "cooldown"), [(0, 1.0), (1, -1.0)])
def test_bad_settings(threshold, cooldown):
    with pytest.raises(ValueError):
        CircuitBreaker(threshold, cooldown)


def test_client_fails_fast_when_open(tmp_path, closed_port_url):
    from inventory_client import InventoryClient, Unavailable

    clock = Clock()
    breaker = CircuitBreaker(failure_threshold=2, cooldown=30.0, clock=clock)
    with InventoryClient(
        closed_port_url,
        "key",
        kiosk_id="kiosk-1",
        store_id="berlin-mitte",
        outbox_path=tmp_path / "outbox.sqlite",
        connect_timeout=0.3,
        breaker=breaker,
    ) as client:
        for _ in range(2):
            with pytest.raises(Unavailable):
                client.health()
        assert client.connectivity == "offline"
        with pytest.raises(Unavailable) as info:
            client.health()
        assert info.value.code == "circuit_open"
        assert "not tried" in str(info.value)
        clock.now += 30.0
        assert client.connectivity == "degraded"
        with pytest.raises(Unavailable) as info:
            client.health()  # the trial really dials, and fails
        assert info.value.code != "circuit_open"
        assert client.connectivity == "offline"
