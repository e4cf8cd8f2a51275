"""kiosk.workers.TaskRunner: work off the GUI thread, results on it, stale results dropped."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.workers import TaskRunner


def test_result_arrives_on_the_gui_thread_from_a_worker(qtbot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    ran_on: list[int] = []
    delivered: list[tuple[int, str]] = []

    def job() -> str:
        ran_on.append(threading.get_ident())
        return "ok"

    runner.submit("lookup", job, lambda value: delivered.append((threading.get_ident(), value)))
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert delivered == [(gui, "ok")]
    assert ran_on and ran_on[0] != gui
    assert runner.shutdown()


def test_errors_are_delivered_not_raised(qtbot) -> None:
    runner = TaskRunner()
    successes: list[object] = []
    failures: list[Exception] = []

    def job() -> None:
        raise ValueError("boom")

    runner.submit("lookup", job, successes.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], ValueError)
    assert successes == []
    runner.shutdown()


def test_a_failure_without_a_handler_is_logged_not_raised(qtbot, caplog) -> None:
    runner = TaskRunner()

    def job() -> None:
        raise ValueError("boom")

    with caplog.at_level("WARNING", logger="kiosk.workers"):
        runner.submit("lookup", job, lambda _value: None)
        qtbot.waitUntil(lambda: "lookup failed: ValueError" in caplog.text, timeout=5000)
    runner.shutdown()


def test_an_older_result_arriving_late_is_dropped(qtbot) -> None:
    runner = TaskRunner()
    release_old = threading.Event()
    results: list[str] = []

    def old() -> str:
        release_old.wait(5)
        return "old"

    runner.submit("lookup", old, results.append)
    runner.submit("lookup", lambda: "new", results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    release_old.set()
    assert runner.shutdown()
    qtbot.wait(50)  # let a (wrongly) queued delivery of "old" arrive, if there were one
    assert results == ["new"]


def test_cancel_drops_the_pending_result(qtbot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    results: list[object] = []
    runner.submit("lookup", lambda: release.wait(5), results.append)
    runner.cancel("lookup")
    assert not runner.is_pending("lookup")
    release.set()
    assert runner.shutdown()
    qtbot.wait(50)
    assert results == []


def test_emitting_signals_does_not_leak_references(qapp) -> None:
    """Guards against PySide6 6.12.0, whose SignalInstance.emit() steals a reference to
    True on every call, so a long-running kiosk aborts with "bool_dealloc" on Python 3.11."""

    class Emitter(QObject):
        fired = Signal(int)

    emitter = Emitter()
    before = sys.getrefcount(True)
    for n in range(200):
        emitter.fired.emit(n)
    assert sys.getrefcount(True) - before > -100
