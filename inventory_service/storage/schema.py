"""SQLite schema as a list of migrations (``sqlite_utils.migrations.Migrations``).

Each step runs once per database and is recorded, so ``migrate()`` is safe at every
start-up. Add new steps at the end; never edit an applied one.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations  # sqlite-utils >= 4 (the pyproject floor)

from inventory_service.storage import audit_schema

MIGRATION_SET = "inventory_service"

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_catalogue(db: sqlite_utils.Database) -> None:
    db.table("locations").create(
        {"id": str, "name": str, "kind": str, "latitude": float, "longitude": float},
        pk="id",
        not_null={"name", "kind", "latitude", "longitude"},
    )
    db.table("styles").create(
        {
            "id": str,
            "name": str,
            "brand": str,
            "colour": str,
            "price": str,  # Decimal as text: exact, and portable to NUMERIC later
            "currency": str,
            "image": str,
            "description": str,
        },
        pk="id",
        not_null={"name", "brand", "colour", "price", "currency", "image"},
        defaults={"description": ""},
    )
    db.table("variants").create(
        {
            "gtin": str,
            "style_id": str,
            "size_eu": str,
            "size_uk": str,
            "size_us": str,
            "width": str,
        },
        pk="gtin",
        foreign_keys=[("style_id", "styles", "id")],
        not_null={"style_id", "size_eu", "size_uk", "size_us", "width"},
    )
    db.table("variants").create_index(["style_id"])
    # CHECK constraints are the last line of defence: stock can never go negative and
    # never more can be reserved than is on hand, whatever a bug upstream does.
    db.execute(
        """
        CREATE TABLE stock (
            location_id TEXT NOT NULL REFERENCES locations(id),
            gtin TEXT NOT NULL REFERENCES variants(gtin),
            on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
            reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
            PRIMARY KEY (location_id, gtin)
        )
        """
    )
    db.execute("CREATE INDEX idx_stock_gtin ON stock(gtin)")


@migrations()
def m002_orders(db: sqlite_utils.Database) -> None:
    db.table("orders").create(
        {
            "id": str,
            "number": str,
            "status": str,
            "kiosk_id": str,
            "store_id": str,
            "total": str,
            "currency": str,
            "ship_to": str,  # JSON; personal data, never logged
            "created_at": str,
            "reserved_until": str,
        },
        pk="id",
        not_null={"number", "status", "kiosk_id", "store_id", "total", "currency", "ship_to"},
    )
    db.table("orders").create_index(["number"], unique=True)
    db.table("orders").create_index(["store_id", "status"])
    db.table("order_lines").create(
        {
            "order_id": str,
            "line_no": int,
            "gtin": str,
            "quantity": int,
            "style_id": str,
            "style_name": str,
            "size_eu": str,
            "unit_price": str,
            "fulfilled_from": str,
        },
        pk=("order_id", "line_no"),
        foreign_keys=[
            ("order_id", "orders", "id"),
            ("gtin", "variants", "gtin"),
            ("fulfilled_from", "locations", "id"),
        ],
        not_null={"gtin", "quantity", "style_id", "unit_price", "fulfilled_from"},
    )
    db.table("order_events").create(
        {"id": int, "order_id": str, "status": str, "at": str, "actor": str, "note": str},
        pk="id",
        foreign_keys=[("order_id", "orders", "id")],
        not_null={"order_id", "status", "at", "actor"},
    )
    db.table("order_events").create_index(["order_id"])
    db.table("idempotency").create(
        {"key": str, "route": str, "body_hash": str, "resource_id": str, "created_at": str},
        pk=("route", "key"),
        not_null={"body_hash", "resource_id", "created_at"},
    )


@migrations()
def m003_store_operations(db: sqlite_utils.Database) -> None:
    db.table("fetch_requests").create(
        {
            "id": str,
            "ticket": int,
            "kiosk_id": str,
            "store_id": str,
            "gtin": str,
            "status": str,
            "created_at": str,
            "updated_at": str,
            "claimed_by": str,
        },
        pk="id",
        foreign_keys=[("gtin", "variants", "gtin"), ("store_id", "locations", "id")],
        not_null={"ticket", "kiosk_id", "store_id", "gtin", "status", "created_at"},
    )
    db.table("fetch_requests").create_index(["store_id", "ticket"], unique=True)
    db.table("fetch_requests").create_index(["store_id", "status"])
    db.table("demand_events").create(
        {
            "id": str,
            "kind": str,
            "gtin": str,
            "kiosk_id": str,
            "store_id": str,
            "at": str,
            "received_at": str,
        },
        pk="id",
        not_null={"kind", "gtin", "kiosk_id", "store_id", "at", "received_at"},
    )
    db.table("demand_events").create_index(["store_id", "kind"])
    db.table("stock_adjustments").create(
        {
            "id": str,
            "location_id": str,
            "gtin": str,
            "kind": str,
            "quantity": int,
            "actor": str,
            "reason": str,
            "key_id": int,
            "at": str,
            "on_hand_before": int,
            "reserved_before": int,
            "on_hand": int,
            "reserved": int,
        },
        pk="id",
        foreign_keys=[("location_id", "locations", "id"), ("gtin", "variants", "gtin")],
        not_null={"location_id", "gtin", "kind", "quantity", "actor", "at"},
    )
    db.table("stock_adjustments").create_index(["location_id", "at"])
    db.table("api_keys").create(
        {
            "id": int,
            "key_hash": str,
            "scope": str,
            "store_id": str,
            "kiosk_id": str,
            "label": str,
            "created_at": str,
        },
        pk="id",
        not_null={"key_hash", "scope", "store_id", "label", "created_at"},
    )
    db.table("api_keys").create_index(["key_hash"], unique=True)


@migrations()
def m004_admin_and_health(db: sqlite_utils.Database) -> None:
    """Audit trail, kiosk heartbeats, and indexes for reports and hold expiry."""
    db.table("audit_events").create(
        {
            "id": str,
            "store_id": str,
            "actor": str,
            "key_label": str,
            "action": str,
            "detail": str,
            "at": str,
            "received_at": str,
        },
        pk="id",
        not_null={"store_id", "actor", "key_label", "action", "detail", "at", "received_at"},
    )
    db.table("audit_events").create_index(["store_id", "at"])
    db.table("kiosk_heartbeats").create(
        {
            "id": int,
            "kiosk_id": str,
            "store_id": str,
            "version": str,
            "uptime_s": float,
            "camera_ok": int,
            "last_scan_at": str,
            "outbox_backlog": int,
            "at": str,
            "received_at": str,
        },
        pk="id",
        not_null={
            "kiosk_id",
            "store_id",
            "version",
            "uptime_s",
            "camera_ok",
            "outbox_backlog",
            "at",
            "received_at",
        },
    )
    db.table("kiosk_heartbeats").create_index(["store_id", "kiosk_id", "id"])
    db.table("orders").create_index(["status", "reserved_until"])
    db.table("orders").create_index(["store_id", "created_at"])
    db.table("demand_events").create_index(["store_id", "at"])


@migrations()
def m005_back_in_stock(db: sqlite_utils.Database) -> None:
    """Shoppers' "email me when it is back" requests (the email is personal data)."""
    db.table("back_in_stock").create(
        {
            "id": str,
            "store_id": str,
            "kiosk_id": str,
            "gtin": str,
            "email": str,
            "language": str,
            "at": str,
            "received_at": str,
        },
        pk="id",
        foreign_keys=[("gtin", "variants", "gtin"), ("store_id", "locations", "id")],
        not_null={"store_id", "kiosk_id", "gtin", "email", "language", "at", "received_at"},
    )
    db.table("back_in_stock").create_index(["store_id", "gtin", "at"])


