"""How a failed client call reads to the shopper (plain Python, no Qt).

The inventory client raises :class:`~inventory_client.InventoryError` subclasses with a
``user_message`` and a ``queued`` flag (the request is safe in the outbox). Anything else is
a bug on our side: the shopper reads :data:`~kiosk.journey.phases.GENERIC_ERROR`, never a
trace.
"""

from __future__ import annotations

from inventory_client import InventoryError
from kiosk.journey.phases import GENERIC_ERROR

__all__ = ["shopper_message", "was_queued"]


def shopper_message(error: Exception) -> str:
    """Plain words for the shopper about ``error``."""
    return error.user_message if isinstance(error, InventoryError) else GENERIC_ERROR


def was_queued(error: Exception) -> bool:
    """True when the failed call is kept in the outbox and will be sent later."""
    return isinstance(error, InventoryError) and error.queued
