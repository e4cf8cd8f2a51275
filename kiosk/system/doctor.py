"""``python -m kiosk doctor``: check the kiosk's parts and say how to fix what is broken.

Each ``check_*`` function tests one thing and returns a :class:`Check` (OK / WARN / FAIL /
SKIP, a one-line detail, a fix hint). They take what they need as arguments — a callable
that loads the config, a factory for the frame source, a decode function, a URL and a key —
so the admin screen can run the same checks, and tests can hand in a fake camera.
:func:`run_doctor` composes them from a config; :func:`render_table` prints the result and
:func:`exit_code` is non-zero when anything FAILed.

Run it as the kiosk user, so file permissions are checked as the kiosk sees them::

    sudo -u kiosk /opt/endless-aisle/.venv/bin/python -m kiosk doctor \\
        --config /etc/endless-aisle/kiosk.toml
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import email.utils
import os
import platform
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import requests

from inventory_client.models import Health

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.scanning.layout import KeyboardLayout

__all__ = [
    "DOCTOR_GTIN",
    "Check",
    "Status",
    "check_camera",
    "check_clock_skew",
    "check_config",
    "check_databases",
    "check_decode",
    "check_disk",
    "check_keyboard_layout",
    "check_outbox",
    "check_service",
    "check_version",
    "check_zbar",
    "exit_code",
    "render_table",
    "run_doctor",
    "sample_barcode_image",
]

GIB = 1024**3
MB = 1000**2
#: connect, read timeouts (seconds) for the service checks.
SERVICE_TIMEOUT = (3.05, 5.0)
#: The GTIN drawn into the test decode's image (a valid EAN-13).
DOCTOR_GTIN = "4006381333931"
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


class _FrameSource(Protocol):
    """The subset of :class:`kiosk.scanning.sources.FrameSource` the camera check uses."""

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


def _one_line(exc: BaseException) -> str:
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
        return Check("config", Status.FAIL, _one_line(exc), CONFIG_HINT)
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
        return Check("zbar", Status.FAIL, f"{path} does not load: {_one_line(exc)}", fix)
    # zbar_version(major, minor, patch): 0.23 writes all three; older ones ignore the third.
    major, minor, patch = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    version = ""
    with contextlib.suppress(AttributeError):
        lib.zbar_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
        version = f" {major.value}.{minor.value}"
    return Check("zbar", Status.OK, f"{path}{version}")


def check_camera(
    make_source: Callable[[], _FrameSource],
    *,
    frames: int = 30,
    timeout_s: float = 5.0,
    min_fps: float = 10.0,
    clock: Callable[[], float] = time.monotonic,
) -> Check:
    """The camera opens and delivers frames; measures the frame rate over ``frames`` frames.

    The first frame is not timed (cameras take a moment to start streaming).
    """
    fix_open = (
        "plug the camera in; check 'ls -l /dev/video*', that the kiosk user is in the "
        "'video' group, and camera.source in the config"
    )
    try:
        source = make_source()
        source.open()
    except Exception as exc:
        return Check("camera", Status.FAIL, f"cannot open: {_one_line(exc)}", fix_open)
    name = getattr(source, "name", "camera")
    try:
        first = source.read()
        if first is None:
            return Check("camera", Status.FAIL, f"{name}: opened but no frames", fix_open)
        count, started = 0, clock()
        while count < frames and clock() - started < timeout_s:
            if source.read() is None:
                break
            count += 1
        elapsed = clock() - started
    except Exception as exc:
        return Check(
            "camera", Status.FAIL, f"{name}: stopped delivering frames: {_one_line(exc)}", fix_open
        )
    finally:
        source.close()
    height, width = first.shape[:2]
    fps = count / elapsed if elapsed > 0 else float("inf")
    detail = f"{name}: {width}x{height}, {fps:.1f} fps over {count + 1} frames"
    if fps < min_fps:
        return Check(
            "camera",
            Status.WARN,
            detail + f" (below {min_fps:g} fps: scans will feel slow)",
            "lower camera.width/height or camera.fps; use a USB 2/3 port of its own; "
            "more light helps auto-exposure",
        )
    return Check("camera", Status.OK, detail)


_EAN_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
          "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
_EAN_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
               "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip


def sample_barcode_image(gtin: str = DOCTOR_GTIN, *, module_px: int = 4) -> np.ndarray:
    """A clean EAN-13 barcode of ``gtin`` as a BGR frame, like a camera delivers."""
    if len(gtin) != 13 or not gtin.isdigit():
        raise ValueError("an EAN-13 needs 13 digits")
    right_codes = ["".join("1" if b == "0" else "0" for b in code) for code in _EAN_L]
    bits = "101"
    for digit, parity in zip(gtin[1:7], _EAN_PARITY[int(gtin[0])], strict=True):
        code = _EAN_L[int(digit)] if parity == "L" else right_codes[int(digit)][::-1]
        bits += code
    bits += "01010" + "".join(right_codes[int(d)] for d in gtin[7:]) + "101"
    quiet = "0" * 12
    row = np.array([0 if b == "1" else 255 for b in quiet + bits + quiet], dtype=np.uint8)
    row = np.repeat(row, module_px)
    gray = np.full((60 * module_px, row.size), 255, dtype=np.uint8)
    gray[10 * module_px : 50 * module_px, :] = row
    return np.dstack([gray, gray, gray])


def _codes(results: Iterable[Any]) -> list[str]:
    codes: list[str] = []
    for item in results:
        if isinstance(item, bytes):
            codes.append(item.decode(errors="replace"))
        elif isinstance(item, str):
            codes.append(item)
        else:
            codes.extend(
                str(value)
                for attr in ("gtin", "code", "text", "data")
                if (value := getattr(item, attr, None)) is not None
            )
    return codes


def check_decode(
    decode: Callable[[np.ndarray], Sequence[Any]],
    *,
    image: np.ndarray | None = None,
    expected: str = DOCTOR_GTIN,
    clock: Callable[[], float] = time.perf_counter,
) -> Check:
    """The decoder reads a known barcode (drawn by :func:`sample_barcode_image`)."""
    fix = "reinstall libzbar0 and the kiosk (deploy/install.sh)"
    frame = sample_barcode_image(expected) if image is None else image
    started = clock()
    try:
        results = decode(frame)
    except Exception as exc:
        return Check("decode", Status.FAIL, f"decoder raised: {_one_line(exc)}", fix)
    ms = (clock() - started) * 1000
    codes = _codes(results)
    if expected in codes:
        return Check("decode", Status.OK, f"read test code {expected} in {ms:.0f} ms")
    if codes:
        return Check("decode", Status.FAIL, f"misread test code as {', '.join(codes)}", fix)
    return Check("decode", Status.FAIL, "no code found in the test image", fix)


def check_service(
    base_url: str,
    api_key: str,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = SERVICE_TIMEOUT,
) -> Check:
    """GET /v1/health answers, then an authenticated GET /v1/locations accepts the key."""
    base_url = base_url.rstrip("/")
    fix_reach = (
        "check service.url, the network cable/Wi-Fi, and that the service runs "
        "(systemctl status endless-aisle-service)"
    )
    own = session is None
    http = requests.Session() if session is None else session
    try:
        started = time.perf_counter()
        try:
            response = http.get(f"{base_url}/v1/health", timeout=timeout)
        except requests.Timeout:
            return Check("service", Status.FAIL, f"{base_url}: no answer in time", fix_reach)
        except requests.RequestException as exc:
            reason = type(exc).__name__
            return Check(
                "service", Status.FAIL, f"{base_url}: cannot connect ({reason})", fix_reach
            )
        ms = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            return Check(
                "service", Status.FAIL, f"{base_url}: health answered HTTP {response.status_code}",
                fix_reach,
            )  # fmt: skip
        try:
            health = Health.model_validate_json(response.content)
        except ValueError:
            return Check(
                "service", Status.FAIL, f"{base_url}: not an inventory service (bad health body)",
                "check service.url",
            )  # fmt: skip
        fix_key = (
            "set EA_SERVICE__API_KEY in /etc/endless-aisle/secrets.env to this kiosk's key "
            "(python -m inventory_service add-key ...)"
        )
        if not api_key:
            return Check("service", Status.FAIL, "no API key configured", fix_key)
        try:
            response = http.get(
                f"{base_url}/v1/locations",
                headers={"Authorization": f"Bearer {api_key}"},
                timeout=timeout,
            )
        except requests.RequestException as exc:
            reason = type(exc).__name__
            return Check(
                "service", Status.FAIL, f"{base_url}: locations failed ({reason})", fix_reach
            )
        if response.status_code in (401, 403):
            verdict = "rejected" if response.status_code == 401 else "not allowed"
            return Check(
                "service", Status.FAIL, f"API key {verdict} (HTTP {response.status_code})", fix_key
            )
        if response.status_code != 200:
            return Check(
                "service", Status.FAIL, f"locations answered HTTP {response.status_code}", fix_reach
            )
        return Check(
            "service",
            Status.OK,
            f"{base_url} (service {health.version}), key accepted, {ms:.0f} ms",
        )
    finally:
        if own:
            http.close()


def _server_time(response: requests.Response) -> datetime | None:
    with contextlib.suppress(ValueError):
        return Health.model_validate_json(response.content).time
    header = response.headers.get("Date")
    if header:
        with contextlib.suppress(TypeError, ValueError):
            return email.utils.parsedate_to_datetime(header)
    return None


def check_clock_skew(
    base_url: str,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    session: requests.Session | None = None,
    timeout: tuple[float, float] = SERVICE_TIMEOUT,
    warn_s: float = 30.0,
    fail_s: float = 300.0,
) -> Check:
    """Compare our clock with the service's (``Health.time``, else the ``Date`` header).

    Order hold times and log timestamps assume both agree; half the round trip is credited.
    """
    own = session is None
    http = requests.Session() if session is None else session
    try:
        sent = now()
        response = http.get(f"{base_url.rstrip('/')}/v1/health", timeout=timeout)
        received = now()
    except requests.RequestException:
        return Check("clock", Status.SKIP, "service unreachable; clock not compared")
    finally:
        if own:
            http.close()
    server = _server_time(response)
    if server is None:
        return Check("clock", Status.SKIP, "service sent no time; clock not compared")
    local = sent + (received - sent) / 2
    skew = (local - server).total_seconds()
    side = "ahead of" if skew > 0 else "behind"
    detail = f"{abs(skew):.1f} s {side} the service"
    fix = "turn on time sync: sudo timedatectl set-ntp true (check: timedatectl status)"
    if abs(skew) >= fail_s:
        return Check("clock", Status.FAIL, detail, fix)
    if abs(skew) >= warn_s:
        return Check("clock", Status.WARN, detail, fix)
    return Check("clock", Status.OK, detail)


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
            "disk", Status.FAIL, f"{data_dir}: {exc.strerror or _one_line(exc)}",
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
                "databases", Status.FAIL, f"{path.name}: {_one_line(exc)}",
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
            "outbox", Status.FAIL, f"cannot read the outbox: {_one_line(exc)}",
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


# --- composition and output -------------------------------------------------------------


def _default_source(config: Config) -> _FrameSource:
    from kiosk.scanning.sources import open_source

    cam = config.camera
    return open_source(cam.source, width=cam.width, height=cam.height, fps=cam.fps)


def _default_decode(image: np.ndarray) -> Sequence[Any]:
    from kiosk.scanning.decoder import Decoder

    return Decoder(gate=False).decode(image)


def _default_backlog(config: Config) -> int:
    path = config.paths.outbox_path
    if not path.exists():
        return 0
    from inventory_client import Outbox

    with Outbox(path) as outbox:
        return outbox.count()


def run_doctor(
    load_config: Callable[[], Config],
    *,
    make_source: Callable[[Config], _FrameSource] = _default_source,
    decode: Callable[[np.ndarray], Sequence[Any]] = _default_decode,
    outbox_backlog: Callable[[Config], int] = _default_backlog,
    session: requests.Session | None = None,
) -> list[Check]:
    """Every check, in the order IT reads them. Checks that need a valid config are SKIPped
    when it is not. The defaults use the real camera, decoder and outbox."""
    loaded: list[Config] = []

    def load() -> Config:
        config = load_config()
        loaded.append(config)
        return config

    checks = [check_version(), check_config(load), check_zbar()]
    config = loaded[0] if loaded else None
    if config is None:
        skip = Check("camera", Status.SKIP, "needs a valid config")
        checks += [skip, check_decode(decode)]
        needs_config = ("service", "clock", "disk", "databases", "outbox")
        checks += [Check(n, Status.SKIP, "needs a valid config") for n in needs_config]
        checks.append(check_keyboard_layout())
        return checks
    checks.append(check_camera(lambda: make_source(config)))
    checks.append(check_decode(decode))
    svc = config.service
    timeout = (svc.connect_timeout_s, svc.read_timeout_s)
    checks.append(check_service(svc.url, svc.api_key, session=session, timeout=timeout))
    checks.append(check_clock_skew(svc.url, session=session, timeout=timeout))
    data_dir = Path(config.paths.data_dir)
    checks.append(check_disk(data_dir))
    checks.append(check_databases(data_dir))
    checks.append(check_outbox(lambda: outbox_backlog(config)))
    checks.append(check_keyboard_layout())
    return checks


def render_table(checks: Sequence[Check]) -> str:
    """An aligned plain-text table; fix hints go on their own line under a non-OK row."""
    name_w = max([len("CHECK"), *(len(c.name) for c in checks)])
    status_w = max(len("STATUS"), *(len(s.value) for s in Status))
    lines = [f"{'CHECK':<{name_w}}  {'STATUS':<{status_w}}  DETAIL"]
    for check in checks:
        lines.append(f"{check.name:<{name_w}}  {check.status.value:<{status_w}}  {check.detail}")
        if check.fix and check.status not in (Status.OK, Status.SKIP):
            lines.append(f"{'':<{name_w}}  {'':<{status_w}}  fix: {check.fix}")
    fails = sum(c.status == Status.FAIL for c in checks)
    warns = sum(c.status == Status.WARN for c in checks)
    lines.append("")
    lines.append(f"{fails} failed, {warns} warnings, {len(checks)} checks")
    return "\n".join(lines) + "\n"


def exit_code(checks: Iterable[Check]) -> int:
    """1 when any check FAILed, else 0 (warnings do not fail)."""
    return 1 if any(c.status == Status.FAIL for c in checks) else 0
