"""A looked-up product and the blocking lookup that builds it from the inventory client.

Plain Python (no Qt): the session runs :func:`client_lookup`'s function on a worker thread.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inventory_client import InventoryError
from inventory_client.models import SizeRun

if TYPE_CHECKING:
    from inventory_client import InventoryClient

__all__ = ["ImageNames", "Product", "client_lookup"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Product:
    """A looked-up style: its size run and its picture (``None`` if it could not be had)."""

    size_run: SizeRun
    image: bytes | None = None


class ImageNames:
    """Which picture each GTIN seen so far shows (every size of its style), at most
    ``limit`` GTINs, the least recently seen forgotten first. Thread-safe."""

    def __init__(self, limit: int = 4096) -> None:
        self._limit = limit
        self._names: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, gtin: str) -> str | None:
        with self._lock:
            name = self._names.get(gtin)
            if name is not None:
                self._names.move_to_end(gtin)
            return name

    def learn(self, run: SizeRun) -> None:
        with self._lock:
            for size in run.sizes:
                self._names[size.variant.gtin] = run.style.image
                self._names.move_to_end(size.variant.gtin)
            while len(self._names) > self._limit:
                self._names.popitem(last=False)


def client_lookup(client: InventoryClient) -> Callable[[str], Product]:
    """The blocking lookup the session runs on a worker thread, built on the real client.

    A scan is one request (``client.availability``). The picture is fetched on a thread of
    its own beside it when the GTIN's style was seen before (its picture's name is
    remembered), so the shopper waits for the slower of the two, not the sum; a style seen
    for the first time needs the answer to name its picture.
    """
    images = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-image")
    names = ImageNames()

    def fetch_image(name: str) -> bytes | None:
        try:
            return client.image(name)
        except InventoryError as exc:  # a missing picture never hides the sizes
            log.warning("image %s unavailable: %s", name, type(exc).__name__)
            return None

    def lookup(gtin: str) -> Product:
        guess = names.get(gtin)
        early: Future[bytes | None] | None = (
            images.submit(fetch_image, guess) if guess is not None else None
        )
        try:
            run = client.availability(gtin)
        except BaseException:
            if early is not None:
                early.cancel()  # not started yet: never started; else it ends on its own
            raise
        names.learn(run)
        if run.scanned_gtin is None:
            run = run.model_copy(update={"scanned_gtin": gtin})
        if early is None or guess != run.style.image:
            image = fetch_image(run.style.image)
        else:
            image = early.result()
        return Product(size_run=run, image=image)

    return lookup
