"""AdminSession without a window: PIN outcomes as signals, idle logout through the shared
IdleWatcher (driven by a test clock), one ``ended``, audited login/logout, teardown."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from support.api import Api

from kiosk.admin.admin_session import AdminSession
from kiosk.admin.audit import AuditTrail
from kiosk.admin.pin import PinGate, parse_staff_list
from kiosk.workers import TaskRunner

from .conftest import PIN

IDLE_S = 120.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_session(
    qtbot: Any, fresh_service: Any, client: Any, staff_list: list[dict[str, str]], tmp_path: Path
) -> Iterator[Callable[[], tuple[AdminSession, Clock]]]:
    runner = TaskRunner()
    sessions: list[AdminSession] = []

    def make() -> tuple[AdminSession, Clock]:
        clock = Clock()
        gate = PinGate(parse_staff_list(staff_list), tmp_path / "gate.sqlite")
        audit = AuditTrail(client.staff(fresh_service.staff_key), tmp_path / "audit.sqlite")
        session = AdminSession(
            gate, audit, runner, idle_timeout_s=IDLE_S, clock=clock, idle_timer=QTimer()
        )
        sessions.append(session)
        session.start()
        return session, clock

    yield make
    for session in sessions:
        session.shutdown()
    assert runner.shutdown()


def audit_actions(service: Any) -> list[tuple[str, str]]:
    with Api(service.url, service.staff_key) as api:
        got = api.get("/v1/audit", params={"store_id": service.store_id})
    assert got.status_code == 200, got.text  # a missing audit route fails, never skips
    return [(e["action"], e["actor"]) for e in got.json()]


def test_right_pin_signs_in_and_login_logout_are_audited(
    qtbot: Any, make_session: Any, fresh_service: Any
) -> None:
    session, _clock = make_session()
    assert not session.logged_in and session.actor() == "anonymous"
    with qtbot.waitSignal(session.signed_in, timeout=10_000) as signed:
        session.check_pin("anna", PIN)
    assert signed.args == ["Anna"]
    assert session.logged_in and session.actor() == "anna" and session.staff_name == "Anna"
    qtbot.waitUntil(lambda: ("admin.login", "anna") in audit_actions(fresh_service), timeout=10_000)

    with qtbot.waitSignal(session.ended, timeout=1_000):
        session.end()
    assert not session.logged_in
    qtbot.waitUntil(
        lambda: ("admin.logout", "anna") in audit_actions(fresh_service), timeout=10_000
    )


def test_wrong_pins_count_down_then_lock(qtbot: Any, make_session: Any) -> None:
    session, _clock = make_session()
    for left in (4, 3, 2, 1):
        with qtbot.waitSignal(session.pin_wrong, timeout=10_000) as wrong:
            session.check_pin("ben", "000000")
        assert wrong.args == [left]
    with qtbot.waitSignal(session.pin_locked, timeout=10_000) as locked:
        session.check_pin("ben", "000000")
    assert locked.args[0] == pytest.approx(30.0, abs=1.0)
    assert session.locked_for() > 0 and not session.logged_in


def test_idle_ends_the_visit_once(qtbot: Any, make_session: Any) -> None:
    session, clock = make_session()
    ended: list[bool] = []
    session.ended.connect(lambda: ended.append(True))
    clock.now += IDLE_S - 1
    session.idle.check()
    assert ended == []
    session.poke()  # a scan counts as activity
    clock.now += IDLE_S - 1
    session.idle.check()
    assert ended == []
    clock.now += 2
    session.idle.check()
    assert ended == [True]
    session.end()
    session.idle.check()
    assert ended == [True]  # ended once, the watcher rests
    assert not session.idle.enabled


def test_a_key_press_anywhere_counts_as_activity(qtbot: Any, make_session: Any) -> None:
    session, clock = make_session()
    widget = QWidget()
    qtbot.addWidget(widget)
    clock.now += IDLE_S - 1
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier, "5")
    )
    clock.now += IDLE_S - 1
    session.idle.check()
    assert not session.ended_already
    session.end()
    clock.now += IDLE_S * 2  # after the visit the filter is gone: no second end, no error
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier, "5")
    )
    assert session.ended_already


def test_quit_is_audited_before_the_logout(
    qtbot: Any, make_session: Any, fresh_service: Any
) -> None:
    session, _clock = make_session()
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        session.check_pin("anna", PIN)
    session.end_for_quit()
    qtbot.waitUntil(
        lambda: ("admin.logout", "anna") in audit_actions(fresh_service), timeout=10_000
    )
    actions = [a for a, _ in audit_actions(fresh_service)]
    assert "kiosk.quit" in actions


def test_shutdown_releases_the_files_after_the_logout_is_recorded(
    qtbot: Any, make_session: Any, tmp_path: Any
) -> None:
    session, _clock = make_session()
    with qtbot.waitSignal(session.signed_in, timeout=10_000):
        session.check_pin("anna", PIN)
    assert not _closed(session)
    session.shutdown()
    qtbot.waitUntil(lambda: _closed(session), timeout=10_000)


def _closed(session: AdminSession) -> bool:
    try:
        session.gate.locked_for()
    except sqlite3.ProgrammingError:  # the gate's database is closed
        return True
    return False
