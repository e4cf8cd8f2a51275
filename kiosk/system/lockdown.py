"""Kiosk lockdown: no key the app can see leaves it, the pointer hides, the screen stays on.

:class:`Lockdown` is an application-wide event filter. It swallows the keys that would
close, switch away from or un-fullscreen the kiosk (Escape, Alt+F4, Ctrl+Q, Ctrl+W, F11,
Alt+Tab, Ctrl+Alt+Backspace, Ctrl+Alt+Del, Ctrl+Alt+F<n>, the Meta/Super key and anything
held with it), that desktops bind to a menu, a run dialog or a terminal (Alt+F<n>,
Ctrl+Alt+T, Menu, the launcher keys of multimedia keyboards), SysRq and Print (Alt+Print is
SysRq), and the power, sleep and suspend keys, both as key presses and as shortcuts, and
ignores Close events on the main window until staff call :meth:`Lockdown.allow_exit` from
the admin screen.

The kernel and logind see SysRq and the power keys before any application:
``deploy/install.sh`` turns them off there (``kernel.sysrq = 0``, ``HandlePowerKey=ignore``
...) and ``kiosk doctor`` checks it (:mod:`kiosk.system.lockdown_checks`).

What the filter cannot see is the compositor's: cage (the kiosk session, see
``docs/DEPLOY.md``) has no desktop, no task switcher and no VT switching unless started with
``-s``; a bare X session has no window manager at all. Touch gestures never leave the app
because there is nothing to leave to.

:func:`apply` makes the main window fullscreen and frameless.
:func:`inhibit_screen_blanking` turns X11 screen blanking off (``xset``); on Wayland cage
never blanks, and ``systemd-inhibit --what=idle`` covers other compositors.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QCursor, QKeyEvent, QShortcutEvent
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["Lockdown", "apply", "blocked_key_name", "inhibit_screen_blanking"]

log = logging.getLogger(__name__)

K = Qt.Key
M = Qt.KeyboardModifier

_KEY_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
)
_META_KEYS = frozenset({K.Key_Meta, K.Key_Super_L, K.Key_Super_R, K.Key_Hyper_L, K.Key_Hyper_R})
_FUNCTION_KEYS = frozenset(getattr(K, f"Key_F{n}") for n in range(1, 13))
# Keys blocked whatever the modifiers, by the name the log gives them.
_ALWAYS_BLOCKED: dict[Qt.Key, str] = {
    K.Key_Escape: "Escape",
    K.Key_F11: "F11",
    K.Key_SysReq: "SysRq",  # what Alt+Print sends
    K.Key_Print: "Print",  # screenshot tools would capture what a shopper typed
    K.Key_PowerOff: "Power",
    K.Key_PowerDown: "Power",
    K.Key_Sleep: "Sleep",
    K.Key_Suspend: "Sleep",
    K.Key_Hibernate: "Sleep",
    K.Key_Standby: "Sleep",
    K.Key_WakeUp: "Sleep",
    K.Key_Menu: "Menu",
    K.Key_TopMenu: "Menu",
    K.Key_LogOff: "Log off",
    K.Key_ScreenSaver: "Screen saver",
    K.Key_Close: "Close",
    K.Key_Eject: "Eject",
}
# Multimedia keyboards' launcher keys: a terminal, a file manager, a browser, ...
_LAUNCHER_KEYS = frozenset(
    {
        K.Key_Terminal,
        K.Key_Explorer,
        K.Key_WWW,
        K.Key_HomePage,
        K.Key_Search,
        K.Key_Calculator,
        K.Key_LaunchMail,
        K.Key_Documents,
        K.Key_Execute,
        K.Key_TaskPane,
        K.Key_Calendar,
        K.Key_MySites,
        K.Key_Favorites,
        K.Key_OpenUrl,
        *(getattr(K, f"Key_Launch{c}") for c in "0123456789ABCDEFGH"),
    }
)


def _has(modifiers: Qt.KeyboardModifier, *wanted: Qt.KeyboardModifier) -> bool:
    return all(modifiers & w for w in wanted)


def blocked_key_name(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """The name of the blocked combination ``key`` + ``modifiers`` makes, or None if allowed.

    Digits, letters, Enter and Tab (what keyboard-wedge barcode scanners type) stay allowed.
    """
    try:
        key = K(key)
    except ValueError:
        return None
    if key in _ALWAYS_BLOCKED:
        return _ALWAYS_BLOCKED[key]
    if key in _LAUNCHER_KEYS:
        return "Launcher"
    if key in _META_KEYS or _has(modifiers, M.MetaModifier):
        return "Meta"
    if _has(modifiers, M.ControlModifier, M.AltModifier):
        if key == K.Key_Backspace:
            return "Ctrl+Alt+Backspace"
        if key == K.Key_Delete:
            return "Ctrl+Alt+Del"
        if key in _FUNCTION_KEYS:
            return f"Ctrl+Alt+{key.name.removeprefix('Key_')}"
        if key == K.Key_T:
            return "Ctrl+Alt+T"
    if _has(modifiers, M.AltModifier):
        if key in _FUNCTION_KEYS:  # Alt+F1 menu, Alt+F2 run dialog, Alt+F4 close, ...
            return f"Alt+{key.name.removeprefix('Key_')}"
        if key in (K.Key_Tab, K.Key_Backtab):
            return "Alt+Tab"
        if key == K.Key_Space:
            return "Alt+Space"
    if _has(modifiers, M.ControlModifier) and key in (K.Key_Q, K.Key_W):
        return "Ctrl+" + key.name.removeprefix("Key_")
    return None


class Lockdown(QObject):
    """Application-wide event filter that keeps the kiosk in front.

    ``window`` is the main window whose Close events are refused until :meth:`allow_exit`.
    ``hide_pointer`` hides the mouse pointer (touch hardware) while installed.

    Signals:
        blocked(str): a key combination or a close was swallowed (its name, for the log).
    """

    blocked = Signal(str)

    def __init__(
        self, window: QWidget, *, hide_pointer: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._hide_pointer = hide_pointer
        self._exit_allowed = False
        self._installed = False

    @property
    def exit_allowed(self) -> bool:
        return self._exit_allowed

    def install(self) -> None:
        """Start filtering the application's events (and hide the pointer if configured)."""
        if self._installed:
            return
        app = QApplication.instance()
        if app is None:
            raise RuntimeError("Lockdown.install() needs a QApplication")
        app.installEventFilter(self)
        if self._hide_pointer:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self._installed = True

    def remove(self) -> None:
        """Stop filtering and show the pointer again."""
        if not self._installed:
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._hide_pointer:
            QApplication.restoreOverrideCursor()
        self._installed = False

    def allow_exit(self) -> None:
        """Staff asked to leave the kiosk (admin screen): the main window may now close."""
        log.info("kiosk exit allowed by admin")
        self._exit_allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS:
            assert isinstance(event, QKeyEvent)
            name = blocked_key_name(event.key(), event.modifiers())
            if name is None:
                return False
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # "the widget takes this key": no shortcut fires for it
            if kind == QEvent.Type.KeyPress:
                self._report(name)
            return True
        if kind == QEvent.Type.Shortcut:
            assert isinstance(event, QShortcutEvent)
            sequence = event.key()
            if sequence.count():
                combo = sequence[0]  # type: ignore[index]  # the stubs lack QKeySequence[i]
                name = blocked_key_name(combo.key(), combo.keyboardModifiers())
                if name is not None:
                    self._report(name)
                    return True
            return False
        if kind == QEvent.Type.ContextMenu:
            # The Menu key (and a long press or right click) opens a text field's own menu
            # (Undo, Paste, Select All) whose popup then takes every key: none on a kiosk.
            assert isinstance(event, QContextMenuEvent)
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                self._report("context menu")
            return True
        if kind == QEvent.Type.Close and watched is self._window and not self._exit_allowed:
            event.ignore()
            self._report("close")
            return True
        return False

    def _report(self, name: str) -> None:
        log.info("lockdown swallowed a way out", extra={"blocked": name})
        self.blocked.emit(name)


