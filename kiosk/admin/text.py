"""Staff-facing texts that outlive the language they were made in.

A status line ("Count saved: 4006381333931 = 7") is made by the controller but shown by a
view, and the view must show it again in German when staff switch language. So the
controller hands over a :class:`Msg` — the English source text (context
:data:`kiosk.admin.messages.CONTEXT`) and its values — and a view calls :meth:`Msg.text`
whenever it (re)draws.
Values may be Msgs themselves (an error message inside "Not added: {error}").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from inventory_client import InventoryError
from kiosk.admin.messages import CONTEXT, UNEXPECTED_ERROR
from kiosk.journey.messages import CONTEXT as CLIENT_CONTEXT

__all__ = ["CONTEXT", "Msg", "error_msg", "msg"]


@dataclass(frozen=True)
class Msg:
    """An English source text with ``{name}`` values, translated when shown."""

    source: str
    values: Mapping[str, object] = field(default_factory=dict)
    context: str = CONTEXT

    def text(self) -> str:
        translated = QCoreApplication.translate(self.context, self.source)
        if not self.values:
            return translated
        shown = {k: v.text() if isinstance(v, Msg) else v for k, v in self.values.items()}
        return translated.format(**shown)


def msg(source: str, **values: object) -> Msg:
    """A message from :mod:`kiosk.admin.messages` with its values."""
    return Msg(source, values)


def error_msg(exc: BaseException) -> Msg:
    """A calm one-line message for staff; technical detail stays in the log."""
    if isinstance(exc, InventoryError) and exc.user_message:
        return Msg(exc.user_message, context=CLIENT_CONTEXT)
    return msg(UNEXPECTED_ERROR, kind=type(exc).__name__)
