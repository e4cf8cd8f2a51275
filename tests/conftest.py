"""Fixtures shared by the whole suite: the real inventory service on loopback.

- ``live_service`` (session): one demo-seeded service for read-mostly tests. Tests that
  use it must not change stock in ways other tests could notice.
- ``fresh_service`` (function): a new database for each test that changes stock.
- ``catalogue``: the parsed demo catalogue (``assets/demo/catalogue.json``) as a dict.

Helpers for talking to the service live in ``tests/support`` (importable as ``support``).
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Make tests/support importable as ``support`` however pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inventory_service.catalogue import DEMO_CATALOGUE
from inventory_service.launcher import ServiceProcess


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread() -> Iterator[None]:
    """Collect each test's cyclic garbage here, on the main (GUI) thread.

    Left to itself, Python's cycle collector runs wherever an allocation trips it, and that
    can be a worker thread of the *next* test (a TaskRunner job building a size run). It
    then destroys the previous test's Qt objects off the GUI thread, which deadlocks
    against the GUI thread inside Qt (seen: QObject::~QObject on a pool thread waiting for
    the GIL while the GUI thread waited on Qt's connection mutex in setStyleSheet)."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def catalogue() -> dict[str, Any]:
    """The demo catalogue file, parsed (read-only: do not mutate)."""
    return json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def live_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    """One demo-seeded service for the whole session (read-mostly tests)."""
    db = tmp_path_factory.mktemp("live-service") / "inventory.db"
    with ServiceProcess(db, seed="demo") as service:
        yield service


@pytest.fixture
def fresh_service(tmp_path: Path) -> Iterator[ServiceProcess]:
    """A demo-seeded service on a new database, for a test that changes stock."""
    with ServiceProcess(tmp_path / "inventory.db", seed="demo") as service:
        yield service
