"""USB keyboard-wedge scanners: keystroke bursts ending in Enter become scans.

A wedge scanner is a keyboard that types its code a few milliseconds per key, pressing
and releasing Shift around capitals (AltGr or Ctrl for some characters; Ctrl+] sends GS,
GS1's FNC1) and ending with Enter (or Tab): 2-10 ms per key event, up to ~35 ms per
capital from a scanner polled at 125 Hz that sends Shift in reports of its own. People
type 65+ ms per key even in a fast burst (15 keys/s), with single gaps down to ~35 ms.
:class:`WedgeFilter` is installed on the application and holds back every key event from
the first key of a possible burst — presses, releases, modifiers — and decides:

- the character keys came fast (on average <= ``max_mean_gap_s``, 40 ms, which no person
  keeps up over ``min_length`` keys; each gap <= ``max_gap_s``, 80 ms, which leaves room
  for a scanner, or an X client, that is briefly not scheduled), at least ``min_length``
  of them, and a terminator followed fast: a **scan**. ``scanned`` is emitted; none of
  its key events reach any widget (not the Enter, not the releases that arrive after it);
- otherwise: **typing**. The held events are re-sent, in order, to the widget they were
  meant for (a person sees the key ``max_gap_s`` later, which is not noticeable).

Gaps are measured with the events' own timestamps (X server time) when they carry one,
so a busy GUI thread that delivers a scanner's keys late does not split the burst; a
flush the timer wants is deferred one event-loop turn so keys already queued come first.

Each key is read twice — the text the OS layout typed and the US-keyboard character of
the physical key (:mod:`kiosk.scanning.keymap`) — and :mod:`kiosk.scanning.wedge_text`
picks the reading and extracts the code, so a scanner in US mode on a German or French
layout still yields the right code. Where the US key is a dead key on the OS layout
(``=`` on German, ``[`` on French) Qt's compose input method takes its press before any
event filter: the filter counts the key from its release, and holds the input method's
commit inside a burst like a key. Scanners in "Alt mode" (Alt held, the character's code
on the keypad, the same on every layout) are read too: the code becomes one character.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Collection
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.scanning.keymap import (
    EVDEV_RIGHT_ALT,
    alt_code_character,
    keypad_digit,
    native_offset_for_platform,
    us_character,
)
from kiosk.scanning.wedge_burst import Burst, HeldCommit, HeldKey, key_identity
from kiosk.scanning.wedge_text import (
    GS,
    ReadingSource,
    ScannerKeyboard,
    WedgeScan,
    choose_reading,
    clean_wedge_text,
    parse_wedge_text,
)

__all__ = ["DEFAULT_TERMINATORS", "WedgeFilter", "WedgeScan", "clean_wedge_text"]

K = Qt.Key
_KEY_PRESS = QEvent.Type.KeyPress
_KEY_RELEASE = QEvent.Type.KeyRelease
DEFAULT_TERMINATORS: frozenset[Qt.Key] = frozenset({K.Key_Return, K.Key_Enter})
_MODIFIER_KEYS = frozenset(
    {K.Key_Shift, K.Key_Control, K.Key_Alt, K.Key_AltGr, K.Key_Mode_switch, K.Key_CapsLock}
    | {K.Key_NumLock}
)
_LEVEL3_KEYS = frozenset({K.Key_AltGr, K.Key_Mode_switch})  # no such key on a US keyboard
_DEAD_KEYS = range(K.Key_Dead_Grave, K.Key_Dead_Longsolidusoverlay + 1)
_TERMINATOR_TEXT = ("\r", "\n")


class WedgeFilter(QObject):
    """Application-wide event filter telling wedge-scanner bursts from typing.

    ``terminators`` are the keys that end a scan (add ``Qt.Key.Key_Tab`` for scanners
    set to send Tab); ``keyboard`` says which keyboard the scanner types for
    (:class:`~kiosk.scanning.wedge_text.ScannerKeyboard`; ``auto`` decides per burst);
    ``native_offset`` is how far the platform's native scan codes sit above Linux evdev
    codes (``"auto"``: from the Qt platform; None: no key-based reading).

    Signals:
        scanned(str): the code of a burst (GTIN-13 for retail codes, else its text).
        scan_read(object): the same scan as a :class:`WedgeScan` (with its AIM symbology).
    """

    scanned = Signal(str)
    scan_read = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_s: float = 0.080,
        max_mean_gap_s: float = 0.040,
        min_length: int = 6,
        terminators: Collection[Qt.Key] = DEFAULT_TERMINATORS,
        keyboard: ScannerKeyboard = ScannerKeyboard.AUTO,
        native_offset: int | Literal["auto"] | None = "auto",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_s = max_gap_s
        self.max_mean_gap_s = max_mean_gap_s
        self.min_length = min_length
        self.terminators = frozenset(terminators)
        self.keyboard = keyboard
        if native_offset == "auto":
            native_offset = native_offset_for_platform(QGuiApplication.platformName())
        self._native_offset = native_offset
        self._clock = clock
        self._burst = Burst()
        self._last_press_at = float("-inf")
        self._swallow_releases: set[int] = set()  # keys of a scan still held down
        self._last_decisive = ReadingSource.US  # scanners leave the factory in US mode
        self._replaying = False
        self._passed: tuple[tuple[object, ...], weakref.ref[QWidget]] | None = None
        self._generation = 0  # bumped by every held key; a deferred flush checks it
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max(1, round(max_gap_s * 1000)))
        self._flush_timer.timeout.connect(self._on_flush_timeout)

    # --- the event filter ---------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Every event of the application passes here: leave at once unless it is a key
        # event. isinstance is several times cheaper than event.type(), which builds an enum.
        if not isinstance(event, QKeyEvent):
            if self._burst.events and isinstance(event, QInputMethodEvent):
                return self._on_commit(obj, event)
            return False
        if self._replaying or not isinstance(obj, QWidget):
            return False
        kind = event.type()
        if kind == _KEY_PRESS:
            handled = self._on_press(obj, event)
        elif kind == _KEY_RELEASE:
            handled = self._on_release(obj, event)
        else:
            return False
        if not handled:
            self._passed = (self._signature(event), weakref.ref(obj))
        return handled

    def _on_press(self, obj: QWidget, event: QKeyEvent) -> bool:
        if self._is_propagation(obj, event):
            return False
        now = self._event_time(event)
        key = event.key()
        if event.isAutoRepeat():  # a key held down: a person
            self._flush_as_typing()
            return False
        if self._burst.press_times and now - self._last_press_at > self.max_gap_s:
            self._flush_as_typing()  # too slow for a scanner: what came before was typing
        if key in _MODIFIER_KEYS:
            if key in _LEVEL3_KEYS or self._evdev_code(event) == EVDEV_RIGHT_ALT:
                self._burst.altgr_used = True
            elif key == K.Key_Alt:  # perhaps an Alt code: Alt + keypad digits
                self._burst.alt_digits = ""
                self._note_press(now)
            self._hold(obj, event)
            return True
        if self._burst.alt_digits is not None and (digit := self._keypad_digit(event)):
            self._burst.alt_digits += digit
            self._note_press(now)
            self._hold(obj, event)
            return True
        typed, us = self._readings(event)
        if key in self.terminators or (typed or us or "") in _TERMINATOR_TEXT:
            return self._on_terminator(obj, event, now)
        if typed is None and us is None:  # arrows, Backspace, Escape: never in a burst
            self._flush_as_typing()
            self._swallow_releases.discard(key_identity(event.nativeScanCode(), key))
            return False
        burst = self._burst
        burst.typed.append(typed or "")
        if burst.us is not None:
            if us is None:
                burst.us = None
            else:
                burst.us.append(us)
        self._note_press(now)
        self._hold(obj, event)
        return True

    def _note_press(self, now: float) -> None:
        self._burst.press_times.append(now)
        self._last_press_at = now

    def _keypad_digit(self, event: QKeyEvent) -> str | None:
        evdev = self._evdev_code(event)
        if evdev is not None:
            return keypad_digit(evdev)
        keypad = event.modifiers() & Qt.KeyboardModifier.KeypadModifier
        return event.text() if keypad and event.text().isdigit() else None

    def _end_alt_code(self) -> None:
        """Alt released after keypad digits: they were one character (see
        :func:`~kiosk.scanning.keymap.alt_code_character`), the same in either reading."""
        burst = self._burst
        digits, burst.alt_digits = burst.alt_digits, None
        char = alt_code_character(digits) if digits else None
        if char is None:
            return
        burst.typed.append(char)
        if burst.us is not None:
            burst.us.append(char)

    def _on_release(self, obj: QWidget, event: QKeyEvent) -> bool:
        if self._is_propagation(obj, event):
            return False
        ident = key_identity(event.nativeScanCode(), event.key())
        if event.key() == K.Key_Alt and self._burst.alt_digits is not None:
            self._end_alt_code()
        us = self._us_reading(event)
        if us is not None and self._press_went_to_input_method(event.key(), ident):
            self._on_release_of_unseen_press(obj, event, us)
            return True
        if self._burst.events:
            self._hold(obj, event, restart_timer=False)
            return True
        if ident in self._swallow_releases:
            self._swallow_releases.discard(ident)
            return True
        return False

    def _press_went_to_input_method(self, key: int, ident: int) -> bool:
        """A dead key's press (or the press composed with it) is taken by the input method
        (Qt's compose plugin on X11) before any event filter sees it: only its release
        arrives. A US-mode scanner on a layout where ``=`` or ``[`` is a dead key makes
        such keys."""
        burst = self._burst
        return ident not in burst.pressed and (key in _DEAD_KEYS or burst.compose_pending)

    def _on_release_of_unseen_press(self, obj: QWidget, event: QKeyEvent, us: str) -> None:
        now = self._event_time(event)
        if self._burst.press_times and now - self._last_press_at > self.max_gap_s:
            self._flush_as_typing()
        burst = self._burst
        burst.typed.append("")  # the typed text went to the input method
        if burst.us is not None:
            burst.us.append(us)
        burst.layout_mismatch = True
        self._note_press(now)
        self._hold(obj, event)
        burst.compose_pending = event.key() in _DEAD_KEYS

    def _on_commit(self, obj: QObject, event: QInputMethodEvent) -> bool:
        """Hold an input method's commit inside a burst: a scan must not type it."""
        if self._replaying or not isinstance(obj, QWidget) or not event.commitString():
            return False
        self._burst.events.append(HeldCommit(weakref.ref(obj), event.commitString()))
        self._generation += 1
        return True

    def _on_terminator(self, obj: QWidget, event: QKeyEvent, now: float) -> bool:
        burst = self._burst
        if not self._is_scan(now):
            self._flush_as_typing()
            return False
        self._flush_timer.stop()
        self._burst = Burst()
        self._swallow_releases = burst.down_keys()
        self._swallow_releases.add(key_identity(event.nativeScanCode(), event.key()))
        reading = choose_reading(
            "".join(burst.typed),
            None if burst.us is None else "".join(burst.us),
            altgr_used=burst.altgr_used,
            layout_mismatch=burst.layout_mismatch,
            mode=self.keyboard,
            fallback=self._last_decisive,
        )
        if reading.decisive:
            self._last_decisive = reading.source
        scan = parse_wedge_text(reading.text)
        if scan.code:  # a burst of control characters only is swallowed silently
            self.scan_read.emit(scan)
            self.scanned.emit(scan.code)
        return True

    def _is_scan(self, now: float) -> bool:
        times = self._burst.press_times  # of every key that typed, or began to type, a char
        if len(self._burst.typed) < self.min_length:
            return False
        gaps = [b - a for a, b in zip(times, [*times[1:], now], strict=True)]
        if any(gap < 0 or gap > self.max_gap_s for gap in gaps):
            return False
        return sum(gaps) / len(gaps) <= self.max_mean_gap_s

    # --- reading one key ----------------------------------------------------------------

    def _evdev_code(self, event: QKeyEvent) -> int | None:
        scan_code = event.nativeScanCode()
        if self._native_offset is None or scan_code <= self._native_offset:
            return None
        return scan_code - self._native_offset

    def _us_reading(self, event: QKeyEvent) -> str | None:
        """What the event's physical key types on a US keyboard with its Shift and Ctrl."""
        evdev = self._evdev_code(event)
        if evdev is None:
            return None
        modifiers = event.modifiers()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        return us_character(evdev, shift=shift, ctrl=ctrl)

    def _readings(self, event: QKeyEvent) -> tuple[str | None, str | None]:
        """(what the OS layout typed, what the key types on a US keyboard); None: nothing.

        Notes on the burst when the typed text cannot be what a US-mode scanner meant."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        us = self._us_reading(event)
        text = event.text()
        typed: str | None = None
        if len(text) == 1 and (text.isprintable() or text == GS or (ctrl and ord(text) < 0x20)):
            typed = text
        elif text in _TERMINATOR_TEXT:
            typed = text  # Enter as text, or Ctrl+M / Ctrl+J
        if ctrl and typed is not None and typed.isprintable():
            typed = None  # Ctrl with a layout's printable key: not the control character meant
        if typed is None and us is not None:
            self._burst.layout_mismatch = True  # a dead key, or Ctrl on another layout's key
        return typed, us

    # --- holding and letting go ---------------------------------------------------------

    def _hold(self, obj: QWidget, event: QKeyEvent, *, restart_timer: bool = True) -> None:
        self._burst.events.append(HeldKey.of(obj, event))
        if event.type() == _KEY_PRESS:
            ident = key_identity(event.nativeScanCode(), event.key())
            self._burst.pressed.add(ident)
            self._burst.compose_pending = False
            self._swallow_releases.discard(ident)
        self._generation += 1
        if restart_timer:
            self._flush_timer.start()

    @Slot()
    def _on_flush_timeout(self) -> None:
        # Keys a busy GUI thread has not delivered yet may be queued behind this timer:
        # flush only after one more turn of the event loop, if no key came meanwhile.
        generation = self._generation
        QTimer.singleShot(0, self, lambda: self._flush_if_idle_since(generation))

    def _flush_if_idle_since(self, generation: int) -> None:
        if generation == self._generation:
            self._flush_as_typing()

    def _flush_as_typing(self) -> None:
        """Deliver the held events to their widgets as ordinary typing."""
        self._flush_timer.stop()
        burst, self._burst = self._burst, Burst()
        self._last_press_at = float("-inf")
        if not burst.events:
            return
        self._replaying = True
        try:
            for held in burst.events:
                held.replay()
        finally:
            self._replaying = False

    # --- event bookkeeping --------------------------------------------------------------

    def _event_time(self, event: QKeyEvent) -> float:
        """Seconds: the event's own timestamp (ms, X server time) when it has one."""
        stamp = event.timestamp()
        return stamp / 1000.0 if stamp else self._clock()

    @staticmethod
    def _signature(event: QKeyEvent) -> tuple[object, ...]:
        return (
            event.type(), event.key(), event.nativeScanCode(), event.timestamp(),
            event.text(), event.modifiers(),
        )  # fmt: skip

    def _is_propagation(self, obj: QWidget, event: QKeyEvent) -> bool:
        """True when Qt hands an event we let through on to ``obj``, a parent of the
        widget that ignored it: it was filtered once already."""
        if self._passed is None:
            return False
        signature, receiver_ref = self._passed
        receiver = receiver_ref()
        return (
            receiver is not None
            and receiver is not obj
            and obj.isAncestorOf(receiver)
            and signature == self._signature(event)
        )
