"""Key events as X11 delivers them to Qt, for a wedge scanner or a person.

A :class:`Keyboard` knows three layouts (us, de, fr) as the X server's keymap: per Linux
evdev key code, what the key types at level 1 (plain), 2 (Shift) and 3 (AltGr). It
turns "the scanner types this code for a US (or German...) keyboard" into the key strokes
the scanner makes, and each stroke into the ``QKeyEvent`` Qt's xcb plugin builds:
``nativeScanCode`` = X keycode (evdev + 8), ``nativeVirtualKey`` = the keysym, the text the
*OS* layout produces, Shift/AltGr/Ctrl pressed and released around the key, and an X
server timestamp in ms. The tables are written out here, independent of
``kiosk.scanning.keymap``, so the tests check the kiosk against the layouts, not against
itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

K = Qt.Key
M = Qt.KeyboardModifier
GS = "\x1d"

# Dead keys: their name -> (keysym, Qt key). They type nothing by themselves.
_DEAD = {
    "dead_grave": (0xFE50, 0x01001250),
    "dead_acute": (0xFE51, 0x01001251),
    "dead_circumflex": (0xFE52, 0x01001252),
    "dead_diaeresis": (0xFE57, 0x01001257),
}


# What Qt's compose input context makes of a dead key and the next key (a few pairs).
_COMPOSE = {
    ("dead_acute", "e"): "é",
    ("dead_grave", "e"): "è",
    ("dead_circumflex", "e"): "ê",
    ("dead_circumflex", "a"): "â",
    ("dead_acute", " "): "´",
}


def _rows(*rows: tuple[int, str, str]) -> dict[int, list[str]]:
    """(first evdev code, plain chars, shifted chars) per row -> {code: [plain, shifted]}."""
    table: dict[int, list[str]] = {}
    for first, plain, shifted in rows:
        for i, (a, b) in enumerate(zip(plain, shifted, strict=True)):
            table[first + i] = [a, b]
    return table


def _us() -> dict[int, list[str]]:
    table = _rows(
        (2, "1234567890-=", "!@#$%^&*()_+"),
        (16, "qwertyuiop[]", "QWERTYUIOP{}"),
        (30, "asdfghjkl;'`", 'ASDFGHJKL:"~'),
        (43, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
    )
    table[57] = [" ", " "]
    return table


def _de() -> dict[int, list[str]]:
    table = _rows(
        (2, "1234567890ß", '!"§$%&/()=?'),
        (16, "qwertzuiopü+", "QWERTZUIOPÜ*"),
        (30, "asdfghjklöä", "ASDFGHJKLÖÄ"),
        (43, "#yxcvbnm,.-", "'YXCVBNM;:_"),
    )
    table[13] = ["dead_acute", "dead_grave"]
    table[41] = ["dead_circumflex", "°"]
    table[57] = [" ", " "]
    table[86] = ["<", ">", "|"]
    for code, level3 in {8: "{", 9: "[", 10: "]", 11: "}", 12: "\\", 16: "@", 27: "~"}.items():
        table[code].append(level3)
    return table


def _fr() -> dict[int, list[str]]:
    table = _rows(
        (2, "&é\"'(-è_çà)=", "1234567890°+"),
        (16, "azertyuiop", "AZERTYUIOP"),
        (30, "qsdfghjklmù", "QSDFGHJKLM%"),
        (43, "*wxcvbn,;:!", "µWXCVBN?./§"),
    )
    table[26] = ["dead_circumflex", "dead_diaeresis"]
    table[27] = ["$", "£"]
    table[41] = ["²", "²"]
    table[57] = [" ", " "]
    table[86] = ["<", ">"]
    level3 = {3: "~", 4: "#", 5: "{", 6: "[", 7: "|", 8: "`", 9: "\\", 10: "^", 11: "@"}
    level3 |= {12: "]", 13: "}"}
    for code, char in level3.items():
        table[code].append(char)
    return table


# The numeric keypad's digits (NumLock on): the same on every layout.
KEYPAD = {"7": 71, "8": 72, "9": 73, "4": 75, "5": 76, "6": 77, "1": 79, "2": 80, "3": 81}
KEYPAD["0"] = 82
LAYOUTS: dict[str, dict[int, list[str]]] = {
    name: table | {code: [digit, digit] for digit, code in KEYPAD.items()}
    for name, table in {"us": _us(), "de": _de(), "fr": _fr()}.items()
}

SHIFT, CTRL, ALT, ALTGR, ENTER, TAB = 42, 29, 56, 100, 28, 15  # evdev codes
_SPECIAL: dict[int, tuple[int, int, str]] = {
    SHIFT: (K.Key_Shift, 0xFFE1, ""),
    CTRL: (K.Key_Control, 0xFFE3, ""),
    ALT: (K.Key_Alt, 0xFFE9, ""),
    ALTGR: (K.Key_AltGr, 0xFE03, ""),
    ENTER: (K.Key_Return, 0xFF0D, "\r"),
    TAB: (K.Key_Tab, 0xFF09, "\t"),
}
_MODIFIER_OF = {
    SHIFT: M.ShiftModifier,
    CTRL: M.ControlModifier,
    ALT: M.AltModifier,
    ALTGR: M.GroupSwitchModifier,
}
_X_STATE_OF = {SHIFT: 0x1, CTRL: 0x4, ALT: 0x8, ALTGR: 0x80}


@dataclass(frozen=True)
class Stroke:
    """One key pressed with modifiers held (evdev codes)."""

    code: int
    modifiers: tuple[int, ...] = ()


def strokes_for(text: str, layout: str) -> list[Stroke]:
    """The strokes a scanner set to ``layout`` makes to type ``text`` (GS as Ctrl+])."""
    table = LAYOUTS[layout]
    strokes = []
    for char in text:
        if char == GS:
            strokes.append(Stroke(27, (CTRL,)))  # Ctrl + the US "]" key
            continue
        for code, levels in sorted(table.items()):
            if char in levels:
                level = levels.index(char)
                strokes.append(Stroke(code, ((), (SHIFT,), (ALTGR,))[level]))
                break
        else:
            raise ValueError(f"{char!r} cannot be typed on {layout}")
    return strokes


def _control(char: str) -> str:
    """xkbcommon's Ctrl transformation: @A-Z[\\]^_ and a-z become control characters."""
    upper = char.upper() if len(char) == 1 else char
    return chr(ord(upper) & 0x1F) if len(upper) == 1 and "@" <= upper <= "_" else char


