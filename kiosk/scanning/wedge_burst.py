"""A possible scan being collected: the key events held back and both readings of them.

:class:`~kiosk.scanning.wedge.WedgeFilter` holds every key event of a possible burst as a
:class:`HeldKey` (or an input method's :class:`HeldCommit`) so that, if the burst turns
out to be a person typing, it can re-send them unchanged and in order.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["Burst", "HeldCommit", "HeldKey", "key_identity"]

_KEY_PRESS = QEvent.Type.KeyPress


@dataclass(frozen=True)
class HeldKey:
    """A key event held back, with everything needed to re-send it unchanged."""

    target: weakref.ref[QWidget]
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    scan_code: int
    virtual_key: int
    native_modifiers: int
    timestamp: int

    @classmethod
    def of(cls, target: QWidget, event: QKeyEvent) -> HeldKey:
        return cls(
            weakref.ref(target), event.type(), event.key(), event.modifiers(), event.text(),
            event.nativeScanCode(), event.nativeVirtualKey(), event.nativeModifiers(),
            event.timestamp(),
        )  # fmt: skip

    def replay(self) -> None:
        target = self.target()
        if target is None:
            return
        event = QKeyEvent(
            self.kind, self.key, self.modifiers, self.scan_code, self.virtual_key,
            self.native_modifiers, self.text,
        )  # fmt: skip
        event.setTimestamp(self.timestamp)
        QApplication.sendEvent(target, event)


@dataclass(frozen=True)
class HeldCommit:
    """Text an input method committed (a dead key composed with the next key), held back."""

    target: weakref.ref[QWidget]
    commit: str

    def replay(self) -> None:
        target = self.target()
        if target is None:
            return
        event = QInputMethodEvent()
        event.setCommitString(self.commit)
        QApplication.sendEvent(target, event)


@dataclass
class Burst:
    """The keys of a possible scan, read both ways."""

    events: list[HeldKey | HeldCommit] = field(default_factory=list)
    pressed: set[int] = field(default_factory=set)  # keys whose press the filter saw
    compose_pending: bool = False  # the last key was a dead key: the next press goes to the IM
    typed: list[str] = field(default_factory=list)
    us: list[str] | None = field(default_factory=list)  # None: a key had no native code
    press_times: list[float] = field(default_factory=list)
    altgr_used: bool = False
    layout_mismatch: bool = False
    alt_digits: str | None = None  # keypad digits typed while Alt is held ("Alt mode")

    def down_keys(self) -> set[int]:
        """Keys pressed in the burst and not yet released (their releases come later)."""
        down: set[int] = set()
        for held in self.events:
            if not isinstance(held, HeldKey):
                continue
            ident = key_identity(held.scan_code, held.key)
            if held.kind == _KEY_PRESS:
                down.add(ident)
            else:
                down.discard(ident)
        return down


def key_identity(scan_code: int, key: int) -> int:
    """One number per physical key: its native scan code, or minus its Qt key without one."""
    return scan_code if scan_code else -key
