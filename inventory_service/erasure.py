"""Erase one shopper everywhere: ``python -m inventory_service erase --email|--phone|--order``.

One transaction: the contact details of every order of that shopper (found by email,
phone or one order's number; an order brings its own email and phone along), the free
text notes of those orders' events, their back-in-stock requests (by email), and the
detail of each audit row that names them. The erasure is an audit row itself
(``privacy.erase``, with the counts and how the shopper was found, never who), and the
redacted rows point at it, so ``audit verify`` still passes (see ``audit_chain``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from inventory_service import personal_data
from inventory_service.audit_chain import PRIVACY_ACTIONS, SERVICE_ACTOR
from inventory_service.personal_data import Identifiers
from inventory_service.storage import privacy
from inventory_service.storage.audit import append_audit, redact_audit
from inventory_service.storage.base import AuditStamp
from inventory_service.storage.dialect import Db, Row
from inventory_service.storage.sql_storage import SqlStorage

#: Who the command line is in the audit trail (chain-wide rows use the store ``*``).
COMMAND_LINE = AuditStamp(store_id="*", actor=SERVICE_ACTOR, key_label="command line")


@dataclass(frozen=True)
class ErasureCounts:
    """Rows changed per table (``audit_events``: details blanked)."""

    orders: int = 0
    order_events: int = 0
    back_in_stock: int = 0
    audit_events: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def __str__(self) -> str:
        return ", ".join(f"{f.name} {getattr(self, f.name)}" for f in fields(self))


@dataclass(frozen=True)
class Shopper:
    """How the shopper to erase is found: exactly one of the three."""

    email: str | None = None
    phone: str | None = None
    order: str | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.email, self.phone, self.order) if v and v.strip()]
        if len(given) != 1:
            raise ValueError("name the shopper by exactly one of email, phone or order")
        if self.phone is not None and len(personal_data.digits(self.phone)) < 7:
            raise ValueError("a phone number has at least 7 digits")

    @property
    def found_by(self) -> str:
        return "email" if self.email else "phone" if self.phone else "order"


def _orders_of(db: Db, shopper: Shopper) -> list[Row]:
    if shopper.order:
        found = privacy.order_by_reference(db, shopper.order)
        return [found] if found is not None else []
    return [
        row
        for row in privacy.orders_with_contact(db)
        if personal_data.contact_matches(row["ship_to"], email=shopper.email, phone=shopper.phone)
    ]


def _emails(shopper: Shopper, orders: Iterable[Row]) -> set[str]:
    found = {shopper.email.strip()} if shopper.email else set()
    for order in orders:
        try:
            email = json.loads(order["ship_to"]).get("email")
        except (ValueError, AttributeError):
            continue
        if isinstance(email, str) and email.strip():
            found.add(email.strip())
    return found


def audit_rows_naming(db: Db, who: Identifiers, numbers: Iterable[str] = ()) -> list[int]:
    """Seqs of audit rows whose detail names the shopper (or one of these orders)."""
    numbers = [n for n in numbers if n]
    if not who and not numbers:
        return []
    return [
        int(row["seq"])
        for row in privacy.audit_details(db)
        if row["action"] not in PRIVACY_ACTIONS
        and (personal_data.mentions(row["detail"], who) or any(n in row["detail"] for n in numbers))
    ]


def erase_orders(db: Db, orders: Iterable[Row], now: datetime) -> tuple[int, int]:
    """Blank the orders' contact details and notes; (orders changed, events changed)."""
    changed = events = 0
    for order in orders:
        changed += privacy.erase_order_contact(db, order, now)
        events += privacy.blank_order_notes(db, order["id"])
    return changed, events


def erase_shopper(
    storage: SqlStorage, shopper: Shopper, *, now: datetime, stamp: AuditStamp = COMMAND_LINE
) -> ErasureCounts:
    """Erase the shopper everywhere in one transaction; what was changed, per table."""
    db = storage.db

    def run() -> ErasureCounts:
        orders = _orders_of(db, shopper)
        who = personal_data.identifiers(email=shopper.email, phone=shopper.phone)
        for order in orders:
            who = who | personal_data.identifiers_of_ship_to(order["ship_to"])
        redact = audit_rows_naming(db, who, [o["number"] for o in orders])
        emails = _emails(shopper, orders)
        changed, events = erase_orders(db, orders, now)
        requests = sum(privacy.delete_back_in_stock(db, email) for email in emails)
        counts = ErasureCounts(changed, events, requests, len(redact))
        row = append_audit(
            db, stamp, "privacy.erase", f"one shopper, found by {shopper.found_by}: {counts}", now
        )
        redact_audit(db, redact, int(row["seq"]))
        return counts

    return db.transact(run)
