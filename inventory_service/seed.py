"""Seeding a database from a catalogue file, plus the demo API keys.

Running the seeder twice changes nothing: catalogue rows are inserted or brought up to
date, stock rows that already exist are live data and stay as they are, keys are added
only when missing.
"""

from __future__ import annotations

from pathlib import Path

from inventory_service import rules
from inventory_service.catalogue import DEMO_CATALOGUE, Catalogue, load_catalogue
from inventory_service.storage import ImportCounts, KeyScope, Storage
from inventory_service.storage.backends import backend_for

DEMO_KIOSK_KEY = "demo-kiosk-key"
DEMO_STAFF_KEY = "demo-staff-key"
DEMO_KIOSK_ID = "kiosk-1"


def seed_demo(
    storage_or_db: Storage | str | Path, catalogue_path: str | Path = DEMO_CATALOGUE
) -> ImportCounts:
    """Load a catalogue and the demo keys; returns what was actually inserted or changed.

    ``storage_or_db`` is an open ``Storage`` or a ``--db`` value (a SQLite file or a
    ``postgresql://`` URL; created and migrated when needed).
    """
    catalogue = load_catalogue(catalogue_path)
    if isinstance(storage_or_db, str | Path):
        backend = backend_for(storage_or_db)
        backend.initialise()
        try:
            with backend.open() as storage:
                return _seed(storage, catalogue)
        finally:
            backend.dispose()
    return _seed(storage_or_db, catalogue)


def _seed(storage: Storage, catalogue: Catalogue) -> ImportCounts:
    counts = storage.import_catalogue(
        catalogue.locations, catalogue.styles, catalogue.variants, catalogue.stock
    )
    added = 0
    added += storage.add_api_key(
        rules.hash_api_key(DEMO_KIOSK_KEY),
        KeyScope.KIOSK,
        catalogue.home_store_id,
        DEMO_KIOSK_ID,
        f"demo kiosk {DEMO_KIOSK_ID}",
    )
    added += storage.add_api_key(
        rules.hash_api_key(DEMO_STAFF_KEY),
        KeyScope.STAFF,
        catalogue.home_store_id,
        None,
        "demo staff",
    )
    return counts + ImportCounts(api_keys=added)
