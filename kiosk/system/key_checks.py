"""The kiosk key's age and expiry, as the service tells it (``GET /v1/keys/self``).

Keys expire (``python -m inventory_service keys add --expires ...``, 365 days unless told
otherwise). A kiosk whose key expires stops reaching the service, so the admin Health view
shows the key's age and warns while there is time to rotate it; the service decides what
"soon" is (``KeyInfo.renew_soon``), so every kiosk warns alike.
"""

from __future__ import annotations

from datetime import UTC, datetime

import requests
from pydantic import ValidationError

from inventory_client.models import KeyInfo
from kiosk.system.checks import Check, Status

__all__ = ["KEY_CHECK", "check_key_age", "describe_key"]

KEY_CHECK = "api_key"
ROTATE_FIX = (
    "on the service host: python -m inventory_service keys list --db ... (find this key's "
    "id), keys rotate --db ... ID; put the new key in /etc/endless-aisle/secrets.env "
    "(EA_SERVICE__API_KEY) and restart the kiosk"
)


def describe_key(info: KeyInfo, now: datetime) -> str:
    """``kiosk key, 12 days old, expires 2027-12-01 (in 359 days)``."""
    age = "less than a day old" if info.age_days == 0 else f"{info.age_days} days old"
    if info.expires_at is None:
        return f"{info.scope} key, {age}, never expires"
    left = (info.expires_at - now).days
    return f"{info.scope} key, {age}, expires {info.expires_at:%Y-%m-%d} (in {max(0, left)} days)"


def check_key_age(
    base_url: str,
    api_key: str,
    *,
    session: requests.Session,
    timeout: tuple[float, float],
    now: datetime | None = None,
) -> Check:
    """OK with the key's age; WARN when it expires soon; SKIP when it cannot be asked
    (the ``service`` row then says why: unreachable, or the key refused)."""
    if not api_key:
        return Check(KEY_CHECK, Status.SKIP, "no API key configured")
    try:
        response = session.get(
            f"{base_url.rstrip('/')}/v1/keys/self",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
        )
    except requests.RequestException:
        return Check(KEY_CHECK, Status.SKIP, "service unreachable; key age not asked")
    if response.status_code == 404:
        return Check(KEY_CHECK, Status.SKIP, "the service does not report key ages (older)")
    if response.status_code != 200:
        return Check(KEY_CHECK, Status.SKIP, f"key not accepted (HTTP {response.status_code})")
    try:
        info = KeyInfo.model_validate_json(response.content)
    except ValidationError:
        return Check(KEY_CHECK, Status.SKIP, "the service's key report was not understood")
    detail = describe_key(info, now or datetime.now(UTC))
    if info.renew_soon:
        return Check(KEY_CHECK, Status.WARN, f"{detail}: rotate it soon", ROTATE_FIX)
    return Check(KEY_CHECK, Status.OK, detail)