@migrations()
def m008_customer_voice(db: sqlite_utils.Database) -> None:
    """Shoppers' fit votes and voice events (issue 17; nothing personal in either)."""
    db.table("fit_votes").create(
        {
            "id": str,
            "store_id": str,
            "kiosk_id": str,
            "journey_id": str,
            "style_id": str,
            "fit": str,
            "size_eu": str,
            "source": str,
            "at": str,
            "received_at": str,
        },
        pk="id",
        foreign_keys=[("style_id", "styles", "id"), ("store_id", "locations", "id")],
        not_null={"store_id", "kiosk_id", "journey_id", "style_id", "fit", "source", "at"},
    )
    db.table("fit_votes").create_index(["kiosk_id", "journey_id", "style_id"], unique=True)
    db.table("fit_votes").create_index(["style_id"])
    db.table("fit_votes").create_index(["store_id", "kiosk_id", "received_at"])
    db.table("voice_events").create(
        {
            "id": str,
            "kind": str,
            "store_id": str,
            "kiosk_id": str,
            "style_id": str,
            "reason": str,
            "size_eu": str,
            "answer_ms": int,
            "at": str,
            "received_at": str,
        },
        pk="id",
        foreign_keys=[("style_id", "styles", "id"), ("store_id", "locations", "id")],
        not_null={"kind", "store_id", "kiosk_id", "style_id", "at", "received_at"},
    )
    db.table("voice_events").create_index(["store_id", "at"])


