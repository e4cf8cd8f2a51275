"""A looked-up product and the blocking lookup that builds it from the inventory client.

Plain Python (no Qt): the session runs :func:`client_lookup`'s function on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inventory_client import InventoryError
from inventory_client.models import SizeRun

if TYPE_CHECKING:
    from inventory_client import InventoryClient

__all__ = ["Product", "client_lookup"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Product:
    """A looked-up style: its size run and its picture (``None`` if it could not be had)."""

    size_run: SizeRun
    image: bytes | None = None


def client_lookup(client: InventoryClient) -> Callable[[str], Product]:
    """The blocking lookup the session runs on a worker thread, built on the real client.

    The picture is fetched on a thread of its own while the size run is asked for (the
    client is thread-safe), so the shopper waits for the slower of the two, not the sum.
    """
    images = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-image")

    def fetch_image(name: str) -> bytes | None:
        try:
            return client.image(name)
        except InventoryError as exc:  # a missing picture never hides the sizes
            log.warning("image %s unavailable: %s", name, type(exc).__name__)
            return None

    def lookup(gtin: str) -> Product:
        detail = client.lookup(gtin)
        image = images.submit(fetch_image, detail.style.image)
        try:
            run = client.size_run(detail)
        except BaseException:
            image.cancel()  # not started yet: never started; else it ends on its own
            raise
        if run.scanned_gtin is None:
            run = run.model_copy(update={"scanned_gtin": gtin})
        return Product(size_run=run, image=image.result())

    return lookup
