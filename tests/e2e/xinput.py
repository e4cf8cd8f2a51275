"""Real X input with xdotool, at the speeds real devices use, and where to aim it.

A USB wedge scanner types a whole code in tens of milliseconds (~5 ms between keys, Shift
pressed and released around capitals); a person types at ~100 ms a key. xdotool sends the
keys through XTEST as a keyboard would, so the kiosk sees real X key events: keycodes,
keysyms and modifier presses included.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from .xserver import XServer

SCANNER_DELAY_MS = 5
PERSON_DELAY_MS = 100

# The keys a scanner in US mode presses, as X keycodes (evdev code + 8). On another layout
# the same keycodes make other characters: the case the wedge must handle.
US_KEYCODES = {
    **{str(d): 10 + (d - 1) % 10 for d in range(10)},  # 1..9 -> 10..18, 0 -> 19
    "]": 35,
    "[": 34,
    ":": 47,  # with Shift (the ; key)
    "-": 20,
    **dict(zip("qwertyuiop", range(24, 34), strict=True)),
    **dict(zip("asdfghjkl", range(38, 47), strict=True)),
    **dict(zip("zxcvbnm", range(52, 59), strict=True)),
}
SHIFT_KEYCODE = 50
RETURN_KEYCODE = 36
_NEEDS_SHIFT = set(":")


def us_keystrokes(text: str) -> list[str]:
    """xdotool ``key`` arguments for ``text`` typed by a scanner in US mode (raw keycodes).

    Numbers are keycodes to xdotool (``35``), so the X server's current layout decides
    which character they make, exactly as with a real scanner.
    """
    strokes = []
    for char in text:
        lower = char.lower()
        code = US_KEYCODES[lower]
        shifted = char.isupper() or char in _NEEDS_SHIFT
        strokes.append(f"{SHIFT_KEYCODE}+{code}" if shifted else str(code))
    strokes.append(str(RETURN_KEYCODE))
    return strokes


def on_time(*command: str) -> list[str]:
    """``command`` at real-time priority when this process may ask for it (root, as in CI).

    The kiosk tells a scanner from a person by the gaps between key events, stamped by
    the X server as xdotool sends them. On a loaded build machine an ordinary xdotool can
    be descheduled for tens of milliseconds mid-code, which no USB scanner ever does;
    SCHED_FIFO keeps the gaps what the test asked for.
    """
    if os.geteuid() == 0 and shutil.which("chrt"):
        return ["chrt", "--fifo", "50", *command]
    return list(command)


class XInput:
    """xdotool on one X server."""

    def __init__(self, server: XServer) -> None:
        self.server = server

    def type(self, text: str, delay_ms: int) -> None:
        """Type ``text`` (xdotool finds each character's key and presses Shift as needed)."""
        self.server.run(*on_time("xdotool", "type", "--delay", str(delay_ms), "--", text))

    def key(self, *keys: str, delay_ms: int = SCANNER_DELAY_MS) -> None:
        self.server.run(*on_time("xdotool", "key", "--delay", str(delay_ms), *keys))

    def scan(self, code: str) -> None:
        """A wedge scanner's burst: ``code`` then Enter, 5 ms a key."""
        self.type(code, SCANNER_DELAY_MS)
        self.key("Return")

    def scan_us_keycodes(self, code: str) -> None:
        """``code`` as the key presses of a scanner set to US, whatever the X layout."""
        self.key(*us_keystrokes(code), delay_ms=SCANNER_DELAY_MS)

    def click(self, point: list[int], *, repeat: int = 1, delay_ms: int = 120) -> None:
        """Tap at ``point`` (screen coordinates), ``repeat`` times ``delay_ms`` apart."""
        x, y = point
        self.server.run(
            "xdotool",
            "mousemove",
            "--sync",
            str(x),
            str(y),
            "click",
            "--repeat",
            str(repeat),
            "--delay",
            str(delay_ms),
            "1",
        )

    def window_geometries(self, name: str) -> list[tuple[int, int, int, int]]:
        """x, y, width, height of every visible window titled ``name`` (from the X server)."""
        out = self.server.run("xdotool", "search", "--onlyvisible", "--name", name, check=False)
        result = []
        for window_id in out.split():
            shell = self.server.run("xdotool", "getwindowgeometry", "--shell", window_id)
            values = dict(line.split("=", 1) for line in shell.splitlines() if "=" in line)
            result.append(
                (int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))
            )
        return result


# --- reading the widget map --------------------------------------------------------------


def buttons(widget_map: dict[str, Any], **fields: Any) -> list[dict[str, Any]]:
    """Visible buttons in any window whose fields equal ``fields``."""
    return [
        button
        for window in widget_map["windows"]
        for button in window["buttons"]
        if all(button.get(k) == v for k, v in fields.items())
    ]


def all_fields(widget_map: dict[str, Any]) -> list[dict[str, Any]]:
    return [field for window in widget_map["windows"] for field in window["fields"]]


def field(widget_map: dict[str, Any], name: str) -> dict[str, Any]:
    found = [f for f in all_fields(widget_map) if f["name"] == name and f["visible"]]
    assert found, f"no visible field {name}: {[f['name'] for f in all_fields(widget_map)]}"
    return found[0]
