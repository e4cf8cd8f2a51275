"""End-to-end fixtures: a real X server, the real kiosk program on it, real X input.

Everything started here is stopped at the end of the test, also when it fails: the kiosk's
whole process group (the demo service with it), then the X server.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .kiosk_process import START_TIMEOUT_S, KioskProcess
from .xserver import DisplayServer, WestonServer, XServer


@pytest.fixture
def xserver_factory(tmp_path: Path) -> Iterator[Callable[..., XServer]]:
    """``xserver_factory(kind, sizes)``: a started X server of ``kind`` (xvfb or xorg)."""
    started: list[XServer] = []

    def start(kind: str, sizes: list[tuple[int, int]]) -> XServer:
        problem = XServer.available(kind)
        if problem:
            pytest.skip(problem)
        if shutil.which("xdotool") is None:
            pytest.skip("xdotool not installed (bash deploy/system-packages.sh)")
        workdir = tmp_path / f"x{len(started)}"
        workdir.mkdir()
        server = XServer(kind, sizes, workdir)
        started.append(server)
        server.start()
        return server

    yield start
    for server in reversed(started):
        server.stop()


@pytest.fixture
def weston_factory(tmp_path: Path) -> Iterator[Callable[[tuple[int, int]], WestonServer]]:
    """``weston_factory(size)``: a started headless Wayland compositor of ``size``."""
    started: list[WestonServer] = []

    def start(size: tuple[int, int]) -> WestonServer:
        problem = WestonServer.available()
        if problem:
            pytest.skip(problem)
        workdir = tmp_path / f"wayland{len(started)}"
        workdir.mkdir()
        server = WestonServer(size, workdir)
        started.append(server)
        server.start()
        return server

    yield start
    for server in reversed(started):
        server.stop()


@pytest.fixture
def kiosk_factory(tmp_path: Path) -> Iterator[Callable[..., KioskProcess]]:
    """``kiosk_factory(server, args)``: ``python -m kiosk *args`` on ``server``, started.

    Waits until the window is placed and exposed (mapped: X delivers keys to it, and the
    widget map's signal handler is installed by then).
    """
    started: list[KioskProcess] = []

    def start(server: DisplayServer, args: list[str]) -> KioskProcess:
        kiosk = KioskProcess(args, server.env, tmp_path / f"kiosk-{len(started)}.log")
        started.append(kiosk)
        kiosk.start()
        kiosk.wait_for("window placed", timeout=START_TIMEOUT_S, exposed=True)
        return kiosk

    yield start
    for kiosk in reversed(started):
        kiosk.stop()


@pytest.fixture
def no_camera(tmp_path: Path) -> Path:
    """An empty image folder as the camera: codes come only from the USB scanner (xdotool)."""
    folder = tmp_path / "no-camera"
    folder.mkdir()
    return folder


@pytest.fixture
def demo_args(tmp_path: Path, no_camera: Path) -> Callable[..., list[str]]:
    """The arguments of ``demo --fullscreen`` with a data dir the test can read."""

    def args(*extra: str) -> list[str]:
        data_dir = tmp_path / "demo-data"
        return [
            "demo",
            "--fullscreen",
            "--camera",
            str(no_camera),
            "--data-dir",
            str(data_dir),
            *extra,
        ]

    return args
