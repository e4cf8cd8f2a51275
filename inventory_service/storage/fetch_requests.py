"""SQL for fetch requests ("bring me this size"): create with a per-store ticket, update.

The ticket is the store's highest plus one, read and written in one write transaction;
the unique (store_id, ticket) index refuses a duplicate should two workers ever race.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from inventory_client.models import FetchRequest, FetchRequestCreate, FetchStatus, LocationKind
from inventory_service import rules
from inventory_service.errors import InvalidRequest, InvalidTransition, NoLongerAvailable, NotFound
from inventory_service.storage._text import iso, parse_at
from inventory_service.storage.base import AuditStamp, Idempotency
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import ROUTE_FETCH, SqlBase

_SELECT = (
    "SELECT f.*, s.name AS style_name, v.size_eu FROM fetch_requests f "
    "JOIN variants v ON v.gtin = f.gtin JOIN styles s ON s.id = v.style_id"
)


def _fetch(row: Row) -> FetchRequest:
    return FetchRequest(
        id=row["id"],
        ticket=row["ticket"],
        kiosk_id=row["kiosk_id"],
        store_id=row["store_id"],
        gtin=row["gtin"],
        style_name=row["style_name"],
        size_eu=row["size_eu"],
        status=FetchStatus(row["status"]),
        created_at=parse_at(row["created_at"]),
        updated_at=parse_at(row["updated_at"]),
        claimed_by=row["claimed_by"],
    )


class FetchRequestsSql(SqlBase):
    def create_fetch_request(
        self, request: FetchRequestCreate, *, idempotency: Idempotency | None, now: datetime
    ) -> tuple[FetchRequest, bool]:
        def run() -> tuple[FetchRequest, bool]:
            if idempotency is not None:
                earlier = self._check_idempotency(ROUTE_FETCH, idempotency, request.store_id)
                if earlier is not None:
                    found = self.get_fetch_request(earlier)
                    assert found is not None
                    return found, False
            if not self._gtin_known(request.gtin):
                raise InvalidRequest(f"Unknown GTIN {request.gtin}.")
            store = self.get_location(request.store_id)
            if store is None or store.kind != LocationKind.STORE:
                raise InvalidRequest(f"Unknown store {request.store_id!r}.")
            row = self.db.one(
                "SELECT on_hand - reserved AS available FROM stock "
                "WHERE location_id = ? AND gtin = ?",
                (request.store_id, request.gtin),
            )
            if row is None or row["available"] < 1:
                raise NoLongerAvailable("Sorry, this store no longer has this size.")
            ticket = self.db.one(
                "SELECT COALESCE(MAX(ticket), 0) + 1 AS next_ticket FROM fetch_requests "
                "WHERE store_id = ?",
                (request.store_id,),
            )
            assert ticket is not None
            request_id = str(uuid.uuid4())
            self.db.run(
                "INSERT INTO fetch_requests (id, ticket, kiosk_id, store_id, gtin, status, "
                "created_at, updated_at, claimed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    request_id,
                    ticket["next_ticket"],
                    request.kiosk_id,
                    request.store_id,
                    request.gtin,
                    str(FetchStatus.OPEN),
                    iso(now),
                    iso(now),
                ),
            )
            if idempotency is not None:
                self._remember_idempotency(
                    ROUTE_FETCH, idempotency, request_id, now, request.store_id
                )
            created = self.get_fetch_request(request_id)
            assert created is not None
            return created, True

        return self.db.transact(run)

    def get_fetch_request(self, request_id: str) -> FetchRequest | None:
        row = self.db.one(f"{_SELECT} WHERE f.id = ?", (request_id,))
        return _fetch(row) if row else None

    def list_fetch_requests(
        self, store_id: str, status: FetchStatus | None, limit: int, kiosk_id: str | None = None
    ) -> list[FetchRequest]:
        sql = f"{_SELECT} WHERE f.store_id = ?"
        params: list[Any] = [store_id]
        if kiosk_id is not None:
            sql += " AND f.kiosk_id = ?"
            params.append(kiosk_id)
        if status is not None:
            sql += " AND f.status = ?"
            params.append(str(status))
        sql += " ORDER BY f.created_at, f.ticket LIMIT ?"
        params.append(limit)
        return [_fetch(r) for r in self.db.all(sql, params)]

    def update_fetch_request(
        self,
        request_id: str,
        status: FetchStatus,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> FetchRequest:
        def run() -> FetchRequest:
            row = self.db.one(
                "SELECT status, ticket, gtin, claimed_by FROM fetch_requests WHERE id = ?",
                (request_id,),
            )
            if row is None:
                raise NotFound("No such fetch request.")
            current = FetchStatus(row["status"])
            if not rules.fetch_transition_allowed(current, status):
                raise InvalidTransition(
                    f"A fetch request that is {current} cannot become {status}."
                )
            claimed_by: str | None = row["claimed_by"]
            if status == FetchStatus.CLAIMED:
                claimed_by = actor
            elif status == FetchStatus.OPEN:
                claimed_by = None
            self.db.run(
                "UPDATE fetch_requests SET status = ?, updated_at = ?, claimed_by = ? WHERE id = ?",
                (str(status), iso(now), claimed_by, request_id),
            )
            if audit is not None:
                self._insert_audit(
                    audit,
                    f"fetch.{status}",
                    f"ticket {row['ticket']} (GTIN {row['gtin']}): {current} -> {status}",
                    now,
                )
            updated = self.get_fetch_request(request_id)
            assert updated is not None
            return updated

        return self.db.transact(run)
