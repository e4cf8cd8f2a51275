"""The wedge on a real X server, with real X key events (xdotool through XTEST).

What only a real server shows: Qt's compose input method taking dead keys, X timestamps
on the events, and a GUI thread that stalls while the keys keep coming. Layouts need
Xorg with the dummy driver (a stock Xvfb ignores ``setxkbmap``); the servers come from
the e2e harness (``tests/e2e/xserver.py``).
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e.xserver import XServer

from kiosk.scanning.layout import detect_keyboard_layout

from .x11_keyboard import strokes_for

GTIN = "4006381333931"
PROBE = Path(__file__).with_name("wedge_probe.py")
WAIT_S = 20.0


class Probe:
    """``wedge_probe.py`` on ``server``: a text field behind the WedgeFilter."""

    def __init__(self, server: XServer, *args: str) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, str(PROBE), *args],
            env=server.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.wait_until(lambda events: {"ready": True} in events)

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._lines.put(line)

    def wait_until(self, done: Callable[[list[dict[str, Any]]], bool]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + WAIT_S
        while not done(self.events):
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"probe: timed out; events so far: {self.events}")
            try:
                self.events.append(json.loads(line))
            except json.JSONDecodeError:
                pytest.fail(f"probe said: {line}")  # a traceback or a Qt warning
        return self.events

    def outcome(self, count: int) -> list[dict[str, Any]]:
        """The first ``count`` scans and Enters after ready."""
        events = self.wait_until(lambda events: len(events) > count)
        return events[1 : count + 1]

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=10)
        self._reader.join(timeout=10)  # the pipe ends with the process: EOF ends the reader
        if self._proc.stdout is not None:
            self._proc.stdout.close()


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[Callable[[str], XServer]]:
    started: list[XServer] = []

    def start(kind: str) -> XServer:
        problem = XServer.available(kind)
        if problem:
            pytest.skip(problem)
        if kind == "xorg" and shutil.which("setxkbmap") is None:
            pytest.skip("setxkbmap not installed (bash deploy/system-packages.sh)")
        workdir = tmp_path / f"x{len(started)}"
        workdir.mkdir()
        server = XServer(kind, [(640, 480)], workdir)
        started.append(server)
        server.start()
        return server

    yield start
    for server in reversed(started):
        server.stop()


@pytest.fixture
def probe_factory() -> Iterator[Callable[..., Probe]]:
    probes: list[Probe] = []

    def start(server: XServer, *args: str) -> Probe:
        if shutil.which("xdotool") is None:
            pytest.skip("xdotool not installed (bash deploy/system-packages.sh)")
        probe = Probe(server, *args)
        probes.append(probe)
        return probe

    yield start
    for probe in probes:
        probe.stop()


def us_keycodes(text: str) -> list[str]:
    """xdotool ``key`` chords for ``text`` from a scanner in US mode: X keycodes (evdev + 8),
    Shift or Ctrl held in the chord; the server's layout decides the characters."""
    chords = [
        "+".join(str(code + 8) for code in (*s.modifiers, s.code)) for s in strokes_for(text, "us")
    ]
    return [*chords, "36"]  # Return


def test_scans_arrive_whole_while_the_gui_thread_stalls(
    x_server: Callable[[str], XServer], probe_factory: Callable[..., Probe]
) -> None:
    server = x_server("xvfb")
    probe = probe_factory(server, "--stall-ms", "150", "--stall-every-ms", "170")
    scanner = ("xdotool", "type", "--delay", "5")  # "\n" ends the scan, as Enter would
    server.run(*scanner, f"]E0{GTIN}\n")
    server.run(*scanner, "STAFF:demo-7\n")
    gs1 = ["bracketright", "C", *"10104006381333931", "ctrl+bracketright", *"10LOT7", "Return"]
    server.run("xdotool", "key", "--delay", "5", *gs1)  # one xdotool: no gap inside the scan
    server.run(*scanner, "Ord/7F3K-22.b_x+Q?\n")
    server.run("xdotool", "type", "--delay", "100", "Anna Mueller")
    server.run("xdotool", "key", "Return")
    assert probe.outcome(5) == [
        {"scan": GTIN, "symbology": "E0"},
        {"scan": "STAFF:demo-7", "symbology": None},
        {"scan": GTIN, "symbology": "C1"},
        {"scan": "Ord/7F3K-22.b_x+Q?", "symbology": None},
        {"enter": "Anna Mueller"},  # and nothing a scanner typed
    ]


@pytest.mark.parametrize(
    ("layout", "person_keys", "person_text"),
    [
        ("de", ["shift+r", "e", "n", "dead_acute", "e"], "René"),
        ("fr", ["f", "dead_circumflex", "e", "t", "e"], "fête"),
    ],
)
def test_us_mode_scanner_on_a_layout_with_dead_keys(
    x_server: Callable[[str], XServer],
    probe_factory: Callable[..., Probe],
    layout: str,
    person_keys: list[str],
    person_text: str,
) -> None:
    server = x_server("xorg")
    server.run("setxkbmap", layout)
    probe = probe_factory(server)
    codes = [f"]E0{GTIN}", "STAFF:demo-7", "]C0A=e-1[2]`3", "]C1010400638133393110LOT\x1d21Zy"]
    for code in codes:
        server.run("xdotool", "key", "--delay", "5", *us_keycodes(code))
    server.run("xdotool", "key", "--delay", "120", *person_keys, "Return")
    assert probe.outcome(5) == [
        {"scan": GTIN, "symbology": "E0"},
        {"scan": "STAFF:demo-7", "symbology": None},
        {"scan": "A=e-1[2]`3", "symbology": "C0"},
        {"scan": GTIN, "symbology": "C1"},
        {"enter": person_text},
    ]


def alt_code_keys(text: str) -> list[str]:
    """xdotool commands for ``text`` from a scanner in "Alt mode": Alt held while the
    character's Windows-1252 code is typed on the keypad (xdotool toggles NumLock)."""
    keys: list[str] = []
    for char in text:
        digits = f"0{char.encode('cp1252')[0]:03d}"
        keys += ["keydown", "--delay", "2", "alt", "key", "--delay", "2"]
        keys += [*(f"KP_{d}" for d in digits), "keyup", "--delay", "2", "alt"]
    return [*keys, "key", "Return"]


def test_scanner_in_alt_mode(
    x_server: Callable[[str], XServer], probe_factory: Callable[..., Probe]
) -> None:
    server = x_server("xvfb")
    server.run("xdotool", *alt_code_keys("0"))  # warm-up: xdotool's first keypad key is slow
    probe = probe_factory(server)
    server.run("xdotool", *alt_code_keys("STAFF:demo-7"))
    server.run("xdotool", *alt_code_keys("]C1010400638133393110LOT\x1d21Zy"))
    assert probe.outcome(2) == [
        {"scan": "STAFF:demo-7", "symbology": None},
        {"scan": GTIN, "symbology": "C1"},
    ]


def test_doctor_names_the_layout_the_x_server_uses(x_server: Callable[[str], XServer]) -> None:
    server = x_server("xorg")
    server.run("setxkbmap", "de", "nodeadkeys")
    layout = detect_keyboard_layout(env=server.env, default_keyboard=Path("/nonexistent"))
    assert layout is not None
    assert (layout.layout, layout.variant) == ("de", "nodeadkeys")
    assert layout.source == f"the X server {server.display}"
