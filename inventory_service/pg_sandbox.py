"""A throwaway PostgreSQL server in a temporary directory (tests, benchmarks, trials).

    with PostgresSandbox() as pg:
        url = pg.create_database("store_a")      # postgresql://postgres@127.0.0.1:P/store_a

``initdb`` and ``pg_ctl`` come from ``PATH`` or Debian's ``/usr/lib/postgresql/*/bin``
(the ``postgresql`` package, which ``deploy/system-packages.sh`` installs). PostgreSQL
refuses to run as root, so under root the server runs as ``nobody`` in a directory that
user owns; where ``nobody`` cannot even reach the binaries (a build root whose ``/`` is
mode 0700, as a fresh debootstrap under ``mktemp -d`` is, where a chroot also rules out
user namespaces), it runs as ``nobody`` keeping only the capability to search and read
directories (``setpriv``, ambient ``CAP_DAC_READ_SEARCH``), which PostgreSQL accepts. It
listens on 127.0.0.1 only, on a free port, with trust authentication: it is for this
machine's tests, never for data. ``create_database`` copies a migrated template, which
takes a few milliseconds, so every test can have its own database.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType

SEARCH_DIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
TEMPLATE = "inventory_template"
_UNPRIVILEGED_USER = "nobody"


class SandboxUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (install the ``postgresql`` package)."""


def find_binary(name: str) -> str:
    found = shutil.which(name) or next(
        (str(Path(d) / name) for d in SEARCH_DIRS if (Path(d) / name).exists()), None
    )
    if found is None:
        raise SandboxUnavailable(
            f"{name} not found on PATH or in /usr/lib/postgresql/*/bin "
            "(install the postgresql package: deploy/system-packages.sh)"
        )
    return found


def _nobody_searching() -> tuple[str, ...]:
    """``setpriv`` as ``nobody`` that may still search and read every directory."""
    user = pwd.getpwnam(_UNPRIVILEGED_USER)
    return (
        "setpriv",
        f"--reuid={user.pw_uid}",
        f"--regid={user.pw_gid}",
        "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
        "--",
    )


def _launch_mode(initdb: str) -> str:
    """How root starts the server: as plain ``nobody`` where it can, else ``nobody`` with
    the one capability it needs to reach the binaries (``"nobody-searching"``)."""
    user = pwd.getpwnam(_UNPRIVILEGED_USER)
    try:
        probe = subprocess.run(
            [initdb, "--version"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            cwd="/",
            check=False,
            user=user.pw_uid,
            group=user.pw_gid,
            extra_groups=[],
        )
        if probe.returncode == 0:
            return "nobody"
    except OSError:  # PermissionError: nobody cannot reach the binary at all
        pass
    if shutil.which("setpriv") is None:
        raise SandboxUnavailable(
            f"{_UNPRIVILEGED_USER} cannot run {initdb} and setpriv is missing (util-linux)"
        )
    return "nobody-searching"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresSandbox:
    """One PostgreSQL server; ``create_database`` hands out fresh migrated databases."""

    def __init__(self) -> None:
        self.initdb = find_binary("initdb")
        self.pg_ctl = find_binary("pg_ctl")
        self.port = 0
        self.dir: Path | None = None
        self._count = 0
        self._lock = threading.Lock()
        self._launch = _launch_mode(self.initdb) if os.geteuid() == 0 else "self"

    # --- lifecycle -------------------------------------------------------------------

    def _run(self, *cmd: str) -> None:
        kwargs: dict[str, object] = {}
        if self._launch == "nobody":
            user = pwd.getpwnam(_UNPRIVILEGED_USER)
            kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        elif self._launch == "nobody-searching":
            cmd = (*_nobody_searching(), *cmd)
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            cwd="/",
            check=False,
            **kwargs,  # type: ignore[call-overload]  # user/group/extra_groups, only as root
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="endless-aisle-pg-"))
        data = self.dir / "data"
        if self._launch != "self":
            user = pwd.getpwnam(_UNPRIVILEGED_USER)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self._run(
            self.initdb,
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.port = _free_port()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=300"
        )
        self._run(
            self.pg_ctl, "-D", str(data), "-l", str(self.dir / "log"), "-o", options, "-w", "start"
        )
        self._make_template()

    def stop(self) -> None:
        if self.dir is None:
            return
        try:
            self._run(self.pg_ctl, "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> PostgresSandbox:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- databases -------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def _make_template(self) -> None:
        from inventory_service.storage.postgres import initialise

        self._admin(f"CREATE DATABASE {TEMPLATE}")
        initialise(self.url(TEMPLATE))

    def create_database(self, name: str | None = None) -> str:
        """A new database with the service's schema; its URL."""
        with self._lock:
            self._count += 1
            name = name or f"test_{self._count}"
            self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
