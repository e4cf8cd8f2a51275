"""kiosk.admin.pin: hashes, staff list, badges and the persisted lockout."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.admin.pin import (
    LockoutPolicy,
    PinGate,
    PinResult,
    badge_staff_id,
    hash_pin,
    parse_staff_list,
    verify_pin,
)

PIN = "493817"


class FakeClock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def staff_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def staff(staff_hash: str):
    return parse_staff_list([{"id": "anna", "name": "Anna", "pin_hash": staff_hash}])


def test_hash_format_salted_and_verifiable(staff_hash: str) -> None:
    scheme, n, r, p, salt, digest = staff_hash.split("$")
    assert len(salt) == 24 and len(digest) == 44  # base64 of 16 and 32 bytes
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert PIN not in staff_hash
    assert hash_pin(PIN) != staff_hash  # fresh salt every time
    assert verify_pin(PIN, staff_hash)
    assert not verify_pin("493818", staff_hash)
    assert not verify_pin(PIN, "scrypt$1$1$1$AAAA$AAAA")
    assert not verify_pin(PIN, "plain")


def test_bad_pins_and_staff_entries_are_refused(staff_hash: str) -> None:
    with pytest.raises(ValueError):
        hash_pin("12a4")
    with pytest.raises(ValueError, match="plain 'pin'"):
        parse_staff_list([{"id": "x", "name": "X", "pin": "1234"}])
    with pytest.raises(ValueError, match="pin_hash"):
        parse_staff_list([{"id": "x", "name": "X", "pin_hash": "1234"}])
    with pytest.raises(ValueError, match="duplicate"):
        parse_staff_list([{"id": "x", "name": "X", "pin_hash": staff_hash}] * 2)
    assert staff_hash not in repr(
        parse_staff_list([{"id": "x", "name": "X", "pin_hash": staff_hash}])
    )


def test_badge_codes() -> None:
    assert badge_staff_id("STAFF:anna") == "anna"
    assert badge_staff_id("staff:anna ") == "anna"
    assert badge_staff_id("4006381333931") is None
    assert badge_staff_id("STAFF:../x") is None


def test_right_pin_opens(staff, tmp_path: Path) -> None:
    gate = PinGate(staff, tmp_path / "gate.db", clock=FakeClock())
    outcome = gate.check("anna", PIN)
    assert outcome.result == PinResult.OK and outcome.staff is not None
    assert outcome.staff.name == "Anna"
    assert (tmp_path / "gate.db").stat().st_mode & 0o777 == 0o600


def test_five_wrong_pins_lock_with_growing_delay_across_restarts(staff, tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "gate.db"
    gate = PinGate(staff, path, clock=clock)
    for left in (4, 3, 2, 1):
        outcome = gate.check("anna", "000000")
        assert outcome.result == PinResult.WRONG and outcome.failures_left == left
    assert gate.check("nobody", PIN).result == PinResult.LOCKED  # 5th failure: unknown staff
    assert gate.locked_for() == 30
    # While locked even the right PIN is not checked.
    assert gate.check("anna", PIN).result == PinResult.LOCKED
    clock.now += 29
    assert gate.locked_for() == 1
    gate.close()

    gate = PinGate(staff, path, clock=clock)  # a restart keeps the lock
    assert gate.locked_for() == 1
    clock.now += 1
    assert gate.locked_for() == 0
    for _ in range(4):
        assert gate.check("anna", "111111").result == PinResult.WRONG
    outcome = gate.check("anna", "111111")
    assert outcome.result == PinResult.LOCKED and outcome.locked_for_s == 60
    clock.now += 60
    for _ in range(5):
        outcome = gate.check("anna", "222222")
    assert outcome.locked_for_s == 120
    clock.now += 120
    assert gate.check("anna", PIN).result == PinResult.OK
    for _ in range(5):  # a good PIN resets the growth
        outcome = gate.check("anna", "333333")
    assert outcome.locked_for_s == 30


def test_delay_is_capped_and_clock_jumps_back_do_not_extend(staff, tmp_path: Path) -> None:
    policy = LockoutPolicy(max_failures=1, base_delay_s=30, max_delay_s=100)
    assert [policy.delay_for(k) for k in (1, 2, 3, 4)] == [30, 60, 100, 100]
    clock = FakeClock()
    gate = PinGate(staff, tmp_path / "gate.db", clock=clock, policy=policy)
    gate.check("anna", "000000")
    clock.now -= 10_000  # someone set the clock back a few hours
    assert gate.locked_for() == 100


def test_a_million_lockouts_stay_capped(staff, tmp_path: Path) -> None:
    """30 * 2**1024 overflowed a float after 1,025 lockouts (issue 15): never again."""
    policy = LockoutPolicy()
    assert policy.delay_for(10**6) == policy.max_delay_s
    assert policy.delay_for(2**70) == policy.max_delay_s
    assert LockoutPolicy(base_delay_s=0).delay_for(10**6) == 0
    clock = FakeClock()
    path = tmp_path / "gate.db"
    gate = PinGate(staff, path, clock=clock)
    gate.close()
    with sqlite3.connect(path) as conn:  # a kiosk that has been attacked for years
        conn.execute("update pin_gate set lockouts = ?", (10**6,))
    conn.close()
    gate = PinGate(staff, path, clock=clock)
    for _ in range(4):
        assert gate.check("anna", "000000").result == PinResult.WRONG
    outcome = gate.check("anna", "000000")
    assert outcome.result == PinResult.LOCKED and outcome.locked_for_s == policy.max_delay_s
    assert not outcome.while_locked
    again = gate.check("anna", PIN)  # still locked: not checked, and said so
    assert again.result == PinResult.LOCKED and again.while_locked


def test_two_gates_on_one_file_share_the_count(staff, tmp_path: Path) -> None:
    """Two connections (as two processes have) count failures into one lock."""
    clock = FakeClock()
    first = PinGate(staff, tmp_path / "gate.db", clock=clock)
    second = PinGate(staff, tmp_path / "gate.db", clock=clock)
    for _ in range(2):
        assert first.check("anna", "000000").result == PinResult.WRONG
        assert second.check("anna", "000000").result == PinResult.WRONG
    assert first.check("anna", "000000").result == PinResult.LOCKED
    assert second.locked_for() == 30
    assert second.check("anna", PIN).result == PinResult.LOCKED
