"""``client_lookup``: a scan is one read, and the picture comes beside it once its name is
known (real service, real client)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from inventory_client import InventoryClient
from kiosk.journey.product import ImageNames, client_lookup


@pytest.fixture
def client(live_service, tmp_path: Path) -> Iterator[InventoryClient]:
    made = InventoryClient(
        live_service.url,
        live_service.kiosk_key,
        kiosk_id=live_service.kiosk_id,
        store_id=live_service.store_id,
        outbox_path=tmp_path / "outbox.sqlite",
    )
    yield made
    made.close()


class Recorded:
    """Wraps the client's reads: which were called, and whether the picture was asked for
    while the availability read was still waiting (it waits up to 10 s for that)."""

    def __init__(self, client: InventoryClient, *, wait_for_image: bool) -> None:
        self.calls: list[str] = []
        self.image_asked = threading.Event()
        self.image_was_beside = False
        real_availability, real_image = client.availability, client.image

        def availability(gtin: str):  # type: ignore[no-untyped-def]
            self.calls.append("availability")
            if wait_for_image:
                self.image_was_beside = self.image_asked.wait(10)
            return real_availability(gtin)

        def image(name: str) -> bytes:
            self.calls.append("image")
            self.image_asked.set()
            return real_image(name)

        client.availability = availability  # type: ignore[method-assign]
        client.image = image  # type: ignore[method-assign]
        for name in ("lookup", "size_run"):
            setattr(client, name, lambda *a, _n=name: self.calls.append(_n))


def test_a_scan_is_one_read_and_the_picture_beside_it_once_known(client, catalogue) -> None:
    lookup = client_lookup(client)
    gtin = catalogue["demo_scans"][0]
    first = Recorded(client, wait_for_image=False)
    product = lookup(gtin)
    assert product.size_run.scanned_gtin == gtin and product.image
    assert sorted(first.calls) == ["availability", "image"]

    sibling = next(s.variant.gtin for s in product.size_run.sizes if s.variant.gtin != gtin)
    again = Recorded(client, wait_for_image=True)
    second = lookup(sibling)  # the style's picture is known: asked for beside the read
    assert again.image_was_beside
    assert second.image == product.image and second.size_run.scanned_gtin == sibling
    assert sorted(again.calls) == ["availability", "image"]


def test_image_names_remember_every_size_and_forget_the_oldest(client, catalogue) -> None:
    first, second = (client.availability(g) for g in catalogue["demo_scans"][:2])
    assert first.style.id != second.style.id
    names = ImageNames(limit=len(second.sizes))
    names.learn(first)
    assert {names.get(s.variant.gtin) for s in first.sizes} == {first.style.image}
    names.learn(second)
    assert all(names.get(s.variant.gtin) is None for s in first.sizes)
    assert all(names.get(s.variant.gtin) == second.style.image for s in second.sizes)
