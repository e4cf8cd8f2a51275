"""Size only at other stores: which stores have it, how far, and how many pairs."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from inventory_client.models import SizeAvailability
from kiosk.journey.size_grid import format_km
from kiosk.screens._base import Screen, label, translate


class StoresScreen(Screen):
    """No signals of its own: Back returns to the sizes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size: SizeAvailability | None = None
        self._style_name = ""
        self.heading = label("", "heading")
        self.explain = label("", "subtitle")
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.rows: list[QFrame] = []
        self.body.addWidget(self.heading)
        self.body.addWidget(self.explain)
        self.body.addLayout(self.list)
        self.body.addStretch(1)
        self.retranslate()

    def show_size(self, style_name: str, size: SizeAvailability) -> None:
        self._style_name = style_name
        self._size = size
        self.retranslate()

    def clear(self) -> None:
        self._size = None
        self._style_name = ""
        self.retranslate()

    def _rebuild(self) -> None:
        for row in self.rows:
            self.list.removeWidget(row)
            row.deleteLater()
        self.rows = []
        if self._size is None:
            return
        having = sorted(
            (n for n in self._size.nearby if n.available > 0),
            key=lambda n: (n.distance_km is None, n.distance_km or 0.0),
        )
        for store in having:
            card = QFrame()
            card.setObjectName("card")
            box = QVBoxLayout(card)
            box.setContentsMargins(24, 16, 24, 16)
            name = label(store.name, "title")
            parts = []
            if store.distance_km is not None:
                parts.append(format_km(store.distance_km, self.language))
            if store.available == 1:
                parts.append(translate("StoresScreen", "1 pair"))
            else:
                parts.append(
                    translate("StoresScreen", "{count} pairs").format(count=store.available)
                )
            detail = label(" · ".join(parts), "subtitle")
            box.addWidget(name)
            box.addWidget(detail)
            card.setAccessibleName(f"{store.name}, {detail.text()}")
            self.rows.append(card)
            self.list.addWidget(card)

    def retranslate(self) -> None:
        size = self._size
        if size is None:
            self.heading.setText("")
        else:
            self.heading.setText(
                translate("StoresScreen", "EU {size} is at these stores").format(
                    size=size.variant.size_eu
                )
            )
        self.explain.setText(
            translate(
                "StoresScreen",
                "Not in this store right now. Ask a staff member to reserve it there for you.",
            )
        )
        self._rebuild()
