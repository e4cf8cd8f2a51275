"""``python -m kiosk doctor``: check the kiosk's parts and say how to fix what is broken.

The checks themselves are small functions (:mod:`kiosk.system.checks`,
:mod:`kiosk.system.camera_checks`, :mod:`kiosk.system.service_checks`). :func:`run_checks`
is the one list of them, in the order IT reads them; it runs against :class:`Probes`, which
say where each check looks. :func:`run_doctor` builds the probes from the config file (it
opens the camera itself); the admin screen's Health section
(:class:`kiosk.admin.health.KioskChecks`) builds them from the running kiosk.
:func:`render_table` prints the result and :func:`exit_code` is non-zero when anything
FAILed.

Run it as the kiosk user, so file permissions are checked as the kiosk sees them::

    sudo -u kiosk /opt/endless-aisle/.venv/bin/python -m kiosk doctor \\
        --config /etc/endless-aisle/kiosk.toml
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import requests

from kiosk.system.camera_checks import (
    DOCTOR_GTIN,
    FrameSource,
    check_camera,
    check_decode,
    sample_barcode_image,
)
from kiosk.system.checks import (
    GIB,
    MB,
    Check,
    Status,
    check_config,
    check_databases,
    check_disk,
    check_keyboard_layout,
    check_outbox,
    check_version,
    check_zbar,
)
from kiosk.system.key_checks import check_key_age
from kiosk.system.lockdown_checks import check_gettys, check_power_keys, check_sysrq
from kiosk.system.service_checks import (
    check_clock_skew,
    check_public_url,
    check_service,
    check_service_database,
    service_session,
)

if TYPE_CHECKING:
    from kiosk.config import Config

__all__ = [
    "CHECK_NAMES",
    "DOCTOR_GTIN",
    "GIB",
    "MB",
    "Check",
    "Probes",
    "ServiceTarget",
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
    "check_service_database",
    "check_version",
    "check_zbar",
    "exit_code",
    "render_table",
    "run_checks",
    "run_doctor",
    "sample_barcode_image",
]

CHECK_NAMES = (
    "version",
    "config",
    "zbar",
    "camera",
    "decode",
    "service",
    "api_key",
    "service_db",
    "clock",
    "public_url",
    "disk",
    "databases",
    "outbox",
    "keyboard",
    "sysrq",
    "power_keys",
    "gettys",
)
"""Every check, in the order :func:`run_checks` reports them."""

NEEDS_CONFIG = "needs a valid config"


@dataclass(frozen=True)
class ServiceTarget:
    """The inventory service the checks talk to, as the config names it."""

    url: str
    api_key: str
    timeout: tuple[float, float]  # connect, read (service.*_timeout_s)
    ca_bundle: str = ""  # service.ca_bundle
    allow_plain_http: bool = False  # service.allow_plain_http
    public_url: str = ""  # service.public_url: where phones open the pages


@dataclass(frozen=True)
class Probes:
    """Where each check looks. ``None`` means "not known" (no valid config): that check is
    SKIPped with "needs a valid config".

    ``config`` and ``camera`` are whole checks, because the doctor and the running kiosk
    check them differently (the doctor loads the file and opens the camera; the kiosk
    re-reads the file and asks its scanner, which holds the camera).
    """

    config: Callable[[], Check]
    camera: Callable[[], Check] | None
    decode: Callable[[np.ndarray], Sequence[Any]]
    service: ServiceTarget | None
    data_dir: Path | None
    outbox_backlog: Callable[[], int] | None
    session: requests.Session | None = None
    host_root: Path = Path("/")  # where the host lockdown checks read /proc, /etc (tests: a tree)


def run_checks(probes: Probes) -> list[Check]:
    """Every check (:data:`CHECK_NAMES`), in the order IT reads them. Blocks (camera, HTTP,
    SQLite, a test decode): never call it on the GUI thread."""

    def skip(name: str) -> Check:
        return Check(name, Status.SKIP, NEEDS_CONFIG)

    checks = [check_version(), probes.config(), check_zbar()]
    checks.append(probes.camera() if probes.camera is not None else skip("camera"))
    checks.append(check_decode(probes.decode))
    service = probes.service
    if service is None:
        checks += [
            skip(name) for name in ("service", "api_key", "service_db", "clock", "public_url")
        ]
    else:
        timeout = service.timeout
        session = probes.session or service_session(service.ca_bundle)
        try:
            checks.append(
                check_service(
                    service.url,
                    service.api_key,
                    session=session,
                    timeout=timeout,
                    allow_plain_http=service.allow_plain_http,
                )
            )
            checks.append(
                check_key_age(service.url, service.api_key, session=session, timeout=timeout)
            )
            checks.append(check_service_database(service.url, session=session, timeout=timeout))
            checks.append(check_clock_skew(service.url, session=session, timeout=timeout))
            checks.append(check_public_url(service.public_url, session=session, timeout=timeout))
        finally:
            if probes.session is None:
                session.close()
    data_dir = probes.data_dir
    checks.append(check_disk(data_dir) if data_dir is not None else skip("disk"))
    checks.append(check_databases(data_dir) if data_dir is not None else skip("databases"))
    backlog = probes.outbox_backlog
    checks.append(check_outbox(backlog) if backlog is not None else skip("outbox"))
    checks.append(check_keyboard_layout())
    checks += [check(probes.host_root) for check in (check_sysrq, check_power_keys, check_gettys)]
    return checks


# --- the doctor command: probes from the config file ----------------------------------------


def _default_source(config: Config) -> FrameSource:
    from kiosk.scanning.sources import open_source

    cam = config.camera
    return open_source(cam.source, width=cam.width, height=cam.height, fps=cam.fps)


def default_decode(image: np.ndarray) -> Sequence[Any]:
    """The real decoder, without the live scanner's gate (the test image is clean)."""
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
    make_source: Callable[[Config], FrameSource] = _default_source,
    decode: Callable[[np.ndarray], Sequence[Any]] = default_decode,
    outbox_backlog: Callable[[Config], int] = _default_backlog,
    session: requests.Session | None = None,
) -> list[Check]:
    """:func:`run_checks` with probes from the config file. Checks that need a valid config
    are SKIPped when it is not. The defaults use the real camera, decoder and outbox."""
    loaded: list[Config] = []

    def load() -> Config:
        config = load_config()
        loaded.append(config)
        return config

    config_check = check_config(load)
    config = loaded[0] if loaded else None
    if config is None:
        probes = Probes(
            config=lambda: config_check,
            camera=None,
            decode=decode,
            service=None,
            data_dir=None,
            outbox_backlog=None,
            session=session,
        )
    else:
        svc = config.service
        probes = Probes(
            config=lambda: config_check,
            camera=lambda: check_camera(lambda: make_source(config)),
            decode=decode,
            service=ServiceTarget(
                svc.url,
                svc.api_key,
                (svc.connect_timeout_s, svc.read_timeout_s),
                ca_bundle=svc.ca_bundle,
                allow_plain_http=svc.allow_plain_http,
                public_url=svc.public_url,
            ),
            data_dir=Path(config.paths.data_dir),
            outbox_backlog=lambda: outbox_backlog(config),
            session=session,
        )
    return run_checks(probes)


# --- output ---------------------------------------------------------------------------------


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
