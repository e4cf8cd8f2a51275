"""Domain errors raised by the storage layer and the rules, mapped to HTTP in one place.

    ServiceError                 (any refusal the caller can act on)
    ├── NotFound                 404 not_found
    ├── InvalidRequest           422 invalid_request (well-formed, but not acceptable)
    ├── NoLongerAvailable        409 no_longer_available
    ├── IdempotencyConflict      409 idempotency_conflict
    ├── InvalidTransition        409 invalid_transition
    ├── Busy                     503 internal (database contended; nothing written, retry)
    ├── Unauthorized             401 unauthorized (no key, unknown key)
    └── Forbidden                403 forbidden (known key, not allowed)

The storage layer knows nothing about HTTP; ``app.py`` turns these into ``ErrorBody``.
"""

from __future__ import annotations

from typing import Any

from inventory_client.models import ErrorCode


class ServiceError(Exception):
    """Base class: a request the service refuses, with a message a kiosk may show."""

    status_code: int = 400
    code: ErrorCode = ErrorCode.INVALID_REQUEST

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(ServiceError):
    status_code = 404
    code = ErrorCode.NOT_FOUND


class InvalidRequest(ServiceError):
    status_code = 422
    code = ErrorCode.INVALID_REQUEST


class NoLongerAvailable(ServiceError):
    status_code = 409
    code = ErrorCode.NO_LONGER_AVAILABLE


class IdempotencyConflict(ServiceError):
    status_code = 409
    code = ErrorCode.IDEMPOTENCY_CONFLICT


class InvalidTransition(ServiceError):
    status_code = 409
    code = ErrorCode.INVALID_TRANSITION


class Busy(ServiceError):
    """The database stayed too contended to finish the change (retries ran out, no
    connection free, a lock held too long). Nothing was written: send it again (the same
    ``Idempotency-Key`` makes that safe)."""

    status_code = 503
    code = ErrorCode.INTERNAL


class Unauthorized(ServiceError):
    """No key, or a key the service does not know."""

    status_code = 401
    code = ErrorCode.UNAUTHORIZED


class Forbidden(ServiceError):
    """A known key acting outside what it may do (scope, store or kiosk)."""

    status_code = 403
    code = ErrorCode.FORBIDDEN
