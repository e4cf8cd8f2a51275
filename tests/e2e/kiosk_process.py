"""The real kiosk program as a subprocess, and its JSON log lines to wait on.

As qutebrowser's end2end ``quteprocess``: the test starts ``python -m kiosk ...`` with its
stderr (JSON lines, one object each) going to a file, and waits for lines matching a
message and fields, with a timeout, failing early when the process has died. The kiosk
runs in its own process group so everything it started (the demo service too) is killed
at the end, even after a SIGKILL.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inventory_service.launcher import ServiceProcess

from .xserver import DisplayServer

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 120.0  # the demo starts its own service; 8 engineers share 2 cores
WAIT_TIMEOUT_S = 60.0
POLL_S = 0.05  # how often the log file is read while waiting for a line


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value))  # a TOML basic string is a JSON string


def write_run_config(
    path: Path,
    service: ServiceProcess,
    data_dir: Path,
    camera: Path,
    *,
    ui: dict[str, object] | None = None,
    display: dict[str, object] | None = None,
) -> Path:
    """A config file for ``python -m kiosk run`` against ``service``, fullscreen."""
    sections: dict[str, dict[str, object]] = {
        "kiosk": {"id": service.kiosk_id, "store_id": service.store_id},
        "service": {"url": service.url, "api_key": service.kiosk_key},
        "camera": {"source": str(camera)},
        "ui": {"fullscreen": True, **(ui or {})},
        "paths": {"data_dir": str(data_dir)},
        "display": display or {},
    }
    lines = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {_toml(value)}" for key, value in values.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class KioskDied(AssertionError):
    """The kiosk exited while a test waited on it."""


class LogWaitTimeout(AssertionError):
    """The awaited log line did not come."""


def matches(entry: dict[str, Any], msg: str, fields: dict[str, Any]) -> bool:
    return entry.get("msg") == msg and all(entry.get(k) == v for k, v in fields.items())


class KioskProcess:
    """``args`` after ``python -m kiosk``; ``env`` the X client environment."""

    def __init__(self, args: list[str], env: dict[str, str], log_path: Path) -> None:
        self.args = args
        self.env = dict(env, PYTHONUNBUFFERED="1")
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self._entries: list[dict[str, Any]] = []
        self._raw: list[str] = []
        self._offset = 0
        self._partial = b""

    # --- life ------------------------------------------------------------------------

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", *self.args],
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own group: killpg reaches the demo service
            )

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the kiosk alone (SIGKILL: no clean-up of any kind)."""
        assert self.proc is not None
        os.kill(self.proc.pid, sig)
        if sig == signal.SIGKILL:
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM the whole group, then SIGKILL what is left. Safe to repeat."""
        proc = self.proc
        if proc is None:
            return
        for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            # the kiosk is gone; its children (the demo service) may not be
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            break

    # --- the log ---------------------------------------------------------------------

    def _read(self) -> None:
        with self.log_path.open("rb") as log:
            log.seek(self._offset)
            data = log.read()
        self._offset += len(data)
        data = self._partial + data
        *lines, self._partial = data.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", errors="replace")
            self._raw.append(text)
            start = text.find("{")  # journald's "<6>" prefix never appears here; be lenient
            if start < 0:
                continue
            try:
                entry = json.loads(text[start:])
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                self._entries.append(entry)

    def mark(self) -> int:
        """A position in the log: wait_for(after=mark) only looks at lines after it."""
        self._read()
        return len(self._entries)

    def entries(self) -> list[dict[str, Any]]:
        self._read()
        return list(self._entries)

    def text(self) -> str:
        """Everything the process wrote so far, as text."""
        self._read()
        return "\n".join([*self._raw, self._partial.decode("utf-8", errors="replace")])

    def wait_for(
        self,
        msg: str,
        *,
        after: int = 0,
        timeout: float = WAIT_TIMEOUT_S,
        where: Callable[[dict[str, Any]], bool] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """The first log entry after ``after`` with ``msg`` and ``fields`` (and ``where``)."""
        deadline = time.monotonic() + timeout
        index = after
        while True:
            self._read()
            while index < len(self._entries):
                entry = self._entries[index]
                index += 1
                if matches(entry, msg, fields) and (where is None or where(entry)):
                    return entry
            if not self.alive():
                self._read()
                raise KioskDied(
                    f"kiosk exited ({self.proc and self.proc.returncode}) while waiting for "
                    f"{msg!r} {fields}; its output:\n{self.text()[-4000:]}"
                )
            if time.monotonic() > deadline:
                raise LogWaitTimeout(
                    f"no {msg!r} {fields} within {timeout:.0f} s; output:\n{self.text()[-4000:]}"
                )
            time.sleep(POLL_S)

    # --- the screen as text ----------------------------------------------------------

    def widget_map(self, data_dir: Path, timeout: float = WAIT_TIMEOUT_S) -> dict[str, Any]:
        """Ask the kiosk for its widget map (SIGUSR1) and read it (kiosk/widget_map.py)."""
        mark = self.mark()
        self.kill(signal.SIGUSR1)
        entry = self.wait_for("widget map written", after=mark, timeout=timeout)
        data: dict[str, Any] = json.loads(Path(entry["path"]).read_text(encoding="utf-8"))
        assert data_dir in Path(entry["path"]).parents
        return data


KioskFactory = Callable[[DisplayServer, list[str]], KioskProcess]
"""The ``kiosk_factory`` fixture: ``(server, args)`` -> a started kiosk with its window up."""
DemoArgs = Callable[..., list[str]]
"""The ``demo_args`` fixture: ``demo --fullscreen`` arguments (plus extra ones)."""
