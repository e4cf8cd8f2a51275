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
    delivered_on: list[int] = []
    runner.succeeded.connect(lambda *_: delivered_on.append(threading.get_ident()))

    def job() -> str:
        ran_on.append(threading.get_ident())
        return "ok"

    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        request_id = runner.submit("lookup", job)
    assert blocker.args == ["lookup", request_id, "ok"]
    assert ran_on and ran_on[0] != gui
    assert delivered_on == [gui]
    assert runner.shutdown()


def test_errors_are_delivered_not_raised(qtbot) -> None:
    runner = TaskRunner()

    def job() -> None:
        raise ValueError("boom")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit("lookup", job)
    assert isinstance(blocker.args[2], ValueError)
    runner.shutdown()


def test_an_older_result_arriving_late_is_dropped(qtbot) -> None:
    runner = TaskRunner()
    release_old = threading.Event()
    results: list[str] = []
    runner.succeeded.connect(lambda _c, _i, value: results.append(value))

    def old() -> str:
        release_old.wait(5)
        return "old"

    runner.submit("lookup", old)
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.submit("lookup", lambda: "new")
    release_old.set()
    assert runner.shutdown()
    qtbot.wait(50)  # let a (wrongly) queued delivery of "old" arrive, if there were one
    assert results == ["new"]


def test_cancel_drops_the_pending_result(qtbot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    results: list[object] = []
    runner.succeeded.connect(lambda *args: results.append(args))
    runner.submit("lookup", lambda: release.wait(5))
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
