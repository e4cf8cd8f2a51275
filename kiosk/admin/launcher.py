"""Opens the staff admin over the shopper window, and routes scans to it while it is open.

Staff get in by holding the top-left corner for three seconds (``MainWindow.admin_requested``)
or by scanning their badge on any shopper screen. While the admin screen is open every
scanned code goes to it (receiving mode counts pairs), never to the shopper's session, and
the shopper's idle reset is paused (the admin screen has its own logout).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Slot

from kiosk.admin.panel import AdminPanel, open_admin
from kiosk.admin.pin import badge_staff_id
from kiosk.admin.settings import AdminSettings

if TYPE_CHECKING:
    from inventory_client import InventoryClient
    from kiosk.admin.health import KioskChecks
    from kiosk.app import MainWindow
    from kiosk.workers import TaskRunner

log = logging.getLogger(__name__)


class AdminLauncher(QObject):
    """Builds an :class:`AdminPanel` for each staff visit and lays it over ``window``.

    ``checks`` feeds the panel's Health section; ``on_exit_requested`` is called when staff
    confirm "Quit kiosk" (lift the lockdown and quit the app there). Without them the
    panel has no Health section / no Quit button.
    """

    def __init__(
        self,
        window: MainWindow,
        client: InventoryClient,
        *,
        staff_key: str,
        staff: Iterable[Mapping[str, Any]],
        data_dir: Path,
        runner: TaskRunner,
        settings: AdminSettings | None = None,
        on_exit_requested: Callable[[], None] | None = None,
        checks: KioskChecks | None = None,
    ) -> None:
        super().__init__(window)
        self._on_exit_requested = on_exit_requested
        self._checks = checks
        self._window = window
        self._client = client
        self._staff_key = staff_key
        self._staff = list(staff)
        self._data_dir = Path(data_dir)
        self._runner = runner
        self._settings = settings
        self.panel: AdminPanel | None = None
        window.admin_requested.connect(self.open)
        window.set_code_filter(self.filter_code)
        window.installEventFilter(self)

    @property
    def is_open(self) -> bool:
        return self.panel is not None

    @Slot()
    def open(self) -> None:
        """Show the PIN pad over the shopper screen (a second request while open is ignored)."""
        if self.panel is not None:
            return
        panel = open_admin(
            None,
            self._client,
            self._staff_key,
            self._staff,
            data_dir=self._data_dir,
            runner=self._runner,
            settings=self._settings,
            checks=self._checks,
            on_quit=self._on_exit_requested,
            language=self._window.language,  # staff read the language the kiosk shows
        )
        panel.setParent(self._window)
        panel.setGeometry(self._window.rect())
        panel.closed.connect(self._on_closed)
        panel.language_chosen.connect(self._on_language_chosen)
        self.panel = panel
        if self._window.idle is not None:
            self._window.idle.set_enabled(False)
        panel.show()
        panel.raise_()
        log.info("admin screen opened")

    def filter_code(self, code: str) -> bool:
        """Take a scanned code before the shopper's session does; True when it was ours."""
        if self.panel is not None:
            self.panel.handle_scan(code)
            return True
        if badge_staff_id(code) is not None:
            self.open()
            assert self.panel is not None
            self.panel.handle_scan(code)
            return True
        return False

    @Slot(str)
    def _on_language_chosen(self, language: str) -> None:
        """Staff picked a language on the sign-in pad: the whole kiosk switches to it."""
        self._window.set_language(language)
        if self.panel is not None:
            self.panel.set_language(self._window.language)

    @Slot()
    def _on_closed(self) -> None:
        panel, self.panel = self.panel, None
        if panel is None:
            return
        panel.shutdown()
        panel.hide()
        panel.deleteLater()
        if self._window.idle is not None:
            self._window.idle.set_enabled(True)
        log.info("admin screen closed")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize and self.panel:
            self.panel.setGeometry(self._window.rect())
        return False

    def shutdown(self) -> None:
        if self.panel is not None:
            self._on_closed()


def load_staff_file(path: Path) -> list[dict[str, Any]]:
    """Read ``[[staff]]`` tables (id, name, pin_hash) from a TOML file, checked once.

    Raises :class:`kiosk.config.ConfigError` with one line naming the file and the problem.
    """
    import tomllib

    from kiosk.admin.pin import parse_staff_list
    from kiosk.config import ConfigError

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"admin.staff_file: cannot read {str(path)!r} ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"admin.staff_file: {str(path)!r} is not valid TOML ({exc})") from None
    staff = data.get("staff")
    if not isinstance(staff, list) or not staff:
        raise ConfigError(
            f"admin.staff_file: {str(path)!r} has no [[staff]] tables; "
            "allowed: [[staff]] with id, name and pin_hash"
        )
    try:
        parse_staff_list(staff)
    except ValueError as exc:
        raise ConfigError(f"admin.staff_file: {exc}") from None
    return staff
