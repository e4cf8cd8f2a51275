"""The composition root for a kiosk in a store: build every part from :class:`Config`,
run the event loop, tear down once (:meth:`~kiosk.assembly.parts.Kiosk.shutdown`)."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import WINDOW_TITLE, MainWindow
from kiosk.config import Config

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.health import KioskChecks
    from kiosk.admin.launcher import AdminLauncher
    from kiosk.scanning.sources import FrameSource
    from kiosk.system.heartbeat import HeartbeatReporter

from kiosk.assembly.parts import Kiosk

log = logging.getLogger(__name__)

StaffList = Iterable[Mapping[str, Any]]


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
        ca_bundle=config.service.ca_bundle or None,
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
    from kiosk.gui_gc import GuiThreadCollector
    from kiosk.scanning.sources import open_source
    from kiosk.system import sdnotify

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(WINDOW_TITLE)
    theme.apply(app)
    camera = config.camera

    def source_factory() -> FrameSource:
        return open_source(camera.source, width=camera.width, height=camera.height, fps=camera.fps)

    kiosk = Kiosk(client, source_factory=source_factory, ui=config.ui, scanner=config.scanner)
    if config.service.public_url:  # "Continue on your phone" and the status-page QR
        from kiosk.assembly.phone import attach_phone_handoff

        attach_phone_handoff(
            kiosk.window, kiosk.session, kiosk.runner, client.phone, config.service.public_url
        )

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
    signal_timer = _quit_on_signals(app, kiosk)
    _watch_screen(kiosk.window, Path(config.paths.data_dir))
    collector = GuiThreadCollector(app)
    collector.start()
    try:
        return app.exec()
    finally:
        signal_timer.stop()
        kiosk.shutdown()
        collector.stop()


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
    from kiosk.admin.settings import AdminSettings

    data_dir = Path(config.paths.data_dir)
    return AdminLauncher(
        kiosk.window,
        kiosk.client,
        staff_key=staff_key,
        staff=staff,
        data_dir=data_dir,
        runner=kiosk.runner,
        settings=AdminSettings.from_config(config.admin, data_dir),
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
        ca_bundle=svc.ca_bundle,
        allow_plain_http=svc.allow_plain_http,
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


def _quit_on_signals(app: QApplication, kiosk: Kiosk) -> QTimer:
    """Ctrl+C or SIGTERM closes the window cleanly (camera released, demo service stopped).

    Python runs signal handlers only between bytecodes, so a timer gives it a turn while
    Qt's event loop waits. The lockdown is lifted first and the loop left with ``exit``:
    Qt 6's ``quit()`` asks every window to close, and a locked-down window refuses, so
    ``systemctl stop`` used to wait for its SIGKILL.
    """

    def stop(*_: object) -> None:
        if kiosk.lockdown is not None:
            kiosk.lockdown.allow_exit()
        app.exit(0)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer
