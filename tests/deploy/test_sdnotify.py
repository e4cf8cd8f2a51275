"""kiosk.system.sdnotify against a real AF_UNIX datagram socket standing in for systemd."""

from __future__ import annotations

import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system import sdnotify


class FakeSystemd:
    """The receiving end of $NOTIFY_SOCKET: collects datagrams with their arrival time."""

    def __init__(self, address: str | bytes) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(address)
        self.sock.setblocking(False)
        self.received: list[tuple[float, str]] = []

    def poll(self) -> list[str]:
        """Read every datagram waiting now; return the new ones."""
        new: list[str] = []
        while True:
            try:
                data = self.sock.recv(4096)
            except BlockingIOError:
                break
            self.received.append((time.monotonic(), data.decode()))
            new.append(data.decode())
        return new

    def count(self, message: str) -> int:
        self.poll()
        return sum(1 for _, m in self.received if m == message)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def systemd(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSystemd]:
    # A short directory: AF_UNIX paths are limited to 107 bytes.
    with tempfile.TemporaryDirectory(prefix="ea-notify-") as tmp:
        path = str(Path(tmp) / "notify.sock")
        fake = FakeSystemd(path)
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        yield fake
        fake.close()


def test_no_socket_means_no_notification(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert sdnotify.notify("READY=1") is False
    assert sdnotify.ready() is False


def test_dead_socket_returns_false(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody-listens"))
    assert sdnotify.watchdog_ping() is False


def test_ready_status_stopping_are_delivered(systemd: FakeSystemd) -> None:
    assert sdnotify.ready()
    assert sdnotify.status("scanning\nwith camera 0")
    assert sdnotify.stopping()
    assert systemd.poll() == ["READY=1", "STATUS=scanning with camera 0", "STOPPING=1"]


def test_abstract_namespace_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"endless-aisle-test-{os.getpid()}-{time.monotonic_ns()}"
    fake = FakeSystemd(b"\0" + name.encode())
    try:
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert sdnotify.watchdog_ping()
        assert fake.poll() == ["WATCHDOG=1"]
    finally:
        fake.close()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"WATCHDOG_USEC": "30000000"}, 30.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 30.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}, 30.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "x"}, None),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
    ],
)
def test_watchdog_interval(env: dict[str, str], expected: float | None) -> None:
    if os.getppid() == 1 and env.get("WATCHDOG_PID") == "1":
        pytest.skip("our parent is pid 1 here")
    assert sdnotify.watchdog_interval(env) == expected


def test_watchdog_without_interval_stays_off(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    dog = sdnotify.Watchdog()
    dog.start()
    assert dog.interval is None
    assert not dog.active


def test_watchdog_reads_interval_from_environment(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert sdnotify.Watchdog().interval == 2.0


def test_watchdog_pings_while_the_loop_runs_and_stops_when_it_stalls(
    qtbot, systemd: FakeSystemd
) -> None:
    interval = 0.2  # systemd's timeout; pings go out every 0.1 s
    dog = sdnotify.Watchdog(interval)
    dog.start()
    assert dog.active
    assert systemd.count("WATCHDOG=1") == 1  # start() pings at once

    qtbot.waitUntil(lambda: systemd.count("WATCHDOG=1") >= 4, timeout=5_000)

    # Stall the GUI thread for three watchdog intervals without returning to the loop.
    systemd.poll()
    last_before = systemd.received[-1][0]
    stall_started = time.monotonic()
    while time.monotonic() - stall_started < 3 * interval:
        pass
    stall_ended = time.monotonic()
    assert systemd.poll() == [], "a ping was sent while the event loop was blocked"

    # Back in the loop, pings resume.
    qtbot.waitUntil(lambda: bool(systemd.poll()), timeout=5_000)
    first_after = systemd.received[-1][0]
    assert first_after - last_before >= stall_ended - stall_started

    dog.stop()
    systemd.poll()
    qtbot.wait(int(interval * 1000))
    assert systemd.poll() == []


def test_watchdog_emits_pinged(qtbot, systemd: FakeSystemd) -> None:
    dog = sdnotify.Watchdog(0.2)
    with qtbot.waitSignal(dog.pinged, timeout=5_000):
        dog.start()
    dog.stop()
