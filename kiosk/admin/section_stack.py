"""The admin sections' views, one shown at a time, in a finger-scrollable area.

On a 7" panel a section (the receiving tally with its count entry, the stock search with
its size grid) can be taller than what is left under the header: then, and only then, it
scrolls, by finger (``QScroller``). Hidden views ask for no room.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QScroller, QSizePolicy, QStackedWidget, QWidget

from kiosk.admin.controller import Section

__all__ = ["SectionStack"]


class SectionStack(QScrollArea):
    def __init__(self, views: Mapping[Section, QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views = dict(views)
        self.stack = QStackedWidget(self)
        for view in self.views.values():
            self.stack.addWidget(view)
        self.setWidgetResizable(True)
        self.setWidget(self.stack)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def show_section(self, section: Section) -> None:
        shown = self.views[section]
        self.stack.setCurrentWidget(shown)
        for view in self.views.values():
            policy = QSizePolicy.Policy.Preferred if view is shown else QSizePolicy.Policy.Ignored
            view.setSizePolicy(policy, policy)
        self.ensureVisible(0, 0)
