"""``python -m kiosk tour --out DIR``: walk every shopper screen offscreen and save PNGs.

Everything is real: the reference service with the demo data, the inventory client, the
session, the widgets. Screens are reached the way a shopper reaches them (a scan, a keypad,
a tap), and each is saved at 1920x1080 (landscape) and 1080x1920 (portrait).

"Warehouse unreachable" and "service unreachable" are produced honestly too: a second
client talks to the same service through a small loopback proxy that drops the connection
for warehouse stock requests (or for every request), as a broken network path would.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

ORIENTATIONS: dict[str, tuple[int, int]] = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
SCENARIOS = ("in_store", "warehouse_only", "other_store_only", "sold_out", "mixed")
UNKNOWN_GTIN = "2999999999991"  # valid check digit, restricted range, not in the catalogue
STEP_TIMEOUT_S = 20.0


# --- a loopback proxy that breaks on purpose ------------------------------------------


def _proxy_handler(upstream: str, drop: Callable[[str], bool]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if drop(self.path):
                self.close_connection = True  # hang up without an answer
                return
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() in {"authorization", "accept", "idempotency-key", "content-type"}
            }
            answer = requests.get(upstream + self.path, headers=headers, timeout=10)
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the tour prints what it saves

    return Handler


@contextmanager
def faulty_proxy(upstream: str, drop: Callable[[str], bool]) -> Iterator[str]:
    """Serve ``upstream`` on a loopback port, dropping requests whose path ``drop`` picks."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _proxy_handler(upstream, drop))
    thread = threading.Thread(target=server.serve_forever, name="tour-proxy", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- the tour ----------------------------------------------------------------------


class Tour:
    """Drives one kiosk window and saves what it shows."""

    def __init__(self, app: Any, out: Path) -> None:
        self.app = app
        self.out = out
        self.saved: list[Path] = []

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + STEP_TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError(f"tour: timed out waiting for {what}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def settle(self) -> None:
        """Let layouts and deferred deletes run (a few event-loop turns)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        for _ in range(5):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()

    def shoot(self, window: Any, name: str) -> None:
        for orientation, (width, height) in ORIENTATIONS.items():
            window.resize(width, height)
            self.settle()
            path = self.out / f"{name}-{orientation}.png"
            if not window.grab().save(str(path)):
                raise RuntimeError(f"tour: could not write {path}")
            self.saved.append(path)


def _style_gtin(catalogue: dict, style_id: str) -> str:
    style = next(s for s in catalogue["styles"] if s["id"] == style_id)
    variants = style["variants"]
    return variants[len(variants) // 2]["gtin"]  # a middle size, like a display shoe


def run_tour(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from inventory_client import InventoryClient
    from inventory_service.catalogue import DEMO_CATALOGUE
    from kiosk import theme
    from kiosk.app import Kiosk
    from kiosk.demo import demo_backend
    from kiosk.scanning.sources import demo_frames_dir
    from kiosk.session import State

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    theme.apply(app)
    catalogue = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    tour = Tour(app, out)
    preview = QImage(str(sorted(demo_frames_dir().glob("01-*"))[0]))

    with (
        tempfile.TemporaryDirectory(prefix="kiosk-tour-") as tmp,
        demo_backend(Path(tmp)) as backend,
    ):
        kiosk = Kiosk(backend.client, source_factory=None, sound=None)
        window, session = kiosk.window, kiosk.session
        kiosk.start()
        try:
            window.scan_screen.camera.set_frame(preview)
            tour.shoot(window, "01-attract")

            window.scan_screen.keypad_button.click()
            for digit in "240010":
                window.scan_screen.keypad.press(digit)
            tour.shoot(window, "02-scanning-keypad")
            window.scan_screen.keypad.clear()

            for number, scenario in enumerate(SCENARIOS, start=3):
                session.scan(_style_gtin(catalogue, catalogue["scenarios"][scenario]))
                tour.wait_until(lambda: session.state is State.PRODUCT, f"{scenario} product")
                tour.shoot(window, f"{number:02d}-product-{scenario.replace('_', '-')}")

            session.scan(UNKNOWN_GTIN)
            tour.wait_until(lambda: session.state is State.UNKNOWN_CODE, "unknown code")
            tour.shoot(window, "08-unknown-code")
        finally:
            kiosk.shutdown()

        service = backend.service
        faults = {
            "09-warehouse-unreachable": (lambda path: "scope=warehouses" in path, State.PRODUCT),
            "10-service-unreachable": (lambda path: True, State.ERROR),
        }
        for name, (drop, end_state) in faults.items():
            with faulty_proxy(service.url, drop) as url:
                client = InventoryClient(
                    url,
                    service.kiosk_key,
                    kiosk_id=service.kiosk_id,
                    store_id=service.store_id,
                    outbox_path=Path(tmp) / f"outbox-{name}.sqlite",
                    connect_timeout=1.0,
                    read_timeout=2.0,
                )
                kiosk = Kiosk(client, source_factory=None, sound=None)
                try:
                    kiosk.start()
                    kiosk.session.scan(_style_gtin(catalogue, catalogue["scenarios"]["mixed"]))
                    tour.wait_until(lambda k=kiosk, s=end_state: k.session.state is s, name)
                    tour.shoot(kiosk.window, name)
                finally:
                    kiosk.shutdown()
                    client.close()

    for path in tour.saved:
        print(path)
    return 0
