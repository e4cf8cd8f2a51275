"""Seeding a database from a catalogue file; the demo also gets the published demo keys.

Running the seeder twice changes nothing: catalogue rows are inserted or brought up to
date, stock rows that already exist are live data and stay as they are, keys are added
only when missing.

``seed_catalogue`` never installs a key: a real store's keys are made with
``python -m inventory_service keys add`` (random, shown once). ``seed_demo`` adds the
demo keys, whose secrets are published in this file; a service holding one refuses to
listen on anything but loopback (``demo_keys_installed``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from inventory_service import rules
from inventory_service.catalogue import DEMO_CATALOGUE, Catalogue, load_catalogue
from inventory_service.storage import ImportCounts, KeyScope, Storage
from inventory_service.storage.backends import backend_for
from inventory_service.storage.base import CHAIN_STORE_ID

DEMO_KIOSK_KEY = "demo-kiosk-key"
DEMO_STAFF_KEY = "demo-staff-key"
DEMO_HEAD_OFFICE_KEY = "demo-head-office-key"
DEMO_KIOSK_ID = "kiosk-1"
DEMO_KEYS = (DEMO_KIOSK_KEY, DEMO_STAFF_KEY, DEMO_HEAD_OFFICE_KEY)


def seed_catalogue(
    storage_or_db: Storage | str | Path, catalogue_path: str | Path = DEMO_CATALOGUE
) -> ImportCounts:
    """Load a catalogue (no keys); returns what was actually inserted or changed.

    ``storage_or_db`` is an open ``Storage`` or a ``--db`` value (a SQLite file or a
    ``postgresql://`` URL; created and migrated when needed).
    """
    catalogue = load_catalogue(catalogue_path)
    return _with_storage(storage_or_db, lambda s: _import(s, catalogue))


def seed_demo(
    storage_or_db: Storage | str | Path, catalogue_path: str | Path = DEMO_CATALOGUE
) -> ImportCounts:
    """Load a catalogue and the demo keys (for ``--seed demo``, ``kiosk demo`` and tests)."""
    catalogue = load_catalogue(catalogue_path)

    def seed(storage: Storage) -> ImportCounts:
        return _import(storage, catalogue) + _demo_keys(storage, catalogue.home_store_id)

    return _with_storage(storage_or_db, seed)


def demo_keys_installed(storage: Storage) -> list[str]:
    """The labels of usable demo keys in the database (empty when there are none)."""
    found = (storage.find_api_key(rules.hash_api_key(secret)) for secret in DEMO_KEYS)
    return [key.label for key in found if key is not None and key.revoked_at is None]


def _with_storage(
    storage_or_db: Storage | str | Path, body: Callable[[Storage], ImportCounts]
) -> ImportCounts:
    if isinstance(storage_or_db, str | Path):
        backend = backend_for(storage_or_db)
        backend.initialise()
        try:
            with backend.open() as storage:
                return body(storage)
        finally:
            backend.dispose()
    return body(storage_or_db)


def _import(storage: Storage, catalogue: Catalogue) -> ImportCounts:
    return storage.import_catalogue(
        catalogue.locations, catalogue.styles, catalogue.variants, catalogue.stock
    )


def _demo_keys(storage: Storage, home_store_id: str) -> ImportCounts:
    keys = (
        (
            DEMO_KIOSK_KEY,
            KeyScope.KIOSK,
            home_store_id,
            DEMO_KIOSK_ID,
            f"demo kiosk {DEMO_KIOSK_ID}",
        ),
        (DEMO_STAFF_KEY, KeyScope.STAFF, home_store_id, None, "demo staff"),
        (DEMO_HEAD_OFFICE_KEY, KeyScope.HEAD_OFFICE, CHAIN_STORE_ID, None, "demo head office"),
    )
    added = sum(
        storage.add_api_key(rules.hash_api_key(secret), scope, store, kiosk, label)
        for secret, scope, store, kiosk, label in keys
    )
    return ImportCounts(api_keys=added)
