"""Rate limits: token buckets per key and per client address, answered with 429.

The small API (G's phone hand-off tokens reuse it)::

    limiter = RateLimiter(rate=0.5, burst=10)   # 10 at once, then one every 2 s
    wait = limiter.check("addr:10.0.0.7")       # takes a token; None = go ahead
    if wait is not None:
        raise RateLimited(wait)                 # 429 + Retry-After (install_rate_limits)
    limiter.peek("addr:10.0.0.7")               # would a token be there? takes nothing

    route(..., _: Annotated[None, Depends(rate_limit(limiter, by_address))])

What is limited by default (``RateLimitPolicy``), and why the numbers:

- **authentication failures** (401: no key, unknown key): per client address and per
  presented credential, tight (20 at once, then one every 3 s). A 403 is a known key
  asking for too much: the roles answer it (and the audit records it), no limit here.
  A blocked address gets 429 on every request but ``/v1/health`` until its bucket
  refills: 1,000 random keys see 429 after the first 20.
- **order-number lookups** (``GET /v1/orders/{id}``, ``GET /v1/orders/by-number/{n}``):
  per key, generous for lookups (60 at once, 5/s), tighter for misses (404: 60 at once,
  then one every 2 s, per key and per address). A key only ever finds orders its role may
  read anyway (another store's answer is a 404 too), so the misses limit slows a leaked
  key's or a buggy client's probing (887 million numbers at 43,000 a day) without
  tripping a test suite or a contract fuzzer that looks up a few dozen unknown ids.
- **writes** (POST/PUT/PATCH/DELETE): per key, generous (300 at once, 10/s): an outbox
  flushing a backlog after an outage fits in the burst; the chain load benchmark's users
  each use their own kiosk key. Only a flood from one key is stopped.

Legitimate traffic never pays for failures: addresses are charged only for failures.
The service's own host (127.0.0.1, ::1) is not limited as an address (see
``RateLimitPolicy.unlimited_addresses``); keys used from there are.

Where the counts live: in the memory of each worker process (a dict of buckets, bounded by
``max_buckets``). With ``--workers N`` a client that lands on every worker may get up to
N times the figures above; the kernel spreads connections, so in practice less. Shared
counters in the database would cost a write on every request (the hot path the load
benchmark measures) and a lock on SQLite; for limits whose job is to make probing and
floods slow, not exact, per-process memory is the better trade. A restart forgets them.

Behind a reverse proxy every client has the proxy's address: start uvicorn (our ``serve``)
with the proxy in ``FORWARDED_ALLOW_IPS`` so the address is the client's, not the proxy's.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from inventory_client.models import ErrorCode
from inventory_service.errors import ServiceError
from inventory_service.http_boundary import error_response

__all__ = [
    "RateLimitPolicy",
    "RateLimited",
    "RateLimiter",
    "RateLimits",
    "by_address",
    "install_rate_limits",
    "rate_limit",
    "retry_after_header",
]

DEFAULT_MAX_BUCKETS = 50_000
"""Buckets kept per limiter; the least recently used go first (a bucket forgotten is full)."""


class RateLimiter:
    """A token bucket per key: ``burst`` tokens, refilled at ``rate`` per second.

    Thread-safe (sync routes run in a thread pool). ``clock`` is monotonic seconds, passed
    in so tests can step time.
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_buckets: int = DEFAULT_MAX_BUCKETS,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._max_buckets = max_buckets
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        tokens, at = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - at) * self.rate)

    def _store(self, key: str, tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        self._buckets.move_to_end(key)
        while len(self._buckets) > self._max_buckets:
            self._buckets.popitem(last=False)

    def check(self, key: str, cost: float = 1.0) -> float | None:
        """Take ``cost`` tokens: None when taken, else the seconds until they would be."""
        with self._lock:
            now = self._clock()
            tokens = self._tokens(key, now)
            if tokens >= cost:
                self._store(key, tokens - cost, now)
                return None
            self._store(key, tokens, now)
            return (cost - tokens) / self.rate

    def peek(self, key: str, cost: float = 1.0) -> float | None:
        """Like ``check`` but takes nothing: None when ``cost`` tokens are there."""
        with self._lock:
            now = self._clock()
            tokens = self._tokens(key, now)
            return None if tokens >= cost else (cost - tokens) / self.rate

    def charge(self, key: str, cost: float = 1.0) -> None:
        """Take ``cost`` tokens whatever is left (a failure already happened); floor 0."""
        with self._lock:
            now = self._clock()
            self._store(key, max(0.0, self._tokens(key, now) - cost), now)


class RateLimited(ServiceError):
    """429: too many requests; ``retry_after`` seconds until one would be accepted."""

    status_code = 429
    code = ErrorCode.RATE_LIMITED

    def __init__(self, retry_after: float, message: str = "Too many requests.") -> None:
        super().__init__(f"{message} Try again in {retry_after_header(retry_after)} s.")
        self.retry_after = retry_after


def retry_after_header(seconds: float) -> str:
    """``Retry-After`` in whole seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(seconds)))


def _too_many(retry_after: float, message: str) -> JSONResponse:
    exc = RateLimited(retry_after, message)
    return error_response(
        429, exc.code, exc.message, headers={"Retry-After": retry_after_header(retry_after)}
    )


# --- keys for buckets ------------------------------------------------------------------


def address_of(scope: Mapping[str, Any]) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def by_address(request: Request) -> str:
    """Bucket key of a request: its client address (for ``rate_limit``)."""
    return "addr:" + address_of(request.scope)


def _presented_key(scope: Mapping[str, Any]) -> str | None:
    """A short digest of the credential in ``Authorization`` (never the secret itself)."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            return "key:" + hashlib.sha256(value.strip()).hexdigest()[:32]
    return None


def rate_limit(
    limiter: RateLimiter, key_of: Callable[[Request], str], message: str = "Too many requests."
) -> Callable[[Request], None]:
    """A FastAPI dependency that takes a token from ``limiter`` or raises ``RateLimited``."""

    def dependency(request: Request) -> None:
        wait = limiter.check(key_of(request))
        if wait is not None:
            raise RateLimited(wait, message)

    return dependency


# --- the service's policy ----------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    rate: float  # tokens per second
    burst: int

    def limiter(self, clock: Callable[[], float]) -> RateLimiter:
        return RateLimiter(self.rate, self.burst, clock=clock)


#: Failed authentications an address or a credential gets at once (then one per 3 s).
AUTH_FAILURE_BURST = 20


@dataclass(frozen=True)
class RateLimitPolicy:
    """The service's limits (see the module docstring for the reasons)."""

    auth_failures: Limit = field(
        default_factory=lambda: Limit(rate=1 / 3, burst=AUTH_FAILURE_BURST)
    )
    order_lookups: Limit = field(default_factory=lambda: Limit(rate=5.0, burst=60))
    order_misses: Limit = field(default_factory=lambda: Limit(rate=1 / 2, burst=60))
    writes: Limit = field(default_factory=lambda: Limit(rate=10.0, burst=300))
    #: Addresses never limited *as addresses* (their keys still are): the service's own
    #: host, i.e. the command line, the demo kiosk beside it, and a TLS proxy in front of
    #: it (whose clients uvicorn tells apart by X-Forwarded-For). Limiting 127.0.0.1 would
    #: let one client behind such a proxy lock every other one out.
    unlimited_addresses: frozenset[str] = frozenset({"127.0.0.1", "::1"})

    @classmethod
    def with_auth_failure_burst(cls, burst: int) -> RateLimitPolicy:
        """The default limits with ``burst`` failed authentications allowed at once
        (``serve --auth-failure-burst``: a store whose kiosks share one NAT address)."""
        default = cls()
        return cls(auth_failures=Limit(rate=default.auth_failures.rate, burst=burst))


_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_UNLIMITED_PATHS = frozenset({"/v1/health"})
_ORDER_LOOKUP_RE = re.compile(r"^/v1/orders/(?:by-number/)?[^/]+$")


def _is_order_lookup(method: str, path: str) -> bool:
    """``GET /v1/orders/{id}`` or ``GET /v1/orders/by-number/{number}``."""
    return method == "GET" and _ORDER_LOOKUP_RE.match(path) is not None


def _longest(waits: Iterable[float | None]) -> float | None:
    """The longest of the waits that are not None; None when there is none."""
    real = [w for w in waits if w is not None]
    return max(real) if real else None


class RateLimits:
    """Pure ASGI middleware applying ``RateLimitPolicy``: checks before the route runs,
    charges failures from the answer's status after it."""

    def __init__(
        self,
        app: Any,
        policy: RateLimitPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        policy = policy or RateLimitPolicy()
        self.auth_failures = policy.auth_failures.limiter(clock)
        self.order_lookups = policy.order_lookups.limiter(clock)
        self.order_misses = policy.order_misses.limiter(clock)
        self.writes = policy.writes.limiter(clock)
        self.unlimited_addresses = policy.unlimited_addresses

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in _UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        method = scope.get("method", "GET")
        client_address = address_of(scope)
        address = None if client_address in self.unlimited_addresses else "addr:" + client_address
        key = _presented_key(scope)
        refusal = self._refusal(method, path, address, key)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        status = 0

        async def watching_send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, watching_send)
        self._charge(status, method, path, address, key)

    def _refusal(
        self, method: str, path: str, address: str | None, key: str | None
    ) -> JSONResponse | None:
        buckets = [b for b in (address, key) if b is not None]
        wait = _longest(self.auth_failures.peek(b) for b in buckets)
        if wait is not None:
            return _too_many(wait, "Too many failed authentications from here.")
        if _is_order_lookup(method, path):
            waits = [self.order_misses.peek(b) for b in buckets]
            if key is not None:
                waits.append(self.order_lookups.check(key))
            wait = _longest(waits)
            if wait is not None:
                return _too_many(wait, "Too many order lookups.")
        if method in _WRITE_METHODS and key is not None:
            wait_write = self.writes.check(key)
            if wait_write is not None:
                return _too_many(wait_write, "Too many changes from this key.")
        return None

    def _charge(
        self, status: int, method: str, path: str, address: str | None, key: str | None
    ) -> None:
        buckets = [b for b in (address, key) if b is not None]
        if status == 401:
            for bucket in buckets:
                self.auth_failures.charge(bucket)
        elif status == 404 and _is_order_lookup(method, path):
            for bucket in buckets:
                self.order_misses.charge(bucket)


def install_rate_limits(app: FastAPI, policy: RateLimitPolicy | None = None) -> None:
    """Add the limits middleware and the 429 handler for ``RateLimited`` (raised by
    ``rate_limit`` dependencies)."""

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return error_response(
            429, exc.code, exc.message, headers={"Retry-After": retry_after_header(exc.retry_after)}
        )

    app.add_middleware(RateLimits, policy=policy)
    _document_429(app)


def _document_429(app: FastAPI) -> None:
    """Put the 429 (with ``Retry-After``) into ``/openapi.json`` for every limited route:
    the contract says what the service may answer (schemathesis checks it)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        for path, operations in schema.get("paths", {}).items():
            if path in _UNLIMITED_PATHS:
                continue
            for operation in operations.values():
                if isinstance(operation, dict) and "responses" in operation:
                    operation["responses"].setdefault("429", _RESPONSE_429)
        return schema

    # FastAPI's documented way to customise the schema is to replace this method.
    app.openapi = openapi  # type: ignore[method-assign]


_RESPONSE_429: dict[str, Any] = {
    "description": "Too many requests (rate limits, see docs/SECURITY.md 'Limits')",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before sending again",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
}
