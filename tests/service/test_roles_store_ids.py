"""Ids a device makes and idempotency keys are per store (issue 15 item 2), both engines:
store B using an id store A used works for B, and tells B nothing about A."""

from __future__ import annotations

from support.api import Api, order_body

from inventory_service import rules
from inventory_service.storage import KeyScope

from .db_helpers import open_storage, rows

STORE_B = "potsdam"
GTIN = "2400074150003"  # pairs in both stores and at the warehouse (demo catalogue)
AT = "2026-01-01T12:00:00+00:00"


def _key(db, scope: KeyScope, store: str, kiosk: str | None) -> str:
    secret = rules.new_api_key()
    with open_storage(db) as storage:
        storage.add_api_key(rules.hash_api_key(secret), scope, store, kiosk, f"store ids {scope}")
    return secret


def test_store_b_may_reuse_every_id_store_a_used(fresh_service) -> None:
    db, url, store_a = fresh_service.db_path, fresh_service.url, fresh_service.store_id
    kiosk_b_key = _key(db, KeyScope.KIOSK, STORE_B, "kiosk-1")
    staff_b_key = _key(db, KeyScope.STAFF, STORE_B, None)
    with (
        Api(url, fresh_service.kiosk_key) as kiosk_a,
        Api(url, fresh_service.staff_key) as staff_a,
        Api(url, kiosk_b_key) as kiosk_b,
        Api(url, staff_b_key) as staff_b,
    ):
        # Demand events: the same id in two stores is two events (was: B's dropped).
        for api, store in ((kiosk_a, store_a), (kiosk_b, STORE_B)):
            event = {"id": "demand-0001", "kind": "scanned", "gtin": GTIN, "at": AT}
            body = {**event, "kiosk_id": "kiosk-1", "store_id": store}
            assert api.post("/v1/demand-events", json=body).status_code == 202
        stored = rows(db, "SELECT store_id FROM demand_events WHERE id = 'demand-0001'")
        assert sorted(r["store_id"] for r in stored) == sorted([store_a, STORE_B])

        # Back in stock: B's request with A's id is B's own (201, not 409 or A's).
        made = []
        for api, store, email in (
            (kiosk_a, store_a, "a@example.org"),
            (kiosk_b, STORE_B, "b@example.org"),
        ):
            body = {
                "id": "bis-00000001",
                "gtin": GTIN,
                "email": email,
                "language": "de",
                "at": AT,
                "kiosk_id": "kiosk-1",
                "store_id": store,
            }
            resp = api.post("/v1/back-in-stock", json=body)
            assert resp.status_code == 201, resp.text
            made.append(resp.json())
        assert [m["email"] for m in made] == ["a@example.org", "b@example.org"]
        listed = staff_b.get("/v1/back-in-stock", params={"store_id": STORE_B}).json()
        assert [b["email"] for b in listed] == ["b@example.org"]

        # Orders: one Idempotency-Key, one order per store; a replay still finds A's.
        key = {"Idempotency-Key": "shared-key-0001"}
        order_a = kiosk_a.post(
            "/v1/orders", json=order_body(GTIN, kiosk_id="kiosk-1", store_id=store_a), headers=key
        )
        assert order_a.status_code == 201, order_a.text
        body_b = order_body(GTIN, quantity=2, kiosk_id="kiosk-1", store_id=STORE_B)
        order_b = kiosk_b.post("/v1/orders", json=body_b, headers=key)
        assert order_b.status_code == 201, order_b.text  # not A's 409 (another body)
        assert order_b.json()["id"] != order_a.json()["id"]
        assert order_b.json()["store_id"] == STORE_B
        again = kiosk_a.post(
            "/v1/orders", json=order_body(GTIN, kiosk_id="kiosk-1", store_id=store_a), headers=key
        )
        assert (again.status_code, again.json()["id"]) == (200, order_a.json()["id"])

        # Stock adjustments and audit entries: the same key / id in each store.
        for api, store in ((staff_a, store_a), (staff_b, STORE_B)):
            adjust = {
                "location_id": store,
                "gtin": GTIN,
                "kind": "receive",
                "quantity": 1,
                "actor": "Ann",
            }
            resp = api.post("/v1/stock-adjustments", json=adjust, headers=key)
            assert resp.status_code == 201, resp.text
            entry = {"id": "audit-shared-01", "action": "admin.login", "detail": ""}
            resp = api.post("/v1/audit", json=entry)
            assert resp.status_code == 201, resp.text
            assert resp.json()["store_id"] == store
