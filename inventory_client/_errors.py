"""The one error hierarchy of the inventory client.

Every failure the kiosk can meet while talking to the inventory service is one of these::

    InventoryError
    ├── Unavailable        the service could not be reached or could not answer: connect or
    │   │                  read timeout, refused or reset connection, TLS failure (code
    │   │                  ``tls``), 5xx, an open circuit. Trying again later may work.
    │   └── Busy           429: the service asks this client to slow down; ``retry_after``
    │                      is how long (seconds, from ``Retry-After``, capped).
    ├── NotFound           the service has no such thing (unknown GTIN, order, fetch request).
    ├── NoLongerAvailable  the stock was there a moment ago but is gone (409
    │                      ``no_longer_available``): someone bought the last pair first.
    ├── Unauthorized       the kiosk's key is missing, unknown or not allowed (401, 403), or
    │                      a staff call on a client without a staff key (raised before
    │                      anything is sent).
    ├── Rejected           the service refused the request as it stands: any other 4xx, e.g. 422
    │                      validation, 409 ``idempotency_conflict`` or ``invalid_transition``.
    └── InvalidResponse    the answer did not make sense: not JSON, wrong content type, a body
                           that does not match the wire models, an unexpected status.

Each error carries two texts:

- ``str(error)``: technical, for logs and staff ("POST /v1/orders -> 503 internal: ...").
  It never contains request bodies, so no personal data.
- ``error.user_message``: calm, plain words a shopper can read on the kiosk screen, without
  codes or jargon.

Exceptions of ``requests``, ``urllib3``, ``json`` and ``pydantic`` are translated into these
in exactly one place (``_transport.translate_errors``) with ``raise ... from exc``, so the
cause stays in the traceback but never reaches the kiosk as a foreign type.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Busy",
    "InvalidResponse",
    "InventoryError",
    "NoLongerAvailable",
    "NotFound",
    "Rejected",
    "Unauthorized",
    "Unavailable",
]

RETRY_AFTER_MAX = 3600.0
"""The longest ``Retry-After`` honoured: a broken or hostile server cannot park the outbox
for days."""


class InventoryError(Exception):
    """Base class of every error the inventory client raises.

    Attributes:
        user_message: Plain words for the shopper.
        status_code: The HTTP status, when there was a response.
        code: The service's error code (``ErrorBody.error.code``), when it sent one.
        queued: True when the request (an order) is safely kept in the outbox and a later
            ``flush_outbox()`` sends it again under the same idempotency key; the shopper
            is told so instead of being asked to try again.
    """

    default_user_message = (
        "Something went wrong. Please try again, or ask a member of staff for help."
    )
    queued_user_message = (
        "We couldn't confirm your order just now. It is saved on this kiosk "
        "and will be sent again automatically."
    )

    def __init__(
        self,
        message: str,
        *,
        user_message: str | None = None,
        status_code: int | None = None,
        code: str | None = None,
        queued: bool = False,
    ) -> None:
        super().__init__(message)
        if user_message is None:
            user_message = self.queued_user_message if queued else self.default_user_message
        self.user_message = user_message
        self.status_code = status_code
        self.code = code
        self.queued = queued


class Unavailable(InventoryError):
    """The service could not be reached or could not answer in time; it may work later."""

    default_user_message = (
        "We can't reach our stock system right now. "
        "Please try again in a moment, or ask a member of staff for help."
    )
    queued_user_message = (
        "We can't reach our stock system right now. Your order is saved on this kiosk "
        "and will be sent as soon as the connection is back."
    )


class Busy(Unavailable):
    """429: the service is limiting this client; wait ``retry_after`` seconds (None when the
    answer did not say) before sending again. Queued entries wait at least that long."""

    default_user_message = (
        "Our stock system is busy right now. Please try again in a moment, "
        "or ask a member of staff for help."
    )

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class NotFound(InventoryError):
    """The service does not know the GTIN, order or request asked for."""

    default_user_message = (
        "We couldn't find this item. Please try another one, or ask a member of staff for help."
    )


class NoLongerAvailable(InventoryError):
    """The pair was available a moment ago, but someone else has just taken it."""

    default_user_message = (
        "Sorry, this size has just sold out. Please choose another size, "
        "or ask a member of staff for help."
    )


class Unauthorized(InventoryError):
    """The kiosk's (or the staff) API key is missing, unknown, or not allowed to do this
    (401/403); also raised before any request by a staff call without a staff key."""

    default_user_message = (
        "This kiosk is not set up correctly at the moment. Please ask a member of staff for help."
    )


class Rejected(InventoryError):
    """The service refused the request as it stands (a 4xx other than 401/403/404)."""

    default_user_message = (
        "We couldn't accept this request. Please check the details, "
        "or ask a member of staff for help."
    )


class InvalidResponse(InventoryError):
    """The service's answer could not be understood (bad JSON, wrong shape or content type)."""

    default_user_message = (
        "Our stock system gave an unexpected answer. "
        "Please try again in a moment, or ask a member of staff for help."
    )
