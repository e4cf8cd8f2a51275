"""Kiosk test helpers: a real kiosk (real client, real widgets) on a real service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inventory_client import InventoryClient
from inventory_service.launcher import ServiceProcess


def make_client(service: ServiceProcess, tmp_path: Path, name: str = "outbox") -> InventoryClient:
    return InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=tmp_path / f"{name}.sqlite",
        connect_timeout=1.0,
        read_timeout=3.0,
    )


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files built from the committed .ts sources (as the set-up step does)."""
    from kiosk.i18n import build

    out = tmp_path_factory.mktemp("qm")
    build(out=out)
    return out


@pytest.fixture
def journey_kiosk(qtbot, tmp_path: Path, qm_dir: Path) -> Iterator[Any]:
    """Build a started kiosk without a camera; ``options`` go to :class:`Kiosk`."""
    from kiosk.assembly import Kiosk

    built: list[tuple[Any, InventoryClient]] = []

    def build(service: ServiceProcess, **options: Any) -> Any:
        client = make_client(service, tmp_path, f"outbox-{len(built)}")
        options.setdefault("fetch_poll_ms", 100)
        options.setdefault("translations_dir", qm_dir)
        kiosk = Kiosk(client, source_factory=None, sound=None, **options)
        qtbot.addWidget(kiosk.window)
        built.append((kiosk, client))
        kiosk.start()
        kiosk.window.resize(1920, 1080)
        return kiosk

    yield build
    for kiosk, client in built:
        kiosk.shutdown()
        client.close()
