"""The parts of one shopper kiosk (:class:`Kiosk`) and where its window goes (:func:`open_window`).

Built by the composition root (:mod:`kiosk.assembly.store`) or directly by tests and the
tour from a client. :meth:`Kiosk.shutdown` is the one teardown of every part.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from endless_aisle_assets import SCAN_SOUND
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import BUSY_DELAY_MS, MainWindow, ScanCue
from kiosk.config import defaults
from kiosk.display import WindowPlacer
from kiosk.flows.fetch import FETCH_POLL_MS
from kiosk.flows.refused_orders import RefusedOrders
from kiosk.i18n import Translations
from kiosk.idle import IdleWatcher
from kiosk.journey.address import parse_countries
from kiosk.journey.product import client_lookup
from kiosk.session import ShopperSession
from kiosk.widgets.corner_press import HOLD_MS
from kiosk.workers import TaskRunner

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.launcher import AdminLauncher
    from kiosk.config import DisplaySection, ScannerSection, UiSection
    from kiosk.scanning.scanner import Scanner
    from kiosk.scanning.sources import FrameSource
    from kiosk.scanning.wedge import WedgeFilter
    from kiosk.system.heartbeat import HeartbeatReporter
    from kiosk.system.lockdown import Lockdown
    from kiosk.system.sdnotify import Watchdog

log = logging.getLogger(__name__)


class Kiosk:
    """All parts of a running kiosk, built from a client and a frame source.

    ``source_factory`` is ``None`` for a kiosk without a camera (USB scanner and keypad
    only, or tests that drive the session directly). ``ui`` is the config's ``[ui]``
    section (the schema's defaults when ``None``); an explicit ``language``,
    ``idle_timeout_s`` or ``still_there_s`` wins over it (tests, the tour).

    :func:`run` attaches the store parts (``admin``, ``lockdown``, ``heartbeat``,
    ``watchdog``); :meth:`shutdown` stops whichever exist.
    """

    def __init__(
        self,
        client: InventoryClient,
        *,
        source_factory: Callable[[], FrameSource] | None,
        ui: UiSection | None = None,
        scanner: ScannerSection | None = None,
        language: str | None = None,
        idle_timeout_s: float | None = None,
        still_there_s: float | None = None,
        debounce_s: float = 2.0,
        sound: Path | None = SCAN_SOUND,
        busy_delay_ms: int = BUSY_DELAY_MS,
        translations_dir: Path | None = None,
        admin_hold_ms: int = HOLD_MS,
        fetch_poll_ms: int = FETCH_POLL_MS,
    ) -> None:
        from inventory_client import OutboxSender
        from kiosk.i18n import TRANSLATIONS_DIR
        from kiosk.scanning.decoder import normalize_gtin

        ui = ui if ui is not None else defaults("ui")
        self.client = client
        self.runner = TaskRunner()
        poll_timer = QTimer()
        poll_timer.setInterval(fetch_poll_ms)
        self.session = ShopperSession(
            client_lookup(client),
            self.runner,
            normalize=normalize_gtin,
            record_demand=client.record_demand,
            backend=client,
            poll_timer=poll_timer,
        )
        poll_timer.setParent(self.session)
        self.idle = IdleWatcher(
            ui.idle_timeout_s if idle_timeout_s is None else idle_timeout_s,
            ui.still_there_s if still_there_s is None else still_there_s,
        )
        self.sender = OutboxSender(client)  # keeps orders, requests and demand draining
        self.refused_orders = RefusedOrders()
        app = QApplication.instance()
        self.translations = (
            Translations(app, translations_dir or TRANSLATIONS_DIR) if app is not None else None
        )
        self.scanner: Scanner | None = None
        if source_factory is not None:
            from kiosk.scanning.scanner import Scanner

            self.scanner = Scanner(source_factory, debounce_s=debounce_s)
        self.wedge = wedge_for(scanner if scanner is not None else defaults("scanner"))
        self.cue = ScanCue(sound)
        self.window = MainWindow(
            self.session,
            scanner=self.scanner,
            wedge=self.wedge,
            cue=self.cue,
            language=ui.language if language is None else language,
            busy_delay_ms=busy_delay_ms,
            idle=self.idle,
            translations=self.translations,
            countries=parse_countries(ui.countries),
            delivery_days=ui.delivery_days,
            admin_hold_ms=admin_hold_ms,
            refused_orders=self.refused_orders,
        )
        # Called on the sender's thread; RefusedOrders queues it to the GUI thread.
        client.notify_unfulfillable(self.refused_orders.deliver)
        # The store parts, attached by run(); None in tests and tools.
        self.admin: AdminLauncher | None = None
        self.lockdown: Lockdown | None = None
        self.heartbeat: HeartbeatReporter | None = None
        self.watchdog: Watchdog | None = None
        self.placer: WindowPlacer | None = None
        self._sender_started = False

    def start(self, *, fullscreen: bool = False, display: DisplaySection | None = None) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
            app.installEventFilter(self.idle)
        if self.placer is None:
            self.placer = open_window(self.window, fullscreen=fullscreen, display=display)
        else:
            self.placer.show()
        if self.scanner is not None:
            self.scanner.start()
        if not self._sender_started:  # a thread starts once
            self.sender.start()
            self._sender_started = True
        if self.heartbeat is not None:
            self.heartbeat.start()
        if self.watchdog is not None:
            from kiosk.system import sdnotify

            self.watchdog.start()
            sdnotify.ready()

    def shutdown(self) -> None:
        """The one teardown, in reverse order of start; safe to repeat.

        Tell systemd we are stopping, stop the heartbeat, close the staff screen, lift the
        lockdown, stop the camera thread, finish client calls and the outbox sender, close
        the window.
        """
        if self.watchdog is not None:
            from kiosk.system import sdnotify

            sdnotify.stopping()
            self.watchdog.stop()
            self.watchdog = None
        if self.heartbeat is not None:
            self.heartbeat.stop()
        if self.admin is not None:
            self.admin.shutdown()
        if self.lockdown is not None:
            self.lockdown.remove()
        if self.scanner is not None:
            self.scanner.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
            app.removeEventFilter(self.idle)
        self.idle.set_enabled(False)
        self.runner.shutdown()
        self.sender.stop()
        if self.translations is not None:
            self.translations.uninstall()
        if self.placer is not None:
            self.placer.detach()  # stop placing (and logging) a window that is closing
        self.window.close()


def wedge_for(scanner: ScannerSection) -> WedgeFilter:
    """The keyboard-wedge filter the config's ``[scanner]`` section describes."""
    from PySide6.QtCore import Qt

    from kiosk.scanning.wedge import WedgeFilter
    from kiosk.scanning.wedge_text import ScannerKeyboard

    end_keys = {
        "enter": {Qt.Key.Key_Return, Qt.Key.Key_Enter},
        "tab": {Qt.Key.Key_Tab},
    }
    terminators = set().union(*(end_keys[name] for name in scanner.terminator.split(",")))
    return WedgeFilter(
        terminators=terminators,
        keyboard=ScannerKeyboard(scanner.keyboard),
        min_length=scanner.min_length,
    )


def open_window(
    window: MainWindow, *, fullscreen: bool, display: DisplaySection | None = None
) -> WindowPlacer:
    """Show the shopper's window: the one place that decides its size and screen.

    The placer fills the screen (or fits it when not ``fullscreen``) and follows screen
    changes; ``display`` is the config's ``[display]`` section (primary screen, unrotated
    when ``None``).
    """
    placer = WindowPlacer(
        window,
        fullscreen=fullscreen,
        screen_pin=display.screen if display is not None else "",
        rotation=display.rotation if display is not None else 0,
    )
    placer.show()
    return placer
