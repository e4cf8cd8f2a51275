"""Check and place the order: the pair (with its picture), the price, where it goes (with
"Change address" back to the form, which keeps what was typed), when it arrives.

"Place order" is disabled while the order is being sent; a double tap cannot send it
twice (and the session reuses one idempotency key per review anyway).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from inventory_client.models import ShipTo
from kiosk.journey.address import country_name
from kiosk.journey.messages import CONTEXT as MESSAGES
from kiosk.journey.order import OrderItem, delivery_estimate
from kiosk.journey.phases import OrderPhase
from kiosk.screens._base import Screen, follow_orientation, label, translate
from kiosk.screens.product import PictureLabel, format_price
from kiosk.theme import Metrics


class ReviewScreen(Screen):
    """Signals:
    place_order_requested(): "Place order".
    """

    place_order_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, delivery_days: int = 4) -> None:
        super().__init__(parent)
        self.delivery_days = delivery_days
        self.today = date.today
        self._item: OrderItem | None = None
        self._ship_to: ShipTo | None = None
        self._phase = OrderPhase.READY
        self._message = ""

        self.heading = label("", "heading")
        self.item_line = label("", "title")
        self.price = label("", "price")
        self.address_title = label("", "fieldLabel")
        self.address = label("", "body")
        self.contact = label("", "body")
        self.delivery = label("", "subtitle")
        self.payment = label("", "subtitle")
        self.message = label("", "notice")
        self.place_button = QPushButton()
        self.place_button.setObjectName("primary")
        self.change_button = QPushButton()  # back to the form, which keeps the address
        self.picture = PictureLabel()

        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        self.card_layout = box
        box.setContentsMargins(32, 24, 32, 24)
        box.setSpacing(10)
        for widget in (
            self.item_line,
            self.price,
            self.address_title,
            self.address,
            self.contact,
            self.delivery,
            self.payment,
        ):
            box.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        row.addWidget(self.place_button, 2)  # the one primary action, under the thumb

        column = QVBoxLayout()
        column.addWidget(card)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addLayout(row)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.addWidget(self.picture, 2)
        self.split.addLayout(column, 3)

        self.body.addWidget(self.heading)
        self.body.addLayout(self.split, 1)

        self.place_button.clicked.connect(self._on_place)
        self.change_button.clicked.connect(self.nav.back_requested)
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        px = metrics.px
        self.card_layout.setContentsMargins(px(32, 10), px(24, 6), px(32, 10), px(24, 6))
        self.card_layout.setSpacing(px(10, 2))
        self.split.setSpacing(px(40, 10))
        self.picture.setMinimumSize(px(240, 80), px(240, 80))
        self.heading.setVisible(not metrics.compact)

    def show_picture(self, picture: QPixmap) -> None:
        """The shoe being ordered (the product screen's picture)."""
        self.picture.set_pixmap(picture)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow_orientation(self.split, self)

    @property
    def phase(self) -> OrderPhase:
        return self._phase

    def show_order(self, item: OrderItem, ship_to: ShipTo) -> None:
        self._item = item
        self._ship_to = ship_to
        self._phase = OrderPhase.READY
        self._message = ""
        self.retranslate()

    def show_phase(self, phase: str, message: str) -> None:
        self._phase = OrderPhase(phase)
        self._message = message
        self.retranslate()

    def clear(self) -> None:
        """Forget the address shown (personal details)."""
        self._item = None
        self._ship_to = None
        self._phase = OrderPhase.READY
        self._message = ""
        self.retranslate()

    def _on_place(self) -> None:
        if self._phase in (OrderPhase.READY, OrderPhase.RETRY):
            self.place_button.setEnabled(False)  # at once: the second tap of a double tap
            self.place_order_requested.emit()

    def retranslate(self) -> None:
        self.heading.setText(translate("ReviewScreen", "Check your order"))
        item, ship_to = self._item, self._ship_to
        if item is not None:
            self.item_line.setText(
                translate("ReviewScreen", "{name} · {brand} · EU {size}").format(
                    name=item.style_name, brand=item.brand, size=item.size_eu
                )
            )
            self.price.setText(format_price(item.price, item.currency, self.language))
            self.delivery.setText(
                translate("ReviewScreen", "Delivered to your home by {date}.").format(
                    date=delivery_estimate(self.today(), self.delivery_days, self.language)
                )
            )
        else:
            for widget in (self.item_line, self.price, self.delivery):
                widget.setText("")
        self.price.setAccessibleName(
            translate("ReviewScreen", "Price {price}").format(price=self.price.text())
        )
        self.address_title.setText(translate("ReviewScreen", "Send to"))
        if ship_to is not None:
            self.address.setText(
                "\n".join(
                    [
                        ship_to.name,
                        ship_to.street,
                        f"{ship_to.postcode} {ship_to.city}",
                        country_name(ship_to.country, self.language),
                    ]
                )
            )
            self.contact.setText(" · ".join(c for c in (ship_to.email, ship_to.phone) if c))
        else:
            self.address.setText("")
            self.contact.setText("")
        self.payment.setText(
            translate(
                "ReviewScreen",
                "You pay at the counter. The pair is reserved for you until staff mark it paid.",
            )
        )
        self.message.setText(translate(MESSAGES, self._message) if self._message else "")
        self.message.setVisible(bool(self._message))
        phase = self._phase
        if phase is OrderPhase.SENDING:
            self.place_button.setText(translate("ReviewScreen", "Placing your order…"))
        elif phase is OrderPhase.RETRY:
            self.place_button.setText(translate("ReviewScreen", "Try again"))
        else:
            self.place_button.setText(translate("ReviewScreen", "Place order"))
        self.place_button.setAccessibleName(self.place_button.text())
        self.change_button.setText(translate("ReviewScreen", "Change address"))
        self.change_button.setAccessibleName(translate("ReviewScreen", "Change address"))
        self.change_button.setEnabled(phase is not OrderPhase.SENDING)
        self.place_button.setEnabled(phase in (OrderPhase.READY, OrderPhase.RETRY))
        self.place_button.setVisible(phase is not OrderPhase.FAILED)
