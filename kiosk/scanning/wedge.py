"""USB keyboard-wedge scanners: keystroke bursts ending in Enter become scans.

A wedge scanner "types" its code, typically 2-15 ms per character, and ends with Enter.
People type 80+ ms per key. :class:`WedgeFilter` is installed on the application, holds
back printable keystrokes for a moment and decides:

- the keys arrived fast (every gap <= ``max_gap_s``), at least ``min_length`` of them, and
  Enter (CR, or LF as Ctrl+J) followed fast: a **scan**. ``scanned`` is emitted and none of
  the keys, nor the Enter, reach the focused widget;
- otherwise: **typing**. The held keys are re-sent, in order, to the widget they were
  meant for (a person sees their key appear ``max_gap_s`` later, which is not noticeable).

The scanned text is cleaned by :func:`clean_wedge_text`: an AIM symbology identifier
(``]E0``, ``]C1``...) is stripped, as are CR/LF; a GS1 element string (GS-separated, AI 01
first) yields its GTIN; other control characters are removed.
"""

from __future__ import annotations

import re
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.scanning.gtin import normalize_gtin

__all__ = ["WedgeFilter", "clean_wedge_text"]

_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_GS = "\x1d"
_TERMINATORS = {"\r", "\n"}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_KEY_PRESS = QEvent.Type.KeyPress


def clean_wedge_text(raw: str) -> str:
    """Turn what a wedge scanner typed into the code the kiosk looks up.

    Retail codes come back as their GTIN-13 (like camera scans); GS1 element strings
    starting with AI 01 yield that GTIN; anything else is the text without control characters.
    """
    text = _AIM.sub("", raw.strip("\r\n"))
    if text.startswith(_GS):  # FNC1 in first position
        text = text[1:]
    if text.startswith("01") and len(text) >= 16 and text[2:16].isdigit():
        gtin = normalize_gtin(text[2:16])
        if gtin is not None:
            return gtin
    text = "".join(ch for ch in text if ch.isprintable()).strip()
    gtin = normalize_gtin(text)
    return gtin if gtin is not None else text


@dataclass
class _Held:
    target: weakref.ref[QObject]
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class WedgeFilter(QObject):
    """Application-wide event filter telling wedge-scanner bursts from typing.

    Signals:
        scanned(str): the cleaned code of a burst (see :func:`clean_wedge_text`).
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_s: float = 0.035,
        min_length: int = 6,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self._clock = clock
        self._held: list[_Held] = []
        self._last_key_at = float("-inf")
        self._replaying = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max(1, round(max_gap_s * 1000)))
        self._flush_timer.timeout.connect(self._flush_as_typing)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Every event of the application passes here (~2,000 per shopper journey): leave
        # at once unless it is a key event. PySide hands key events over as QKeyEvent, and
        # isinstance is several times cheaper than event.type(), which builds an enum.
        if (
            not isinstance(event, QKeyEvent)
            or self._replaying
            or event.type() != _KEY_PRESS
            or not isinstance(obj, QWidget)
        ):
            return False
        now = self._clock()
        gap = now - self._last_key_at
        if self._held and gap > self.max_gap_s:
            self._flush_as_typing()
        key = Qt.Key(event.key())
        text = event.text()
        if key in _ENTER_KEYS or (text in _TERMINATORS and text):
            return self._on_enter(gap)
        if not text or not (text.isprintable() or text == _GS):
            self._flush_as_typing()  # arrows, backspace, shortcuts: never part of a burst
            return False
        self._held.append(_Held(weakref.ref(obj), event.key(), event.modifiers(), text))
        self._last_key_at = now
        self._flush_timer.start()
        return True

    def _on_enter(self, gap: float) -> bool:
        self._flush_timer.stop()
        if len(self._held) >= self.min_length and gap <= self.max_gap_s:
            raw = "".join(h.text for h in self._held)
            self._held.clear()
            self._last_key_at = float("-inf")
            code = clean_wedge_text(raw)
            if code:
                self.scanned.emit(code)
                return True
            return True  # a burst of control characters only: swallow it
        self._flush_as_typing()
        return False

    def _flush_as_typing(self) -> None:
        """Deliver held keys to their widgets as ordinary typing."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for h in held:
                target = h.target()
                if target is None:
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, h.key, h.modifiers, h.text))
        finally:
            self._replaying = False
