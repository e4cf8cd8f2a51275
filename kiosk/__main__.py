"""Command line of the kiosk: ``python -m kiosk {run,demo,decode,tour,doctor,config-example}``.

This module only parses arguments and reports; the kiosk itself is built, run and torn down
by the composition root, :mod:`kiosk.assembly`. Qt is imported only by the commands that
open a window, so ``config-example`` and ``decode`` work on a headless box without Qt's
runtime libraries.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from kiosk.config import DEFAULT_CONFIG_PATH, ConfigError, example_toml, load_config

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_QUIT_FROM_ADMIN = 3  # the kiosk unit's RestartPreventExitStatus: stay stopped

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
    demo.add_argument("--language", help="shopper language (default: ui.language's default)")
    demo.add_argument(
        "--public",
        action="store_true",
        help="let phones on this network open the phone pages (the API stays on loopback)",
    )

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
    from kiosk.assembly import run_from_config

    try:
        return run_from_config(
            config, load_config=lambda: load_config(config_path), quit_code=EXIT_QUIT_FROM_ADMIN
        )
    except ConfigError as exc:  # the staff file, read before anything starts
        return _fail(f"config error: {exc}", EXIT_USAGE)


def _demo(args: argparse.Namespace) -> int:
    problem = display_problem(os.environ)
    if problem:
        return _fail(problem, EXIT_USAGE)
    from kiosk.assembly import DemoStartError, run_demo

    try:
        return run_demo(
            camera=args.camera,
            data_dir=args.data_dir,
            fullscreen=args.fullscreen,
            language=args.language,
            public=args.public,
        )
    except DemoStartError as exc:  # one clear line instead of a traceback
        return _fail(str(exc), EXIT_FAILURE)
    except ConfigError as exc:
        return _fail(f"config error: {exc}", EXIT_USAGE)


if __name__ == "__main__":
    sys.exit(main())
