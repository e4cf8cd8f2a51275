"""The kiosk window and the assembly of its parts.

Data flows one way (see DESIGN.md)::

    Scanner / WedgeFilter / keypads ──code──> ShopperSession ──TaskRunner──> InventoryClient
                                                   │ (result signals, GUI thread)
                                                   └──> screens in MainWindow's stack

:class:`MainWindow` wires it in one place, :meth:`MainWindow._connect_signals`;
:class:`Kiosk` builds the parts from a client and a frame source and tears them down in
order. Nothing here talks HTTP: the session hands client calls to the task runner.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtWidgets import QApplication, QLayout, QMainWindow, QStackedWidget, QWidget

from kiosk.screens.error import ErrorScreen
from kiosk.screens.looking_up import LookingUpScreen
from kiosk.screens.product import ProductScreen
from kiosk.screens.scan import ScanScreen
from kiosk.screens.unknown_code import UnknownCodeScreen
from kiosk.session import Product, ShopperSession, State, client_lookup
from kiosk.workers import TaskRunner

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.scanning.scanner import Scanner
    from kiosk.scanning.sources import FrameSource
    from kiosk.scanning.wedge import WedgeFilter

log = logging.getLogger(__name__)

SCAN_SOUND = Path(__file__).resolve().parents[1] / "assets" / "sounds" / "scan.wav"
BUSY_DELAY_MS = 300  # show "Finding every size…" only if a lookup takes this long
WINDOW_TITLE = "Endless Aisle"


class ScanCue(QObject):
    """The short sound of a good scan.

    Plays ``wav`` through QtMultimedia when that module exists (it is not part of
    PySide6-Essentials); otherwise falls back to the system beep, and to silence when
    there is no sound file. Never raises.
    """

    def __init__(self, wav: Path | None = SCAN_SOUND, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        self._enabled = wav is not None and wav.is_file()
        if not self._enabled:
            return
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError:
            return
        try:
            self._effect = multimedia.QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(wav)))
        except Exception:  # no audio device, broken backend: a beep will do
            log.warning("scan sound unavailable; using the system beep")
            self._effect = None

    @property
    def backend(self) -> str:
        if not self._enabled:
            return "silent"
        return "qtmultimedia" if self._effect is not None else "beep"

    @Slot()
    def play(self) -> None:
        if not self._enabled:
            return
        if self._effect is not None:
            self._effect.play()
        else:
            QApplication.beep()


class MainWindow(QMainWindow):
    """The shopper's window: one stacked page per screen, switched by the session's state."""

    def __init__(
        self,
        session: ShopperSession,
        *,
        scanner: Scanner | None = None,
        wedge: WedgeFilter | None = None,
        cue: ScanCue | None = None,
        language: str = "en",
        busy_delay_ms: int = BUSY_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.session = session
        self._scanner = scanner
        self._wedge = wedge
        self._cue = cue

        self.scan_screen = ScanScreen()
        self.looking_up_screen = LookingUpScreen()
        self.product_screen = ProductScreen(language=language)
        self.unknown_code_screen = UnknownCodeScreen()
        self.error_screen = ErrorScreen()
        self.stack = QStackedWidget()
        for screen in self.screens():
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        # The window's size comes from the screen (or the caller), never from its content:
        # no minimum-size hints pushed to the platform when screens change.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(busy_delay_ms)

        self._connect_signals()
        self._on_state_changed(session.state.value)

    def screens(self) -> list[QWidget]:
        return [
            self.scan_screen,
            self.looking_up_screen,
            self.product_screen,
            self.unknown_code_screen,
            self.error_screen,
        ]

    def _connect_signals(self) -> None:
        """Connect everything, top to bottom in the order data flows."""
        session = self.session

        # codes in: camera, USB scanner (keyboard wedge), keypads
        if self._scanner is not None:
            self._scanner.scanned.connect(self._on_code_scanned)
            self._scanner.preview.connect(self.scan_screen.camera.set_frame)
            self._scanner.camera_state.connect(self.scan_screen.camera.set_camera_state)
        if self._wedge is not None:
            self._wedge.scanned.connect(self._on_code_scanned)
        self.scan_screen.code_entered.connect(session.scan)
        self.unknown_code_screen.code_entered.connect(session.scan)

        # other intents from the screens
        self.scan_screen.keypad_requested.connect(session.start_scanning)
        self.product_screen.size_chosen.connect(session.choose_size)
        self.error_screen.retry_requested.connect(session.retry)
        for screen in self.screens():
            screen.nav.back_requested.connect(session.back)
            screen.nav.start_over_requested.connect(session.start_over)

        # session -> screens
        session.looking_up.connect(self.looking_up_screen.show_code)
        session.product_ready.connect(self._on_product_ready)
        session.code_unknown.connect(self.unknown_code_screen.show_code)
        session.failed.connect(self.error_screen.show_message)
        session.state_changed.connect(self._on_state_changed)
        self._busy_timer.timeout.connect(self._on_busy_timeout)

    # --- slots ---------------------------------------------------------------------

    @Slot(str)
    def _on_code_scanned(self, code: str) -> None:
        """A code from the camera or a USB scanner: confirm it at once, then look it up."""
        self.scan_screen.camera.flash_success()
        if self._cue is not None:
            self._cue.play()
        self.session.scan(code)

    @Slot(object)
    def _on_product_ready(self, product: Product) -> None:
        self.product_screen.show_product(product)

    @Slot(str)
    def _on_state_changed(self, value: str) -> None:
        state = State(value)
        self._busy_timer.stop()
        if state is State.ATTRACT:
            self.product_screen.clear()
            self.unknown_code_screen.show_code("")
            self.error_screen.show_message("")
            self.scan_screen.keypad.clear()
            self.unknown_code_screen.keypad.clear()
            self.scan_screen.set_engaged(False)
            self.stack.setCurrentWidget(self.scan_screen)
        elif state is State.SCANNING:
            self.scan_screen.set_engaged(True)
            self.stack.setCurrentWidget(self.scan_screen)
        elif state is State.LOOKING_UP:
            self._busy_timer.start()  # keep the current screen unless it takes a while
        elif state is State.PRODUCT:
            self.stack.setCurrentWidget(self.product_screen)
        elif state is State.UNKNOWN_CODE:
            self.stack.setCurrentWidget(self.unknown_code_screen)
        elif state is State.ERROR:
            self.stack.setCurrentWidget(self.error_screen)

    @Slot()
    def _on_busy_timeout(self) -> None:
        if self.session.state is State.LOOKING_UP:
            self.stack.setCurrentWidget(self.looking_up_screen)


class Kiosk:
    """All parts of a running kiosk, built from a client and a frame source.

    ``source_factory`` is ``None`` for a kiosk without a camera (USB scanner and keypad
    only, or tests that drive the session directly).
    """

    def __init__(
        self,
        client: InventoryClient,
        *,
        source_factory: Callable[[], FrameSource] | None,
        language: str = "en",
        debounce_s: float = 2.0,
        sound: Path | None = SCAN_SOUND,
        busy_delay_ms: int = BUSY_DELAY_MS,
    ) -> None:
        from kiosk.scanning.decoder import normalize_gtin
        from kiosk.scanning.wedge import WedgeFilter

        self.client = client
        self.runner = TaskRunner()
        self.session = ShopperSession(
            client_lookup(client),
            self.runner,
            normalize=normalize_gtin,
            record_demand=client.record_demand,
        )
        self.scanner: Scanner | None = None
        if source_factory is not None:
            from kiosk.scanning.scanner import Scanner

            self.scanner = Scanner(source_factory, debounce_s=debounce_s)
        self.wedge = WedgeFilter()
        self.cue = ScanCue(sound)
        self.window = MainWindow(
            self.session,
            scanner=self.scanner,
            wedge=self.wedge,
            cue=self.cue,
            language=language,
            busy_delay_ms=busy_delay_ms,
        )
        self._started = False

    def start(self, *, fullscreen: bool = False) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        if fullscreen:
            self.window.showFullScreen()
        else:
            self.window.resize(1920, 1080)
            self.window.show()
        if self.scanner is not None:
            self.scanner.start()
        self._started = True

    def shutdown(self) -> None:
        """Stop the camera thread, finish client calls, close the window. Safe to repeat."""
        if self.scanner is not None:
            self.scanner.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
        self.runner.shutdown()
        self.window.close()
        self._started = False
