"""``PlainLabel``: a QLabel that shows its text as typed, never as HTML.

A QLabel guesses: text that looks like HTML (``Qt.mightBeRichText``) is drawn as rich
text. Style names and brands come from catalogue imports, names and streets from
shoppers; a style named ``<span style="font-size:90px;color:red">FREE SHOES</span>``
would be drawn huge and red. Every label of the kiosk and the admin panel is a
``PlainLabel`` (tests/kiosk/test_plain_text.py walks them all), so no text that reaches
the screen is ever read as markup. Table and list items are plain text in Qt already.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class PlainLabel(QLabel):
    """A drop-in QLabel (same constructors, same style-sheet selectors) in plain text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setTextFormat(Qt.TextFormat.PlainText)
