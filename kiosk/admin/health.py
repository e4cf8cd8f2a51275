"""The doctor's checks as the running kiosk can run them, for the admin screen's Health section.

``python -m kiosk doctor`` opens the camera itself; a running kiosk already holds it, so here
the camera check reads the scanner's last ``camera_state`` instead. Everything else is the
same list (:func:`kiosk.system.doctor.run_checks`), fed with what the kiosk has (service URL
and key, data directory, the client's outbox). :meth:`KioskChecks.run` blocks (HTTP, SQLite,
a test decode): call it on a worker, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.system.doctor import (
    Check,
    Probes,
    ServiceTarget,
    Status,
    check_config,
    default_decode,
    run_checks,
)
from kiosk.system.service_checks import config_timeout

__all__ = ["KioskChecks", "camera_check", "summary"]

CAMERA_FIX = (
    "check the cable and 'ls -l /dev/video*'; the kiosk retries by itself. If it stays "
    "unavailable, run the doctor (stop the kiosk first: only one process can hold the camera)"
)


def camera_check(state: str | None) -> Check:
    """The scanner's last ``camera_state``: ``"ok"``, ``"unavailable"`` or ``None``."""
    if state == "ok":
        return Check("camera", Status.OK, "delivering frames to the scanner")
    if state is None:
        return Check("camera", Status.SKIP, "no camera configured, or not started yet")
    return Check("camera", Status.FAIL, f"camera {state}", CAMERA_FIX)


def summary(checks: Sequence[Check]) -> str:
    fails = sum(c.status == Status.FAIL for c in checks)
    warns = sum(c.status == Status.WARN for c in checks)
    if not fails and not warns:
        return f"All {len(checks)} checks passed"
    return f"{fails} failed, {warns} warnings, {len(checks)} checks"


@dataclass(frozen=True)
class KioskChecks:
    """What the running kiosk hands the admin screen so it can check itself.

    ``load_config`` re-reads the config file (so IT sees whether an edit will load at the
    next start); ``None`` when the kiosk was not started from a file (the demo).
    ``camera_state`` returns the scanner's last reported state (read from a worker: it
    must only read a value the GUI thread keeps current). ``timeout`` is the config's
    service timeouts (the schema's defaults when not given).
    """

    service_url: str
    api_key: str
    data_dir: Path
    outbox_backlog: Callable[[], int]
    camera_state: Callable[[], str | None]
    load_config: Callable[[], Any] | None = None
    decode: Callable[[np.ndarray], Sequence[Any]] = default_decode
    timeout: tuple[float, float] = field(default_factory=config_timeout)
    ca_bundle: str = ""  # service.ca_bundle: the checks trust what the client trusts
    allow_plain_http: bool = False  # service.allow_plain_http

    def run(self) -> list[Check]:
        """Every check, in the doctor's order. Blocks: run it on a worker."""
        return run_checks(
            Probes(
                config=self._config_check,
                camera=lambda: camera_check(self.camera_state()),
                decode=self.decode,
                service=ServiceTarget(
                    self.service_url,
                    self.api_key,
                    self.timeout,
                    ca_bundle=self.ca_bundle,
                    allow_plain_http=self.allow_plain_http,
                ),
                data_dir=self.data_dir,
                outbox_backlog=self.outbox_backlog,
            )
        )

    def _config_check(self) -> Check:
        if self.load_config is None:
            return Check("config", Status.OK, "loaded when the kiosk started")
        return check_config(self.load_config)