def apply(window: QWidget) -> None:
    """Show ``window`` fullscreen, frameless and on top."""
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    window.showFullScreen()


def inhibit_screen_blanking(
    *,
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Callable[..., subprocess.CompletedProcess[bytes]] = subprocess.run,
) -> str:
    """Keep the screen on; returns what was done, for the log.

    On X11 (``DISPLAY`` set, ``xset`` installed) it turns off the screen saver, blanking and
    DPMS power saving. On Wayland it does nothing: cage never blanks the screen; under other
    compositors wrap the kiosk in ``systemd-inhibit --what=idle`` (see docs/DEPLOY.md).
    """
    env = os.environ if environ is None else environ
    if env.get("WAYLAND_DISPLAY"):
        return "wayland: the compositor keeps the screen on (cage never blanks)"
    if not env.get("DISPLAY"):
        return "no display: nothing to keep on"
    xset = which("xset")
    if xset is None:
        return "X11 without xset (install x11-xserver-utils): screen may blank"
    try:
        run(
            [xset, "s", "off", "s", "noblank", "-dpms"],
            env=dict(env),
            check=True,
            timeout=5,
            capture_output=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not turn off screen blanking", extra={"error": str(exc)})
        return f"xset failed: {exc}"
    return "X11: screen saver, blanking and DPMS off (xset)"
