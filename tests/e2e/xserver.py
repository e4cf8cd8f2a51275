"""A real X server for one test: Xvfb, or Xorg with the dummy video driver.

Both pick a free display number themselves (``-displayfd``: the server writes the number
it took to a pipe once it accepts connections), so tests never race for ``:99``.

Xorg with the dummy driver is there for what a stock Xvfb cannot do: it ignores keymap
changes (``setxkbmap de`` answers 0 and changes nothing) and cannot switch modes, while
Xorg-dummy honours both, like the X server on a kiosk's mini PC.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

START_TIMEOUT_S = 30.0
COMMAND_TIMEOUT_S = 30.0

XORG_DUMMY_CONF = """\
Section "Device"
    Identifier "dummy"
    Driver "dummy"
    VideoRam 256000
EndSection
Section "Monitor"
    Identifier "monitor"
    HorizSync 5.0-1000.0
    VertRefresh 5.0-200.0
{modelines}
EndSection
Section "Screen"
    Identifier "screen"
    Device "dummy"
    Monitor "monitor"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Modes {modes}
        Virtual {virtual} {virtual}
    EndSubSection
EndSection
Section "ServerFlags"
    Option "AutoAddDevices" "false"
    Option "AutoEnableDevices" "false"
    Option "DontVTSwitch" "true"
