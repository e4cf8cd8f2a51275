"""The audit trail as a hash chain: how a row is sealed, and how a chain is checked.

Pure functions, no SQL (``storage/audit.py`` reads and writes the rows).

Each audit row carries its place in the chain (``seq``: 1, 2, 3, ...), the hash of the row
before it (``prev_hash``) and its own hash (``row_hash``): sha256 over a canonical JSON
encoding of the row's fields and ``prev_hash``. Changing, deleting or inserting a row
breaks the hashes after it, and ``verify`` says which row.

The free-text ``detail`` is not chained itself: the chain holds ``detail_hash`` =
sha256(nonce || detail), with a random per-row ``nonce``. Erasing a shopper blanks the
detail and the nonce of the rows that named them (``redacted_by`` points at the erasure's
own audit row) and the chain still verifies: the detail hash stays, and without the nonce
it cannot be used to confirm a guessed email or name either.

The head (``audit_head``: last seq and hash) is kept in its own row, so deleting rows at
the end is found as well. sha256 without a key proves tampering only up to the head: a
person who can rewrite the whole database can rewrite the whole chain. ``audit verify``
prints the head so IT can keep it elsewhere and pass it back with ``--expect-head``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: ``prev_hash`` of the first row.
GENESIS = "0" * 64
#: Version of the canonical encoding, part of every hash.
ENCODING_VERSION = 1
#: The fields a row's hash covers (besides ``prev_hash`` and the encoding version).
CHAINED_FIELDS = (
    "seq",
    "id",
    "store_id",
    "actor",
    "key_label",
    "action",
    "detail_hash",
    "at",
    "received_at",
)
#: Actions whose rows may redact earlier rows' detail (erasure and retention).
PRIVACY_ACTIONS = frozenset({"privacy.erase", "privacy.retention"})
#: Actor names the service writes itself; a client's ``X-Actor`` may not claim them.
SERVICE_ACTOR = "system"
_RESERVED_PREFIXES = ("kiosk:", "staff:", "head-office:", "head_office:", "service:", "system:")


def is_reserved_actor(name: str) -> bool:
    """True for a name only the service writes (``system``, ``kiosk:K``, ``staff:L``, ...)."""
    folded = name.strip().casefold()
    return folded == SERVICE_ACTOR or folded.startswith(_RESERVED_PREFIXES)


def new_nonce() -> str:
    return secrets.token_hex(16)


def detail_hash(nonce: str, detail: str) -> str:
    return hashlib.sha256(bytes.fromhex(nonce) + detail.encode("utf-8")).hexdigest()


def row_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """sha256 of the canonical encoding: sorted keys, no spaces, UTF-8, version and prev."""
    body = {name: fields[name] for name in CHAINED_FIELDS}
    body["prev_hash"] = prev_hash
    body["v"] = ENCODING_VERSION
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Seal:
    """What sealing a row adds to it."""

    seq: int
    detail_nonce: str
    detail_hash: str
    prev_hash: str
    row_hash: str


def seal(fields: Mapping[str, Any], *, seq: int, prev_hash: str) -> Seal:
    """Seal a row (``fields`` without the chain columns) as number ``seq`` after ``prev_hash``."""
    nonce = new_nonce()
    chained = {**fields, "seq": seq, "detail_hash": detail_hash(nonce, fields["detail"])}
    return Seal(seq, nonce, chained["detail_hash"], prev_hash, row_hash(chained, prev_hash))


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """``SEQ:HASH`` as ``audit verify`` prints it."""
        seq, _, digest = text.strip().partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise ValueError("a head is SEQ:SHA256 as 'audit verify' prints it")
        return cls(int(seq), digest.lower())


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the chain, tied to a row where there is one."""

    seq: int | None
    row_id: str | None
    kind: str  # changed | detail-changed | deleted | inserted | blanked | head
    message: str

    def __str__(self) -> str:
        where = f"seq {self.seq}" if self.seq is not None else "chain"
        if self.row_id:
            where += f" (id {self.row_id})"
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class Verdict:
    rows: int
    redacted: int
    head: Head
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(
    rows: Iterable[Mapping[str, Any]],
    stored_head: Head | None,
    *,
    expect_head: Head | None = None,
) -> Verdict:
    """Check every row (in ``seq`` order; rows with no ``seq`` first) against the chain."""
    problems: list[Problem] = []
    by_seq: dict[int, Mapping[str, Any]] = {}
    ordered: list[Mapping[str, Any]] = []
    for row in rows:
        if row["seq"] is None or row["row_hash"] is None:
            problems.append(
                Problem(None, row["id"], "inserted", "row is not in the chain (not written by it)")
            )
            continue
        by_seq[row["seq"]] = row
        ordered.append(row)
    prev_hash, expected_seq, redacted = GENESIS, 1, 0
    for row in ordered:
        seq, row_id = int(row["seq"]), row["id"]
        if seq > expected_seq:
            gap = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}-{seq - 1}"
            problems.append(Problem(seq, row_id, "deleted", f"row(s) {gap} before it are missing"))
        problems.extend(_check_row(row, by_seq))
        redacted += row["redacted_by"] is not None
        if row["prev_hash"] != prev_hash:
            problems.append(
                Problem(
                    seq,
                    row_id,
                    "inserted",
                    "does not follow the row before it (inserted, reordered or that row changed)",
                )
            )
        prev_hash, expected_seq = row["row_hash"], seq + 1
    last = Head(expected_seq - 1, prev_hash)
    if stored_head is not None and stored_head != last:
        problems.append(
            Problem(
                None,
                None,
                "head",
                f"the chain ends at {last.seq} but its head says {stored_head.seq} "
                "(rows deleted at the end, or the head changed)",
            )
        )
    if expect_head is not None:
        problems.extend(_check_expected(expect_head, by_seq))
    return Verdict(len(ordered), redacted, last, problems)


def _check_row(row: Mapping[str, Any], by_seq: Mapping[int, Mapping[str, Any]]) -> list[Problem]:
    seq, row_id = int(row["seq"]), row["id"]
    found: list[Problem] = []
    if row_hash(row, row["prev_hash"]) != row["row_hash"]:
        found.append(Problem(seq, row_id, "changed", "its fields no longer match its hash"))
    if row["redacted_by"] is None:
        nonce = row["detail_nonce"] or ""
        if not _hex(nonce) or detail_hash(nonce, row["detail"]) != row["detail_hash"]:
            found.append(Problem(seq, row_id, "detail-changed", "its detail was changed"))
        return found
    eraser = by_seq.get(int(row["redacted_by"]))
    if row["detail"] or row["detail_nonce"]:
        found.append(Problem(seq, row_id, "blanked", "marked redacted but still holds detail"))
    if eraser is None or eraser["seq"] <= seq or eraser["action"] not in PRIVACY_ACTIONS:
        found.append(
            Problem(seq, row_id, "blanked", "detail blanked without a later erasure row naming it")
        )
    return found


def _check_expected(expect: Head, by_seq: Mapping[int, Mapping[str, Any]]) -> list[Problem]:
    row = by_seq.get(expect.seq)
    if row is None:
        return [Problem(expect.seq, None, "deleted", "the expected head row is missing")]
    if row["row_hash"] != expect.hash:
        return [Problem(expect.seq, row["id"], "changed", "differs from the expected head")]
    return []


def _hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return bool(text)
