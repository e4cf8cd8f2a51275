"""Staff PINs: salted slow hashes, the staff list, badges, and the lockout gate.

Plain Python, no Qt. PINs never touch a file or a database in the clear: the config holds
``scrypt$n$r$p$salt_b64$hash_b64`` strings made by :func:`hash_pin` (``python -m kiosk
hash-pin``), and :class:`PinGate` keeps only failure counts and a lock deadline.

Hashing costs tens of milliseconds on purpose (that is what makes a stolen config file
expensive to brute-force), so :meth:`PinGate.check` must run on a worker thread.

Lockout: every wrong PIN (or unknown staff member) counts against the whole entry, not one
person, so guessing across the staff list gains nothing. After ``max_failures`` wrong
PINs in a row entry is locked for ``base_delay_s``; each further lock doubles the delay
up to ``max_delay_s`` (the doubling stops at the cap: no count of lockouts can overflow).
A correct PIN clears both counters. The state lives in a small SQLite file (mode 0600), so
pulling the plug does not reset the lock, and each attempt updates it in one write
transaction, so two kiosk processes on one data dir share one count. The caller audits
every outcome that is not OK (:class:`kiosk.admin.admin_session.AdminSession`), including
attempts refused unchecked while locked (``CheckOutcome.while_locked``).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils

__all__ = [
    "BADGE_PREFIX",
    "LockoutPolicy",
    "PinGate",
    "PinResult",
    "StaffMember",
    "badge_staff_id",
    "hash_pin",
    "parse_staff_list",
    "verify_pin",
]

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
PIN_PATTERN = re.compile(r"^\d{4,12}$")
BADGE_PREFIX = "STAFF:"
STATE_FILE_MODE = 0o600
_SCHEME = "scrypt"
# Bounds for parameters read back from a stored hash: a tampered config must not be
# able to make the kiosk allocate gigabytes or spin for minutes.
_MAX_N = 2**20
_MAX_RP = 32
_STAFF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash of ``pin`` as ``scrypt$n$r$p$salt_b64$hash_b64``."""
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(pin, salt, n, r, p)
    return "$".join((_SCHEME, str(n), str(r), str(p), _b64(salt), _b64(digest)))


def verify_pin(pin: str, encoded: str) -> bool:
    """True when ``pin`` matches the stored hash. A malformed hash matches nothing."""
    try:
        n, r, p, salt, expected = _parse_hash(encoded)
    except ValueError:
        return False
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p), expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=256 * r * n
    )


