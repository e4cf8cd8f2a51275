"""Each order's shopper handles, recorded when the order is made (kiosk or phone).

``POST /v1/orders`` calls :func:`record_order_links` with the order and its
``Idempotency-Key``; the phone's order form does the same. The kiosk derived the same two
handles from the same key (``inventory_client.handoff``) before it sent the order, so what
it printed while offline finds the order once it arrives.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from inventory_client.handoff import kiosk_reference, status_token
from inventory_client.models import Order
from inventory_service.mobile.status import STATUS_LINK_DAYS
from inventory_service.mobile.tokens import token_hash
from inventory_service.storage import Storage
from inventory_service.storage.handoff import HandoffSql


def handoff_store(storage: Storage) -> HandoffSql:
    """The hand-off queries of the service's storage (both engines' ``SqlStorage``)."""
    if not isinstance(storage, HandoffSql):  # pragma: no cover - every backend has them
        raise TypeError(f"{type(storage).__name__} has no hand-off tables")
    return storage


def record_order_links(storage: Storage, order: Order, idempotency_key: str) -> None:
    """Remember the order's kiosk reference and status token (safe to call again)."""
    handoff_store(storage).record_order_link(
        order_id=order.id,
        store_id=order.store_id,
        kiosk_reference=kiosk_reference(idempotency_key),
        status_hash=token_hash(status_token(idempotency_key)),
        created_at=order.created_at,
        expires_at=order.created_at + timedelta(days=STATUS_LINK_DAYS),
    )


def order_by_status_token(storage: Storage, token: str, now: datetime) -> Order | None:
    """The order a status link leads to, while the link lasts; nothing else."""
    link = handoff_store(storage).order_link_by_status(token_hash(token))
    if link is None or link.expires_at <= now:
        return None
    storage.release_expired_holds(now)
    return storage.get_order(link.order_id)


def orders_by_code(storage: Storage, store_id: str, code: str) -> list[Order]:
    """The store's orders an order number or a kiosk reference names (staff lookup)."""
    code = code.strip().upper()
    found: list[Order] = []
    for number in dict.fromkeys((code, code if code.startswith("EA-") else f"EA-{code}")):
        by_number = storage.get_order_by_number(number)
        if by_number is not None and by_number.store_id == store_id:
            found.append(by_number)
    for order_id in handoff_store(storage).order_ids_by_reference(store_id, code):
        order = storage.get_order(order_id)
        if order is not None and order not in found:
            found.append(order)
    return found
