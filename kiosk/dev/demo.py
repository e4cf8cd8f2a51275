"""The demo back end: the reference service on loopback with demo data, and a client for it.

Used by ``python -m kiosk demo`` and ``python -m kiosk tour``: the same service, data and
client a store would run, only started in-process for one session.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from inventory_service.launcher import ServiceProcess

log = logging.getLogger(__name__)

SERVICE_START_TIMEOUT_S = 30.0


@dataclass
class DemoBackend:
    service: ServiceProcess
    client: InventoryClient
    data_dir: Path
    #: Where phones open the pages (``service.public_url``): the service's own URL, or
    #: with ``public`` its phones-only socket on this machine's LAN address.
    public_url: str = ""


@contextmanager
def demo_backend(
    data_dir: Path, *, images_dir: Path | None = None, public: bool = False
) -> Iterator[DemoBackend]:
    """Start a freshly seeded demo service under ``data_dir`` and yield it with a client.

    ``public``: phones on the same network can open the phone pages (a socket on every
    address that serves those pages only; the API stays on loopback).

    The service is stopped and the client closed on exit, also on errors.
    """
    from inventory_client import InventoryClient
    from inventory_service.launcher import ServiceProcess

    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / "demo-inventory.sqlite"
    for stale in data_dir.glob("demo-inventory.sqlite*"):
        stale.unlink()  # the demo always starts from the same stock
    phones = ["--phone-host", "0.0.0.0"] if public else []
    service = ServiceProcess(db_path, seed="demo", images_dir=images_dir, extra_args=phones)
    service.start(timeout=SERVICE_START_TIMEOUT_S)
    try:
        log.info("demo service ready at %s", service.url)
        kiosk_key, kiosk_id, store_id = service.kiosk_key, service.kiosk_id, service.store_id
        # Set whenever the service is seeded, which the demo always asks for (seed="demo").
        assert kiosk_key and kiosk_id and store_id, "the demo service has no demo kiosk"
        client = InventoryClient(
            service.url,
            kiosk_key,
            kiosk_id=kiosk_id,
            store_id=store_id,
            outbox_path=data_dir / "outbox.sqlite",
            staff_key=service.staff_key,  # the demo staff screen restocks through it
        )
        try:
            public_url = service.phone_url or service.url
            yield DemoBackend(
                service=service, client=client, data_dir=data_dir, public_url=public_url
            )
        finally:
            client.close()
    finally:
        service.stop()
