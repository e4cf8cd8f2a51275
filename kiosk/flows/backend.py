"""The client calls the flows make: a Protocol, so tests can hand in any object with them."""

from __future__ import annotations

from typing import Protocol

from inventory_client.models import FetchRequest, Order, OrderLineRequest, ShipTo

__all__ = ["JourneyBackend"]


class JourneyBackend(Protocol):
    """The client calls the fetch, order and notify flows need (``InventoryClient`` has them)."""

    def create_fetch_request(
        self, gtin: str, *, idempotency_key: str | None = None
    ) -> FetchRequest: ...
    def get_fetch_request(self, request_id: str) -> FetchRequest: ...
    def cancel_fetch_request(self, request_id: str) -> FetchRequest: ...
    def place_order(
        self, lines: list[OrderLineRequest], ship_to: ShipTo, *, idempotency_key: str
    ) -> Order: ...
    def request_back_in_stock(
        self, gtin: str, email: str, language: str, *, request_id: str | None = None
    ) -> object: ...
