"""Seeding, migrations and the storage layer on real SQLite files (no HTTP)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.api import order_body

from inventory_client.models import OrderCreate
from inventory_service import rules
from inventory_service.catalogue import CatalogueError, load_catalogue
from inventory_service.errors import NoLongerAvailable
from inventory_service.seed import DEMO_KIOSK_ID, DEMO_KIOSK_KEY, DEMO_STAFF_KEY, seed_demo
from inventory_service.storage import Idempotency, KeyScope, SqliteStorage, initialise
from inventory_service.storage.schema import applied_migrations

SMALL = Path(__file__).resolve().parents[1] / "support" / "catalogue_small.json"
NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)


def _dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def test_demo_seed_twice_changes_nothing(tmp_path, catalogue) -> None:
    db = tmp_path / "inventory.db"
    first = seed_demo(db)
    assert first.locations == len(catalogue["locations"])
    assert first.styles == len(catalogue["styles"])
    assert first.variants == sum(len(s["variants"]) for s in catalogue["styles"])
    assert first.stock == len(catalogue["stock"])
    assert first.api_keys == 3  # the demo's kiosk, staff and head-office keys
    snapshot = _dump(db)
    second = seed_demo(db)
    assert second.total == 0
    assert _dump(db) == snapshot


def test_seed_keeps_live_stock(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    seed_demo(db, SMALL)
    with SqliteStorage.open(db) as storage:
        req = OrderCreate.model_validate(
            order_body("2000000000022", kiosk_id=DEMO_KIOSK_ID, store_id="store-a")
        )
        storage.create_order(
            req, idempotency=Idempotency("k" * 8, "h"), actor="t", now=NOW, hold=timedelta(hours=1)
        )
    seed_demo(db, SMALL)
    with SqliteStorage.open(db) as storage:
        levels = {(lv.location_id, lv.gtin): lv for lv in storage.stock_levels(["2000000000022"])}
    assert levels["wh-near", "2000000000022"].reserved == 1


def test_demo_keys_are_stored_hashed(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    seed_demo(db, SMALL)
    raw = db.read_bytes() + (
        db.with_suffix(".db-wal").read_bytes() if db.with_suffix(".db-wal").exists() else b""
    )
    assert DEMO_KIOSK_KEY.encode() not in raw
    with SqliteStorage.open(db) as storage:
        kiosk = storage.find_api_key(rules.hash_api_key(DEMO_KIOSK_KEY))
        staff = storage.find_api_key(rules.hash_api_key(DEMO_STAFF_KEY))
    assert kiosk is not None and kiosk.scope == KeyScope.KIOSK and kiosk.kiosk_id == DEMO_KIOSK_ID
    assert kiosk.store_id == "store-a"
    assert staff is not None and staff.scope == KeyScope.STAFF and staff.store_id == "store-a"


def test_migrations_recorded_and_rerunnable(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    names = initialise(db)
    assert sorted(names) == [  # applied in file order; each engineer's step is named apart
        "m001_catalogue",
        "m002_orders",
        "m003_store_operations",
        "m004_admin_and_health",
        "m005_back_in_stock",
        "m006_keys_and_scopes",
        "m007_audit_chain_and_retention",
        "m008_customer_voice",
        "m009_phone_handoff",
    ]
    assert initialise(db) == names
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        import sqlite_utils

        assert applied_migrations(sqlite_utils.Database(conn)) == names
    finally:
        conn.close()


def test_stock_check_constraints_hold(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    seed_demo(db, SMALL)
    conn = sqlite3.connect(db)
    try:
        for sql in (
            "UPDATE stock SET on_hand = -1",
            "UPDATE stock SET reserved = on_hand + 1",
            "UPDATE stock SET reserved = -1",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)
    finally:
        conn.close()


def test_order_reserves_at_nearest_warehouse_with_enough(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    seed_demo(db, SMALL)
    with SqliteStorage.open(db) as storage:

        def order(qty: int, key: str):
            req = OrderCreate.model_validate(
                order_body("2000000000022", kiosk_id="kiosk-1", store_id="store-a", quantity=qty)
            )
            made, _ = storage.create_order(
                req,
                idempotency=Idempotency(key, rules.body_hash(req.model_dump(mode="json"))),
                actor="test",
                now=NOW,
                hold=timedelta(hours=48),
            )
            return made

        first = order(1, "key-0001")
        assert first.lines[0].fulfilled_from == "wh-near"
        assert first.reserved_until == NOW + timedelta(hours=48)
        second = order(2, "key-0002")  # near warehouse is empty now
        assert second.lines[0].fulfilled_from == "wh-far"
        with pytest.raises(NoLongerAvailable):
            order(4, "key-0003")  # only 3 left at wh-far


def test_expired_hold_is_released_by_the_next_order(tmp_path) -> None:
    db = tmp_path / "inventory.db"
    seed_demo(db, SMALL)
    req = OrderCreate.model_validate(
        order_body("2000000000022", kiosk_id="kiosk-1", store_id="store-a", quantity=1)
    )
    with SqliteStorage.open(db) as storage:
        first, _ = storage.create_order(
            req,
            idempotency=Idempotency("key-0001", "a"),
            actor="t",
            now=NOW,
            hold=timedelta(hours=1),
        )
        assert first.lines[0].fulfilled_from == "wh-near"
        later = NOW + timedelta(hours=2)
        second, _ = storage.create_order(
            req,
            idempotency=Idempotency("key-0002", "b"),
            actor="t",
            now=later,
            hold=timedelta(hours=1),
        )
        assert second.lines[0].fulfilled_from == "wh-near"  # the expired hold freed the pair
        expired = storage.get_order(first.id)
        assert expired is not None and expired.status == "cancelled"
        assert (expired.history[-1].actor, expired.history[-1].note) == ("system", "hold expired")
        levels = {(lv.location_id, lv.gtin): lv for lv in storage.stock_levels(["2000000000022"])}
        assert levels["wh-near", "2000000000022"].reserved == 1


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda c: c["styles"][0]["variants"][1].update(gtin="12"),
            "styles[0] ('test-runner').variants[1]",
        ),
        (lambda c: c["styles"][0].update(price="cheap"), "styles[0] ('test-runner'): price"),
        (lambda c: c["locations"][1].update(latitude=200), "locations[1] ('store-b')"),
        (lambda c: c["stock"][2].update(location_id="nowhere"), "stock[2]: unknown location"),
        (lambda c: c["stock"][0].update(on_hand=-3), "stock[0]"),
        (lambda c: c.update(home_store_id="wh-near"), "home_store_id"),
        (lambda c: c["styles"].append(dict(c["styles"][0])), "duplicate style id"),
    ],
)
def test_bad_catalogue_names_the_entry(tmp_path, mutate, expected) -> None:
    data = json.loads(SMALL.read_text())
    mutate(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(CatalogueError) as info:
        load_catalogue(bad)
    assert expected in str(info.value)
    assert str(bad) in str(info.value)


def test_unreadable_catalogue(tmp_path) -> None:
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{ nope")
    with pytest.raises(CatalogueError, match="JSON"):
        load_catalogue(broken)
