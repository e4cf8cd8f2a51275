"""Privacy scrubbing: what of the shopper's details the kiosk keeps, and for how long.

Personal data (name, address, phone, email) enters the client in two payloads, an order's
``ship_to`` and a back-in-stock request's ``email``, and lives only as long as it must:

- acknowledged by the service: the whole payload goes (``Outbox.mark_sent``);
- refused for good while the shopper is at the kiosk: they are told at once, so nothing
  personal stays (``without_contact``; a back-in-stock request drops its payload);
- an order refused in the background (accepted while offline): only the email address
  stays (``contact_only``), so the shopper can be told, until the notice is handled
  (``_notices``), then ``without_contact`` again.

What the outbox and the logs keep about a failure is ``describe``: class, status and code,
never the message text (a 422 message could quote the shopper's input). The same holds
for bad input: ``invalid_fields`` names the fields, never their values.

``AfterRefusal`` is the column of the delivery policy table (``_policies``) that says which of
these applies to each outbox kind.
"""

from __future__ import annotations

import json
from enum import Enum

from pydantic import ValidationError

from inventory_client._errors import InventoryError

__all__ = [
    "AfterRefusal",
    "LogSafe",
    "contact_only",
    "describe",
    "invalid_fields",
    "without_contact",
]


class LogSafe(str):
    """Text the code vouches for as never personal (its own words: "fetch request"), so
    the kiosk's log allow-list (:mod:`kiosk.system.logs`) writes it as a message argument
    even with spaces in it. Never wrap anything that came from a person or the service."""

    __slots__ = ()


_WHO_WHERE_WHAT = ("kiosk_id", "store_id", "lines")


class AfterRefusal(Enum):
    """What the outbox keeps of an entry the service refused for good."""

    KEEP = "keep"  # nothing personal in it (fetch request, stock adjustment): kept for staff
    DROP_PAYLOAD = "drop payload"  # back-in-stock: the email address goes with the payload
    DROP_CONTACT = "drop contact"  # order: no ship_to; refused in the background, the
    # email address stays until the notice is handled
    FORGET = "forget"  # demand event: worth nothing refused, the entry goes


def describe(exc: InventoryError) -> str:
    """What the outbox keeps about a failure: class, status and code, no message text."""
    return f"{type(exc).__name__}: {exc.status_code or '-'} {exc.code or '-'}"


def without_contact(payload: str | None) -> str | None:
    """An order payload with nothing personal left: who, where and what, no ship_to."""
    if payload is None:
        return None
    order = json.loads(payload)
    return json.dumps({k: order[k] for k in _WHO_WHERE_WHAT if k in order})


def contact_only(payload: str | None) -> str | None:
    """An order payload reduced to what a refusal notice needs: the lines and the email."""
    if payload is None:
        return None
    order = json.loads(payload)
    kept = {k: order[k] for k in _WHO_WHERE_WHAT if k in order}
    email = (order.get("ship_to") or {}).get("email")
    if email:
        kept["email"] = email
    return json.dumps(kept)


def invalid_fields(exc: ValidationError) -> str:
    """The names of the fields pydantic refused, never their values (an email address)."""
    return ", ".join(str(e["loc"][0]) for e in exc.errors() if e.get("loc"))