def _parse_hash(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        raise ValueError("not an scrypt$n$r$p$salt$hash string")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ValueError("scrypt hash has a bad number or base64 field") from exc
    if n < 2 or n > _MAX_N or n & (n - 1) or not 1 <= r <= _MAX_RP or not 1 <= p <= _MAX_RP:
        raise ValueError("scrypt parameters out of range")
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        raise ValueError("scrypt salt or hash has the wrong length")
    return n, r, p, salt, digest


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# A hash checked when the staff member is unknown, so "no such person" costs as much time
# as "wrong PIN" and the two cannot be told apart by timing.
_DUMMY_HASH = "$".join(
    (_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(b"\0" * 16), _b64(b"\0" * 32))
)


# --- the staff list --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffMember:
    staff_id: str
    name: str
    pin_hash: str

    def __repr__(self) -> str:  # keep hashes out of logs and tracebacks
        return f"StaffMember(staff_id={self.staff_id!r}, name={self.name!r})"


def parse_staff_list(items: Iterable[Mapping[str, Any]]) -> list[StaffMember]:
    """Validate config entries ``{"id", "name", "pin_hash"}`` into :class:`StaffMember`\\ s.

    Raises ``ValueError`` naming the entry for a missing field, a duplicate id, a hash that
    is not ours, or a plain ``pin`` key (PINs are never stored in the clear).
    """
    members: list[StaffMember] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        where = f"staff entry {index}"
        if "pin" in item:
            raise ValueError(f"{where}: plain 'pin' is not allowed; store 'pin_hash' (hash-pin)")
        staff_id = str(item.get("id") or item.get("staff_id") or "")
        name = str(item.get("name") or "").strip()
        pin_hash = str(item.get("pin_hash") or "")
        if not _STAFF_ID.match(staff_id):
            raise ValueError(f"{where}: 'id' must be 1-64 letters, digits, '.', '_' or '-'")
        if not name:
            raise ValueError(f"{where} ({staff_id}): 'name' is required")
        try:
            _parse_hash(pin_hash)
        except ValueError as exc:
            raise ValueError(f"{where} ({staff_id}): 'pin_hash' is invalid: {exc}") from None
        if staff_id in seen:
            raise ValueError(f"{where}: duplicate id {staff_id!r}")
        seen.add(staff_id)
        members.append(StaffMember(staff_id, name, pin_hash))
    return members


def badge_staff_id(code: str) -> str | None:
    """The staff id on a scanned badge (``STAFF:<id>``), or None for any other code."""
    code = code.strip()
    if not code.upper().startswith(BADGE_PREFIX):
        return None
    staff_id = code[len(BADGE_PREFIX) :]
    return staff_id if _STAFF_ID.match(staff_id) else None


# --- the gate ----------------------------------------------------------------------------


class PinResult(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # wrong PIN or unknown staff member (deliberately not told apart)
    LOCKED = "locked"  # not checked: entry is locked


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = 5
    base_delay_s: float = 30.0
    max_delay_s: float = 15 * 60.0

    def delay_for(self, lockouts: int) -> float:
        """Length of the ``lockouts``-th lock (1-based): 30 s, 60 s, 120 s, ... capped.

        The doubling stops at the first exponent that reaches the cap, so no count of
        lockouts (a million, or 2**64 read back from a tampered state file) can overflow a
        float the way ``30 * 2**1024`` did (issue 15).
        """
        delay = max(0.0, float(self.base_delay_s))
        cap = float(self.max_delay_s)
        for _ in range(max(0, lockouts - 1)):
            if delay >= cap or delay == 0.0:
                break
            delay *= 2
        return min(delay, cap)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    result: PinResult
    staff: StaffMember | None = None
    locked_for_s: float = 0.0
    failures_left: int = 0
    while_locked: bool = False  # LOCKED: True when entry was already locked (not counted)


class PinGate:
    """Checks PINs against the staff list and enforces the lockout.

    Thread-safe and process-safe; :meth:`check` is slow (scrypt) and belongs on a worker
    thread. ``clock`` returns wall-clock seconds (the lock deadline must survive a restart).

    Several processes may share one state file (two kiosk processes on one data dir, a
    panel restarted while the old one hashes): each attempt's read-count-write runs in one
    ``BEGIN IMMEDIATE`` transaction, so no failure is lost to a concurrent writer.
    """

    def __init__(
        self,
        staff: Iterable[StaffMember],
        state_path: str | Path,
        *,
        clock: Callable[[], float] = time.time,
        policy: LockoutPolicy | None = None,
    ) -> None:
        self._staff = {member.staff_id: member for member in staff}
        self._clock = clock
        self.policy = policy or LockoutPolicy()
        self._lock = threading.Lock()
        path = Path(state_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, STATE_FILE_MODE)
        try:
            os.fchmod(fd, STATE_FILE_MODE)
        finally:
            os.close(fd)
        # Autocommit mode: the read-modify-write transactions are opened explicitly.
        conn = sqlite3.connect(
            str(path), check_same_thread=False, timeout=5.0, isolation_level=None
        )
        self._db = sqlite_utils.Database(conn)
        # IF NOT EXISTS / OR IGNORE: a second process may open the same file at the same time.
        conn.execute(
            "CREATE TABLE IF NOT EXISTS pin_gate (id INTEGER PRIMARY KEY, failures INTEGER,"
            " lockouts INTEGER, locked_until FLOAT)"
        )
        conn.execute(
            "INSERT OR IGNORE INTO pin_gate (id, failures, lockouts, locked_until)"
            " VALUES (1, 0, 0, 0.0)"
        )

    @property
    def staff(self) -> list[StaffMember]:
        return list(self._staff.values())

    def member(self, staff_id: str) -> StaffMember | None:
        return self._staff.get(staff_id)

    def locked_for(self) -> float:
        """Seconds until entry opens again; 0 when it is open."""
        with self._lock:
            return self._remaining(self._state())

    def check(self, staff_id: str, pin: str) -> CheckOutcome:
        """Check one PIN attempt and update the lockout state."""
        with self._lock:
            remaining = self._remaining(self._state())
        if remaining > 0:
            return CheckOutcome(PinResult.LOCKED, locked_for_s=remaining, while_locked=True)
        member = self._staff.get(staff_id)
        ok = verify_pin(pin, member.pin_hash if member else _DUMMY_HASH) and member is not None
        with self._lock, self._transaction():
            state = self._state()
            if self._remaining(state) > 0:  # another attempt locked us while we hashed
                return CheckOutcome(
                    PinResult.LOCKED, locked_for_s=self._remaining(state), while_locked=True
                )
            if ok:
                self._save(failures=0, lockouts=0, locked_until=0.0)
                return CheckOutcome(PinResult.OK, staff=member)
            failures = int(state["failures"]) + 1
            if failures >= self.policy.max_failures:
                lockouts = int(state["lockouts"]) + 1
                delay = self.policy.delay_for(lockouts)
                self._save(failures=0, lockouts=lockouts, locked_until=self._clock() + delay)
                return CheckOutcome(PinResult.LOCKED, locked_for_s=delay)
            self._save(failures=failures)
            return CheckOutcome(PinResult.WRONG, failures_left=self.policy.max_failures - failures)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _state(self) -> dict[str, Any]:
        return self._db.table("pin_gate").get(1)

    def _remaining(self, state: Mapping[str, Any]) -> float:
        remaining = float(state["locked_until"]) - self._clock()
        # A clock set backwards must not lock the kiosk for longer than the longest lock.
        return max(0.0, min(remaining, self.policy.max_delay_s))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, taken before the state is read (other processes wait)."""
        conn = self._db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _save(self, **values: Any) -> None:
        columns = ", ".join(f"{name} = ?" for name in values)  # names are ours, not input
        self._db.conn.execute(f"UPDATE pin_gate SET {columns} WHERE id = 1", list(values.values()))


def new_badge_code(staff_id: str) -> str:
    """The Code 128 payload to print on a staff badge."""
    if not _STAFF_ID.match(staff_id):
        raise ValueError("not a valid staff id")
    return BADGE_PREFIX + staff_id


def random_pin(digits: int = 6) -> str:
    """A random PIN for a new staff member (shown once, then only its hash is kept)."""
    return "".join(secrets.choice("0123456789") for _ in range(digits))
