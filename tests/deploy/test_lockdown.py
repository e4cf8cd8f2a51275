"""kiosk.system.lockdown with real widgets (offscreen): keys swallowed, close refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.system import lockdown

K = Qt.Key
M = Qt.KeyboardModifier

# The offscreen platform plugin says so whenever a window with a layout is shown.
# QTest cannot spell the power and launcher keys as text and says so; the key still goes.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "keyToAscii Unhandled key code"
)


MODIFIER_KEYS = {K.Key_Shift, K.Key_Control, K.Key_Alt}


class Recorder(QWidget):
    """Records the keys it sees and passes them on (ignore), so the parent sees them too.

    QTest presses the modifier keys themselves (Alt, Ctrl) before the key; those are allowed
    and not recorded.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event) -> None:
        if event.key() not in MODIFIER_KEYS:
            self.keys.append((event.key(), event.modifiers()))
        event.ignore()

    def contextMenuEvent(self, event) -> None:
        self.keys.append((K.Key_Menu, M.NoModifier))  # a text field would open its menu here


class MainWindow(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.field = Recorder(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.addAction(self.quit_action)


@pytest.fixture
def locked(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    guard = lockdown.Lockdown(window)
    guard.install()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.field)
    yield window, guard
    guard.allow_exit()
    guard.remove()


BLOCKED = [
    ("Escape", K.Key_Escape, M.NoModifier),
    ("Alt+F4", K.Key_F4, M.AltModifier),
    ("Ctrl+Q", K.Key_Q, M.ControlModifier),
    ("Ctrl+W", K.Key_W, M.ControlModifier),
    ("F11", K.Key_F11, M.NoModifier),
    ("Alt+Tab", K.Key_Tab, M.AltModifier),
    ("Ctrl+Alt+Backspace", K.Key_Backspace, M.ControlModifier | M.AltModifier),
    ("Ctrl+Alt+Del", K.Key_Delete, M.ControlModifier | M.AltModifier),
    ("Ctrl+Alt+F2", K.Key_F2, M.ControlModifier | M.AltModifier),
    ("Meta", K.Key_Meta, M.NoModifier),
    ("Meta", K.Key_Super_L, M.NoModifier),
    ("Meta", K.Key_D, M.MetaModifier),
    # issue 15: what desktops, the kernel and logind bind
    ("Alt+F1", K.Key_F1, M.AltModifier),
    ("Alt+F2", K.Key_F2, M.AltModifier),
    ("Ctrl+Alt+T", K.Key_T, M.ControlModifier | M.AltModifier),
    ("SysRq", K.Key_SysReq, M.AltModifier),
    ("Print", K.Key_Print, M.NoModifier),
    ("Power", K.Key_PowerOff, M.NoModifier),
    ("Sleep", K.Key_Sleep, M.NoModifier),
    ("Sleep", K.Key_Suspend, M.NoModifier),
    ("Menu", K.Key_Menu, M.NoModifier),
    ("Launcher", K.Key_Terminal, M.NoModifier),
]


@pytest.mark.parametrize(("name", "key", "modifiers"), BLOCKED, ids=[b[0] for b in BLOCKED])
def test_blocked_keys_never_reach_the_window(qtbot, locked, name, key, modifiers) -> None:
    window, guard = locked
    quits: list[bool] = []
    window.quit_action.triggered.connect(lambda: quits.append(True))

    with qtbot.waitSignal(guard.blocked, timeout=1_000) as blocker:
        QTest.keyClick(window.field, key, modifiers)

    assert blocker.args == [name]
    assert window.field.keys == []
    assert window.keys == []
    assert quits == []
    assert window.isVisible()


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (K.Key_4, M.NoModifier),
        (K.Key_A, M.ShiftModifier),
        (K.Key_Return, M.NoModifier),
        (K.Key_Space, M.NoModifier),
        (K.Key_F4, M.NoModifier),
        (K.Key_T, M.ControlModifier),
        (K.Key_T, M.AltModifier),
        (K.Key_Backspace, M.NoModifier),
    ],
)
def test_ordinary_keys_pass(qtbot, locked, key, modifiers) -> None:
    window, _guard = locked
    QTest.keyClick(window.field, key, modifiers)
    assert window.field.keys == [(key, modifiers)]
    assert window.keys == [(key, modifiers)]


