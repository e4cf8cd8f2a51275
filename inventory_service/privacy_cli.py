"""Command line for the audit chain and personal data (``python -m inventory_service ...``):

    audit verify --db PATH|URL [--expect-head SEQ:HASH]
    erase --db PATH|URL (--email E | --phone P | --order NUMBER)
    retention --db PATH|URL [--keep-shipped-days N ...]

Each prints what it found or did; exit code 0 when all is well, 1 when the chain is
broken (``audit verify``), 2 for bad arguments. Nothing personal is printed: ``erase``
prints counts per table, never the shopper's details.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from inventory_service import audit_chain, retention
from inventory_service.erasure import Shopper, erase_shopper
from inventory_service.storage.audit import chain_rows, stored_head
from inventory_service.storage.backends import backend_for
from inventory_service.storage.sql_storage import SqlStorage

_DB_HELP = "SQLite file or sqlite:///path, or a postgresql:// URL"
COMMANDS = ("audit", "erase", "retention")


def _with_storage(db: str, body: Callable[[SqlStorage], int]) -> int:
    backend = backend_for(db)
    backend.initialise()
    try:
        with backend.open() as storage:
            return body(storage)
    finally:
        backend.dispose()


# --- audit verify --------------------------------------------------------------------


def _audit_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service audit",
        description="Check the audit trail's hash chain: every changed, deleted or inserted "
        "row is named. Prints the chain's head (SEQ:HASH); keep it elsewhere and pass it "
        "back with --expect-head to prove that nothing before it was rewritten.",
    )
    p.add_argument("action", choices=["verify"])
    p.add_argument("--db", required=True, help=_DB_HELP)
    p.add_argument("--expect-head", metavar="SEQ:HASH", help="a head printed earlier")
    return p


def audit_main(argv: list[str]) -> int:
    args = _audit_parser().parse_args(argv)
    try:
        expect = audit_chain.Head.parse(args.expect_head) if args.expect_head else None
    except ValueError as exc:
        print(f"audit verify: --expect-head: {exc}", file=sys.stderr)
        return 2

    def run(storage: SqlStorage) -> int:
        verdict = audit_chain.verify(
            chain_rows(storage.db), stored_head(storage.db), expect_head=expect
        )
        for problem in verdict.problems:
            print(f"BROKEN {problem}")
        state = "OK" if verdict.ok else f"BROKEN ({len(verdict.problems)} problems)"
        print(
            f"audit chain {state}: {verdict.rows} rows, {verdict.redacted} details erased, "
            f"head {verdict.head}"
        )
        return 0 if verdict.ok else 1

    return _with_storage(args.db, run)


# --- erase ---------------------------------------------------------------------------


def _erase_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service erase",
        description="Erase one shopper everywhere: order contact details and notes, "
        "back-in-stock requests, audit details naming them. Prints the counts per table. "
        "The erasure is itself an audit row (without the shopper's details).",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--email", help="every order and request with this email")
    who.add_argument("--phone", help="every order with this phone number")
    who.add_argument("--order", metavar="NUMBER", help="the shopper of this order (EA-...)")
    return p


def erase_main(argv: list[str]) -> int:
    args = _erase_parser().parse_args(argv)
    try:
        shopper = Shopper(email=args.email, phone=args.phone, order=args.order)
    except ValueError as exc:
        print(f"erase: {exc}", file=sys.stderr)
        return 2

    def run(storage: SqlStorage) -> int:
        counts = erase_shopper(storage, shopper, now=datetime.now(UTC))
        print(f"erased (found by {shopper.found_by}):")
        for table, count in _fields(counts):
            print(f"  {table:<14} {count}")
        if not counts.total:
            print("nothing matched; the request is recorded in the audit trail")
        return 0

    return _with_storage(args.db, run)


# --- retention -----------------------------------------------------------------------


def _retention_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service retention",
        description="Run one retention sweep now (the running service does it every hour).",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    retention.add_arguments(p)
    return p


def retention_main(argv: list[str]) -> int:
    args = _retention_parser().parse_args(argv)
    try:
        policy = retention.policy_from_args(args)
    except ValueError as exc:
        print(f"retention: {exc}", file=sys.stderr)
        return 2

    def run(storage: SqlStorage) -> int:
        counts = retention.apply_retention(storage, policy, datetime.now(UTC))
        print("retention sweep erased:")
        for table, count in _fields(counts):
            print(f"  {table:<14} {count}")
        return 0

    return _with_storage(args.db, run)


def _fields(counts: object) -> list[tuple[str, int]]:
    return [(name, int(getattr(counts, name))) for name in vars(counts)]


def main(argv: list[str]) -> int:
    """Dispatch ``audit``, ``erase`` or ``retention`` (``argv[0]``)."""
    command, rest = argv[0], argv[1:]
    if command == "audit":
        return audit_main(rest)
    if command == "erase":
        return erase_main(rest)
    return retention_main(rest)
