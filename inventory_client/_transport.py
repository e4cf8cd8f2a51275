"""HTTP plumbing: one ``requests.Session``, timeouts, retries and the error boundary.

This module and its retry policy (``_retry``) are the only ones that touch ``requests`` and
``urllib3``, and ``translate_errors`` is the only place where their exceptions (and
pydantic's) become ``InventoryError``\\ s.

Timeouts
--------
requests has no default timeout: every call passes ``timeout=(connect, read)``; the
defaults are ``DEFAULT_CONNECT_TIMEOUT`` and ``DEFAULT_READ_TIMEOUT``. The retry policy is
mounted on the Session once (``_retry``). After the retries, a call that still failed
counts against the ``CircuitBreaker``; while the circuit is open, calls fail at once with
``Unavailable`` without touching a socket.
"""

from __future__ import annotations

import email.utils
import logging
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Generic, TypeVar

import pydantic
import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError

from inventory_client._breaker import CircuitBreaker
from inventory_client._errors import (
    RETRY_AFTER_MAX,
    Busy,
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._retry import make_retry
from inventory_client.models import ErrorBody, ErrorCode

log = logging.getLogger("inventory_client")

DEFAULT_CONNECT_TIMEOUT = 2.0
"""Seconds to wait for a TCP connection to the service."""
DEFAULT_READ_TIMEOUT = 5.0
"""Seconds to wait for the service between bytes of its answer."""

JSON = "application/json"
"""Content type of every request body unless a call names another (a CSV import)."""


def _package_version() -> str:
    try:
        return metadata.version("endless-aisle")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


USER_AGENT = f"endless-aisle-kiosk/{_package_version()}"

M = TypeVar("M", bound=pydantic.BaseModel)


def bearer(key: str) -> dict[str, str]:
    """The ``Authorization`` header that makes one request a staff request."""
    return {"Authorization": f"Bearer {key}"}


CA_ENVIRONMENT = ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")
"""The standard variables naming trusted CAs, honoured in this order (after the config)."""


def tls_verify(
    ca_bundle: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> str | bool:
    """What the Session verifies a service certificate against.

    The config's ``ca_bundle`` first (a store's own CA, ``make-cert``), else the first of
    ``CA_ENVIRONMENT`` that is set, else the bundled public CAs (certifi). The Session does
    not read the environment itself (``trust_env=False`` keeps proxies and ``.netrc`` out),
    so the CA variables are read here, explicitly. Never ``False``: there is no switch to
    turn verification off.
    """
    if ca_bundle:
        return os.fspath(ca_bundle)
    env = os.environ if environ is None else environ
    for name in CA_ENVIRONMENT:
        if env.get(name):
            return env[name]
    return True


def build_session(
    api_key: str, ca_bundle: str | os.PathLike[str] | None = None
) -> requests.Session:
    """A Session with bearer auth, our User-Agent, the CAs to trust (``tls_verify``) and
    the retrying adapter mounted."""
    session = requests.Session()
    session.trust_env = False  # the kiosk talks to its configured URL, never a stray proxy
    session.verify = tls_verify(ca_bundle)
    session.headers.update(
        {
            **bearer(api_key),
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
    )
    adapter = HTTPAdapter(max_retries=make_retry(), pool_connections=2, pool_maxsize=4)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@contextmanager
def translate_errors(what: str) -> Iterator[None]:
    """The one boundary where library exceptions become ``InventoryError``.

    ``what`` names the request ("GET /v1/health") for the technical message.
    """
    try:
        yield
    except InventoryError:
        raise
    except requests.exceptions.SSLError as exc:
        raise Unavailable(f"{what}: {_tls_failure(exc)}", code="tls") from exc
    except requests.exceptions.ConnectTimeout as exc:
        raise Unavailable(f"{what}: connect timed out") from exc
    except requests.exceptions.ReadTimeout as exc:
        raise Unavailable(f"{what}: read timed out") from exc
    except requests.exceptions.ConnectionError as exc:
        raise Unavailable(f"{what}: {_connection_failure(exc)}") from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise Unavailable(f"{what}: connection broke while reading the answer") from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise InvalidResponse(f"{what}: body could not be decoded") from exc
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader) as exc:
        raise Rejected(f"{what}: invalid request ({exc})") from exc
    except requests.exceptions.RequestException as exc:
        raise Unavailable(f"{what}: request failed ({type(exc).__name__})") from exc
    except urllib3.exceptions.HTTPError as exc:
        raise Unavailable(f"{what}: connection failed ({type(exc).__name__})") from exc
    except pydantic.ValidationError as exc:
        raise InvalidResponse(
            f"{what}: answer does not match {exc.title} ({exc.error_count()} errors)"
        ) from exc
    except (ValueError, UnicodeError) as exc:
        raise InvalidResponse(f"{what}: answer could not be read ({type(exc).__name__})") from exc
    except OSError as exc:
        raise Unavailable(f"{what}: connection failed ({type(exc).__name__})") from exc


def _tls_failure(exc: requests.exceptions.SSLError) -> str:
    """Why TLS failed, in words IT can act on (never a fallback to plain HTTP)."""
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return (
            "TLS: the service's certificate is not trusted by this kiosk "
            "(set [service] ca_bundle to the store CA, or SSL_CERT_FILE)"
        )
    if "WRONG_VERSION_NUMBER" in text or "record layer failure" in text:
        return "TLS: the service did not answer in TLS (is the URL's port an http:// one?)"
    if "doesn't match" in text or "Hostname mismatch" in text:
        return "TLS: the certificate is not for this host name (make-cert --hostname/--ip)"
    return "TLS: handshake failed"


def _connection_failure(exc: requests.exceptions.ConnectionError) -> str:
    """Say what went wrong, also when urllib3 wrapped it after the last retry."""
    reason: object = exc.args[0] if exc.args else exc
    if isinstance(reason, MaxRetryError) and reason.reason is not None:
        reason = reason.reason
    if isinstance(reason, urllib3.exceptions.ReadTimeoutError):
        return "read timed out"
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return "could not connect"
    if isinstance(reason, urllib3.exceptions.ProtocolError):
        return "connection broken"
    return f"connection failed ({type(reason).__name__})"


def error_from_response(what: str, response: requests.Response) -> InventoryError:
    """The ``InventoryError`` for a non-2xx answer.

    A 404 or 409 counts as the service's word only with a proper ``ErrorBody``: a 404 page
    from some proxy or a wrong base URL is an ``InvalidResponse``, not "this shoe is unknown".
    """
    status = response.status_code
    body = _error_body(response)
    code = body.error.code if body else None
    detail = f": {body.error.message}" if body else ""
    message = f"{what} -> {status} {code or 'no error body'}{detail}"
    if status in (401, 403):
        return Unauthorized(message, status_code=status, code=code)
    if status == 429:
        return Busy(
            message,
            status_code=status,
            code=code,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
    if status >= 500:
        return Unavailable(message, status_code=status, code=code)
    if body is None and status in (404, 409):
        return InvalidResponse(message, status_code=status)
    if status == 404:
        return NotFound(message, status_code=status, code=code)
    if status == 409 and code == ErrorCode.NO_LONGER_AVAILABLE:
        return NoLongerAvailable(message, status_code=status, code=code)
    if 400 <= status < 500:
        return Rejected(message, status_code=status, code=code)
    return InvalidResponse(message, status_code=status, code=code)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` (seconds or an HTTP date) as seconds from now, at most
    ``RETRY_AFTER_MAX``; None when missing or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), RETRY_AFTER_MAX)


def _error_body(response: requests.Response) -> ErrorBody | None:
    if not _is_json(response):
        return None
    try:
        return ErrorBody.model_validate_json(response.content)
    except pydantic.ValidationError:
        return None


def _is_json(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "")
    return content_type.split(";")[0].strip().lower() == JSON


def _require_json(what: str, response: requests.Response) -> None:
    if not _is_json(response):
        raise InvalidResponse(
            f"{what}: expected JSON, got {response.headers.get('Content-Type')!r}",
            status_code=response.status_code,
        )


@dataclass(frozen=True)
class Revalidated(Generic[M]):
    """A conditional GET's answer: ``value`` None means 304, the caller's copy still holds."""

    value: M | None
    etag: str | None


class Transport:
    """Sends requests to one service and returns parsed wire models or raises."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        breaker: CircuitBreaker | None = None,
        ca_bundle: str | os.PathLike[str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = build_session(api_key, ca_bundle)
        self.breaker = breaker or CircuitBreaker()

    @contextmanager
    def _guarded(self, what: str) -> Iterator[None]:
        """The breaker around one call, inside it the error boundary.

        An answer from the service (any 2xx or 4xx) counts as a success; no answer, a 5xx
        or an answer that makes no sense counts as a failure.
        """
        if not self.breaker.allow():
            raise Unavailable(
                f"{what}: not tried, the service failed repeatedly "
                f"(circuit open for {self.breaker.retry_in:.1f} s more)",
                code="circuit_open",
            )
        try:
            with translate_errors(what):
                yield
        except Busy:
            self.breaker.record_success()  # it answered: slow down, not a broken service
            raise
        except (Unavailable, InvalidResponse):
            self.breaker.record_failure()
            raise
        except InventoryError:
            self.breaker.record_success()
            raise
        except BaseException:
            self.breaker.record_failure()
            raise
        self.breaker.record_success()

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        params: Mapping[str, str] | None = None,
        body: str | bytes | None = None,
        content_type: str = JSON,
        headers: Mapping[str, str] | None = None,
    ) -> M:
        """Send one request and parse its JSON answer as ``model``.

        ``body`` is JSON unless ``content_type`` says otherwise (a CSV import sends the
        file itself); a ``str`` body is sent as UTF-8.
        """
        what = f"{method} {path}"
        with self._guarded(what):
            response = self._send(
                method, path, params=params, body=body, content_type=content_type, headers=headers
            )
            _require_json(what, response)
            return model.model_validate_json(response.content)

    def call_revalidated(
        self,
        path: str,
        model: type[M],
        *,
        etag: str | None,
        params: Mapping[str, str] | None = None,
    ) -> Revalidated[M]:
        """GET ``path``, sending ``If-None-Match: etag`` when there is one.

        A 304 is an answer only to a request that sent a tag; returns the answer's ``ETag``.
        """
        what = f"GET {path}"
        with self._guarded(what):
            response = self._send(
                "GET",
                path,
                params=params,
                headers={"If-None-Match": etag} if etag else None,
                not_modified_ok=etag is not None,
            )
            tag = response.headers.get("ETag")
            if response.status_code == 304:
                return Revalidated(None, tag or etag)
            _require_json(what, response)
            return Revalidated(model.model_validate_json(response.content), tag)

    def call_list(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> list[M]:
        """Send one request and parse its JSON answer as a list of ``model``."""
        what = f"{method} {path}"
        with self._guarded(what):
            response = self._send(method, path, params=params, headers=headers)
            _require_json(what, response)
            # ``list[model]`` is built at run time from the argument; mypy only takes
            # types it can see statically as type arguments, so it refuses the variable.
            return pydantic.TypeAdapter(list[model]).validate_json(response.content)  # type: ignore[valid-type]

    def call_no_content(
        self,
        method: str,
        path: str,
        *,
        body: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Send one request whose answer carries nothing we need beyond its 2xx status."""
        with self._guarded(f"{method} {path}"):
            self._send(method, path, body=body, headers=headers)

    def get_bytes(
        self,
        path: str,
        *,
        content_type_prefix: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> bytes:
        """GET raw bytes (an image, a CSV report), checking the answer's content type.

        ``content_type_prefix`` is a type (``"text/csv"``) or a family (``"image/"``).
        """
        what = f"GET {path}"
        accept = (
            content_type_prefix + "*" if content_type_prefix.endswith("/") else content_type_prefix
        )
        with self._guarded(what):
            response = self._send(
                "GET", path, params=params, headers={"Accept": accept, **(headers or {})}
            )
            content_type = response.headers.get("Content-Type", "")
            if not content_type.lower().startswith(content_type_prefix):
                raise InvalidResponse(f"{what}: expected {accept}, got {content_type!r}")
            return response.content

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: str | bytes | None = None,
        content_type: str = JSON,
        headers: Mapping[str, str] | None = None,
        not_modified_ok: bool = False,
    ) -> requests.Response:
        what = f"{method} {path}"
        all_headers = dict(headers or {})
        data = None
        if body is not None:
            all_headers["Content-Type"] = content_type
            data = body.encode("utf-8") if isinstance(body, str) else body
        started = time.monotonic()
        response = self.session.request(
            method,
            self.base_url + path,
            params=params,
            data=data,
            headers=all_headers,
            timeout=self.timeout,
            allow_redirects=False,
        )
        elapsed_ms = (time.monotonic() - started) * 1000
        log.debug("%s -> %s in %.0f ms", what, response.status_code, elapsed_ms)
        if not_modified_ok and response.status_code == 304:
            return response
        if not 200 <= response.status_code < 300:
            raise error_from_response(what, response)
        return response