@migrations()
def m007_audit_chain_and_retention(db: sqlite_utils.Database) -> None:
    """Hash-chained, append-only audit trail; when contact details were erased."""
    audit_schema.migrate_sqlite(db)


@migrations()
def m009_phone_handoff(db: sqlite_utils.Database) -> None:
    """Phone hand-offs (tokens stored as sha256 only) and each order's shopper handles:
    the kiosk's offline reference and the status page's token (``storage.handoff``)."""
    db.table("handoffs").create(
        {
            "id": str,
            "token_hash": str,
            "store_id": str,
            "kiosk_id": str,
            "gtin": str,
            "language": str,
            "created_at": str,
            "expires_at": str,
            "opened_at": str,
            "session_hash": str,
            "session_expires_at": str,
            "order_id": str,
            "order_key": str,
        },
        pk="id",
        not_null={"token_hash", "store_id", "kiosk_id", "gtin", "language", "created_at"},
    )
    db.table("handoffs").create_index(["token_hash"], unique=True)
    db.table("handoffs").create_index(["session_hash"])
    db.table("order_links").create(
        {
            "order_id": str,
            "store_id": str,
            "kiosk_reference": str,
            "status_hash": str,
            "created_at": str,
            "expires_at": str,
        },
        pk="order_id",
        not_null={"store_id", "kiosk_reference", "status_hash", "created_at", "expires_at"},
    )
    db.table("order_links").create_index(["status_hash"], unique=True)
    db.table("order_links").create_index(["store_id", "kiosk_reference"])


#: Which store an idempotency key made before m006 belongs to: its resource's store.
_IDEMPOTENCY_STORE = """
    UPDATE idempotency SET store_id = COALESCE(
        (SELECT o.store_id FROM orders o WHERE o.id = idempotency.resource_id),
        (SELECT f.store_id FROM fetch_requests f WHERE f.id = idempotency.resource_id),
        (SELECT a.location_id FROM stock_adjustments a WHERE a.id = idempotency.resource_id),
        '')
"""


@migrations()
def m006_keys_and_scopes(db: sqlite_utils.Database) -> None:
    """Key lifecycle (expiry, revocation, last use) and one id space per store: the
    client-made ids and idempotency keys are unique per store, not chain-wide."""
    keys = db.table("api_keys")
    for column in ("expires_at", "revoked_at", "last_used_at"):
        keys.add_column(column, str)
    db.table("idempotency").add_column("store_id", str)
    db.execute(_IDEMPOTENCY_STORE)
    db.table("idempotency").transform(pk=("store_id", "route", "key"), not_null={"store_id"})
    for table in ("demand_events", "audit_events", "back_in_stock"):
        db.table(table).transform(pk=("store_id", "id"))


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database to the newest schema (WAL mode, all pending steps)."""
    db.enable_wal()
    migrations.apply(db)
    audit_schema.ensure_sqlite_triggers(db)  # a transform() in any step drops them


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]
