"""The doctor's service checks: the inventory service answers, takes our key, keeps our time,
and its database answers (``Health.database``, which ``GET /v1/health`` reports).

The timeouts are the config's ``service.connect_timeout_s`` / ``read_timeout_s``: the
callers pass them in (their defaults live only in the config schema).
"""

from __future__ import annotations

import contextlib
import email.utils
import ipaddress
import time
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

from inventory_client.models import Health
from kiosk.system.checks import Check, Status

__all__ = [
    "check_clock_skew",
    "check_service",
    "check_service_database",
    "config_timeout",
    "is_loopback_url",
    "plain_http_refusal",
    "service_session",
]


def config_timeout() -> tuple[float, float]:
    """The config schema's default (connect, read) timeouts, for callers without a config."""
    from kiosk.config import default

    return (default("service.connect_timeout_s"), default("service.read_timeout_s"))


def is_loopback_url(url: str) -> bool:
    """The URL's host is this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http_refusal(url: str, allow_plain_http: bool) -> Check | None:
    """FAIL for an ``http://`` service URL that leaves this machine, unless the config says
    ``allow_plain_http = true`` (then None, as for https and loopback)."""
    if urlsplit(url).scheme.lower() != "http" or allow_plain_http or is_loopback_url(url):
        return None
    return Check(
        "service",
        Status.FAIL,
        f"{url}: plain http across the network (the kiosk key and shoppers' orders "
        "would travel in clear text)",
        "use an https:// URL (on the service host: python -m inventory_service make-cert, "
        "then serve --tls-cert/--tls-key; here: service.ca_bundle = the store CA), or set "
        "service.allow_plain_http = true if the network is trusted",
    )


def service_session(ca_bundle: str | None) -> requests.Session:
    """A Session that trusts what the kiosk's client trusts (``tls_verify``)."""
    from inventory_client import tls_verify

    session = requests.Session()
    session.trust_env = False  # as the client: no stray proxy; CAs come from tls_verify
    session.verify = tls_verify(ca_bundle or None)
    return session


def check_service(
    base_url: str,
    api_key: str,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] | None = None,
    allow_plain_http: bool = False,
) -> Check:
    """The URL is https or loopback (or plain http is allowed), GET /v1/health answers,
    then an authenticated GET /v1/locations accepts the key."""
    refusal = plain_http_refusal(base_url, allow_plain_http)
    if refusal is not None:
        return refusal
    base_url = base_url.rstrip("/")
    fix_reach = (
        "check service.url, the network cable/Wi-Fi, and that the service runs "
        "(systemctl status endless-aisle-service)"
    )
    timeout = config_timeout() if timeout is None else timeout
    own = session is None
    http = requests.Session() if session is None else session
    try:
        started = time.perf_counter()
        try:
            response = http.get(f"{base_url}/v1/health", timeout=timeout)
        except requests.Timeout:
            return Check("service", Status.FAIL, f"{base_url}: no answer in time", fix_reach)
        except requests.exceptions.SSLError:
            return Check(
                "service", Status.FAIL, f"{base_url}: TLS certificate not trusted or invalid",
                "set service.ca_bundle to the store CA (store-ca.pem from make-cert)",
            )  # fmt: skip
        except requests.RequestException as exc:
            reason = type(exc).__name__
            return Check(
                "service", Status.FAIL, f"{base_url}: cannot connect ({reason})", fix_reach
            )
        ms = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            return Check(
                "service", Status.FAIL, f"{base_url}: health answered HTTP {response.status_code}",
                fix_reach,
            )  # fmt: skip
        try:
            health = Health.model_validate_json(response.content)
        except ValueError:
            return Check(
                "service", Status.FAIL, f"{base_url}: not an inventory service (bad health body)",
                "check service.url",
            )  # fmt: skip
        fix_key = (
            "set EA_SERVICE__API_KEY in /etc/endless-aisle/secrets.env to this kiosk's key "
            "(python -m inventory_service keys add ...)"
        )
        if not api_key:
            return Check("service", Status.FAIL, "no API key configured", fix_key)
        try:
            response = http.get(
                f"{base_url}/v1/locations",
                headers={"Authorization": f"Bearer {api_key}"},
                timeout=timeout,
            )
        except requests.RequestException as exc:
            reason = type(exc).__name__
            return Check(
                "service", Status.FAIL, f"{base_url}: locations failed ({reason})", fix_reach
            )
        if response.status_code in (401, 403):
            verdict = "rejected" if response.status_code == 401 else "not allowed"
            return Check(
                "service", Status.FAIL, f"API key {verdict} (HTTP {response.status_code})", fix_key
            )
        if response.status_code != 200:
            return Check(
                "service", Status.FAIL, f"locations answered HTTP {response.status_code}", fix_reach
            )
        return Check(
            "service",
            Status.OK,
            f"{base_url} (service {health.version}), key accepted, {ms:.0f} ms",
        )
    finally:
        if own:
            http.close()