def test_shortcuts_fire_without_lockdown(qtbot) -> None:
    """The rig can fail: without the filter, Ctrl+Q reaches the action and closes the window."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.field)
    with qtbot.waitSignal(window.quit_action.triggered, timeout=1_000):
        QTest.keyClick(window.field, K.Key_Q, M.ControlModifier)
    assert not window.isVisible()


def test_close_is_refused_until_admin_allows_exit(qtbot, locked) -> None:
    window, guard = locked
    with qtbot.waitSignal(guard.blocked, timeout=1_000) as blocker:
        assert window.close() is False
    assert blocker.args == ["close"]
    assert window.isVisible()

    guard.allow_exit()
    assert guard.exit_allowed
    assert window.close() is True
    assert not window.isVisible()


def test_other_windows_may_close(qtbot, locked) -> None:
    dialog = QWidget()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.close() is True


def test_pointer_hidden_while_installed_on_touch_hardware(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    guard = lockdown.Lockdown(window, hide_pointer=True)
    guard.install()
    try:
        cursor = QApplication.overrideCursor()
        assert cursor is not None
        assert cursor.shape() == Qt.CursorShape.BlankCursor
    finally:
        guard.remove()
    assert QApplication.overrideCursor() is None


def test_pointer_untouched_without_touch(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    guard = lockdown.Lockdown(window)
    guard.install()
    guard.remove()
    assert QApplication.overrideCursor() is None


def test_after_remove_keys_pass_again(qtbot, locked) -> None:
    window, guard = locked
    guard.remove()
    QTest.keyClick(window.field, K.Key_Escape)
    assert window.field.keys == [(K.Key_Escape, M.NoModifier)]
    guard.install()


def test_apply_makes_the_window_fullscreen_and_frameless(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    lockdown.apply(window)
    qtbot.waitExposed(window)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowState() & Qt.WindowState.WindowFullScreen


def _fake_xset(tmp_path: Path) -> Path:
    """A real executable named xset that records its arguments."""
    script = tmp_path / "xset"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path / "calls"}"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_screen_blanking_turned_off_on_x11(tmp_path: Path) -> None:
    _fake_xset(tmp_path)
    env = {"DISPLAY": ":0", "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = lockdown.inhibit_screen_blanking(
        environ=env, which=lambda name: lockdown.shutil.which(name, path=env["PATH"])
    )
    assert "xset" in done
    assert (tmp_path / "calls").read_text().split() == ["s", "off", "s", "noblank", "-dpms"]


def test_screen_blanking_without_xset_or_on_wayland(tmp_path: Path) -> None:
    assert "without xset" in lockdown.inhibit_screen_blanking(
        environ={"DISPLAY": ":0"}, which=lambda name: None
    )
    assert "wayland" in lockdown.inhibit_screen_blanking(
        environ={"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    )
    assert "no display" in lockdown.inhibit_screen_blanking(environ={})


def test_failing_xset_is_reported_not_raised(tmp_path: Path) -> None:
    script = tmp_path / "xset"
    script.write_text("#!/bin/sh\nexit 1\n")
    script.chmod(0o755)
    done = lockdown.inhibit_screen_blanking(
        environ={"DISPLAY": ":0"}, which=lambda name: str(script)
    )
    assert done.startswith("xset failed")


def test_blocked_key_name_ignores_unknown_key_codes() -> None:
    assert lockdown.blocked_key_name(0x7FFFFFF, M.NoModifier) is None


@pytest.mark.parametrize("reason", list(QContextMenuEvent.Reason))
def test_no_context_menu_opens(qtbot, locked, reason) -> None:
    """The Menu key (on X it arrives as a keyboard context-menu event), a right click or a
    long press would open a text field's Undo/Paste menu, whose popup then takes the keys."""
    window, _guard = locked
    event = QContextMenuEvent(reason, QPoint(5, 5), window.field.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(window.field, event)
    assert window.field.keys == [] and window.keys == []
