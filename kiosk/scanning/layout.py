"""Which keyboard layout the OS uses, for ``kiosk doctor``.

A wedge scanner's characters depend on it (see :mod:`kiosk.scanning.keymap`), so IT should
see it named. Sources, first found wins:

1. the X server: ``setxkbmap -query`` (``layout:`` and ``variant:`` lines), when a display
   is set — what the kiosk session really uses;
2. ``/etc/default/keyboard`` (``XKBLAYOUT`` / ``XKBVARIANT``, Debian's keyboard-configuration),
   what a console or a fresh X session starts with;
3. the Qt input method's locale, when a Qt application is running (e.g. the admin screen).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_KEYBOARD_FILE", "KeyboardLayout", "detect_keyboard_layout"]

DEFAULT_KEYBOARD_FILE = Path("/etc/default/keyboard")
_QUERY_TIMEOUT_S = 3.0

Runner = Callable[[list[str], Mapping[str, str]], str]  # (argv, environment) -> stdout


@dataclass(frozen=True)
class KeyboardLayout:
    """``layout`` as XKB names it (``"de"``, ``"us,de"``), its ``variant`` if any, and
    ``source``: where it was read."""

    layout: str
    variant: str
    source: str

    def describe(self) -> str:
        name = f"{self.layout} ({self.variant})" if self.variant else self.layout
        return f"{name}, from {self.source}"


def _run_setxkbmap(argv: list[str], env: Mapping[str, str]) -> str:
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=_QUERY_TIMEOUT_S, check=True, env=dict(env)
    )
    return done.stdout


def _from_x_server(env: Mapping[str, str], run: Runner) -> KeyboardLayout | None:
    if not env.get("DISPLAY"):
        return None
    exe = shutil.which("setxkbmap", path=env.get("PATH"))
    if exe is None:
        return None
    try:
        output = run([exe, "-query"], env)
    except (OSError, subprocess.SubprocessError):
        return None
    fields: dict[str, str] = {}
    for line in output.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    layout = fields.get("layout", "")
    if not layout:
        return None
    return KeyboardLayout(layout, fields.get("variant", ""), f"the X server {env['DISPLAY']}")


def _from_default_keyboard(path: Path) -> KeyboardLayout | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    fields: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            try:
                words = shlex.split(value, comments=True)
            except ValueError:
                continue
            fields[name.strip()] = words[0] if words else ""
    layout = fields.get("XKBLAYOUT", "")
    if not layout:
        return None
    return KeyboardLayout(layout, fields.get("XKBVARIANT", ""), str(path))


def _from_qt() -> KeyboardLayout | None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        return None
    locale = QGuiApplication.inputMethod().locale()
    return KeyboardLayout(locale.name(), "", "the Qt input locale")


def detect_keyboard_layout(
    *,
    env: Mapping[str, str] | None = None,
    run: Runner = _run_setxkbmap,
    default_keyboard: Path = DEFAULT_KEYBOARD_FILE,
    use_qt: bool = True,
) -> KeyboardLayout | None:
    """The keyboard layout in use, or None when no source names one."""
    env = os.environ if env is None else env
    return (
        _from_x_server(env, run)
        or _from_default_keyboard(default_keyboard)
        or (_from_qt() if use_qt else None)
    )
