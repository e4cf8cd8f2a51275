"""SQL for erasing shoppers' personal data: order contact details, order notes,
back-in-stock requests and audit details. Called inside one ``Db.transact`` by
``inventory_service.erasure`` and ``inventory_service.retention``, which decide what goes.

Where personal data lives (and nowhere else): ``orders.ship_to`` (JSON),
``order_events.note``, ``back_in_stock.email``, ``audit_events.detail``.
"""

from __future__ import annotations

from datetime import datetime

from inventory_service import personal_data, rules
from inventory_service.storage._text import iso
from inventory_service.storage.dialect import Db, Row


def orders_with_contact(db: Db) -> list[Row]:
    """Every order whose contact details are still there (id, number, ship_to)."""
    return db.all("SELECT id, number, ship_to FROM orders WHERE contact_erased_at IS NULL")


def order_by_reference(db: Db, reference: str) -> Row | None:
    """An order by its number (``EA-4K7Q9M``, any case, prefix optional) or its id."""
    code = reference.strip().upper()
    number = code if code.startswith("EA-") else "EA-" + code
    return db.one(
        "SELECT id, number, ship_to, contact_erased_at FROM orders WHERE number = ? OR id = ?",
        (number, reference.strip()),
    )


def closed_orders_before(db: Db, status: str, cutoff: datetime) -> list[Row]:
    """Orders in ``status`` since before ``cutoff`` whose contact details are still there."""
    return db.all(
        "SELECT o.id, o.number, o.ship_to FROM orders o "
        "WHERE o.status = ? AND o.contact_erased_at IS NULL AND "
        "(SELECT MAX(e.at) FROM order_events e WHERE e.order_id = o.id) < ?",
        (status, iso(cutoff)),
    )


def erase_order_contact(db: Db, order: Row, now: datetime) -> int:
    """Blank the order's contact details (the country stays); 1 when it had them."""
    return db.run(
        "UPDATE orders SET ship_to = ?, contact_erased_at = ? "
        "WHERE id = ? AND contact_erased_at IS NULL",
        (personal_data.erased_ship_to(order["ship_to"]), iso(now), order["id"]),
    )


def blank_order_notes(db: Db, order_id: str) -> int:
    """Remove the free-text notes of an order's events (the service's own stay)."""
    return db.run(
        "UPDATE order_events SET note = NULL WHERE order_id = ? AND note IS NOT NULL AND note <> ?",
        (order_id, rules.HOLD_EXPIRED_NOTE),
    )


def delete_back_in_stock(db: Db, email: str) -> int:
    return db.run(
        f"DELETE FROM back_in_stock WHERE {db.fold('email')} = {db.fold('?')}", (email.strip(),)
    )


def delete_back_in_stock_before(db: Db, cutoff: datetime) -> int:
    return db.run("DELETE FROM back_in_stock WHERE received_at < ?", (iso(cutoff),))


def audit_details(db: Db) -> list[Row]:
    """Audit rows whose detail is still there (seq, action, detail)."""
    return db.all(
        "SELECT seq, action, detail FROM audit_events "
        "WHERE detail <> '' AND redacted_by IS NULL AND seq IS NOT NULL ORDER BY seq"
    )
