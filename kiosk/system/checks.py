"""The doctor's checks of the kiosk's own machine, and the :class:`Check` they all return.

Each ``check_*`` function tests one thing and returns a :class:`Check` (OK / WARN / FAIL /
SKIP, a one-line detail, a fix hint). They take what they need as arguments, so the
doctor command and the admin screen's Health section run the same functions and tests
can hand in fakes. Camera and decoder checks are in :mod:`kiosk.system.camera_checks`,
service and clock checks in :mod:`kiosk.system.service_checks`; the one list of all of them
is :func:`kiosk.system.doctor.run_checks`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import platform
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.scanning.layout import KeyboardLayout

__all__ = [
    "Check",
    "Status",
    "check_config",
    "check_databases",
    "check_disk",
    "check_keyboard_layout",
    "check_outbox",
    "check_version",
    "check_zbar",
    "one_line",
]

GIB = 1024**3
MB = 1000**2
CONFIG_HINT = "edit the config file; every key is described in deploy/kiosk.example.toml"


class Status(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"
    SKIP = "SKIP"  # not checked, because something it needs failed or is not configured


@dataclass(frozen=True)
class Check:
    """The result of one check. ``fix`` says what to do when the status is not OK."""

    name: str
    status: Status
    detail: str
    fix: str = ""


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- the checks ----------------------------------------------------------------------------


def check_version() -> Check:
    """Which release this is (shown first, so a pasted table says what it was run on)."""
    py = f"Python {platform.python_version()}"
    try:
        version = metadata.version("endless-aisle")
    except metadata.PackageNotFoundError:
        return Check(
            "version",
            Status.WARN,
            f"not installed as a package ({py})",
            "install with deploy/install.sh (or pip install '.[kiosk]')",
        )
    return Check("version", Status.OK, f"endless-aisle {version}, {py}, {platform.machine()}")


def check_config(load: Callable[[], Any]) -> Check:
    """The config loads and validates. ``load`` raises with a one-line message when not."""
    try:
        load()
    except Exception as exc:
        return Check("config", Status.FAIL, one_line(exc), CONFIG_HINT)
    return Check("config", Status.OK, "valid")


def check_zbar(find_library: Callable[[str], str | None] | None = None) -> Check:
    """The ZBar shared library is installed and pyzbar can load it."""
    finder = ctypes.util.find_library if find_library is None else find_library
    fix = "sudo apt install libzbar0"
    path = finder("zbar")
    if not path:
        return Check("zbar", Status.FAIL, "libzbar not found", fix)
    try:
        lib = ctypes.cdll.LoadLibrary(path)
        from pyzbar import pyzbar  # noqa: F401 (loads libzbar itself)
    except (OSError, ImportError) as exc:
        return Check("zbar", Status.FAIL, f"{path} does not load: {one_line(exc)}", fix)
    # zbar_version(major, minor, patch): 0.23 writes all three; older ones ignore the third.
    major, minor, patch = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    version = ""
    with contextlib.suppress(AttributeError):
        lib.zbar_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
        version = f" {major.value}.{minor.value}"
    return Check("zbar", Status.OK, f"{path}{version}")


def _size(n: float) -> str:
    return f"{n / GIB:.1f} GiB" if n >= GIB else f"{n / MB:.0f} MB"


def check_disk(
    data_dir: Path,
    *,
    disk_usage: Callable[[Path], Any] = shutil.disk_usage,
    warn_bytes: int = GIB,
    fail_bytes: int = 100 * MB,
) -> Check:
    """Free space where the outbox and cache live: WARN under 1 GiB, FAIL under 100 MB."""
    try:
        free = disk_usage(Path(data_dir)).free
    except OSError as exc:
        return Check(
            "disk", Status.FAIL, f"{data_dir}: {exc.strerror or one_line(exc)}",
            "create it (deploy/install.sh does) or fix paths.data_dir",
        )  # fmt: skip
    detail = f"{_size(free)} free on {data_dir}"
    fix = "free space: sudo journalctl --vacuum-size=200M; remove old files in /var/log"
    if free < fail_bytes:
        return Check("disk", Status.FAIL, detail, fix)
    if free < warn_bytes:
        return Check("disk", Status.WARN, detail, fix)
    return Check("disk", Status.OK, detail)


DB_PATTERNS = ("*.sqlite", "*.sqlite3", "*.db")


def check_databases(
    data_dir: Path, *, db_paths: Iterable[Path] | None = None, busy_timeout_s: float = 2.0
) -> Check:
    """The data dir takes a new file, and every database in it takes a write lock.

    A probe file is created, written, synced, read back and deleted. Each database (by
    default every ``*.sqlite``, ``*.sqlite3`` and ``*.db`` in ``data_dir``) must open
    read-write and grant ``BEGIN IMMEDIATE`` (rolled back at once: nothing is changed).
    """
    data_dir = Path(data_dir)
    fix = (
        f"sudo chown -R kiosk:kiosk {data_dir} (the kiosk user must own it), or fix paths.data_dir"
    )
    probe = data_dir / f".doctor-probe-{os.getpid()}"
    try:
        with probe.open("wb") as fh:
            fh.write(b"endless-aisle doctor\n")
            fh.flush()
            os.fsync(fh.fileno())
        if probe.read_bytes() != b"endless-aisle doctor\n":
            raise OSError("read back different bytes")
    except OSError as exc:
        return Check(
            "databases", Status.FAIL, f"{data_dir} not writable: {exc.strerror or exc}", fix
        )
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()

    paths = sorted(
        {p for pattern in DB_PATTERNS for p in data_dir.glob(pattern)}
        if db_paths is None
        else {Path(p) for p in db_paths}
    )
    for path in paths:
        try:
            conn = sqlite3.connect(
                f"file:{path}?mode=rw", uri=True, timeout=busy_timeout_s, isolation_level=None
            )
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            return Check(
                "databases", Status.FAIL, f"{path.name}: {one_line(exc)}",
                "stop other processes using it; if damaged, move it aside (the kiosk "
                "recreates it; unsent orders in an outbox are then lost: ask support first)",
            )  # fmt: skip
    names = ", ".join(p.name for p in paths) or "none yet"
    return Check("databases", Status.OK, f"{data_dir} writable; databases: {names}")


def check_outbox(backlog: Callable[[], int], *, fail_at: int = 500) -> Check:
    """How many orders/requests wait to be sent. Any is a WARN; ``fail_at`` or more a FAIL."""
    try:
        waiting = int(backlog())
    except Exception as exc:
        return Check(
            "outbox", Status.FAIL, f"cannot read the outbox: {one_line(exc)}",
            "see the databases check; keep the file: it holds unsent orders",
        )  # fmt: skip
    if waiting == 0:
        return Check("outbox", Status.OK, "empty: everything was sent")
    detail = f"{waiting} waiting to be sent"
    fix = "they are sent when the service is reachable: see the service check"
    return Check("outbox", Status.FAIL if waiting >= fail_at else Status.WARN, detail, fix)


def check_keyboard_layout(detect: Callable[[], KeyboardLayout | None] | None = None) -> Check:
    """Name the keyboard layout in use: a USB wedge scanner's characters depend on it.

    ``detect`` defaults to :func:`kiosk.scanning.layout.detect_keyboard_layout`."""
    if detect is None:
        from kiosk.scanning.layout import detect_keyboard_layout

        detect = detect_keyboard_layout
    layout = detect()
    if layout is None:
        detail = "not found (no X display, no /etc/default/keyboard)"
        return Check("keyboard", Status.SKIP, detail)
    detail = f"{layout.describe()}; US-mode scanners are read by key, any layout"
    return Check("keyboard", Status.OK, detail)
