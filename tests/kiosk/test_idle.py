"""kiosk.idle.IdleWatcher on a hand-driven clock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.idle import IdleWatcher


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(qapp) -> tuple[IdleWatcher, Clock, list[tuple[str, int]]]:
    clock = Clock()
    watcher = IdleWatcher(60, 10, clock=clock, timer=QTimer())
    events: list[tuple[str, int]] = []
    watcher.still_there.connect(lambda n: events.append(("ask", n)))
    watcher.resumed.connect(lambda: events.append(("resumed", 0)))
    watcher.expired.connect(lambda: events.append(("expired", 0)))
    return watcher, clock, events


def test_asks_counts_down_then_expires(qapp) -> None:
    watcher, clock, events = make(qapp)
    watcher.set_enabled(True)
    clock.now += 59.9
    watcher.check()
    assert events == []
    clock.now += 0.1
    watcher.check()
    assert events == [("ask", 10)] and watcher.asking
    clock.now += 0.5
    watcher.check()  # same whole second: no repeat
    clock.now += 0.6
    watcher.check()
    assert events == [("ask", 10), ("ask", 9)]
    clock.now += 9
    watcher.check()
    assert events[-1] == ("expired", 0)
    assert not watcher.enabled and not watcher.asking


def test_activity_during_the_countdown_resumes(qapp) -> None:
    watcher, clock, events = make(qapp)
    watcher.set_enabled(True)
    clock.now += 65
    watcher.check()
    watcher.poke()
    assert events == [("ask", 5), ("resumed", 0)]
    clock.now += 59
    watcher.check()
    assert events[-1] == ("resumed", 0)  # the full minute again


def test_disabled_never_fires(qapp) -> None:
    watcher, clock, events = make(qapp)
    watcher.set_enabled(True)
    watcher.set_enabled(False)  # back on the attract screen
    clock.now += 1000
    watcher.check()
    assert events == []


def test_input_through_the_application_filter_counts_as_activity(qapp, qtbot) -> None:
    """Installed on the application as the kiosk does: clicks, touches-as-clicks, keys and
    the wheel restart the count; mouse moves, paints and other events do not."""
    watcher, clock, events = make(qapp)
    button = QPushButton("tap")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    qapp.installEventFilter(watcher)
    try:
        watcher.set_enabled(True)
        activities = [
            lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton),
            lambda: QTest.keyClick(button, Qt.Key.Key_A),
            lambda: QApplication.sendEvent(
                button,
                QWheelEvent(
                    QPointF(5, 5),
                    QPointF(5, 5),
                    QPoint(0, 0),
                    QPoint(0, 120),
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    Qt.ScrollPhase.NoScrollPhase,
                    False,
                ),
            ),
        ]
        for activity in activities:
            clock.now += 59
            activity()
            clock.now += 59
            watcher.check()
            assert events == [], "activity did not restart the count"
        # 59 s since the last activity; these must not restart the count:
        QTest.mouseMove(button, QPoint(3, 3))
        QApplication.sendEvent(button, QEvent(QEvent.Type.UpdateRequest))
        QApplication.sendEvent(button, QEvent(QEvent.Type.User))
        clock.now += 1
        watcher.check()
        assert events == [("ask", 10)], "a non-activity event restarted the count"
    finally:
        qapp.removeEventFilter(watcher)
