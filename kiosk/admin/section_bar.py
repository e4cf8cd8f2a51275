"""The admin screen's section buttons: large, checkable, wrapped to the width they get."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QVBoxLayout, QWidget

from kiosk.admin._buttons import choice_button
from kiosk.admin._retranslate import Retranslating, translate
from kiosk.admin.controller import Section
from kiosk.admin.reflow import ReflowGrid

__all__ = ["SectionBar", "section_label"]


def section_label(section: Section) -> str:
    labels = {
        Section.RECEIVING: translate("SectionBar", "Receiving"),
        Section.STOCK: translate("SectionBar", "Stock"),
        Section.FETCH: translate("SectionBar", "Fetch requests"),
        Section.ORDERS: translate("SectionBar", "Orders"),
        Section.DEMAND: translate("SectionBar", "Lost demand"),
        Section.IMPORT: translate("SectionBar", "Import"),
        Section.HEALTH: translate("SectionBar", "Health"),
    }
    return labels[section]


class SectionBar(Retranslating):
    """One checkable button per section (the current one looks checked).

    Signals:
        section_chosen(Section): staff tapped a section.
    """

    section_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminSections")
        self.buttons: dict[Section, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.grid = ReflowGrid(parent=self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.grid)
        for section in Section:
            button = choice_button(self._group)
            button.clicked.connect(lambda _=False, s=section: self.section_chosen.emit(s))
            self.buttons[section] = button
            self.grid.add(button)
        self.retranslate()

    def retranslate(self) -> None:
        for section, button in self.buttons.items():
            button.setText(section_label(section))
        self.grid.reflow()

    def current(self) -> Section | None:
        return next((s for s, b in self.buttons.items() if b.isChecked()), None)

    def set_current(self, section: Section) -> None:
        self.buttons[section].setChecked(True)

    def set_available(self, section: Section, available: bool) -> None:
        self.buttons[section].setHidden(not available)
        self.grid.reflow()
