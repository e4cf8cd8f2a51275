"""End to end: a barcode image through the frame source, the real scanner and decoder, the
real client against the real service on loopback, to the size grid on the product screen.

Only the camera is replaced: an ImageFolderSource replays one of the demo camera frames.
"""

from __future__ import annotations

import shutil
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inventory_client import InventoryClient
from inventory_service.launcher import ServiceProcess
from kiosk.assembly import Kiosk
from kiosk.scanning.sources import ImageFolderSource, demo_frames_dir
from kiosk.session import State

UNKNOWN_GTIN = "2999999999991"  # valid check digit, restricted range, not in the catalogue


def make_client(service: ServiceProcess, tmp_path: Path) -> InventoryClient:
    return InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=tmp_path / "outbox.sqlite",
    )


@pytest.fixture
def kiosk_for(qtbot, tmp_path: Path) -> Iterator[Any]:
    built: list[tuple[Kiosk, InventoryClient]] = []

    def build(service: ServiceProcess, frames: Path | None) -> Kiosk:
        client = make_client(service, tmp_path)
        factory = None
        if frames is not None:

            def factory() -> ImageFolderSource:
                return ImageFolderSource(frames, hold_s=2.0, gap_s=2.5)

        kiosk = Kiosk(client, source_factory=factory, sound=None)
        qtbot.addWidget(kiosk.window)
        built.append((kiosk, client))
        kiosk.start()
        return kiosk

    yield build
    for kiosk, client in built:
        kiosk.shutdown()
        client.close()


def expected_sizes(catalogue: dict, style_id: str) -> dict[str, dict[str, Any]]:
    """Per size (EU): this store's count, the warehouses' count, stores that have it."""
    kinds = {loc["id"]: loc["kind"] for loc in catalogue["locations"]}
    names = {loc["id"]: loc["name"] for loc in catalogue["locations"]}
    home = catalogue["home_store_id"]
    on_hand: dict[tuple[str, str], int] = defaultdict(int)
    for row in catalogue["stock"]:
        on_hand[(row["location_id"], row["gtin"])] += row["on_hand"]
    style = next(s for s in catalogue["styles"] if s["id"] == style_id)
    expected = {}
    for variant in style["variants"]:
        gtin = variant["gtin"]
        expected[variant["size_eu"]] = {
            "here": on_hand[(home, gtin)],
            "warehouse": sum(on_hand[(loc, gtin)] for loc, k in kinds.items() if k == "warehouse"),
            "stores": {
                names[loc]
                for loc, k in kinds.items()
                if k == "store" and loc != home and on_hand[(loc, gtin)] > 0
            },
        }
    return expected


def expected_status(sizes: dict[str, Any]) -> tuple[str, str]:
    if sizes["here"]:
        detail = f"+ {sizes['warehouse']} at the warehouse" if sizes["warehouse"] else ""
        return f"In this store ({sizes['here']})", detail
    if sizes["warehouse"]:
        return "Warehouse — ship to home", f"{sizes['warehouse']} at the warehouse"
    if sizes["stores"]:
        return "At ", ""
    return "Sold out", ""


def test_barcode_image_shows_the_size_grid_with_the_right_numbers(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, tmp_path: Path, kiosk_for
) -> None:
    style_id = catalogue["scenarios"]["mixed"]
    style = next(s for s in catalogue["styles"] if s["id"] == style_id)
    gtins = {v["gtin"] for v in style["variants"]}
    frame = next(p for p in sorted(demo_frames_dir().iterdir()) if p.stem[3:] in gtins)
    frames = tmp_path / "frames"
    frames.mkdir()
    shutil.copy(frame, frames / frame.name)
    scanned_gtin = frame.stem[3:]

    kiosk = kiosk_for(fresh_service, frames)
    window = kiosk.window
    gui_thread = threading.get_ident()
    lookup_threads: list[int] = []
    real_lookup = kiosk.client.availability  # a scan's one read

    def recording_lookup(gtin: str):
        lookup_threads.append(threading.get_ident())
        return real_lookup(gtin)

    kiosk.client.availability = recording_lookup  # type: ignore[method-assign]

    grid = window.product_screen.grid
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.product_screen and bool(grid.buttons()),
        timeout=20_000,
    )
    assert lookup_threads and gui_thread not in lookup_threads  # never on the GUI thread
    assert window.product_screen.name.text() == style["name"]
    assert window.product_screen.price.text() == f"€{style['price']}"

    expected = expected_sizes(catalogue, style_id)
    shown = {b.tile.size_eu: b for b in grid.buttons()}
    assert set(shown) == set(expected)
    statuses = set()
    for size_eu, button in shown.items():
        label, detail = expected_status(expected[size_eu])
        status_text = button.status_label.text()
        assert status_text.startswith(label), (size_eu, status_text, expected[size_eu])
        if label == "At ":
            assert any(name in status_text for name in expected[size_eu]["stores"])
        assert button.detail_label.text().startswith(detail) if detail else True
        assert button.tile.scanned is (button.tile.gtin == scanned_gtin)
        statuses.add(button.tile.status)
    assert len(statuses) == 4  # the mixed scenario shows every case


def test_unknown_code_typed_on_the_keypad_shows_the_unknown_code_screen(
    qtbot, live_service: ServiceProcess, kiosk_for
) -> None:
    kiosk = kiosk_for(live_service, None)
    window = kiosk.window
    window.scan_screen.keypad_button.click()
    assert kiosk.session.state is State.SCANNING
    for digit in UNKNOWN_GTIN:
        window.scan_screen.keypad.press(digit)
    window.scan_screen.keypad.submit()
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.unknown_code_screen, timeout=10_000
    )
    assert UNKNOWN_GTIN in window.unknown_code_screen.code.text()
    window.unknown_code_screen.nav.start_over_button.click()
    assert kiosk.session.state is State.ATTRACT
    assert window.stack.currentWidget() is window.scan_screen
    assert window.unknown_code_screen.code.text() == ""


def test_service_down_shows_a_calm_error_and_never_freezes(
    qtbot, tmp_path: Path, kiosk_for
) -> None:
    service = ServiceProcess(tmp_path / "down.sqlite", seed="demo")
    service.start()
    url = service.url
    service.stop()  # nobody listens on this port any more
    service.url = url
    kiosk = kiosk_for(service, None)
    window = kiosk.window
    kiosk.session.scan("2400104200005")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.error_screen, timeout=20_000)
    message = window.error_screen.message.text()
    assert message and "Traceback" not in message and "Error" not in message
