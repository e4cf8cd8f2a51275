"""The kiosk's side of a hand-off (JSON, kiosk key): make one, then watch it.

``POST /v1/handoffs`` makes a hand-off for the shoe on the kiosk's screen and answers its
token once (only the hash is kept). ``GET /v1/handoffs/{id}`` says how far the phone got:
``waiting``, ``opened`` (the kiosk steps back to attract), ``ordered`` or ``expired``. It
never carries anything the shopper typed.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import FastAPI
from fastapi import Path as PathParam

from inventory_client.handoff import HandoffCreate, HandoffStage, HandoffState, HandoffTicket
from inventory_client.models import ErrorBody
from inventory_client.text_types import RECORD_ID_PATTERN
from inventory_service.deps import KioskKey, StorageDep, for_kiosk, owns
from inventory_service.errors import InvalidRequest, NotFound
from inventory_service.mobile.order_links import handoff_store
from inventory_service.mobile.tokens import new_token, token_hash
from inventory_service.storage.handoff import HandoffRecord

#: How long a hand-off's QR code can be opened: a shopper scans it at once or not at all.
HANDOFF_TTL = timedelta(minutes=10)

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 422)
}


def stage_of(handoff: HandoffRecord, now: datetime) -> HandoffStage:
    if handoff.order_id is not None:
        return HandoffStage.ORDERED
    if handoff.opened_at is not None:
        return HandoffStage.OPENED
    if handoff.expires_at <= now:
        return HandoffStage.EXPIRED
    return HandoffStage.WAITING


def add_handoff_routes(app: FastAPI) -> None:
    def now() -> datetime:
        moment: datetime = app.state.settings.clock()
        return moment

    @app.post(
        "/v1/handoffs",
        response_model=HandoffTicket,
        status_code=201,
        responses=ERRORS,
        tags=["phone"],
    )
    def create_handoff(body: HandoffCreate, storage: StorageDep, key: KioskKey) -> HandoffTicket:
        """A single-use link for the shopper's phone, bound to this kiosk's shoe."""
        for_kiosk(key, body.store_id, body.kiosk_id)
        if storage.get_variant_detail(body.gtin) is None:
            raise InvalidRequest(f"Unknown GTIN {body.gtin}.")
        token = new_token()
        handoff_id = str(uuid.uuid4())
        moment = now()
        expires_at = moment + HANDOFF_TTL
        handoff_store(storage).create_handoff(
            handoff_id=handoff_id,
            token_hash=token_hash(token),
            store_id=body.store_id,
            kiosk_id=body.kiosk_id,
            gtin=body.gtin,
            language=body.language,
            now=moment,
            expires_at=expires_at,
        )
        return HandoffTicket(id=handoff_id, token=token, expires_at=expires_at)

    @app.get(
        "/v1/handoffs/{handoff_id}",
        response_model=HandoffState,
        responses=ERRORS,
        tags=["phone"],
    )
    def handoff_state(
        handoff_id: Annotated[str, PathParam(pattern=RECORD_ID_PATTERN)],
        storage: StorageDep,
        key: KioskKey,
    ) -> HandoffState:
        """How far the phone got; only the kiosk that made the hand-off may ask."""
        found = handoff_store(storage).get_handoff(handoff_id)
        # another kiosk's or store's hand-off answers exactly like one that does not exist
        if found is None or not owns(key, found.store_id, found.kiosk_id):
            raise NotFound("No such hand-off.")
        return HandoffState(id=found.id, stage=stage_of(found, now()))
