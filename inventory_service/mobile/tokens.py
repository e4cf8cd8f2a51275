"""Random tokens for the phone pages, and the hashes stored in their place.

A token is 24 random bytes (192 bits) in URL-safe base64: guessing one is hopeless, and
the database holds only its sha256, so a copy of the database opens no page.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

#: What a hand-off or session token looks like (anything else is refused unread).
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")
#: A status token (``inventory_client.handoff.status_token``): 32 hex digits.
STATUS_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
#: The order form's hidden idempotency key: a uuid4 in hex, as the kiosk makes them.
ORDER_KEY_RE = re.compile(r"^[0-9a-f]{32}$")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_order_key() -> str:
    """A fresh idempotency key for one rendering of the phone's order form."""
    return uuid.uuid4().hex


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
