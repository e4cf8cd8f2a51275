"""The shopper's window: one stacked page per screen, switched by the session's state.

Data flows one way (see docs/ARCHITECTURE.md)::

    Scanner / WedgeFilter / keypads ──code──> ShopperSession ──TaskRunner──> InventoryClient
                                                   │ (typed results, GUI thread)
                                                   └──> screens in MainWindow's stack

:class:`MainWindow` wires it in one place, :meth:`MainWindow._connect_signals`. The parts
are built and torn down by the composition root, :mod:`kiosk.assembly`. Nothing here talks
HTTP: the session hands client calls to the task runner.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endless_aisle_assets import SCAN_SOUND
from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from kiosk import theme
from kiosk.config import defaults
from kiosk.flows.refused_orders import RefusedOrders
from kiosk.i18n import SOURCE_LANGUAGE, Translations
from kiosk.idle import IdleWatcher
from kiosk.journey.address import parse_countries
from kiosk.journey.phases import State
from kiosk.journey.product import Product
from kiosk.screens._base import Screen
from kiosk.screens.address_form import AddressFormScreen
from kiosk.screens.confirmation import ConfirmationScreen
from kiosk.screens.error import ErrorScreen
from kiosk.screens.fetch import FetchScreen
from kiosk.screens.looking_up import LookingUpScreen
from kiosk.screens.notify import NotifyScreen
from kiosk.screens.product import ProductScreen, format_price
from kiosk.screens.review import ReviewScreen
from kiosk.screens.scan import ScanScreen
from kiosk.screens.stores import StoresScreen
from kiosk.screens.unknown_code import UnknownCodeScreen
from kiosk.session import ShopperSession
from kiosk.widgets.corner_press import HOLD_MS, CornerPress
from kiosk.widgets.still_there import StillThereOverlay

if TYPE_CHECKING:
    from kiosk.scanning.scanner import Scanner
    from kiosk.scanning.wedge import WedgeFilter

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 300  # show "Finding every size…" only if a lookup takes this long
WINDOW_TITLE = "Endless Aisle"


class ScanCue(QObject):
    """The short sound of a good scan.

    Plays ``wav`` through QtMultimedia when that module exists (it is not part of
    PySide6-Essentials); otherwise falls back to the system beep, and to silence when
    there is no sound file. Never raises.
    """

    def __init__(self, wav: Path | None = SCAN_SOUND, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        self._enabled = wav is not None and wav.is_file()
        if not self._enabled:
            return
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError:
            return
        try:
            self._effect = multimedia.QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(wav)))
        except Exception:  # no audio device, broken backend: a beep will do
            log.warning("scan sound unavailable; using the system beep")
            self._effect = None

    @property
    def backend(self) -> str:
        if not self._enabled:
            return "silent"
        return "qtmultimedia" if self._effect is not None else "beep"

    @Slot()
    def play(self) -> None:
        if not self._enabled:
            return
        if self._effect is not None:
            self._effect.play()
        else:
            QApplication.beep()


class MainWindow(QMainWindow):
    """The shopper's window: one stacked page per screen, switched by the session's state.

    Signals:
        admin_requested(): the top-left corner was held for three seconds (staff access).
    """

    admin_requested = Signal()

    def __init__(
        self,
        session: ShopperSession,
        *,
        scanner: Scanner | None = None,
        wedge: WedgeFilter | None = None,
        cue: ScanCue | None = None,
        language: str = "en",
        busy_delay_ms: int = BUSY_DELAY_MS,
        idle: IdleWatcher | None = None,
        translations: Translations | None = None,
        countries: tuple[str, ...] | None = None,
        delivery_days: int | None = None,
        admin_hold_ms: int = HOLD_MS,
        refused_orders: RefusedOrders | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.session = session
        self.refused_orders = refused_orders
        self.idle = idle
        self._scanner = scanner
        self._wedge = wedge
        self._cue = cue
        self._translations = translations
        self._code_filter: Callable[[str], bool] | None = None
        self.language = SOURCE_LANGUAGE
        ui = defaults("ui")  # a window built without a config (tests) takes the schema's
        countries = parse_countries(ui.countries) if countries is None else countries
        delivery_days = ui.delivery_days if delivery_days is None else delivery_days

        self.scan_screen = ScanScreen()
        self.looking_up_screen = LookingUpScreen()
        self.product_screen = ProductScreen(language=language)
        self.unknown_code_screen = UnknownCodeScreen()
        self.error_screen = ErrorScreen()
        self.fetch_screen = FetchScreen()
        self.stores_screen = StoresScreen()
        self.notify_screen = NotifyScreen()
        self.address_screen = AddressFormScreen(countries=countries)
        self.review_screen = ReviewScreen(delivery_days=delivery_days)
        self.confirmation_screen = ConfirmationScreen()
        self.stack = QStackedWidget()
        for screen in self.screens():
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        # The window's size comes from the screen (or the caller), never from its content:
        # no minimum-size hints pushed to the platform when screens change.
        layout = self.layout()
        assert layout is not None  # a QMainWindow always has its own layout
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self.still_there = StillThereOverlay(self)
        self.admin_corner = CornerPress(self, hold_ms=admin_hold_ms)
        self.admin_corner.raise_()

        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(busy_delay_ms)

        self._connect_signals()
        self.set_language(language)
        self._on_state_changed(session.state.value)

    def screens(self) -> list[Screen]:
        return [
            self.scan_screen,
            self.looking_up_screen,
            self.product_screen,
            self.unknown_code_screen,
            self.error_screen,
            self.fetch_screen,
            self.stores_screen,
            self.notify_screen,
            self.address_screen,
            self.review_screen,
            self.confirmation_screen,
        ]

    def _connect_signals(self) -> None:
        """Connect everything, top to bottom in the order data flows."""
        session = self.session

        # codes in: camera, USB scanner (keyboard wedge), keypads
        if self._scanner is not None:
            self._scanner.scanned.connect(self._on_code_scanned)
            self._scanner.preview.connect(self.scan_screen.camera.set_frame)
            self._scanner.camera_state.connect(self.scan_screen.camera.set_camera_state)
        if self._wedge is not None:
            self._wedge.scanned.connect(self._on_code_scanned)
        self.scan_screen.code_entered.connect(session.scan)
        self.unknown_code_screen.code_entered.connect(session.scan)

        # other intents from the screens
        self.scan_screen.keypad_requested.connect(session.start_scanning)
        self.scan_screen.language_chosen.connect(self.set_language)
        self.product_screen.size_chosen.connect(session.choose_size)
        self.error_screen.retry_requested.connect(session.retry)
        self.fetch_screen.fetch_requested.connect(session.request_fetch)
        self.fetch_screen.cancel_requested.connect(session.cancel_fetch)
        self.fetch_screen.give_up_requested.connect(session.cancel_fetch_and_start_over)
        self.notify_screen.notify_requested.connect(session.notify_me)
        self.address_screen.address_submitted.connect(session.submit_address)
        self.review_screen.place_order_requested.connect(session.place_order)
        self.confirmation_screen.done_requested.connect(session.start_over)
        self.notify_screen.done_requested.connect(session.start_over)
        # the customer voice (issue 17): fit votes, why leaving, sizes the style lacks
        self.product_screen.should_ask_why = lambda: session.empty_handed
        self.product_screen.fit_voted.connect(session.vote_fit)
        self.fetch_screen.fit_voted.connect(session.vote_fit)
        self.product_screen.left_because.connect(session.leave_because)
        self.product_screen.size_wanted.connect(session.want_size)
        for screen in self.screens():
            screen.nav.back_requested.connect(session.back)
            screen.nav.start_over_requested.connect(session.start_over)
            screen.nav.language_chosen.connect(self.set_language)

        # session -> screens
        session.looking_up.connect(self.looking_up_screen.show_code)
        session.product_ready.connect(self._on_product_ready)
        session.fit_advice.connect(self.product_screen.show_fit)
        session.code_unknown.connect(self.unknown_code_screen.show_code)
        session.failed.connect(self.error_screen.show_message)
        session.fetch_changed.connect(self.fetch_screen.show_phase)
        session.order_changed.connect(self.review_screen.show_phase)
        session.notify_changed.connect(self.notify_screen.show_phase)
        session.forget_personal.connect(self.forget_personal)
        session.state_changed.connect(self._on_state_changed)
        self._busy_timer.timeout.connect(self._on_busy_timeout)

        # the shopper walked away; staff want in
        if self.idle is not None:
            self.idle.still_there.connect(self.still_there.show_countdown)
            self.idle.resumed.connect(self.still_there.hide)
            self.idle.expired.connect(self._on_idle_expired)
            self.still_there.still_here.connect(self.idle.poke)
        self.still_there.still_here.connect(self.still_there.hide)
        self.admin_corner.held.connect(self.admin_requested)

        # orders refused after they were saved offline: a quiet notice for staff
        if self.refused_orders is not None:
            self.refused_orders.count_changed.connect(self.scan_screen.set_staff_notice)
            self.admin_requested.connect(self.refused_orders.acknowledge)

    # --- public --------------------------------------------------------------------

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Switch every screen to ``language``; the journey and its state stay as they are."""
        if self._translations is not None:
            self._translations.switch(language)
            language = self._translations.language
        self.language = language
        self.scan_screen.languages.set_current(language)
        # Qt posts LanguageChange events; re-translate now too, so the very next paint
        # (and a test right after the tap) already shows the new language.
        for screen in self.screens():
            screen.set_language(language)
            screen.retranslate()
            screen.nav.retranslate()
        self.address_screen.keyboard.retranslate()
        self.notify_screen.keyboard.retranslate()
        self.still_there.retranslate()
        self._show_order_item()

    @Slot()
    def forget_personal(self) -> None:
        """Wipe every personal detail from the widgets (the session dropped its own)."""
        self.address_screen.clear()
        self.review_screen.clear()
        self.notify_screen.clear()

    def set_code_filter(self, code_filter: Callable[[str], bool] | None) -> None:
        """Let ``code_filter`` take scanned codes first (the staff admin); True = taken."""
        self._code_filter = code_filter

    def line_edits(self) -> list[QLineEdit]:
        """Every text field in the window (the idle reset must leave them all empty)."""
        return self.findChildren(QLineEdit)

    # --- slots ---------------------------------------------------------------------

    @Slot(str)
    def _on_code_scanned(self, code: str) -> None:
        """A code from the camera or a USB scanner: confirm it at once, then look it up."""
        self.scan_screen.camera.flash_success()
        if self._cue is not None:
            self._cue.play()
        if self._code_filter is not None and self._code_filter(code):
            return
        if self.idle is not None:
            self.idle.poke()
        self.session.scan(code)

    @Slot(object)
    def _on_product_ready(self, product: Product) -> None:
        self.product_screen.show_product(product)

    @Slot()
    def _on_idle_expired(self) -> None:
        self.still_there.hide()
        self.session.start_over()
        self.forget_personal()

    def _show_order_item(self) -> None:
        draft = self.session.draft
        if draft is None:
            self.address_screen.show_item("")
            return
        item = draft.item
        self.address_screen.show_item(
            f"{item.style_name} · EU {item.size_eu} · "
            f"{format_price(item.price, item.currency, self.language)}"
        )

    @Slot(str)
    def _on_state_changed(self, value: str) -> None:
        state = State(value)
        session = self.session
        self._busy_timer.stop()
        if self.idle is not None:
            self.idle.set_enabled(state is not State.ATTRACT)
        if state is not State.ATTRACT:
            self.scan_screen.cycle.stop()
        chosen = session.chosen
        style_name = session.product.size_run.style.name if session.product else ""
        if state is not State.NOTIFY:
            self.notify_screen.clear()  # an email typed there never outlives the screen
        if state is State.ATTRACT:
            self.still_there.hide()
            self.product_screen.clear()
            self.unknown_code_screen.show_code("")
            self.error_screen.show_message("")
            self.scan_screen.keypad.clear()
            self.unknown_code_screen.keypad.clear()
            self.fetch_screen.clear()
            self.stores_screen.clear()
            self.notify_screen.clear()
            self.confirmation_screen.clear()
            self.forget_personal()
            self.scan_screen.set_engaged(False)
            self.stack.setCurrentWidget(self.scan_screen)
        elif state is State.SCANNING:
            self.scan_screen.set_engaged(True)
            self.stack.setCurrentWidget(self.scan_screen)
        elif state is State.LOOKING_UP:
            self._busy_timer.start()  # keep the current screen unless it takes a while
        elif state is State.PRODUCT:
            self.confirmation_screen.clear()
            self.stack.setCurrentWidget(self.product_screen)
        elif state is State.UNKNOWN_CODE:
            self.stack.setCurrentWidget(self.unknown_code_screen)
        elif state is State.ERROR:
            self.stack.setCurrentWidget(self.error_screen)
        elif state is State.FETCH and chosen is not None:
            self.fetch_screen.show_size(style_name, chosen.variant.size_eu)
            self.stack.setCurrentWidget(self.fetch_screen)
        elif state is State.STORES and chosen is not None:
            self.stores_screen.show_size(style_name, chosen)
            self.stack.setCurrentWidget(self.stores_screen)
        elif state is State.NOTIFY and chosen is not None:
            self.notify_screen.show_size(style_name, chosen.variant.size_eu)
            self.stack.setCurrentWidget(self.notify_screen)
        elif state is State.ADDRESS:
            self._show_order_item()
            self.stack.setCurrentWidget(self.address_screen)
        elif state is State.REVIEW:
            draft = session.draft
            if draft is not None and draft.ship_to is not None:
                self.review_screen.show_order(draft.item, draft.ship_to)
                self.review_screen.show_picture(self.product_screen.image.source_picture())
            self.stack.setCurrentWidget(self.review_screen)
        elif state is State.CONFIRMATION:
            receipt = session.receipt
            if receipt is not None:
                self.confirmation_screen.show_receipt(receipt)
            self.stack.setCurrentWidget(self.confirmation_screen)

    @Slot()
    def _on_busy_timeout(self) -> None:
        if self.session.state is State.LOOKING_UP:
            self.stack.setCurrentWidget(self.looking_up_screen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        theme.fit_soon(self)  # sizes follow the window and its screen (kiosk/theme.py)
        self.still_there.setGeometry(self.rect())
        self.admin_corner.raise_()
