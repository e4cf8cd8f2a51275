"""``GET /v1/keys/self``: any key reads its own record (age, expiry, last use), never a
secret and never another key. The kiosk's admin Health view shows it."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import FastAPI

from inventory_client.models import ErrorBody, KeyInfo
from inventory_service.deps import AnyKey
from inventory_service.storage import ApiKey

#: ``renew_soon`` turns true this long before a key expires.
RENEW_WARNING = timedelta(days=14)


def key_info(key: ApiKey, now: datetime) -> KeyInfo:
    age = now - key.created_at if key.created_at is not None else timedelta(0)
    renew_soon = key.expires_at is not None and key.expires_at - now <= RENEW_WARNING
    return KeyInfo(
        id=key.id,
        scope=str(key.scope),
        store_id=key.store_id,
        kiosk_id=key.kiosk_id,
        label=key.label,
        created_at=key.created_at,
        expires_at=key.expires_at,
        last_used_at=key.last_used_at,
        age_days=max(0, age.days),
        renew_soon=renew_soon,
    )


def add_key_routes(app: FastAPI) -> None:
    @app.get(
        "/v1/keys/self",
        response_model=KeyInfo,
        responses={401: {"model": ErrorBody}},
        tags=["keys"],
    )
    def key_self(key: AnyKey) -> KeyInfo:
        """The calling key's age, expiry and last use."""
        return key_info(key, app.state.settings.clock())
