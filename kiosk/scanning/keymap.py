"""The character a key of a US keyboard types, found from the key's native code.

Wedge scanners are usually left in their factory "US keyboard" mode: they press the keys
that would type the code on a US layout. When the OS uses another layout (German QWERTZ,
French AZERTY...) the typed text differs — ``]E0`` arrives as ``+E0`` on German, digits as
``&é"'(-è_çà`` on French — but the *physical keys* are still those of the code on a US
keyboard. Qt reports the physical key as ``QKeyEvent.nativeScanCode()``: on X11 and
Wayland the X keycode, which is the Linux evdev code + 8; on Windows the PC scan code,
which for these keys equals the evdev code. :func:`us_character` maps that back.
"""

from __future__ import annotations

__all__ = [
    "EVDEV_LEFT_ALT",
    "EVDEV_RIGHT_ALT",
    "X11_KEYCODE_OFFSET",
    "alt_code_character",
    "keypad_digit",
    "native_offset_for_platform",
    "us_character",
]

#: X keycodes are Linux evdev key codes + 8 (xkb "evdev" keycodes).
X11_KEYCODE_OFFSET = 8
EVDEV_LEFT_ALT = 56
EVDEV_RIGHT_ALT = 100  # AltGr (ISO_Level3_Shift) on layouts that have it

# evdev code -> (unshifted, shifted) on a US keyboard (linux/input-event-codes.h).
_US_KEYS: dict[int, tuple[str, str]] = {
    2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
    7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
    12: ("-", "_"), 13: ("=", "+"),
    16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
    21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
    26: ("[", "{"), 27: ("]", "}"),
    30: ("a", "A"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
    35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"),
    39: (";", ":"), 40: ("'", '"'), 41: ("`", "~"), 43: ("\\", "|"),
    44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
    49: ("n", "N"), 50: ("m", "M"), 51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
    57: (" ", " "),
}  # fmt: skip

# The numeric keypad (NumLock on, as scanners in keypad mode assume); Shift does not apply.
_KEYPAD: dict[int, str] = {
    71: "7", 72: "8", 73: "9", 74: "-", 75: "4", 76: "5", 77: "6", 78: "+",
    79: "1", 80: "2", 81: "3", 82: "0", 83: ".", 55: "*", 98: "/",
}  # fmt: skip


def keypad_digit(evdev_code: int) -> str | None:
    """The digit of a numeric keypad key, or None for any other key."""
    char = _KEYPAD.get(evdev_code)
    return char if char is not None and char.isdigit() else None


def alt_code_character(digits: str) -> str | None:
    """The character an "Alt code" types: Alt held while ``digits`` are typed on the keypad.

    Scanners offer this "Alt mode" as the layout-independent way to type any character
    (GS as Alt+029). As on Windows: with a leading 0 the code is Windows-1252, without it
    the OEM code page 437; ASCII is the same in both. Codes wrap at 256; 0 types nothing.
    """
    if not digits.isdigit():
        return None
    code = int(digits) % 256
    if code == 0:
        return None
    if code < 0x80:
        return chr(code)
    try:
        return bytes([code]).decode("cp1252" if digits.startswith("0") else "cp437")
    except UnicodeDecodeError:  # the five holes in Windows-1252
        return None


def native_offset_for_platform(platform_name: str) -> int | None:
    """How far Qt's native scan codes sit above evdev codes on ``platform_name``
    (``QGuiApplication.platformName()``), or None where they are not PC key codes."""
    if platform_name == "windows":
        return 0
    if platform_name in ("cocoa", "ios", "android"):
        return None
    return X11_KEYCODE_OFFSET  # xcb, wayland, eglfs, linuxfb, and offscreen in tests


def us_character(evdev_code: int, *, shift: bool = False, ctrl: bool = False) -> str | None:
    """What the key ``evdev_code`` types on a US keyboard, or None for keys that type
    nothing (modifiers, arrows, Enter...).

    With ``ctrl`` a letter or one of ``@[\\]^_`` gives its ASCII control character, as a
    terminal does: Ctrl+] is GS (0x1D, GS1's FNC1), Ctrl+J is LF, Ctrl+M is CR.
    """
    if evdev_code in _KEYPAD:
        return _KEYPAD[evdev_code]
    pair = _US_KEYS.get(evdev_code)
    if pair is None:
        return None
    char = pair[1] if shift else pair[0]
    if ctrl:
        upper = char.upper()
        if "@" <= upper <= "_":
            return chr(ord(upper) & 0x1F)
    return char
