"""Command line of the kiosk: ``python -m kiosk {run,demo,decode,tour,doctor,config-example}``.

Qt is imported only by the commands that open a window, so ``config-example`` and
``decode`` work on a headless box without Qt's runtime libraries.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.config import DEFAULT_CONFIG_PATH, Config, ConfigError, example_toml, load_config

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_QUIT_FROM_ADMIN = 3  # the kiosk unit's RestartPreventExitStatus: stay stopped
DEMO_STAFF_PIN = "1234"  # the demo's only staff member; real kiosks read admin.staff_file

NO_DISPLAY = (
    "No display found. Run the kiosk on a desktop, or under Xvfb: "
    "xvfb-run -a make demo (apt-get install xvfb)"
)


def display_problem(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """One line saying why no window can open, or ``None`` when one can."""
    if platform in ("win32", "darwin"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk", description="Endless Aisle shoe-store kiosk."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the kiosk from a config file")
    run.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG_PATH,
        help=f"TOML config file (default: {DEFAULT_CONFIG_PATH})",
    )

    demo = commands.add_parser("demo", help="run the kiosk against an embedded demo service")
    demo.add_argument(
        "--camera",
        metavar="SPEC",
        default="demo",
        help='frame source: "demo" (replayed barcodes, default), a camera index, '
        "a device path, a video file or an image folder",
    )
    demo.add_argument("--data-dir", type=Path, help="keep demo data here (default: temporary)")
    demo.add_argument("--fullscreen", action="store_true", help="fill the screen")
    demo.add_argument("--language", default="en", help="shopper language (default: en)")

    commands.add_parser(
        "decode",
        help="decode barcodes in image files (python -m kiosk decode --help)",
        add_help=False,
    )

    tour = commands.add_parser("tour", help="walk every screen offscreen and save PNGs")
    tour.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    tour.add_argument(
        "--sizes",
        help="display sizes, e.g. 800x480,1080x1920,3840x2160@2 (pixels, @device pixel "
        "ratio); default: 1920x1080 and 1080x1920 named landscape and portrait",
    )

    commands.add_parser("config-example", help="print the documented example config")

    commands.add_parser(
        "hash-pin",
        help="read a staff PIN (typed, or one line on stdin) and print its salted scrypt hash",
    )

    doctor = commands.add_parser(
        "doctor", help="check config, decoder, camera, service, clock, disk and outbox"
    )
    doctor.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG_PATH,
        help=f"TOML config file (default: {DEFAULT_CONFIG_PATH})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "decode":  # the decoder owns its own options
        from kiosk.scanning.cli import decode_main

        return decode_main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.command == "config-example":
        sys.stdout.write(example_toml())
        return EXIT_OK
    if args.command == "run":
        return _run(args.config)
    if args.command == "demo":
        return _demo(args)
    if args.command == "hash-pin":
        return _hash_pin()
    if args.command == "doctor":
        return _doctor(args.config)
    if args.command == "tour":
        from kiosk.dev.tour import parse_sizes, run_tour

        try:
            sizes = parse_sizes(args.sizes) if args.sizes else None
        except ValueError as exc:
            print(f"kiosk tour: {exc}", file=sys.stderr)
            return 2
        return run_tour(args.out, sizes)
    raise AssertionError(args.command)  # argparse rejects unknown commands


def _doctor(config_path: Path) -> int:
    """Print the doctor's table; non-zero exit when any check FAILs."""
    from kiosk.system import doctor

    checks = doctor.run_doctor(lambda: load_config(config_path))
    print(doctor.render_table(checks), end="")
    return doctor.exit_code(checks)


def _hash_pin() -> int:
    """Print the hash to put in the staff file; the PIN itself is never stored or echoed."""
    import getpass

    from kiosk.admin.pin import hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("Staff PIN: ")
        if getpass.getpass("Again: ") != pin:
            return _fail("the two PINs differ; nothing was printed", EXIT_USAGE)
    else:
        pin = sys.stdin.readline().strip()
    try:
        print(hash_pin(pin))
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    print(f"kiosk: {message}", file=sys.stderr)
    return code


