"""The product screen: the style (picture, name, brand, colour, price) and its size grid."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from babel.numbers import format_currency
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from inventory_client.voice_models import FitSummary
from kiosk.journey.fit_advice import fit_advice, sizes_not_made
from kiosk.journey.product import Product
from kiosk.journey.size_grid import availability_notice, mark_suggested, size_tiles
from kiosk.screens._base import Screen, follow_orientation, label, translate
from kiosk.theme import Metrics
from kiosk.widgets.fit_prompt import FitPrompt
from kiosk.widgets.phone_handoff import PhoneHandoffPanel
from kiosk.widgets.plain_label import PlainLabel
from kiosk.widgets.size_grid import SizeGrid
from kiosk.widgets.wanted_size import WantedSizeRow
from kiosk.widgets.why_leaving import WhyLeaving


def format_price(amount: Decimal, currency: str, language: str) -> str:
    """``€89.95`` in English, ``89,95 €`` in German: the shopper's own notation."""
    return format_currency(amount, currency, locale=language)


class PictureLabel(PlainLabel):
    """Shows a picture scaled to fit, keeping its aspect; never grows the layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_image(self, data: bytes | None) -> bool:
        """Show PNG/JPEG ``data``; ``False`` (and a plain text) if there is none."""
        self._pixmap = QPixmap()
        if data is None or not self._pixmap.loadFromData(data):
            self._pixmap = QPixmap()
            self.clear()
            self.setText(translate("ProductScreen", "No picture"))
            return False
        self._fit()
        return True

    def set_pixmap(self, picture: QPixmap) -> None:
        """Show ``picture`` (from another screen); nothing if it is empty."""
        self._pixmap = QPixmap(picture)
        self.clear()
        self._fit()

    def source_picture(self) -> QPixmap:
        """The full-size picture shown (empty if none)."""
        return QPixmap(self._pixmap)

    def has_image(self) -> bool:
        return not self._pixmap.isNull()

    def _fit(self) -> None:
        if self._pixmap.isNull() or self.width() < 2 or self.height() < 2:
            return
        self.setPixmap(
            self._pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ProductScreen(Screen):
    """Signals:
    size_chosen(gtin): the shopper tapped a size.
    fit_voted(fit, source): "Tried it on?" answered (a ``FitChoice`` value, ``"tried"``).
    left_because(reason): the shopper said why they leave (a ``LeaveReason`` value),
        just before ``nav.start_over_requested``.
    size_wanted(size_eu): a size the style is not made in was asked for.

    ``should_ask_why`` (set by the window): True when a start over now leaves the product
    empty-handed, so the screen asks why first (one optional tap; a second "Start over"
    or "Skip" starts over without an answer).
    """

    size_chosen = Signal(str)
    fit_voted = Signal(str, str)
    left_because = Signal(str)
    size_wanted = Signal(str)
    should_ask_why: Callable[[], bool] | None = None

    def __init__(self, parent: QWidget | None = None, *, language: str = "en") -> None:
        super().__init__(parent)
        self.language = language
        self._product: Product | None = None
        self._fit: FitSummary | None = None
        self._asking_why = False

        self.image = PictureLabel()
        self.image.setMinimumSize(320, 420)
        self.name = label("", "title")
        self.brand = label("", "subtitle")
        self.colour = label("", "subtitle")
        self.price = label("", "price")

        info = QVBoxLayout()
        info.setSpacing(8)
        info.addWidget(self.image, 1)
        info.addWidget(self.name)
        info.addWidget(self.brand)
        info.addWidget(self.colour)
        info.addWidget(self.price)
        self.phone = PhoneHandoffPanel()  # shown when the kiosk has a public URL
        self.phone.setVisible(False)
        self.phone.code_shown.connect(lambda shown: self.image.setVisible(not shown))
        info.addWidget(self.phone)
        self.info = QWidget()
        self.info.setLayout(info)

        self.notice = label("", "notice")
        self.notice.setVisible(False)
        self.sizes_heading = label("", "title")
        self.legend = label("", "legend")
        self.grid = SizeGrid()

        self.advice = label("", "subtitle")
        self.advice.setVisible(False)
        self.why = WhyLeaving()
        self.why.setVisible(False)
        self.fit_prompt = FitPrompt(folded=True)
        self.wanted = WantedSizeRow()

        sizes = QVBoxLayout()
        sizes.setSpacing(16)
        sizes.addWidget(self.why)
        sizes.addWidget(self.notice)
        sizes.addWidget(self.sizes_heading)
        sizes.addWidget(self.advice)
        sizes.addWidget(self.legend)
        sizes.addWidget(self.grid, 1)
        sizes.addWidget(self.wanted)
        sizes.addWidget(self.fit_prompt)

        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(40)
        self.split.addWidget(self.info, 2)
        self.split.addLayout(sizes, 3)
        self.body.addLayout(self.split, 1)

        self.grid.size_chosen.connect(self.size_chosen)
        self.fit_prompt.fit_chosen.connect(self._on_fit_chosen)
        self.fit_prompt.opened.connect(self._make_room_for_the_question)
        self.wanted.size_wanted.connect(self.size_wanted)
        self.why.reason_chosen.connect(self._leave_because)
        self.why.skipped.connect(self._leave)
        self.nav.start_over_guard = self._ask_why
        self.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.image.setMinimumSize(metrics.px(320, 96), metrics.px(420, 96))
        self.split.setSpacing(metrics.px(40, 10))
        self.phone.set_qr_side(metrics.px(360, 160))  # in the picture's place
        self._stretch()

    @property
    def product(self) -> Product | None:
        return self._product

    def show_product(self, product: Product) -> None:
        self._product = product
        run = product.size_run
        style = run.style
        self.name.setText(style.name)
        self.brand.setText(style.brand)
        self.colour.setText(style.colour)
        self.image.set_image(product.image)
        self._fit = None
        self._show_why(False)
        self.fit_prompt.reset()
        self.wanted.show_sizes(sizes_not_made(run))
        self._show_words()

    def _show_words(self) -> None:
        """Everything language-dependent about the product (price notation, statuses)."""
        product = self._product
        if product is None:
            return
        run = product.size_run
        style = run.style
        self.price.setText(format_price(style.price, style.currency, self.language))
        self.price.setAccessibleName(
            translate("ProductScreen", "Price {price}").format(price=self.price.text())
        )
        self.image.setAccessibleName(
            translate("ProductScreen", "Picture of {name}").format(name=style.name)
        )
        notice = availability_notice(run, translate)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        advice = fit_advice(self._fit, run, translate)
        self.advice.setText(advice.text if advice else "")
        self.advice.setVisible(advice is not None and not self._asking_why)
        tiles = size_tiles(run, self.language, translate)
        suggested = advice.suggested_gtin if advice else None
        self.grid.set_tiles(mark_suggested(tiles, suggested, translate), self.language)

    def show_fit(self, summary: FitSummary) -> None:
        """Other shoppers' votes on the style shown (arrives after the product)."""
        if self._product is not None and summary.style_id == self._product.size_run.style.id:
            self._fit = summary
            self._show_words()

    def _make_room_for_the_question(self) -> None:
        """The open fit question needs the room of the legend and the sizes row (7")."""
        self.legend.setVisible(False)
        self.wanted.setVisible(False)

    def _on_fit_chosen(self, fit: str) -> None:
        self.legend.setVisible(True)
        self.wanted.setVisible(bool(self.wanted.buttons))
        self.fit_voted.emit(fit, "tried")

    def _ask_why(self) -> bool:
        """The start-over guard: ask why once; the second tap starts over."""
        if self._asking_why or self._product is None:
            return False
        ask = self.should_ask_why
        if ask is None or not ask():
            return False
        self._show_why(True)
        return True

    def _show_why(self, asking: bool) -> None:
        self._asking_why = asking
        self.why.setVisible(asking)
        for widget in (self.grid, self.legend, self.fit_prompt, self.sizes_heading):
            widget.setVisible(not asking)
        self.wanted.setVisible(not asking and bool(self.wanted.buttons))
        self.advice.setVisible(not asking and bool(self.advice.text()))

    def _leave_because(self, reason: str) -> None:
        self.left_because.emit(reason)
        self._leave()

    def _leave(self) -> None:
        self._show_why(False)
        self.nav.start_over_requested.emit()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        self._show_words()

    def retranslate(self) -> None:
        self.sizes_heading.setText(translate("ProductScreen", "Choose your size"))
        self.legend.setText(
            translate(
                "ProductScreen",
                "Green: in this store · Blue: from the warehouse to your home · "
                "Orange: another store · Grey: sold out",
            )
        )
        self.notice.setAccessibleName(translate("ProductScreen", "Notice"))
        if self._product is None:
            self.image.setAccessibleName(translate("ProductScreen", "Picture"))
        self._show_words()

    def clear(self) -> None:
        """Forget the product shown (start over)."""
        self._product = None
        for widget in (self.name, self.brand, self.colour, self.price, self.notice):
            widget.setText("")
        self.image.set_image(None)
        self.grid.set_tiles([])
        self._fit = None
        self.advice.setText("")
        self._show_why(False)
        self.fit_prompt.reset()
        self.wanted.show_sizes([])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow_orientation(self.split, self)
        # Landscape: picture column beside the sizes. Portrait: picture band on top, sized
        # to its content, and the sizes take the rest.
        self._stretch()

    def _stretch(self) -> None:
        # Compact: the sizes get two thirds of the width (they are what the shopper came for).
        self.split.setStretch(0, 1 if self.metrics.compact else 2)
        self.split.setStretch(1, 2 if self.metrics.compact else 3)
