"""The client's one retry policy, mounted on its Session (``_transport.build_session``).

- One ``HTTPAdapter(max_retries=InventoryRetry(...))``. It retries with exponential backoff
  (and a little jitter) on failed connects, on read errors and on 502/503/504, a bounded
  number of times so a shopper never waits long.
- A retry must never do a thing twice. GET is idempotent, so it is retried. POST is retried
  only on the paths in ``IDEMPOTENT_POST_PATHS`` (``/v1/orders``, ``/v1/stock-adjustments``):
  the client always sends those with an ``Idempotency-Key`` header, so the service answers a
  repeat with the first result instead of creating a second order or a second stock change.
  Any other POST, and every PATCH, is retried only when the connection could not even be
  opened (nothing was sent).
- ``Retry-After`` is not honoured: a broken or hostile server must not be able to make the
  kiosk sleep for minutes. Our own backoff is capped at ``RETRY_BACKOFF_MAX`` seconds.
"""

from __future__ import annotations

from types import TracebackType

import urllib3
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util import parse_url
from urllib3.util.util import reraise

__all__ = ["IDEMPOTENT_POST_PATHS", "InventoryRetry", "make_retry"]

RETRY_TOTAL = 3
RETRY_CONNECT = 2
RETRY_READ = 1
RETRY_STATUS = 2
RETRY_BACKOFF_FACTOR = 0.2
RETRY_BACKOFF_MAX = 2.0
RETRY_BACKOFF_JITTER = 0.1
RETRY_STATUSES = frozenset({502, 503, 504})
IDEMPOTENT_POST_PATHS = frozenset({"/v1/orders", "/v1/stock-adjustments"})


class InventoryRetry(urllib3.Retry):
    """``urllib3.Retry`` that retries a POST only where an Idempotency-Key makes it safe."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: urllib3.BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: urllib3.connectionpool.ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> InventoryRetry:
        if (
            method is not None
            and method.upper() == "POST"
            and not _is_idempotent_post(url)
            and not (error is not None and self._is_connection_error(error))
        ):
            # The server may already have acted on this POST: do not send it again.
            if error is not None:
                reraise(type(error), error, _stacktrace)
            # urllib3 itself passes an optional pool here and ignores the same mismatch
            # (its stubs want a pool; MaxRetryError only keeps it for the message).
            raise MaxRetryError(_pool, url or "", ResponseError("POST not retried"))  # type: ignore[arg-type]
        return super().increment(method, url, response, error, _pool, _stacktrace)


def _is_idempotent_post(url: str | None) -> bool:
    if not url:
        return False
    return (parse_url(url).path or "").rstrip("/") in IDEMPOTENT_POST_PATHS


def make_retry() -> InventoryRetry:
    """The one retry policy of the client (see the module docstring)."""
    return InventoryRetry(
        total=RETRY_TOTAL,
        connect=RETRY_CONNECT,
        read=RETRY_READ,
        status=RETRY_STATUS,
        other=0,
        redirect=0,
        allowed_methods=frozenset({"GET", "HEAD", "POST"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=RETRY_BACKOFF_FACTOR,
        backoff_max=RETRY_BACKOFF_MAX,
        backoff_jitter=RETRY_BACKOFF_JITTER,
        raise_on_status=False,
        raise_on_redirect=False,
        respect_retry_after_header=False,
    )
