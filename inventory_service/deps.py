"""Request dependencies shared by every route module: settings, storage, keys, actors.

Routes declare what they need (``StorageDep``, ``KioskKey``, ``StaffKey``, ``ActorHeader``)
and FastAPI resolves it per request; nothing here is global state.

The key dependencies are also each route's role declaration (``roles.py``): a route
takes ``KioskKey`` (kiosk or staff), ``KioskOnlyKey``, ``StaffKey``, ``HeadOfficeKey``,
``AnyKey`` (any valid key), ``Annotated[ApiKey, allow(Role..., ...)]``, or, with no key,
``dependencies=[PUBLIC]``. A revoked or expired key answers exactly like an unknown one.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

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


#: A key's last use is written at most this often (not a write per request).
KEY_TOUCH_EVERY = timedelta(minutes=1)
UNKNOWN_KEY = "Unknown API key."


def find_key(storage: Storage, secret: str | None, now: datetime | None = None) -> ApiKey:
    """The usable stored key for a bearer secret; 401 when missing, unknown, revoked or
    expired (one message for the last three, so a caller learns nothing from it)."""
    if not secret:
        raise Unauthorized("An API key is required (Authorization: Bearer <key>).")
    now = now or datetime.now(UTC)
    key = storage.find_api_key(rules.hash_api_key(secret))
    if key is None or not key.usable_at(now):
        raise Unauthorized(UNKNOWN_KEY)
    if key.last_used_at is None or now - key.last_used_at >= KEY_TOUCH_EVERY:
        try:
            storage.touch_api_key(key.id, now, KEY_TOUCH_EVERY)
        except database_errors():  # best effort: a busy database must not refuse a read
            pass
    return key


def require_role(key: ApiKey, roles: frozenset[Role]) -> ApiKey:
    if ROLE_OF_SCOPE[key.scope] not in roles:
        names = " or ".join(r.value for r in ROLE_ORDER if r in roles)
        raise Forbidden(f"This needs a {names} key.")
    return key


class BasicUnauthorized(Unauthorized):
    """401 for a page a browser opens: asks for HTTP Basic (password = the key)."""

    challenge = 'Basic realm="Endless Aisle kiosks", charset="UTF-8"'


def _basic_or_bearer_secret(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        return decoded.partition(":")[2]
    return None


def allow(*roles: Role, basic: bool = False) -> Any:
    """The dependency that lets in keys of ``roles`` (and declares them for the route).

    ``basic=True`` also takes the key as an HTTP Basic password (pages IT opens in a
    browser without putting the key in the address)."""
    allowed = frozenset(roles)

    def key_with_role(
        request: Request,
        storage: StorageDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    ) -> ApiKey:
        now = settings_of(request).clock()
        if basic:
            try:
                key = find_key(storage, _basic_or_bearer_secret(request), now)
            except Unauthorized as exc:
                raise BasicUnauthorized(exc.message) from exc
        else:
            key = find_key(storage, credentials.credentials if credentials else None, now)
        return require_role(key, allowed)

    setattr(key_with_role, ROLES_ATTRIBUTE, allowed)
    return Depends(key_with_role)


def _no_key_needed() -> None:
    """Declares a route public (no key): its answer holds nothing of a store's."""


setattr(_no_key_needed, ROLES_ATTRIBUTE, frozenset({Role.PUBLIC}))
#: ``dependencies=[PUBLIC]`` declares a route that needs no key.
PUBLIC = Depends(_no_key_needed)


def require_staff(key: ApiKey) -> ApiKey:
    return require_role(key, frozenset({Role.STAFF}))


KioskKey = Annotated[ApiKey, allow(Role.KIOSK, Role.STAFF)]
KioskOnlyKey = Annotated[ApiKey, allow(Role.KIOSK)]
StaffKey = Annotated[ApiKey, allow(Role.STAFF)]
HeadOfficeKey = Annotated[ApiKey, allow(Role.HEAD_OFFICE)]
AnyKey = Annotated[ApiKey, allow(Role.KIOSK, Role.STAFF, Role.HEAD_OFFICE)]


def for_store(key: ApiKey, store_id: str) -> None:
    """403 unless the key acts for ``store_id``; the message names no store, so another
    store's id answers exactly like one that does not exist."""
    if key.store_id != store_id:
        raise Forbidden("This key may not act for that store.")


def for_kiosk(key: ApiKey, store_id: str, kiosk_id: str) -> None:
    for_store(key, store_id)
    if key.scope == KeyScope.KIOSK and key.kiosk_id != kiosk_id:
        raise Forbidden("This key may not act for that kiosk.")


def owns(key: ApiKey, store_id: str, kiosk_id: str | None) -> bool:
    """May the key see a stored thing of this store (and kiosk)? A kiosk sees only its
    own kiosk's things, staff their store's. Routes answer 404 when not, exactly as for
    an id that does not exist."""
    if key.store_id != store_id:
        return False
    return key.scope != KeyScope.KIOSK or key.kiosk_id == kiosk_id


def actor_of(key: ApiKey) -> str:
    if key.scope == KeyScope.KIOSK:
        return f"kiosk:{key.kiosk_id}"
    if key.scope == KeyScope.HEAD_OFFICE:
        return f"head-office:{key.label}"
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