def _run(config_path: Path) -> int:
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        return _fail(f"config error: {exc}", EXIT_USAGE)
    problem = display_problem(os.environ)
    if problem:
        return _fail(problem, EXIT_USAGE)

    from inventory_client import InventoryClient
    from kiosk.system.logs import configure_logging

    staff: list[dict[str, Any]] = []
    if config.admin.enabled:
        from kiosk.admin.launcher import load_staff_file

        try:
            staff = load_staff_file(Path(config.admin.staff_file))
        except ConfigError as exc:
            return _fail(f"config error: {exc}", EXIT_USAGE)
    configure_logging(
        kiosk_id=config.kiosk.id,
        log_dir=Path(config.logging.dir) if config.logging.dir else None,
        level=config.logging.level,
    )
    Path(config.paths.data_dir).mkdir(parents=True, exist_ok=True)
    client = InventoryClient(
        config.service.url,
        config.service.api_key,
        kiosk_id=config.kiosk.id,
        store_id=config.kiosk.store_id,
        outbox_path=config.paths.outbox_path,
        connect_timeout=config.service.connect_timeout_s,
        read_timeout=config.service.read_timeout_s,
        staff_key=config.admin.staff_key or None,
    )
    try:
        return _open_window(
            config,
            client,
            staff=staff,
            staff_key=config.admin.staff_key,
            locked_down=config.ui.fullscreen,
            load_config=lambda: load_config(config_path),
            quit_code=EXIT_QUIT_FROM_ADMIN,
        )
    finally:
        client.close()


def _demo(args: argparse.Namespace) -> int:
    problem = display_problem(os.environ)
    if problem:
        return _fail(problem, EXIT_USAGE)
    from kiosk.config import parse_config
    from kiosk.dev.demo import demo_backend
    from kiosk.system.logs import configure_logging

    configure_logging(kiosk_id="demo", log_dir=None)
    with contextlib.ExitStack() as stack:
        data_dir = args.data_dir or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="endless-aisle-demo-"))
        )
        try:
            backend = stack.enter_context(demo_backend(data_dir))
        except Exception as exc:  # one clear line instead of a traceback
            return _fail(f"could not start the demo service: {exc}", EXIT_FAILURE)
        service = backend.service
        try:
            config = parse_config(
                {
                    "kiosk": {"id": service.kiosk_id, "store_id": service.store_id},
                    "service": {"url": service.url, "api_key": service.kiosk_key},
                    "camera": {"source": args.camera},
                    "ui": {"fullscreen": args.fullscreen, "language": args.language},
                    "paths": {"data_dir": str(data_dir)},
                }
            )
        except ConfigError as exc:
            return _fail(f"config error: {exc}", EXIT_USAGE)
        from kiosk.admin.pin import hash_pin

        staff = [{"id": "demo", "name": "Demo staff", "pin_hash": hash_pin(DEMO_STAFF_PIN)}]
        print(
            f"Demo service at {service.url}; close the window to stop. Staff screen: hold the "
            f"top-left corner for 3 s, PIN {DEMO_STAFF_PIN}.",
            file=sys.stderr,
        )
        return _open_window(config, backend.client, staff=staff, staff_key=service.staff_key)