def _qt_key_and_keysym(symbol: str) -> tuple[int, int, str]:
    if symbol in _DEAD:
        keysym, qt_key = _DEAD[symbol]
        return qt_key, keysym, ""
    upper = symbol.upper()
    qt_key = ord(upper) if len(upper) == 1 else ord(symbol)
    return qt_key, ord(symbol), symbol  # Latin-1 keysyms equal their code points


class Keyboard:
    """Sends X11-style key events to ``widget`` as the OS layout ``os_layout`` maps them.

    ``clock_ms`` is the X server time of the next event; every event advances it.
    ``compose`` models Qt's compose input context on X11 (as observed under Xorg): a dead
    key's press never reaches the application, only its release; the next key's press,
    when the pair composes, arrives as an input method commit of the composed character.
    """

    def __init__(
        self,
        widget: QWidget,
        os_layout: str = "us",
        clock_ms: int = 1_000_000,
        *,
        compose: bool = False,
    ):
        self.widget = widget
        self.table = LAYOUTS[os_layout]
        self.clock_ms = clock_ms
        self.compose = compose
        self._down: list[int] = []  # modifiers held, in press order
        self._dead: str | None = None  # a dead key the input method holds

    def _modifiers(self) -> tuple[M, int]:
        qt, x = M.NoModifier, 0
        for code in self._down:
            qt |= _MODIFIER_OF[code]
            x |= _X_STATE_OF[code]
        return qt, x

    def _send(self, kind: QEvent.Type, code: int, *, auto_repeat: bool = False) -> None:
        if code in _SPECIAL:
            qt_key, keysym, text = _SPECIAL[code]
        else:
            levels = self.table[code]
            held = set(self._down)
            level = 2 if ALTGR in held and len(levels) > 2 else (1 if SHIFT in held else 0)
            qt_key, keysym, text = _qt_key_and_keysym(levels[level])
            if CTRL in held and text:
                text = _control(text)
            is_press = kind == QEvent.Type.KeyPress
            if self.compose and is_press and self._input_method_takes(levels[level]):
                return
        qt_mods, x_state = self._modifiers()
        event = QKeyEvent(kind, qt_key, qt_mods, code + 8, keysym, x_state, text, auto_repeat)
        event.setTimestamp(self.clock_ms)
        QApplication.sendEvent(self.widget, event)

    def _input_method_takes(self, symbol: str) -> bool:
        """True when the compose input context consumes this press (see the class doc)."""
        dead, self._dead = self._dead, None
        if symbol in _DEAD:
            self._dead = symbol
            return True
        composed = _COMPOSE.get((dead, symbol)) if dead is not None else None
        if composed is None:
            return False
        commit = QInputMethodEvent()
        commit.setCommitString(composed)
        QApplication.sendEvent(self.widget, commit)
        return True

    def press(self, code: int, *, after_ms: int = 0, auto_repeat: bool = False) -> None:
        self.clock_ms += after_ms
        self._send(QEvent.Type.KeyPress, code, auto_repeat=auto_repeat)
        if code in _MODIFIER_OF:
            self._down.append(code)

    def release(self, code: int, *, after_ms: int = 0) -> None:
        self.clock_ms += after_ms
        if code in self._down:
            self._down.remove(code)
        self._send(QEvent.Type.KeyRelease, code)

    def stroke(self, stroke: Stroke, *, step_ms: int) -> None:
        """Modifiers down, key down, key up, modifiers up: ``step_ms`` between events."""
        for mod in stroke.modifiers:
            self.press(mod, after_ms=step_ms)
        self.press(stroke.code, after_ms=step_ms)
        self.release(stroke.code, after_ms=step_ms)
        for mod in reversed(stroke.modifiers):
            self.release(mod, after_ms=step_ms)

    def scan(
        self, text: str, *, scanner_layout: str = "us", step_ms: int = 2, terminator: int = ENTER
    ) -> None:
        """A wedge scanner set to ``scanner_layout`` types ``text`` and the terminator."""
        for stroke in strokes_for(text, scanner_layout):
            self.stroke(stroke, step_ms=step_ms)
        self.stroke(Stroke(terminator), step_ms=step_ms)

    def scan_alt_codes(self, text: str, *, step_ms: int = 2) -> None:
        """A scanner in "Alt mode": Alt held while each character's Windows-1252 code is
        typed on the keypad (``A`` is Alt+0065), then Enter."""
        for char in text:
            self.press(ALT, after_ms=step_ms)
            for digit in "0" + f"{char.encode('cp1252')[0]:03d}":
                self.stroke(Stroke(KEYPAD[digit]), step_ms=step_ms)
            self.release(ALT, after_ms=step_ms)
        self.stroke(Stroke(ENTER), step_ms=step_ms)

    def type_like_a_person(
        self,
        text: str,
        *,
        per_key_ms: int | Sequence[int] = 100,
        hold_ms: int = 60,
        enter: bool = False,
    ) -> None:
        """A person on a US-layout keyboard: a key every ``per_key_ms`` (or after each gap
        of a sequence, one per key), held ``hold_ms``, Shift pressed a little before a
        capital; the next key may go down before the last is up (rollover) when
        ``hold_ms`` > the gap."""
        strokes = strokes_for(text, "us") + ([Stroke(ENTER)] if enter else [])
        gaps = [per_key_ms] * len(strokes) if isinstance(per_key_ms, int) else list(per_key_ms)
        pending_release: tuple[int, int] | None = None  # (code, at ms)
        at = self.clock_ms
        for stroke, gap in zip(strokes, gaps, strict=True):
            at += gap
            if pending_release is not None and pending_release[1] <= at:
                self.release(pending_release[0], after_ms=pending_release[1] - self.clock_ms)
                pending_release = None
            for mod in stroke.modifiers:
                self.press(mod, after_ms=max(0, at - 20 - self.clock_ms))
            self.press(stroke.code, after_ms=max(0, at - self.clock_ms))
            if pending_release is not None:
                self.release(
                    pending_release[0], after_ms=max(0, pending_release[1] - self.clock_ms)
                )
            for mod in stroke.modifiers:
                self.release(mod, after_ms=hold_ms // 2)
            pending_release = (stroke.code, at + hold_ms)
        if pending_release is not None:
            self.release(pending_release[0], after_ms=max(0, pending_release[1] - self.clock_ms))
