"""``python -m inventory_service keys {add,list,revoke,rotate}``: the life of an API key.

    keys add    --db DB --scope kiosk|staff|head-office [--store-id S] [--kiosk-id K]
                [--label TEXT] [--expires 365d|YYYY-MM-DD|never]
    keys list   --db DB [--all]
    keys revoke --db DB KEY_ID
    keys rotate --db DB KEY_ID [--expires ...]

``add`` and ``rotate`` print the new secret once, alone on stdout (scripts read it from
there); only its sha256 is stored. The secret is 256 random bits, so a fast unsalted hash
is enough: nobody can guess the input back, and a lookup stays one indexed read. ``list``
never prints a secret. ``rotate`` makes a new key with the same scope, store, kiosk and
label and revokes the old one in the same transaction. ``add-key`` (the older command)
is ``keys add``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from inventory_service import rules
from inventory_service.storage import ApiKey, KeyScope, Storage
from inventory_service.storage.backends import backend_for
from inventory_service.storage.base import CHAIN_STORE_ID

DEFAULT_EXPIRY = "365d"
_DB_HELP = "SQLite file or sqlite:///path, or a postgresql:// URL"
_DAYS_RE = re.compile(r"^(\d{1,5})d$")
_SCOPES = {"kiosk": KeyScope.KIOSK, "staff": KeyScope.STAFF, "head-office": KeyScope.HEAD_OFFICE}


class KeyCommandError(Exception):
    """A refusal with a message for the person at the terminal (exit code 2)."""


def parse_expiry(text: str, now: datetime) -> datetime | None:
    """``90d`` (days from now), ``2027-06-30`` (that day, 00:00 UTC) or ``never``."""
    text = text.strip().lower()
    if text == "never":
        return None
    if match := _DAYS_RE.match(text):
        days = int(match.group(1))
        if days < 1:
            raise KeyCommandError("--expires: at least 1d")
        return now + timedelta(days=days)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise KeyCommandError(
            f"--expires: {text!r} is neither a number of days (90d), a date (2027-06-30) "
            "nor 'never'"
        ) from None
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    if when <= now:
        raise KeyCommandError(f"--expires: {text} is in the past")
    return when


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service keys",
        description="Create, list, revoke and rotate API keys.",
    )
    commands = p.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create a key; prints its secret once")
    add.add_argument("--db", required=True, help=_DB_HELP)
    add.add_argument("--scope", choices=sorted(_SCOPES), required=True)
    add.add_argument("--store-id", help="the key's store (not for head-office)")
    add.add_argument("--kiosk-id", help="required for --scope kiosk")
    add.add_argument("--label", help="names the key in lists and audit records")
    add.add_argument("--expires", default=DEFAULT_EXPIRY, help="90d, 2027-06-30 or never")
    listing = commands.add_parser("list", help="list keys (never their secrets)")
    listing.add_argument("--db", required=True, help=_DB_HELP)
    listing.add_argument("--all", action="store_true", help="also revoked and expired keys")
    revoke = commands.add_parser("revoke", help="revoke a key (it answers 401 from now on)")
    revoke.add_argument("--db", required=True, help=_DB_HELP)
    revoke.add_argument("key_id", type=int, metavar="KEY_ID")
    rotate = commands.add_parser("rotate", help="replace a key: new secret, old one revoked")
    rotate.add_argument("--db", required=True, help=_DB_HELP)
    rotate.add_argument("key_id", type=int, metavar="KEY_ID")
    rotate.add_argument("--expires", default=DEFAULT_EXPIRY, help="90d, 2027-06-30 or never")
    return p


def _add(storage: Storage, args: argparse.Namespace, now: datetime) -> str:
    scope = _SCOPES[args.scope]
    if scope == KeyScope.KIOSK and not args.kiosk_id:
        raise KeyCommandError("--kiosk-id is required for a kiosk key")
    if scope == KeyScope.HEAD_OFFICE:
        if args.store_id or args.kiosk_id:
            raise KeyCommandError("a head-office key is for the chain: no --store-id/--kiosk-id")
        store_id = CHAIN_STORE_ID
    elif not args.store_id:
        raise KeyCommandError(f"--store-id is required for a {args.scope} key")
    else:
        store_id = args.store_id
    kiosk_id = args.kiosk_id if scope == KeyScope.KIOSK else None
    label = args.label or (f"kiosk {kiosk_id}" if kiosk_id else args.scope)
    expires = parse_expiry(args.expires, now)
    secret = rules.new_api_key()
    storage.add_api_key(
        rules.hash_api_key(secret), scope, store_id, kiosk_id, label, expires_at=expires
    )
    return secret


def _rotate(storage: Storage, args: argparse.Namespace, now: datetime) -> str:
    expires = parse_expiry(args.expires, now)
    secret = rules.new_api_key()
    new = storage.rotate_api_key(
        args.key_id, rules.hash_api_key(secret), expires_at=expires, now=now
    )
    if new is None:
        raise KeyCommandError(f"no usable key with id {args.key_id} (see 'keys list --all')")
    return secret


def state_of(key: ApiKey, now: datetime) -> str:
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


def format_keys(keys: Sequence[ApiKey], now: datetime) -> str:
    header = ("id", "scope", "store", "kiosk", "label", "state", "created", "expires", "last used")
    rows = [header] + [
        (
            str(k.id),
            str(k.scope),
            k.store_id,
            k.kiosk_id or "-",
            k.label,
            state_of(k, now),
            _day(k.created_at),
            _day(k.expires_at),
            _day(k.last_used_at),
        )
        for k in keys
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    now = datetime.now(UTC)
    backend = backend_for(args.db)
    backend.initialise()
    try:
        with backend.open() as storage:
            if args.command == "add":
                print(_add(storage, args, now))
                print("Store this key now: it is not shown again.", file=sys.stderr)
            elif args.command == "rotate":
                print(_rotate(storage, args, now))
                print(
                    f"Key {args.key_id} is revoked; store the new key now: it is not shown again.",
                    file=sys.stderr,
                )
            elif args.command == "revoke":
                if storage.get_api_key(args.key_id) is None:
                    raise KeyCommandError(f"no key with id {args.key_id}")
                if storage.revoke_api_key(args.key_id, now):
                    print(f"key {args.key_id} revoked")
                else:
                    print(f"key {args.key_id} was revoked already")
            else:
                keys = storage.list_api_keys()
                shown = keys if args.all else [k for k in keys if state_of(k, now) == "active"]
                print(format_keys(shown, now))
    except KeyCommandError as exc:
        print(f"keys {args.command}: {exc}", file=sys.stderr)
        return 2
    finally:
        backend.dispose()
    return 0
