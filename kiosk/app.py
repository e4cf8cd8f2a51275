"""The kiosk window and the assembly of its parts.

Data flows one way (see DESIGN.md)::

    Scanner / WedgeFilter / keypads ──code──> ShopperSession ──TaskRunner──> InventoryClient
                                                   │ (result signals, GUI thread)
                                                   └──> screens in MainWindow's stack

:class:`MainWindow` wires it in one place, :meth:`MainWindow._connect_signals`;
:class:`Kiosk` builds the parts from a client and a frame source and tears them down in
order. Nothing here talks HTTP: the session hands client calls to the task runner.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from endless_aisle_assets import SCAN_SOUND
from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from kiosk import theme
from kiosk.display import WindowPlacer
from kiosk.i18n import SOURCE_LANGUAGE, Translations
from kiosk.idle import IdleWatcher
from kiosk.journey.address import parse_countries
from kiosk.journey.refused_orders import RefusedOrders
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
from kiosk.session import FETCH_POLL_MS, Product, ShopperSession, State, client_lookup
from kiosk.widgets.corner_press import HOLD_MS, CornerPress
from kiosk.widgets.still_there import StillThereOverlay
from kiosk.workers import TaskRunner

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.config import DisplaySection, UiSection
    from kiosk.scanning.scanner import Scanner
    from kiosk.scanning.sources import FrameSource
    from kiosk.scanning.wedge import WedgeFilter

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 300  # show "Finding every size…" only if a lookup takes this long
WINDOW_TITLE = "Endless Aisle"
DEFAULT_COUNTRIES = "DE,AT,CH,NL,FR"
DEFAULT_DELIVERY_DAYS = 4


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
        countries: tuple[str, ...] = parse_countries(DEFAULT_COUNTRIES),
        delivery_days: int = DEFAULT_DELIVERY_DAYS,
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
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

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
        self.notify_screen.notify_requested.connect(session.notify_me)
        self.address_screen.address_submitted.connect(session.submit_address)
        self.review_screen.place_order_requested.connect(session.place_order)
        self.confirmation_screen.done_requested.connect(session.start_over)
        self.notify_screen.done_requested.connect(session.start_over)
        for screen in self.screens():
            screen.nav.back_requested.connect(session.back)
            screen.nav.start_over_requested.connect(session.start_over)
            screen.nav.language_chosen.connect(self.set_language)

        # session -> screens
        session.looking_up.connect(self.looking_up_screen.show_code)
        session.product_ready.connect(self._on_product_ready)
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        theme.fit(self)  # sizes follow the window and its screen (kiosk/theme.py)
        self.still_there.setGeometry(self.rect())
        self.admin_corner.raise_()


class Kiosk:
    """All parts of a running kiosk, built from a client and a frame source.

    ``source_factory`` is ``None`` for a kiosk without a camera (USB scanner and keypad
    only, or tests that drive the session directly).
    """

    def __init__(
        self,
        client: InventoryClient,
        *,
        source_factory: Callable[[], FrameSource] | None,
        language: str = "en",
        debounce_s: float = 2.0,
        sound: Path | None = SCAN_SOUND,
        busy_delay_ms: int = BUSY_DELAY_MS,
        ui: UiSection | None = None,
        idle_timeout_s: float | None = None,
        still_there_s: float | None = None,
        translations_dir: Path | None = None,
        admin_hold_ms: int = HOLD_MS,
        fetch_poll_ms: int = FETCH_POLL_MS,
    ) -> None:
        """``ui`` (the config's [ui] section) supplies language, idle times, countries
        and delivery days; explicit ``idle_timeout_s`` / ``still_there_s`` win (tests)."""
        from inventory_client import OutboxSender
        from kiosk.i18n import TRANSLATIONS_DIR
        from kiosk.scanning.decoder import normalize_gtin
        from kiosk.scanning.wedge import WedgeFilter

        if ui is not None:
            language = ui.language
        countries = parse_countries(ui.countries if ui is not None else DEFAULT_COUNTRIES)
        delivery_days = ui.delivery_days if ui is not None else DEFAULT_DELIVERY_DAYS
        if idle_timeout_s is None:
            idle_timeout_s = ui.idle_timeout_s if ui is not None else 60
        if still_there_s is None:
            still_there_s = ui.still_there_s if ui is not None else 10

        self.client = client
        self.runner = TaskRunner()
        poll_timer = QTimer()
        poll_timer.setInterval(fetch_poll_ms)
        self.session = ShopperSession(
            client_lookup(client),
            self.runner,
            normalize=normalize_gtin,
            record_demand=client.record_demand,
            backend=client,
            poll_timer=poll_timer,
        )
        poll_timer.setParent(self.session)
        self.idle = IdleWatcher(idle_timeout_s, still_there_s)
        self.sender = OutboxSender(client)  # keeps orders, requests and demand draining
        self.refused_orders = RefusedOrders()
        self._sender_started = False
        app = QApplication.instance()
        self.translations = (
            Translations(app, translations_dir or TRANSLATIONS_DIR) if app is not None else None
        )
        self.scanner: Scanner | None = None
        if source_factory is not None:
            from kiosk.scanning.scanner import Scanner

            self.scanner = Scanner(source_factory, debounce_s=debounce_s)
        self.wedge = WedgeFilter()
        self.cue = ScanCue(sound)
        self.window = MainWindow(
            self.session,
            scanner=self.scanner,
            wedge=self.wedge,
            cue=self.cue,
            language=language,
            busy_delay_ms=busy_delay_ms,
            idle=self.idle,
            translations=self.translations,
            countries=countries,
            delivery_days=delivery_days,
            admin_hold_ms=admin_hold_ms,
            refused_orders=self.refused_orders,
        )
        # Called on the sender's thread; RefusedOrders queues it to the GUI thread.
        client.notify_unfulfillable(self.refused_orders.deliver)
        self.placer: WindowPlacer | None = None
        self._started = False

    def start(self, *, fullscreen: bool = False, display: DisplaySection | None = None) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
            app.installEventFilter(self.idle)
        if self.placer is None:  # fills its screen (or fits it) and follows screen changes
            self.placer = WindowPlacer(
                self.window,
                fullscreen=fullscreen,
                screen_pin=display.screen if display is not None else "",
                rotation=display.rotation if display is not None else 0,
            )
        self.placer.show()
        if self.scanner is not None:
            self.scanner.start()
        if not self._sender_started:  # a thread starts once
            self.sender.start()
            self._sender_started = True
        self._started = True

    def shutdown(self) -> None:
        """Stop the camera thread, finish client calls, close the window. Safe to repeat."""
        if self.scanner is not None:
            self.scanner.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
            app.removeEventFilter(self.idle)
        self.idle.set_enabled(False)
        self.runner.shutdown()
        self.sender.stop()
        if self.translations is not None:
            self.translations.uninstall()
        self.window.close()
        self._started = False