def check_service_database(
    base_url: str,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] | None = None,
) -> Check:
    """The service's database, as its ``/v1/health`` reports it (the same body on 503).

    The kiosk cannot reach the database itself (only the service may); this tells IT
    whether a failing service is the service or the database behind it, and whether the
    schema is current. SKIP when the service cannot be asked (the service row says why).
    """
    name = "service_db"
    timeout = config_timeout() if timeout is None else timeout
    own = session is None
    http = requests.Session() if session is None else session
    try:
        response = http.get(f"{base_url.rstrip('/')}/v1/health", timeout=timeout)
    except requests.RequestException:
        return Check(name, Status.SKIP, "service unreachable; its database not checked")
    finally:
        if own:
            http.close()
    try:
        health = Health.model_validate_json(response.content)
    except ValueError:
        return Check(name, Status.SKIP, f"no health report (HTTP {response.status_code})")
    database = health.database
    if database is None:
        return Check(name, Status.SKIP, f"service {health.version} does not report its database")
    on_host = (
        "on the service host: systemctl status postgresql endless-aisle-central "
        "(or endless-aisle-service); journalctl -u endless-aisle-central"
    )
    if not database.ok:
        reason = f" ({database.error})" if database.error else ""
        return Check(
            name, Status.FAIL, f"{database.engine} database not answering{reason}", on_host
        )
    detail = f"{database.server_version or database.engine}, schema {database.migration}"
    if database.pending_steps:
        return Check(
            name,
            Status.WARN,
            f"{detail}; {database.pending_steps} migration steps not applied",
            "restart the service: it applies pending migrations at start (DEPLOY.md, Upgrades)",
        )
    return Check(name, Status.OK, detail)


def check_public_url(
    public_url: str, *, session: requests.Session, timeout: tuple[float, float]
) -> Check:
    """``service.public_url`` answers with the phone pages' stylesheet (from this kiosk:
    a phone on the store's Wi-Fi must reach the same address)."""
    name = "public_url"
    if not public_url:
        return Check(name, Status.SKIP, "service.public_url not set: no 'Continue on your phone'")
    fix = (
        "check service.public_url, that the service listens there for phones "
        "(serve --phone-host) and that the store's Wi-Fi reaches it"
    )
    url = f"{public_url.rstrip('/')}/m/style.css"
    started = time.perf_counter()
    try:
        response = session.get(url, timeout=timeout)
    except requests.RequestException as exc:
        return Check(name, Status.FAIL, f"{public_url}: {type(exc).__name__}", fix)
    if response.status_code != 200 or "text/css" not in response.headers.get("content-type", ""):
        return Check(name, Status.FAIL, f"{url}: HTTP {response.status_code}, not the pages", fix)
    elapsed_ms = (time.perf_counter() - started) * 1000
    return Check(name, Status.OK, f"phones' pages answer at {public_url} ({elapsed_ms:.0f} ms)")


def _server_time(response: requests.Response) -> datetime | None:
    with contextlib.suppress(ValueError):
        return Health.model_validate_json(response.content).time
    header = response.headers.get("Date")
    if header:
        with contextlib.suppress(TypeError, ValueError):
            return email.utils.parsedate_to_datetime(header)
    return None


def check_clock_skew(
    base_url: str,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    session: requests.Session | None = None,
    timeout: tuple[float, float] | None = None,
    warn_s: float = 30.0,
    fail_s: float = 300.0,
) -> Check:
    """Compare our clock with the service's (``Health.time``, else the ``Date`` header).

    Order hold times and log timestamps assume both agree; half the round trip is credited.
    """
    timeout = config_timeout() if timeout is None else timeout
    own = session is None
    http = requests.Session() if session is None else session
    try:
        sent = now()
        response = http.get(f"{base_url.rstrip('/')}/v1/health", timeout=timeout)
        received = now()
    except requests.RequestException:
        return Check("clock", Status.SKIP, "service unreachable; clock not compared")
    finally:
        if own:
            http.close()
    server = _server_time(response)
    if server is None:
        return Check("clock", Status.SKIP, "service sent no time; clock not compared")
    local = sent + (received - sent) / 2
    skew = (local - server).total_seconds()
    side = "ahead of" if skew > 0 else "behind"
    detail = f"{abs(skew):.1f} s {side} the service"
    fix = "turn on time sync: sudo timedatectl set-ntp true (check: timedatectl status)"
    if abs(skew) >= fail_s:
        return Check("clock", Status.FAIL, detail, fix)
    if abs(skew) >= warn_s:
        return Check("clock", Status.WARN, detail, fix)
    return Check("clock", Status.OK, detail)
