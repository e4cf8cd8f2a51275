"""Order placed: the order number big, a QR code of it, and what happens next.

When the order waits in the kiosk's outbox (the service could not be reached), the screen
says so plainly: saved, confirmed shortly, with a reference staff can find on this kiosk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo

from babel import Locale
from babel.dates import format_date, format_time
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.journey.order import Receipt
from kiosk.screens._base import Screen, follow_orientation, label, translate
from kiosk.screens.product import format_price
from kiosk.theme import Metrics
from kiosk.widgets.plain_label import PlainLabel
from kiosk.widgets.qr_code import qr_image

QR_PX = 360


def hold_until_text(until: datetime, language: str, tz: tzinfo | None = None) -> str:
    """``Thursday, December 3, 10:54 AM`` / ``Donnerstag, 3. Dezember, 10:54``: the day
    and the time, in the kiosk's time zone (``tz``; the machine's by default), because a
    hold runs for days and a bare time reads as already over."""
    local = until.astimezone(tz)
    # The language's own "weekday, day month" pattern, with the weekday written out.
    pattern = Locale.parse(language).datetime_skeletons["MMMMEd"].pattern
    day = format_date(local, re.sub("E+", "EEEE", pattern), locale=language)
    return f"{day}, {format_time(local, format='short', locale=language)}"


class ConfirmationScreen(Screen):
    """Signals:
    done_requested(): "Done" (start over for the next shopper).
    """

    done_requested = Signal()
    #: The order's status-page link for the QR code (set when the kiosk has a public URL
    #: for phones); without it the code holds the order number or reference.
    status_link: Callable[[Receipt], str | None] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._receipt: Receipt | None = None
        self.heading = label("", "heading")
        self.number_title = label("", "subtitle")
        self.number = label("", "orderNumber")
        self.summary = label("", "title")
        self.next_title = label("", "title")
        self.next_steps = label("", "body")
        self.qr = PlainLabel()
        self.qr.setObjectName("qr")
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr_hint = label("", "hint")
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_button = QPushButton()
        self.done_button.setObjectName("primary")

        text = QVBoxLayout()
        text.setSpacing(12)
        for widget in (
            self.heading,
            self.number_title,
            self.number,
            self.summary,
            self.next_title,
            self.next_steps,
        ):
            text.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button, 2)  # the one primary action, wide, under the thumb
        text.addLayout(row)
        text.addStretch(1)
        qr_column = QVBoxLayout()
        qr_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_column.addWidget(self.qr_hint)
        qr_column.addStretch(1)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(48)
        self.split.addLayout(text, 3)
        self.split.addLayout(qr_column, 2)
        self.body.addLayout(self.split, 1)
        self.done_button.clicked.connect(self.done_requested)
        # The result stays until Done: no Back to lose the order number by.
        self.nav.back_button.setVisible(False)
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        side = metrics.px(QR_PX, 120)
        self.qr.setFixedSize(side, side)
        self.split.setSpacing(metrics.px(48, 12))
        # Compact: the two small titles go; the number and the steps say it all.
        self.number_title.setVisible(not metrics.compact)
        self.next_title.setVisible(not metrics.compact)
        self._show_qr()

    def _show_qr(self) -> None:
        """The order number's QR code, drawn at the label's size (sharp, no scaling)."""
        if self._receipt is None:
            self.qr.clear()
            return
        side = self.qr.width() * self.qr.devicePixelRatioF()
        picture = QPixmap.fromImage(qr_image(self.qr_text())).scaled(
            round(side), round(side), Qt.AspectRatioMode.KeepAspectRatio
        )
        picture.setDevicePixelRatio(self.qr.devicePixelRatioF())
        self.qr.setPixmap(picture)

    def qr_text(self) -> str:
        """What the QR code holds: the status page's link, else the number/reference."""
        receipt = self._receipt
        if receipt is None:
            return ""
        link = self.status_link(receipt) if self.status_link is not None else None
        return link or receipt.code

    @property
    def receipt(self) -> Receipt | None:
        return self._receipt

    def show_receipt(self, receipt: Receipt) -> None:
        self._receipt = receipt
        self._show_qr()
        self.retranslate()

    def clear(self) -> None:
        self._receipt = None
        self.qr.clear()
        self.retranslate()

    def retranslate(self) -> None:
        receipt = self._receipt
        self.done_button.setText(translate("ConfirmationScreen", "Done"))
        self.done_button.setAccessibleName(translate("ConfirmationScreen", "Done"))
        self.next_title.setText(translate("ConfirmationScreen", "What happens next"))
        if receipt is None:
            for widget in (self.heading, self.number_title, self.number, self.summary):
                widget.setText("")
            self.next_steps.setText("")
            self.qr_hint.setText("")
            return
        item = receipt.item
        self.summary.setText(
            f"{item.style_name} · EU {item.size_eu} · "
            f"{format_price(item.price, item.currency, self.language)}"
        )
        self.number.setText(receipt.code)
        self.number.setAccessibleName(
            translate("ConfirmationScreen", "Order number {number}").format(number=receipt.code)
        )
        self.qr.setAccessibleName(
            translate("ConfirmationScreen", "QR code of {number}").format(number=receipt.code)
        )
        if self.qr_text() != receipt.code:
            hint = translate(
                "ConfirmationScreen", "Scan with your phone to follow your order there."
            )
        else:
            hint = translate("ConfirmationScreen", "Take a photo of the code to keep your number.")
        self.qr_hint.setText(hint)
        if receipt.queued:
            self.heading.setText(translate("ConfirmationScreen", "Your order is saved"))
            self.number_title.setText(translate("ConfirmationScreen", "Your reference"))
            self.next_steps.setText(
                translate(
                    "ConfirmationScreen",
                    "We couldn't reach our stock system just now. Your order is saved on this "
                    "kiosk and will be confirmed shortly. Please show this reference at the "
                    "counter and pay there; staff will tell you your order number.",
                )
            )
            return
        self.heading.setText(translate("ConfirmationScreen", "Thank you — your order is placed"))
        self.number_title.setText(translate("ConfirmationScreen", "Your order number"))
        if receipt.reserved_until is not None:
            steps = translate(
                "ConfirmationScreen",
                "1. Pay at the counter: show this number.\n"
                "2. Your pair is reserved for you until {time}.\n"
                "3. Once staff mark it paid, it is sent to your home.",
            ).format(time=hold_until_text(receipt.reserved_until, self.language))
        else:
            steps = translate(
                "ConfirmationScreen",
                "1. Pay at the counter: show this number.\n"
                "2. Once staff mark it paid, it is sent to your home.",
            )
        self.next_steps.setText(steps)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow_orientation(self.split, self)
