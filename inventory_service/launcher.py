"""Start the reference service as a subprocess on loopback, for ``kiosk demo`` and tests.

    with ServiceProcess(tmp_path / "inventory.db") as svc:
        auth = {"Authorization": f"Bearer {svc.kiosk_key}"}
        requests.get(f"{svc.url}/v1/variants/2400013600002", headers=auth)

The service binds a free port itself (``--port 0``) and prints the URL it listens on, so
there is no window in which another process could take the port. Only the standard
library is used here: the kiosk imports this without the web stack.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from endless_aisle_assets import DEMO_CATALOGUE

from inventory_service.seed import (
    DEMO_HEAD_OFFICE_KEY,
    DEMO_KIOSK_ID,
    DEMO_KIOSK_KEY,
    DEMO_STAFF_KEY,
)

__all__ = [
    "DEMO_HEAD_OFFICE_KEY",
    "DEMO_KIOSK_ID",
    "DEMO_KIOSK_KEY",
    "DEMO_STAFF_KEY",
    "ServiceError",
    "ServiceProcess",
]

_REPO_ROOT = Path(__file__).resolve().parents[1]  # holds the packages (checkout or site-packages)
_READY_PREFIX = "inventory service listening on "
_POLL_INTERVAL_S = 0.05


def _is_url(db: str | Path) -> bool:
    return isinstance(db, str) and "://" in db


class ServiceError(RuntimeError):
    """The service process could not be started (the message holds its stderr)."""


def _phone_url(out_path: Path) -> str | None:
    """The phones' base URL the service printed (``--phone-host``), if any."""
    from inventory_service.mobile.phone_listener import READY_PREFIX

    for line in out_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(READY_PREFIX):
            return line[len(READY_PREFIX) :].strip()
    return None


class ServiceProcess:
    """The reference inventory service running in a child process.

    Attributes once started: ``url`` (``http://127.0.0.1:PORT``); with ``seed="demo"``
    also ``kiosk_key``, ``staff_key``, ``head_office_key``, ``kiosk_id`` and ``store_id``
    of the demo kiosk. ``seed`` may also be the path of another catalogue file (same
    format): the demo with that catalogue (``--seed demo --catalogue FILE``), keys too.
    """

    def __init__(
        self,
        db_path: str | Path,
        *,
        seed: str | None = "demo",
        host: str = "127.0.0.1",
        port: int | None = None,
        images_dir: Path | None = None,
        extra_args: list[str] | None = None,
        ca_bundle: Path | None = None,
    ) -> None:
        #: The ``--db`` value: a SQLite file (a Path) or a ``postgresql://`` URL (a str).
        self.db_path: str | Path = db_path if _is_url(db_path) else Path(db_path)
        self.seed = seed
        self.host = host
        self.port = port
        self.images_dir = images_dir
        self.extra_args = list(extra_args or [])
        #: The CA that signed the service's certificate (``--tls-cert`` in ``extra_args``):
        #: the health poll checks the certificate against it, as a kiosk would.
        self.ca_bundle = ca_bundle
        self.url: str = ""
        self.kiosk_key: str | None = DEMO_KIOSK_KEY if seed else None
        self.staff_key: str | None = DEMO_STAFF_KEY if seed else None
        self.phone_url: str | None = None
        self.head_office_key: str | None = DEMO_HEAD_OFFICE_KEY if seed else None
        self.kiosk_id: str | None = DEMO_KIOSK_ID if seed else None
        self.store_id: str | None = self._home_store(seed)
        self._proc: subprocess.Popen[bytes] | None = None
        self._logdir: tempfile.TemporaryDirectory[str] | None = None

    @staticmethod
    def _home_store(seed: str | None) -> str | None:
        if not seed:
            return None
        path = DEMO_CATALOGUE if seed == "demo" else Path(seed)
        try:
            home = json.loads(path.read_text(encoding="utf-8")).get("home_store_id")
        except (OSError, ValueError):
            return None  # the service itself reports the bad catalogue on start
        return home if isinstance(home, str) else None

    def command(self) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "inventory_service",
            "--db",
            str(self.db_path),
            "--host",
            self.host,
            "--port",
            str(self.port or 0),
        ]
        if self.seed == "demo":
            cmd += ["--seed", "demo"]
        elif self.seed:
            cmd += ["--seed", "demo", "--catalogue", self.seed]
        if self.images_dir is not None:
            cmd += ["--images", str(self.images_dir)]
        return cmd + self.extra_args

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 60.0) -> None:
        """Start the process and return once ``/v1/health`` answers; raise on failure."""
        if self.running:
            return
        self._logdir = tempfile.TemporaryDirectory(prefix="inventory-service-")
        out_path = Path(self._logdir.name) / "stdout.txt"
        err_path = Path(self._logdir.name) / "stderr.txt"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_REPO_ROOT), env.get("PYTHONPATH", "")) if p
        )
        env.setdefault("PYTHONUNBUFFERED", "1")
        with out_path.open("wb") as out, err_path.open("wb") as err:
            self._proc = subprocess.Popen(
                self.command(), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env
            )
        deadline = time.monotonic() + timeout
        try:
            self.url = self._wait_for_url(out_path, err_path, deadline)
            self._wait_for_health(err_path, deadline)
            self.phone_url = _phone_url(out_path)  # with --phone-host in extra_args
        except BaseException:
            self.stop()
            raise

    def _fail(self, what: str, err_path: Path) -> ServiceError:
        try:
            stderr = err_path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            stderr = ""
        return ServiceError(f"inventory service {what}" + (f":\n{stderr}" if stderr else ""))

    def _wait_for_url(self, out_path: Path, err_path: Path, deadline: float) -> str:
        assert self._proc is not None
        while True:
            for line in out_path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith(_READY_PREFIX):
                    return line[len(_READY_PREFIX) :].strip()
            if self._proc.poll() is not None:
                raise self._fail(f"exited with code {self._proc.returncode}", err_path)
            if time.monotonic() > deadline:
                raise self._fail("did not start in time", err_path)
            time.sleep(_POLL_INTERVAL_S)

    def _wait_for_health(self, err_path: Path, deadline: float) -> None:
        assert self._proc is not None
        while True:
            try:
                with urllib.request.urlopen(
                    f"{self.url}/v1/health", timeout=2, context=self._tls_context()
                ) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if self._proc.poll() is not None:
                raise self._fail(f"exited with code {self._proc.returncode}", err_path)
            if time.monotonic() > deadline:
                raise self._fail("did not answer /v1/health in time", err_path)
            time.sleep(_POLL_INTERVAL_S)

    def _tls_context(self) -> ssl.SSLContext | None:
        if not self.url.startswith("https://"):
            return None
        return ssl.create_default_context(cafile=self.ca_bundle)

    def stderr_text(self) -> str:
        """What the service wrote to stderr so far (its log)."""
        if self._logdir is None:
            return ""
        path = Path(self._logdir.name) / "stderr.txt"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Terminate (SIGTERM, graceful), then kill if it does not exit within 10 s."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._logdir is not None:
            self._logdir.cleanup()
            self._logdir = None

    def __enter__(self) -> ServiceProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
