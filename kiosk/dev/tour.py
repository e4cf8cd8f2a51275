"""``python -m kiosk tour --out DIR``: walk every shopper screen offscreen and save PNGs.

Everything is real: the reference service with the demo data, the inventory client, the
session, the widgets. Screens are reached the way a shopper reaches them (a scan, a keypad,
a tap), and each is saved at 1920x1080 (landscape) and 1080x1920 (portrait), or at the
display sizes ``--sizes`` names (``800x480,3840x2160@2``: pixels, then the device pixel
ratio). The layout test walks the same tour with a callback instead of saving pictures.

"Warehouse unreachable" and "service unreachable" are produced honestly too: a second
client talks to the same service through a small loopback proxy that drops the connection
for warehouse stock requests (or for every request, or for orders only), as a broken
network path would. A few screens are shot again in German and French.

Why one module of ~480 lines: it is a script that walks the journey in order, screen after
screen; split into parts, the order of the walk would no longer be read in one place.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

ORIENTATIONS: dict[str, tuple[int, int]] = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
# Pixel density of the panels stores buy at each size (physical dots per inch), so the
# theme sizes touch targets for the glass they will be on: 7" 800x480 and 1024x600 panels,
# a 10.1" 1280x800 and 720x1280 (portrait), 21.5" full-HD kiosks, 27" QHD and 4K.
PANEL_DPI: dict[tuple[int, int], float] = {
    (800, 480): 133.0,
    (1024, 600): 170.0,
    (1280, 800): 149.0,
    (720, 1280): 145.0,
    (1080, 1920): 102.0,
    (1920, 1080): 102.0,
    (2560, 1440): 109.0,
    (3840, 2160): 163.0,
}
EVERY_SIZE = "800x480,1024x600,1280x800,720x1280,1080x1920,1920x1080,2560x1440@2,3840x2160@2"


@dataclass(frozen=True)
class DisplaySize:
    """A display: its pixels, device pixel ratio and physical density."""

    width: int
    height: int
    dpr: float = 1.0
    dpi: float = 96.0
    name: str = ""

    @classmethod
    def parse(cls, spec: str) -> DisplaySize:
        """``"800x480"`` or ``"3840x2160@2"``; raises ValueError with a clear message."""
        text = spec.strip().lower()
        pixels, _, ratio = text.partition("@")
        width, sep, height = pixels.partition("x")
        try:
            size = cls(int(width), int(height), float(ratio or 1))
        except ValueError:
            raise ValueError(f"display size {spec!r}: expected WIDTHxHEIGHT[@RATIO]") from None
        if not sep or size.width < 200 or size.height < 200 or not 1 <= size.dpr <= 4:
            raise ValueError(f"display size {spec!r}: expected WIDTHxHEIGHT[@RATIO]")
        dpi = PANEL_DPI.get((size.width, size.height), 96.0 * size.dpr)
        return cls(size.width, size.height, size.dpr, dpi, text)

    @property
    def logical(self) -> tuple[int, int]:
        return round(self.width / self.dpr), round(self.height / self.dpr)


def parse_sizes(specs: str) -> list[DisplaySize]:
    return [DisplaySize.parse(spec) for spec in specs.split(",") if spec.strip()]


def default_sizes() -> list[DisplaySize]:
    """The two pictures the README uses: full HD landscape and portrait."""
    return [
        DisplaySize(w, h, 1.0, PANEL_DPI[(w, h)], orientation)
        for orientation, (w, h) in ORIENTATIONS.items()
    ]


ShotHook = Callable[[str, Any, DisplaySize], None]
SCENARIOS = ("in_store", "warehouse_only", "other_store_only", "sold_out", "mixed")
UNKNOWN_GTIN = "2999999999991"  # valid check digit, restricted range, not in the catalogue
STEP_TIMEOUT_S = 20.0


# --- a loopback proxy that breaks on purpose ------------------------------------------


def _proxy_handler(upstream: str, drop: Callable[[str], bool]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _forward(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            if drop(f"{method} {self.path}") or drop(self.path):
                self.close_connection = True  # hang up without an answer
                return
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() in {"authorization", "accept", "idempotency-key", "content-type"}
            }
            answer = requests.request(
                method, upstream + self.path, headers=headers, data=body, timeout=10
            )
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        def do_GET(self) -> None:
            self._forward("GET")

        def do_POST(self) -> None:
            self._forward("POST")

        def do_PATCH(self) -> None:
            self._forward("PATCH")

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

    def __init__(
        self,
        app: Any,
        out: Path | None,
        sizes: Sequence[DisplaySize] | None = None,
        *,
        languages: Sequence[str] = (),
        on_shot: ShotHook | None = None,
    ) -> None:
        self.app = app
        self.out = out
        self.sizes = list(sizes) if sizes else default_sizes()
        self.languages = tuple(languages)
        self.on_shot = on_shot
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

        for _ in range(8):  # a fit after a resize runs from a 0 ms timer, then layouts
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.app.processEvents()

    def shoot(self, window: Any, name: str) -> None:
        """Show ``window`` at every size (and, for a check, in every language)."""
        from kiosk import theme

        for size in self.sizes:
            theme.set_display(window, physical_dpi=size.dpi, dpr=size.dpr)
            # Fixed, not just resized: the window placer fits a shown window to the screen
            # it is on (an 800x800 offscreen one here); the tour pretends other screens.
            window.setFixedSize(*size.logical)
            self.settle()
            if self.out is not None:
                self._save(window, f"{name}-{size.name}", size)
            if self.on_shot is None:
                continue
            if not self.languages:
                self.on_shot(name, window, size)
                continue
            current = window.language
            for language in self.languages:
                window.set_language(language)
                self.settle()
                self.on_shot(f"{name} [{language}]", window, size)
            window.set_language(current)
            self.settle()

    def _save(self, window: Any, stem: str, size: DisplaySize) -> None:
        from PySide6.QtGui import QPixmap

        assert self.out is not None
        picture = QPixmap(size.width, size.height)
        picture.setDevicePixelRatio(size.dpr)
        window.render(picture)
        path = self.out / f"{stem}.png"
        if not picture.save(str(path)):
            raise RuntimeError(f"tour: could not write {path}")
        self.saved.append(path)


def _shut(kiosk: Any) -> None:
    """Shut a kiosk down and take its window placer out of the event filters: the tour
    builds several kiosks in one process, and a placer left filtering the events of a
    window whose Python side is gone raises in every later event (seen with H3's
    WindowPlacer, kiosk/display.py, which Kiosk.shutdown does not detach yet)."""
    kiosk.shutdown()
    placer = getattr(kiosk, "placer", None)
    if placer is not None:
        window = kiosk.window
        window.removeEventFilter(placer)
        handle = window.windowHandle()
        if handle is not None:
            handle.removeEventFilter(placer)
    # Free this kiosk's Qt objects now, on the GUI thread: a cycle collection that a worker
    # thread of the next kiosk trips would destroy them there and can deadlock inside Qt.
    gc.collect()


def _style_gtin(catalogue: dict[str, Any], style_id: str) -> str:
    style = next(s for s in catalogue["styles"] if s["id"] == style_id)
    variants = style["variants"]
    return str(variants[len(variants) // 2]["gtin"])  # a middle size, like a display shoe


def _seed_fit_votes(service: Any, style_id: str, fit: str, count: int) -> None:
    """Other shoppers' votes (the demo kiosk's, each its own journey), for the advice."""
    import uuid
    from datetime import UTC, datetime

    for _ in range(count):
        requests.post(
            f"{service.url}/v1/fit-votes",
            json={
                "id": uuid.uuid4().hex,
                "kiosk_id": service.kiosk_id,
                "store_id": service.store_id,
                "journey_id": uuid.uuid4().hex,
                "style_id": style_id,
                "fit": fit,
                "source": "tried",
                "at": datetime.now(UTC).isoformat(),
            },
            headers={"Authorization": f"Bearer {service.kiosk_key}"},
            timeout=10,
        ).raise_for_status()


def _tap_size(window: Any, status: str) -> None:
    button = next(b for b in window.product_screen.grid.buttons() if b.tile.status == status)
    button.click()


def _fill_address(form: Any) -> None:
    """What a shopper would type (the tour sets the text; the tests tap every key)."""
    values = {
        "name": "Erika Mustermann",
        "street": "Heidestraße 17",
        "postcode": "10115",
        "city": "Berlin",
        "email": "erika@example.com",
    }
    for name, text in values.items():
        form.fields[name].setText(text)
    form.keyboard.set_target(form.fields["email"])
    form.clear_errors()  # typing clears a field's message as the shopper types


def run_tour(
    out: Path | None,
    sizes: Sequence[DisplaySize] | None = None,
    *,
    languages: Sequence[str] = (),
    on_shot: ShotHook | None = None,
) -> int:
    """Walk every screen; save PNGs to ``out`` and/or call ``on_shot`` at each size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from inventory_client import InventoryClient
    from inventory_client.voice_models import FitChoice
    from inventory_service.catalogue import DEMO_CATALOGUE
    from kiosk import i18n, theme
    from kiosk.assembly import Kiosk
    from kiosk.dev.demo import demo_backend
    from kiosk.journey.phases import FetchPhase, NotifyPhase, State
    from kiosk.scanning.sources import demo_frames_dir

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)  # a widget application: the tour shows windows
    theme.apply(app)
    catalogue = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    tour = Tour(app, out, sizes, languages=languages, on_shot=on_shot)
    preview = QImage(str(sorted(demo_frames_dir().glob("01-*"))[0]))

    def gtin(scenario: str) -> str:
        return _style_gtin(catalogue, catalogue["scenarios"][scenario])

    with (
        tempfile.TemporaryDirectory(prefix="kiosk-tour-") as tmp,
        demo_backend(Path(tmp)) as backend,
    ):
        qm_dir = Path(tmp) / "qm"
        i18n.build(out=qm_dir)  # the translations as the set-up step builds them
        service = backend.service
        staff = {"Authorization": f"Bearer {service.staff_key}"}

        def kiosk_for(client: Any) -> Any:
            return Kiosk(
                client,
                source_factory=None,
                sound=None,
                translations_dir=qm_dir,
                fetch_poll_ms=200,
                idle_timeout_s=3600,
            )

        kiosk = kiosk_for(backend.client)
        window, session = kiosk.window, kiosk.session

        def open_product(scenario: str) -> None:
            session.scan(gtin(scenario))
            tour.wait_until(lambda: session.state is State.PRODUCT, f"{scenario} product")

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
                open_product(scenario)
                tour.shoot(window, f"{number:02d}-product-{scenario.replace('_', '-')}")

            session.scan(UNKNOWN_GTIN)
            tour.wait_until(lambda: session.state is State.UNKNOWN_CODE, "unknown code")
            tour.shoot(window, "08-unknown-code")

            # bring it to me: offer, ticket, a colleague on the way
            open_product("in_store")
            _tap_size(window, "in_store")
            tour.shoot(window, "11-fetch-offer")
            window.fetch_screen.fetch_button.click()
            tour.wait_until(lambda: session.fetch_phase is FetchPhase.OPEN, "fetch ticket")
            tour.shoot(window, "12-fetch-ticket")
            fetch = session.fetch
            assert fetch is not None
            requests.patch(
                f"{service.url}/v1/fetch-requests/{fetch.id}",
                json={"status": "claimed"},
                headers=staff,
                timeout=10,
            ).raise_for_status()
            tour.wait_until(lambda: session.fetch_phase is FetchPhase.CLAIMED, "claimed")
            tour.shoot(window, "13-fetch-on-the-way")
            requests.patch(
                f"{service.url}/v1/fetch-requests/{fetch.id}",
                json={"status": "done"},
                headers=staff,
                timeout=10,
            ).raise_for_status()
            tour.wait_until(lambda: session.fetch_phase is FetchPhase.DONE, "handed over")
            tour.shoot(window, "13b-voice-fetched-how-does-it-fit")

            # other stores, sold out
            open_product("other_store_only")
            _tap_size(window, "other_store")
            tour.shoot(window, "14-other-stores")
            open_product("sold_out")
            _tap_size(window, "sold_out")
            tour.shoot(window, "15-sold-out")
            window.notify_screen.email.setText("erika@")
            window.notify_screen.button.click()
            tour.shoot(window, "15b-sold-out-email-error")
            window.notify_screen.email.setText("erika@example.com")
            window.notify_screen.button.click()
            tour.wait_until(
                lambda: session.notify_phase is NotifyPhase.DONE, "back-in-stock request"
            )
            tour.shoot(window, "16-sold-out-told")

            # ship to home: empty form with its messages, filled, review, confirmation
            open_product("warehouse_only")
            _tap_size(window, "warehouse")
            form = window.address_screen
            form.fields["email"].setText("erika@")
            form.fields["postcode"].setText("1011")
            form.submit()
            tour.shoot(window, "17-order-form-errors")
            _fill_address(form)
            tour.shoot(window, "18-order-form")
            form.submit()
            tour.wait_until(lambda: session.state is State.REVIEW, "review")
            tour.shoot(window, "19-review")
            window.review_screen.place_button.click()
            tour.wait_until(lambda: session.state is State.CONFIRMATION, "confirmation")
            tour.shoot(window, "20-confirmation")

            # still there?
            open_product("mixed")
            window.still_there.show_countdown(7)
            tour.shoot(window, "21-still-there")
            window.still_there.hide()

            # the customer voice (issue 17): other shoppers' advice and the marked tile,
            # "Tried it on?", a size the style is not made in, "why no pair today?"
            _seed_fit_votes(service, catalogue["scenarios"]["in_store"], "small", 5)
            product = window.product_screen
            for language in ("en",) if tour.languages else ("en", "de", "fr"):
                window.set_language(language)
                tag = "" if language == "en" else f"{language}-"
                open_product("in_store")
                tour.wait_until(lambda: product.advice.isVisible(), "fit advice")
                tour.shoot(window, f"28-{tag}voice-advice")
                product.fit_prompt.open_button.click()
                tour.shoot(window, f"29-{tag}voice-tried-it-on")
                product.fit_prompt.buttons[FitChoice.SMALL].click()
                product.wanted.buttons[-1].click()
                tour.shoot(window, f"30-{tag}voice-thanks-and-size-asked")
                product.nav.start_over_button.click()
                tour.shoot(window, f"31-{tag}voice-why-leaving")
                product.why.skip_button.click()
            window.set_language("en")

            # languages
            window.set_language("de")
            tour.shoot(window, "22-de-product")
            session.start_over()
            window.scan_screen.keypad_button.click()
            for digit in "4006381333932":  # a mistyped check digit
                window.scan_screen.keypad.press(digit)
            tour.shoot(window, "22b-de-scanning-keypad")
            window.scan_screen.keypad.clear()
            open_product("warehouse_only")
            _tap_size(window, "warehouse")
            form.submit()
            tour.shoot(window, "23-de-order-form-errors")
            window.set_language("fr")
            _fill_address(form)
            form.submit()
            tour.wait_until(lambda: session.state is State.REVIEW, "review (fr)")
            tour.shoot(window, "24-fr-review")
            window.review_screen.place_button.click()
            tour.wait_until(lambda: session.state is State.CONFIRMATION, "confirmation (fr)")
            tour.shoot(window, "25-fr-confirmation")
            session.start_over()
            tour.shoot(window, "26-fr-attract")
            window.set_language("en")
        finally:
            _shut(kiosk)

        faults = {
            "09-warehouse-unreachable": (lambda path: "scope=warehouses" in path, State.PRODUCT),
            "10-service-unreachable": (lambda path: True, State.ERROR),
            "27-order-saved-offline": (lambda path: path == "POST /v1/orders", State.PRODUCT),
        }
        key, kiosk_id, store_id = service.kiosk_key, service.kiosk_id, service.store_id
        assert key and kiosk_id and store_id  # the demo service always has them
        for name, (drop, end_state) in faults.items():
            with faulty_proxy(service.url, drop) as url:
                client = InventoryClient(
                    url,
                    key,
                    kiosk_id=kiosk_id,
                    store_id=store_id,
                    outbox_path=Path(tmp) / f"outbox-{name}.sqlite",
                    connect_timeout=1.0,
                    read_timeout=2.0,
                )
                kiosk = kiosk_for(client)
                try:
                    kiosk.start()
                    scenario = "warehouse_only" if name.startswith("27") else "mixed"
                    kiosk.session.scan(gtin(scenario))

                    def reached(k: Any = kiosk, s: State = end_state) -> bool:
                        return bool(k.session.state is s)

                    tour.wait_until(reached, name)
                    if name.startswith("27"):
                        _tap_size(kiosk.window, "warehouse")
                        _fill_address(kiosk.window.address_screen)
                        kiosk.window.address_screen.submit()
                        kiosk.window.review_screen.place_button.click()

                        def confirmed(k: Any = kiosk) -> bool:
                            return bool(k.session.state is State.CONFIRMATION)

                        tour.wait_until(confirmed, name)
                    tour.shoot(kiosk.window, name)
                finally:
                    _shut(kiosk)
                    client.close()

    for path in tour.saved:
        print(path)
    return 0