EndSection
"""


class XServerError(RuntimeError):
    """The X server did not start (the message holds its output)."""


def modeline(width: int, height: int) -> str:
    """A 60 Hz modeline for ``width``x``height`` with CVT-like (not reduced) blanking,
    which Xorg accepts for a monitor section without reduced-blanking support."""
    htotal, vtotal = width + 304, height + 31
    clock = htotal * vtotal * 60 / 1_000_000
    return (
        f'    Modeline "{width}x{height}" {clock:.2f} {width} {width + 40} {width + 152} '
        f"{htotal} {height} {height + 1} {height + 4} {vtotal}"
    )


class XServer:
    """``kind`` is ``"xvfb"`` or ``"xorg"``; ``sizes`` the screen sizes, the first one active.

    Xvfb gets one screen of the first size; Xorg-dummy one output with a mode for each size
    (switch with :meth:`set_mode`).
    """

    def __init__(self, kind: str, sizes: list[tuple[int, int]], workdir: Path) -> None:
        if kind not in ("xvfb", "xorg"):
            raise ValueError(kind)
        self.kind = kind
        self.sizes = sizes
        self.workdir = workdir
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / f"{kind}.log"

    @staticmethod
    def available(kind: str) -> str:
        """Why ``kind`` cannot run here ("" when it can)."""
        binary = "Xvfb" if kind == "xvfb" else "Xorg"
        if shutil.which(binary) is None:
            return f"{binary} not installed (bash deploy/system-packages.sh)"
        if kind == "xorg":
            if os.geteuid() != 0:
                return "Xorg with a private config file needs root"
            if not Path("/usr/lib/xorg/modules/drivers/dummy_drv.so").exists():
                return "xserver-xorg-video-dummy not installed"
        return ""

    def _command(self, fd: int) -> list[str]:
        width, height = self.sizes[0]
        if self.kind == "xvfb":
            return [
                "Xvfb",
                "-displayfd",
                str(fd),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ]
        conf = self.workdir / "xorg-dummy.conf"
        virtual = max(max(w, h) for w, h in self.sizes)
        conf.write_text(
            XORG_DUMMY_CONF.format(
                modelines="\n".join(modeline(w, h) for w, h in self.sizes),
                modes=" ".join(f'"{w}x{h}"' for w, h in self.sizes),
                virtual=virtual,
            ),
            encoding="utf-8",
        )
        return [
            "Xorg",
            "-displayfd",
            str(fd),
            "-config",
            str(conf),
            "-logfile",
            str(self.workdir / "Xorg.0.log"),
            "-nolisten",
            "tcp",
            "-noreset",
        ]

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        read_fd, write_fd = os.pipe()
        try:
            with self.log_path.open("wb") as log:
                self._proc = subprocess.Popen(
                    self._command(write_fd),
                    pass_fds=(write_fd,),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            os.close(write_fd)
            write_fd = -1
            number = b""
            deadline = time.monotonic() + timeout
            while not number.endswith(b"\n"):
                left = deadline - time.monotonic()
                ready, _, _ = select.select([read_fd], [], [], max(0.0, left))
                if not ready:
                    raise XServerError(
                        f"{self.kind} not ready in {timeout:.0f} s: {self._output()}"
                    )
                chunk = os.read(read_fd, 16)
                if not chunk:
                    raise XServerError(f"{self.kind} exited: {self._output()}")
                number += chunk
        except BaseException:
            self.stop()
            raise
        finally:
            if write_fd >= 0:
                os.close(write_fd)
            os.close(read_fd)
        self.display = f":{number.decode().strip()}"
        if self.kind == "xorg":
            self.set_mode(*self.sizes[0])

    def _output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    @property
    def env(self) -> dict[str, str]:
        """The environment of a client of this server (Qt on xcb, nothing else)."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XAUTHORITY")}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        return env

    def run(self, *args: str, check: bool = True) -> str:
        """Run an X client (xdotool, setxkbmap, xrandr, xwininfo); its stdout."""
        done = subprocess.run(
            list(args),
            env=self.env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
        )
        if check and done.returncode != 0:
            raise XServerError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    def output_name(self) -> str:
        """The RandR output the screen is on (``DUMMY0``, Xvfb's ``screen``)."""
        for line in self.run("xrandr", "--query").splitlines():
            if " connected" in line:
                return line.split()[0]
        raise XServerError("no connected output")

    def set_mode(self, width: int, height: int) -> None:
        """Switch the output to ``width``x``height`` (Xorg-dummy; as a monitor swap would)."""
        self.run("xrandr", "--output", self.output_name(), "--mode", f"{width}x{height}")
        self.run("xrandr", "--fb", f"{width}x{height}")

    def start_window_manager(self, timeout: float = START_TIMEOUT_S) -> None:
        """Run openbox, and return once it has announced itself (EWMH supporting check)."""
        if shutil.which("openbox") is None:
            raise XServerError("openbox not installed (bash deploy/system-packages.sh)")
        with (self.workdir / "openbox.log").open("wb") as log:
            self._wm = subprocess.Popen(
                ["openbox", "--sm-disable"],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while "window id" not in self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"):
            if self._wm.poll() is not None or time.monotonic() > deadline:
                raise XServerError("openbox did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        for proc in (self._wm, self._proc):  # the window manager first, then the server
            _end(proc)
        self._wm = self._proc = None


def _end(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class WestonServer:
    """A Wayland compositor without a screen: weston's headless backend, desktop shell.

    The stand-in for cage (the kiosk's deployed compositor), which refuses to run as root:
    both are wlroots/libweston compositors where only the fullscreen request fills the
    output; no client can place its own window.
    """

    def __init__(self, size: tuple[int, int], workdir: Path) -> None:
        self.size = size
        self.workdir = workdir
        self.runtime_dir = workdir / "xdg-runtime"
        self.socket = "wayland-e2e"
        self._proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> str:
        return "" if shutil.which("weston") else "weston not installed"

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        self.runtime_dir.mkdir(mode=0o700)
        width, height = self.size
        with (self.workdir / "weston.log").open("wb") as log:
            self._proc = subprocess.Popen(
                [
                    "weston",
                    "--backend=headless-backend.so",
                    f"--width={width}",
                    f"--height={height}",
                    f"--socket={self.socket}",
                    "--idle-time=0",
                ],
                env={**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir)},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not (self.runtime_dir / self.socket).exists():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise XServerError("weston did not start")
            time.sleep(0.1)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "XAUTHORITY")}
        env.update(
            WAYLAND_DISPLAY=self.socket,
            XDG_RUNTIME_DIR=str(self.runtime_dir),
            QT_QPA_PLATFORM="wayland",
        )
        return env

    def stop(self) -> None:
        _end(self._proc)
        self._proc = None


XServerFactory = Callable[[str, list[tuple[int, int]]], XServer]
WestonFactory = Callable[[tuple[int, int]], WestonServer]
"""The ``xserver_factory`` fixture: ``(kind, sizes)`` -> a started server."""


class DisplayServer(Protocol):
    """What a kiosk needs of a display server: the environment of its clients."""

    @property
    def env(self) -> dict[str, str]: ...
