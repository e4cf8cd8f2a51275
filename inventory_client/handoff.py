"""Continue on the phone: the wire models of a hand-off and the links an order carries.

A kiosk asks the service for a hand-off (``POST /v1/handoffs``) for the shoe on its screen
and shows the link as a QR code; the shopper's phone opens it (``/m/h/<token>``), the kiosk
polls ``GET /v1/handoffs/<id>`` to learn it was used. The token never travels back to the
kiosk's poll: the kiosk holds it only to draw the code.

An order's two shopper-facing handles are derived here, once, from the order's
``Idempotency-Key`` (a random 128-bit uuid4 made on the kiosk before the order is sent):

- :func:`kiosk_reference`: the short code a kiosk prints while the order waits offline
  (``3FD0B7DA``); staff look it up at the counter, and so does the status page.
- :func:`status_token`: the secret in the status page's link (``/m/s/<token>``), a one-way
  hash of the key, so a kiosk that is offline can still print a link that will work once
  the order arrives, and the link gives away neither the key nor the order number.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from inventory_client.models import Gtin13, Identifier, WireModel

#: Paths of the phone pages under the service's public URL.
HANDOFF_PATH = "/m/h/"
STATUS_PATH = "/m/s/"
#: Languages the phone pages speak; the kiosk's choice travels in the link (``?lang=``).
PHONE_LANGUAGES = ("en", "de", "fr")


class HandoffCreate(WireModel):
    """POST /v1/handoffs (kiosk key): the shoe on the kiosk's screen, in its language."""

    kiosk_id: Identifier
    store_id: Identifier
    gtin: Gtin13
    language: str = Field(default="en", pattern=r"^(en|de|fr)$")


class HandoffTicket(WireModel):
    """The new hand-off: ``token`` goes into the QR code, ``id`` is what the kiosk polls."""

    id: str
    token: str = Field(description="Secret for the phone's link; single use")
    expires_at: datetime


class HandoffStage(StrEnum):
    WAITING = "waiting"  # nobody opened the link yet
    OPENED = "opened"  # a phone opened it: the kiosk steps back
    ORDERED = "ordered"  # the phone placed the order
    EXPIRED = "expired"  # never opened in time


class HandoffState(WireModel):
    """GET /v1/handoffs/{id}: how far the phone got (no personal data, ever)."""

    id: str
    stage: HandoffStage


def kiosk_reference(idempotency_key: str) -> str:
    """The short reference a kiosk prints for an order (the key's first 8 characters)."""
    return idempotency_key[:8].upper()


def status_token(idempotency_key: str) -> str:
    """The status page's secret for the order sent with this key (one-way, 128 bits)."""
    digest = hashlib.sha256(b"endless-aisle/status/" + idempotency_key.encode()).hexdigest()
    return digest[:32]


def status_link(public_url: str, idempotency_key: str, language: str) -> str:
    """The status page's full address, as the confirmation QR code carries it."""
    lang = language if language in PHONE_LANGUAGES else "en"
    token, reference = status_token(idempotency_key), kiosk_reference(idempotency_key)
    # The reference rides along for staff: their scanner reads it from the shopper's code.
    return f"{public_url.rstrip('/')}{STATUS_PATH}{token}?lang={lang}&ref={reference}"


def handoff_link(public_url: str, token: str, language: str) -> str:
    """The hand-off page's full address, as the kiosk's QR code carries it."""
    lang = language if language in PHONE_LANGUAGES else "en"
    return f"{public_url.rstrip('/')}{HANDOFF_PATH}{token}?lang={lang}"
