"""The phone hand-off's kiosk calls (``client.phone``): make a hand-off, watch it.

They borrow the client's ``Transport`` (Session, timeouts, circuit breaker, error
boundary). Not queued: a hand-off is for the shopper standing there now; when the service
is away the kiosk says "not available right now" and the shopper types on the kiosk.
"""

from __future__ import annotations

from urllib.parse import quote

from inventory_client._transport import Transport
from inventory_client.handoff import HandoffCreate, HandoffState, HandoffTicket

__all__ = ["PhoneHandoffs"]


class PhoneHandoffs:
    """Hand-offs of this kiosk (with the kiosk's key). Blocking: call from a worker."""

    def __init__(self, transport: Transport, *, kiosk_id: str, store_id: str) -> None:
        self._transport = transport
        self.kiosk_id = kiosk_id
        self.store_id = store_id

    def start(self, gtin: str, language: str) -> HandoffTicket:
        """A new single-use hand-off for the shoe with this GTIN, in ``language``."""
        body = HandoffCreate(
            kiosk_id=self.kiosk_id, store_id=self.store_id, gtin=gtin, language=language
        )
        return self._transport.call(
            "POST", "/v1/handoffs", HandoffTicket, body=body.model_dump_json()
        )

    def state(self, handoff_id: str) -> HandoffState:
        """How far the phone got (``waiting``, ``opened``, ``ordered``, ``expired``)."""
        path = f"/v1/handoffs/{quote(handoff_id, safe='')}"
        return self._transport.call("GET", path, HandoffState)