def _open_window(
    config: Config,
    client: Any,
    *,
    staff: list[dict[str, Any]] | None = None,
    staff_key: str = "",
    locked_down: bool = False,
    load_config: Any = None,
    quit_code: int = EXIT_OK,
) -> int:
    """Create the Qt application and the kiosk, and run until the window closes.

    ``locked_down`` (``run`` on kiosk hardware) swallows every key that could leave the app,
    keeps the screen from blanking and feeds the systemd watchdog while the loop is alive.
    "Quit kiosk" on the admin screen lifts the lockdown and exits with ``quit_code``;
    ``load_config`` lets the admin's Health section re-check the config file.
    """
    from PySide6.QtWidgets import QApplication

    from kiosk import theme
    from kiosk.app import WINDOW_TITLE, Kiosk
    from kiosk.scanning.sources import open_source
    from kiosk.system import sdnotify

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(WINDOW_TITLE)
    theme.apply(app)
    camera = config.camera

    def source_factory():
        return open_source(camera.source, width=camera.width, height=camera.height, fps=camera.fps)

    kiosk = Kiosk(client, source_factory=source_factory, ui=config.ui)
    lockdown: Any = None

    def quit_kiosk() -> None:
        if lockdown is not None:
            lockdown.allow_exit()
        app.exit(quit_code)

    admin = None
    if staff:
        from kiosk.admin.launcher import AdminLauncher
        from kiosk.admin.panel import AdminSettings

        data_dir = Path(config.paths.data_dir)
        admin = AdminLauncher(
            kiosk.window,
            client,
            staff_key=staff_key,
            staff=staff,
            data_dir=data_dir,
            runner=kiosk.runner,
            settings=AdminSettings(
                idle_timeout_s=config.admin.idle_timeout_s,
                export_dir=Path(config.admin.export_dir or data_dir / "exports"),
                import_dir=Path(config.admin.import_dir) if config.admin.import_dir else None,
            ),
            on_exit_requested=quit_kiosk,
            checks=_kiosk_checks(kiosk, client, config, load_config),
        )
    if locked_down:
        from kiosk.system.lockdown import Lockdown, inhibit_screen_blanking

        lockdown = Lockdown(kiosk.window, hide_pointer=config.ui.hide_pointer)
        lockdown.install()
        inhibit_screen_blanking()
    kiosk.start(fullscreen=config.ui.fullscreen, display=config.display)
    reporter = _heartbeat_reporter(kiosk, client, config)
    reporter.start()
    watchdog = sdnotify.Watchdog()
    watchdog.start()
    sdnotify.ready()
    signal_timer = _quit_on_signals(app)
    _watch_screen(kiosk.window, Path(config.paths.data_dir))
    try:
        return app.exec()
    finally:
        sdnotify.stopping()
        signal_timer.stop()
        watchdog.stop()
        reporter.stop()
        if admin is not None:
            admin.shutdown()
        if lockdown is not None:
            lockdown.remove()
        kiosk.shutdown()


def _kiosk_checks(kiosk: Any, client: Any, config: Config, load_config: Any) -> Any:
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
        outbox_backlog=client.outbox.count,
        camera_state=lambda: camera["state"],
        load_config=load_config,
        timeout=(svc.connect_timeout_s, svc.read_timeout_s),
    )


def _heartbeat_reporter(kiosk: Any, client: Any, config: Config) -> Any:
    """The reporter of this kiosk's health, fed by its scanner and USB scanner."""
    from kiosk.system.heartbeat import HeartbeatReporter

    reporter = HeartbeatReporter(
        client,
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


def _watch_screen(window: Any, data_dir: Path) -> None:
    """Log each screen shown; write the widget map on SIGUSR1 (kiosk/widget_map.py)."""
    from kiosk.widget_map import WIDGET_MAP_FILE, ScreenLogger, WidgetMapWriter

    ScreenLogger(window)
    WidgetMapWriter(data_dir / WIDGET_MAP_FILE, window).install()


def _quit_on_signals(app: Any) -> Any:
    """Ctrl+C or SIGTERM closes the window cleanly (camera released, demo service stopped).

    Python runs signal handlers only between bytecodes, so a timer gives it a turn while
    Qt's event loop waits.
    """
    from PySide6.QtCore import QTimer

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


if __name__ == "__main__":
    sys.exit(main())
