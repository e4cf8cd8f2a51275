"""The composition root: every part of a running kiosk is built here, and torn down here.

::

    Config ──> build_client ──> InventoryClient ─────────────┐
         └──> Kiosk(client, ...)                              │ (typed results on the GUI thread)
                ├── TaskRunner ── ShopperSession ── flows ────┘
                ├── Scanner (camera thread) / WedgeFilter (USB scanner) / IdleWatcher
                ├── OutboxSender (thread), RefusedOrders, Translations, ScanCue
                └── MainWindow (screens)                      ── open_window()
         run() adds, for a kiosk in a store:
                ├── AdminLauncher (staff screen, its Health checks)
                ├── Lockdown (no way out to the desktop)
                ├── HeartbeatReporter (health to the service)
                └── sdnotify Watchdog (systemd)

:class:`Kiosk` holds the parts; :meth:`Kiosk.shutdown` is the one teardown, in reverse order
of start. ``python -m kiosk`` (:mod:`kiosk.__main__`) only parses arguments and calls
:func:`run_from_config` or :func:`run`. Tests build a :class:`Kiosk` directly from a client.
Defaults come from the config schema (:func:`kiosk.config.defaults`), never from here.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endless_aisle_assets import SCAN_SOUND
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import BUSY_DELAY_MS, WINDOW_TITLE, MainWindow, ScanCue
from kiosk.config import Config, defaults
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
    from kiosk.admin.health import KioskChecks
    from kiosk.admin.launcher import AdminLauncher
    from kiosk.config import DisplaySection, UiSection
    from kiosk.scanning.scanner import Scanner
    from kiosk.scanning.sources import FrameSource
    from kiosk.system.heartbeat import HeartbeatReporter
    from kiosk.system.lockdown import Lockdown
    from kiosk.system.sdnotify import Watchdog

__all__ = ["Kiosk", "build_client", "open_window", "run", "run_from_config"]

log = logging.getLogger(__name__)

StaffList = Iterable[Mapping[str, Any]]


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
        from kiosk.scanning.wedge import WedgeFilter

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
        self.wedge = WedgeFilter()
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
        self.window.close()


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


# --- a kiosk in a store -------------------------------------------------------------------


def build_client(config: Config) -> InventoryClient:
    """The inventory client as the config describes it (timeouts from the schema)."""
    from inventory_client import InventoryClient

    return InventoryClient(
        config.service.url,
        config.service.api_key,
        kiosk_id=config.kiosk.id,
        store_id=config.kiosk.store_id,
        outbox_path=config.paths.outbox_path,
        connect_timeout=config.service.connect_timeout_s,
        read_timeout=config.service.read_timeout_s,
        staff_key=config.admin.staff_key or None,
    )


def run_from_config(config: Config, *, load_config: Callable[[], Config], quit_code: int) -> int:
    """``python -m kiosk run``: logging, data dir, client, then :func:`run` until it quits.

    Raises :class:`kiosk.config.ConfigError` (before anything starts) when the staff file
    named by ``admin.staff_file`` is unreadable or invalid.
    """
    from kiosk.system.logs import configure_logging

    staff: list[dict[str, Any]] = []
    if config.admin.enabled:
        from kiosk.admin.launcher import load_staff_file

        staff = load_staff_file(Path(config.admin.staff_file))
    configure_logging(
        kiosk_id=config.kiosk.id,
        log_dir=Path(config.logging.dir) if config.logging.dir else None,
        level=config.logging.level,
    )
    Path(config.paths.data_dir).mkdir(parents=True, exist_ok=True)
    client = build_client(config)
    try:
        return run(
            config,
            client,
            staff=staff,
            staff_key=config.admin.staff_key,
            locked_down=config.ui.fullscreen,
            load_config=load_config,
            quit_code=quit_code,
        )
    finally:
        client.close()


def run(
    config: Config,
    client: InventoryClient,
    *,
    staff: StaffList = (),
    staff_key: str = "",
    locked_down: bool = False,
    load_config: Callable[[], Config] | None = None,
    quit_code: int = 0,
) -> int:
    """Build the whole kiosk, run the Qt event loop until the window closes, tear down once.

    ``locked_down`` (``run`` on kiosk hardware) swallows every key that could leave the app
    and keeps the screen from blanking. "Quit kiosk" on the admin screen lifts the lockdown
    and exits with ``quit_code``; ``load_config`` lets the admin's Health section re-check
    the config file. The systemd watchdog is fed while the loop is alive.
    """
    from kiosk import theme
    from kiosk.scanning.sources import open_source
    from kiosk.system import sdnotify

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(WINDOW_TITLE)
    theme.apply(app)
    camera = config.camera

    def source_factory() -> FrameSource:
        return open_source(camera.source, width=camera.width, height=camera.height, fps=camera.fps)

    kiosk = Kiosk(client, source_factory=source_factory, ui=config.ui)

    def quit_kiosk() -> None:
        if kiosk.lockdown is not None:
            kiosk.lockdown.allow_exit()
        app.exit(quit_code)

    staff = list(staff)
    if staff:
        kiosk.admin = _admin(kiosk, config, staff, staff_key, quit_kiosk, load_config)
    if locked_down:
        from kiosk.system.lockdown import Lockdown, inhibit_screen_blanking

        kiosk.lockdown = Lockdown(kiosk.window, hide_pointer=config.ui.hide_pointer)
        kiosk.lockdown.install()
        inhibit_screen_blanking()
    kiosk.heartbeat = _heartbeat(kiosk, config)
    kiosk.watchdog = sdnotify.Watchdog()
    kiosk.start(fullscreen=config.ui.fullscreen, display=config.display)
    signal_timer = _quit_on_signals(app)
    _watch_screen(kiosk.window, Path(config.paths.data_dir))
    try:
        return app.exec()
    finally:
        signal_timer.stop()
        kiosk.shutdown()


def _admin(
    kiosk: Kiosk,
    config: Config,
    staff: StaffList,
    staff_key: str,
    on_exit_requested: Callable[[], None],
    load_config: Callable[[], Config] | None,
) -> AdminLauncher:
    """The staff screen over the shopper window, with its settings from the config."""
    from kiosk.admin.launcher import AdminLauncher
    from kiosk.admin.panel import AdminSettings

    data_dir = Path(config.paths.data_dir)
    admin = config.admin
    return AdminLauncher(
        kiosk.window,
        kiosk.client,
        staff_key=staff_key,
        staff=staff,
        data_dir=data_dir,
        runner=kiosk.runner,
        settings=AdminSettings(
            idle_timeout_s=admin.idle_timeout_s,
            export_dir=Path(admin.export_dir or data_dir / "exports"),
            import_dir=Path(admin.import_dir) if admin.import_dir else None,
        ),
        on_exit_requested=on_exit_requested,
        checks=_kiosk_checks(kiosk, config, load_config),
    )


def _kiosk_checks(
    kiosk: Kiosk, config: Config, load_config: Callable[[], Config] | None
) -> KioskChecks:
    """The doctor's checks as the running kiosk can run them (the admin's Health section)."""
    from kiosk.admin.health import KioskChecks

    camera: dict[str, str | None] = {"state": None}
    if kiosk.scanner is not None:
        kiosk.scanner.camera_state.connect(lambda state: camera.update(state=state))
    svc = config.service
    return KioskChecks(
        service_url=svc.url,
        api_key=svc.api_key,
        data_dir=Path(config.paths.data_dir),
        outbox_backlog=kiosk.client.outbox.count,
        camera_state=lambda: camera["state"],
        load_config=load_config,
        timeout=(svc.connect_timeout_s, svc.read_timeout_s),
    )


def _heartbeat(kiosk: Kiosk, config: Config) -> HeartbeatReporter:
    """The reporter of this kiosk's health, fed by its scanner and USB scanner."""
    from kiosk.system.heartbeat import HeartbeatReporter

    reporter = HeartbeatReporter(
        kiosk.client,
        kiosk.runner,
        kiosk_id=config.kiosk.id,
        interval_s=config.service.heartbeat_interval_s,
        has_camera=kiosk.scanner is not None,
        parent=kiosk.window,
    )
    if kiosk.scanner is not None:
        kiosk.scanner.camera_state.connect(reporter.set_camera_state)
        kiosk.scanner.scanned.connect(reporter.note_scan)
    kiosk.wedge.scanned.connect(reporter.note_scan)
    return reporter


def _watch_screen(window: MainWindow, data_dir: Path) -> None:
    """Log each screen shown; write the widget map on SIGUSR1 (kiosk/widget_map.py)."""
    from kiosk.widget_map import WIDGET_MAP_FILE, ScreenLogger, WidgetMapWriter

    ScreenLogger(window)
    WidgetMapWriter(data_dir / WIDGET_MAP_FILE, window).install()


def _quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C or SIGTERM closes the window cleanly (camera released, demo service stopped).

    Python runs signal handlers only between bytecodes, so a timer gives it a turn while
    Qt's event loop waits.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer
