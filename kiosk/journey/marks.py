"""Mark texts for translation in plain-Python modules that must not import Qt."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text`` unchanged; ``pyside6-lupdate`` extracts it under ``context``.

    The widget that shows the text translates it with
    ``QCoreApplication.translate(context, text)``.
    """
    return text
