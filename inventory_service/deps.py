"""Request dependencies shared by every route module: settings, storage, keys, actors.

Routes declare what they need (``StorageDep``, ``KioskKey``, ``StaffKey``, ``ActorHeader``)
and FastAPI resolves it per request; nothing here is global state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from inventory_service import rules
from inventory_service.audit_chain import is_reserved_actor
from inventory_service.errors import Forbidden, ServiceError, Unauthorized
from inventory_service.kiosk_health import HealthPolicy
from inventory_service.roles import ROLE_OF_SCOPE, ROLE_ORDER, ROLES_ATTRIBUTE, Role
from inventory_service.storage import ApiKey, AuditStamp, Idempotency, KeyScope, Storage
from inventory_service.storage.backends import database_errors

IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{8,64}$")
#: A person's name or initials as typed on the staff screen (printable, no control chars).
ACTOR_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,64}$")


@dataclass(frozen=True)
class ServiceSettings:
    """What a running service needs besides its routes (passed in, never global)."""

    open_storage: Callable[[], Storage]
    images_dir: Path
    hold: timedelta
    clock: Callable[[], datetime]
    health: HealthPolicy = field(default_factory=HealthPolicy)


_bearer = HTTPBearer(auto_error=False, description="Per-kiosk or staff API key")


def settings_of(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


def get_storage(request: Request) -> Iterator[Storage]:
    """One storage (one SQLite connection) per request, closed when the request ends."""
    storage = settings_of(request).open_storage()
    try:
        yield storage
    finally:
        storage.close()


StorageDep = Annotated[Storage, Depends(get_storage)]
SettingsDep = Annotated[ServiceSettings, Depends(settings_of)]


def find_key(storage: Storage, secret: str | None) -> ApiKey:
    """The stored key for a bearer secret; 401 when missing or unknown."""
    if not secret:
        raise Unauthorized("An API key is required (Authorization: Bearer <key>).")
    key = storage.find_api_key(rules.hash_api_key(secret))
    if key is None:
        raise Unauthorized("Unknown API key.")
    return key


def kiosk_key(
    storage: StorageDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> ApiKey:
    return find_key(storage, credentials.credentials if credentials else None)


def require_staff(key: ApiKey) -> ApiKey:
    if key.scope != KeyScope.STAFF:
        raise Forbidden("This needs a staff key.")
    return key


def staff_key(key: Annotated[ApiKey, Depends(kiosk_key)]) -> ApiKey:
    return require_staff(key)


KioskKey = Annotated[ApiKey, Depends(kiosk_key)]
StaffKey = Annotated[ApiKey, Depends(staff_key)]


def for_store(key: ApiKey, store_id: str) -> None:
    if key.store_id != store_id:
        raise Forbidden(f"This key may not act for store {store_id!r}.")


def for_kiosk(key: ApiKey, store_id: str, kiosk_id: str) -> None:
    for_store(key, store_id)
    if key.scope == KeyScope.KIOSK and key.kiosk_id != kiosk_id:
        raise Forbidden(f"This key may not act for kiosk {kiosk_id!r}.")


def actor_of(key: ApiKey) -> str:
    if key.scope == KeyScope.KIOSK:
        return f"kiosk:{key.kiosk_id}"
    return f"staff:{key.label}"


#: What the ``X-Actor`` header may hold (``ACTOR_RE`` after the server stripped the
#: value's ends), declared in the schema (``openapi_contract`` adds the reserved names).
ACTOR_PATTERN = r"^[^\x00-\x20\x7f-\xa0](?:[^\x00-\x1f\x7f-\x9f]{0,62}[^\x00-\x20\x7f-\xa0])?$"
ActorHeader = Annotated[
    str | None,
    Header(
        alias="X-Actor",
        description="Who (staff name or initials) makes the change, for the audit trail; "
        "defaults to the key's label",
        pattern=ACTOR_PATTERN,
    ),
]


def audit_stamp(key: ApiKey, actor: str | None) -> AuditStamp:
    """Who to write in the audit row: the ``X-Actor`` person, else the key's own name."""
    if actor is not None:
        actor = actor.strip()
        if not ACTOR_RE.match(actor):
            raise ServiceError("X-Actor must be 1-64 printable characters.")
        if is_reserved_actor(actor):  # "system", "kiosk:K", "staff:L": the service's own
            raise ServiceError("X-Actor may name a person, not the service or a key.")
    return AuditStamp(store_id=key.store_id, actor=actor or actor_of(key), key_label=key.label)


def idempotency(value: str | None, payload: BaseModel, *, required: bool) -> Idempotency | None:
    if value is None:
        if required:
            raise ServiceError("The Idempotency-Key header is required.")
        return None
    if not IDEMPOTENCY_KEY_RE.match(value):
        raise ServiceError("Idempotency-Key must be 8-64 printable characters without spaces.")
    return Idempotency(key=value, body_hash=rules.body_hash(payload.model_dump(mode="json")))


_IDEMPOTENCY_DOC = "8-64 printable characters; a retry with the same key never repeats"
IdempotencyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key", description=_IDEMPOTENCY_DOC, pattern=IDEMPOTENCY_KEY_RE.pattern
    ),
]
#: The same header where a route needs it (a missing one is a 422 like any missing field).
IdempotencyRequired = Annotated[
    str,
    Header(
        alias="Idempotency-Key", description=_IDEMPOTENCY_DOC, pattern=IDEMPOTENCY_KEY_RE.pattern
    ),
]
