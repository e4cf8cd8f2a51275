"""Where the kiosk window goes: the screen it fills, and following that screen as it changes.

Two layers, as elsewhere in the kiosk:

- Plain functions over rectangles (:func:`choose_screen`, :func:`window_geometry`,
  :func:`rotation_command`) decide *where*; they know nothing of Qt and are tested with
  plain asserts.
- :class:`WindowPlacer` (a QObject, no widget of its own) applies the decision to a window
  and applies it again whenever a screen appears, disappears, becomes primary or changes
  size (a rotation, a monitor replaced), without a restart.

Why not just ``showFullScreen()``: on X without a window manager (bare xinit/nodm kiosks)
nothing honours the fullscreen request, and the window stays at its size hint in the
top-left corner. So the placer sets the screen's geometry itself, frameless, and raises the
window; with a window manager or on Wayland the fullscreen state does the rest.

Every placement the window really takes is logged once as ``window placed`` with its
geometry and screen, and again once the window is exposed (mapped: on the glass and able
to take keys): the line IT greps for and the end-to-end tests wait on.

Why one module of ~420 lines: the rectangle functions exist only for the placer and are
read beside it; most of the placer's length is the Qt life-cycle care (screens unplugged
under it, a window deleted while events still arrive) that must stay in one place.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QProcess, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

ROTATIONS = (0, 90, 180, 270)
DESIGN_SIZE = (1920, 1080)
"""The landscape size a windowed (development) kiosk opens at, turned to fit the screen."""

# display.rotation is clockwise; xrandr names the direction the picture's top points to,
# Wayland's wl_output transforms count counter-clockwise.
_XRANDR_ROTATION = {0: "normal", 90: "right", 180: "inverted", 270: "left"}
_WAYLAND_TRANSFORM = {0: "normal", 90: "270", 180: "180", 270: "90"}
# Platforms with no window stacking (offscreen renders for tests and the tour; they
# warn on raise()).
_NO_STACKING = frozenset({"offscreen", "minimal"})


@dataclass(frozen=True)
class Rect:
    """A rectangle in the desktop's logical pixels (what QScreen.geometry() reports)."""

    x: int
    y: int
    width: int
    height: int

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.width, self.height]


@dataclass(frozen=True)
class Margins:
    """The window frame a window manager adds around the window's own area."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0


@dataclass(frozen=True)
class ScreenInfo:
    """What the placement needs to know of one screen."""

    name: str
    geometry: Rect
    available: Rect


# --- deciding (plain Python) -------------------------------------------------------------


def choose_screen(screens: Sequence[ScreenInfo], pin: str, primary: int = 0) -> tuple[int, str]:
    """The index of the screen to fill, and a warning ("" when none).

    ``pin`` is ``display.screen``: empty for the primary screen, an output name, or an
    index. A pin that matches nothing falls back to the primary screen with a warning, so a
    replaced monitor never leaves the kiosk without a window.
    """
    if not screens:
        raise ValueError("no screens")
    primary = primary if 0 <= primary < len(screens) else 0
    pin = pin.strip()
    if not pin:
        return primary, ""
    for index, screen in enumerate(screens):
        if screen.name == pin:
            return index, ""
    if pin.isdigit() and int(pin) < len(screens):
        return int(pin), ""
    names = ", ".join(f"{i}: {s.name}" for i, s in enumerate(screens))
    return primary, f"display.screen {pin!r} not found (screens: {names}); using the primary"


def fit_size(design: tuple[int, int], room: tuple[int, int]) -> tuple[int, int]:
    """``design`` turned to ``room``'s orientation and scaled down (never up) to fit it."""
    width, height = design
    if (room[1] > room[0]) != (height > width):
        width, height = height, width
    scale = min(1.0, room[0] / width, room[1] / height)
    return max(1, int(width * scale)), max(1, int(height * scale))


def window_geometry(
    screen: ScreenInfo,
    *,
    fullscreen: bool,
    frame: Margins = Margins(),
    design: tuple[int, int] = DESIGN_SIZE,
) -> Rect:
    """The window's own geometry (frame excluded) on ``screen``.

    Fullscreen: the whole screen. Windowed: the design size in the screen's orientation,
    shrunk with its frame to the available area (panels and docks excluded), centred there.
    """
    if fullscreen:
        return screen.geometry
    room = screen.available
    inner = (
        max(1, room.width - frame.left - frame.right),
        max(1, room.height - frame.top - frame.bottom),
    )
    width, height = fit_size(design, inner)
    outer_w = width + frame.left + frame.right
    outer_h = height + frame.top + frame.bottom
    x = room.x + (room.width - outer_w) // 2 + frame.left
    y = room.y + (room.height - outer_h) // 2 + frame.top
    return Rect(x, y, width, height)


def rotation_command(platform: str, output: str, rotation: int) -> list[str] | None:
    """The command that turns ``output`` by ``rotation`` degrees clockwise, or ``None``.

    ``None`` for no rotation, and for platforms the kiosk cannot rotate itself (eglfs and
    linuxfb take ``QT_QPA_EGLFS_ROTATION`` before start; offscreen has nothing to turn).
    """
    if rotation not in ROTATIONS:
        raise ValueError(f"rotation {rotation}: allowed are {', '.join(map(str, ROTATIONS))}")
    if rotation == 0 or not output:
        return None
    if platform == "xcb":
        return ["xrandr", "--output", output, "--rotate", _XRANDR_ROTATION[rotation]]
    if platform.startswith("wayland"):
        return ["wlr-randr", "--output", output, "--transform", _WAYLAND_TRANSFORM[rotation]]
    return None


# --- applying (Qt) -----------------------------------------------------------------------


def _rect(qrect: QRect) -> Rect:
    return Rect(qrect.x(), qrect.y(), qrect.width(), qrect.height())


def screen_info(screen: QScreen) -> ScreenInfo:
    return ScreenInfo(screen.name(), _rect(screen.geometry()), _rect(screen.availableGeometry()))


class WindowPlacer(QObject):
    """Shows ``window`` on its screen and keeps it there as screens change.

    ``fullscreen``: fill the chosen screen, frameless (``run`` and ``demo --fullscreen``);
    otherwise a window that fits the screen's available area in its orientation.
    ``screen_pin`` and ``rotation`` are ``display.screen`` and ``display.rotation``.
    """

    def __init__(
        self,
        window: QWidget,
        *,
        fullscreen: bool,
        screen_pin: str = "",
        rotation: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        if rotation not in ROTATIONS:
            raise ValueError(f"rotation {rotation}: allowed are {ROTATIONS}")
        self._window = window
        self._fullscreen = fullscreen
        self._pin = screen_pin
        self._rotation = rotation
        self._screen: QScreen | None = None
        self._rotated: set[str] = set()
        self._last_logged: tuple[object, ...] | None = None
        self._log_timer = QTimer(self)
        self._log_timer.setSingleShot(True)
        self._log_timer.setInterval(0)  # coalesce a move and a resize into one line
        self._log_timer.timeout.connect(self._log_placement)
        self._connected = False
        self._handle: QWindow | None = None  # the native window, watched for Expose
        self._frame_used = Margins()  # the frame the last placement allowed for
        self._detached = False
        self._refollowing = False

    @property
    def screen(self) -> QScreen | None:
        """The screen the window is placed on (``None`` before :meth:`show`)."""
        return self._screen

    def show(self) -> None:
        """Place and show the window, and start following screen changes."""
        self._detached = False
        if self._fullscreen:
            self._window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self._window.installEventFilter(self)
        self._connect_signals()
        self._follow_screens()

    def _connect_signals(self) -> None:
        if self._connected:
            return
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._on_screens_changed)
        app.screenRemoved.connect(self._on_screens_changed)
        app.primaryScreenChanged.connect(self._on_screens_changed)
        self._connected = True

    def _choose(self) -> QScreen:
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        primary_index = screens.index(primary) if primary in screens else 0
        index, warning = choose_screen([screen_info(s) for s in screens], self._pin, primary_index)
        if warning:
            log.warning(warning)
        return screens[index]

    @Slot()
    @Slot(QScreen)
    def _on_screens_changed(self, _screen: QScreen | None = None) -> None:
        # screenRemoved fires before the screen is gone from QGuiApplication.screens():
        # decide once the event loop has finished the change.
        QTimer.singleShot(0, self._follow_screens)

    @Slot()
    def _follow_screens(self) -> None:
        if not self._window_alive():
            return
        screen = self._choose()
        if screen is not self._current_screen():
            if self._screen is not None:
                old = self._screen
                for signal in (
                    old.geometryChanged,
                    old.availableGeometryChanged,
                    old.destroyed,
                ):
                    # RuntimeError: the screen object is already gone (unplugged)
                    with contextlib.suppress(RuntimeError, TypeError):
                        signal.disconnect(self._on_geometry_changed)
                    with contextlib.suppress(RuntimeError, TypeError):
                        signal.disconnect(self._on_screen_destroyed)
            screen.geometryChanged.connect(self._on_geometry_changed)
            screen.availableGeometryChanged.connect(self._on_geometry_changed)
            screen.destroyed.connect(self._on_screen_destroyed)
            self._screen = screen
            self._rotate(screen)
        self.place()

    @Slot(QRect)
    def _on_geometry_changed(self, _geometry: QRect) -> None:
        self.place()

    def _rotate(self, screen: QScreen) -> None:
        """Turn the screen once per output (asynchronously: the GUI never waits on it)."""
        name = screen.name()
        if name in self._rotated:
            return
        command = rotation_command(QGuiApplication.platformName(), name, self._rotation)
        if command is None:
            if self._rotation:
                log.warning(
                    "display.rotation %d not applied on the %s platform",
                    self._rotation,
                    QGuiApplication.platformName(),
                )
            return
        self._rotated.add(name)
        process = QProcess(self)
        process.finished.connect(lambda code, _status: self._rotated_done(process, command, code))
        process.errorOccurred.connect(lambda _e: self._rotated_done(process, command, -1))
        process.start(command[0], command[1:])

    def _rotated_done(self, process: QProcess, command: list[str], code: int) -> None:
        if code == 0:
            log.info("display rotated", extra={"command": " ".join(command)})
        else:
            log.warning(
                "display rotation failed", extra={"command": " ".join(command), "exit": code}
            )
        process.deleteLater()

    def place(self) -> None:
        """Put the window where it belongs on its screen now, and show it."""
        if not self._window_alive():
            return
        screen = self._current_screen()
        if screen is None:  # deleted under us: choose again (once; a screen signal follows)
            if not self._refollowing:
                self._refollowing = True
                try:
                    self._follow_screens()
                finally:
                    self._refollowing = False
            return
        window = self._window
        frame = self._frame_margins() if not self._fullscreen else Margins()
        self._frame_used = frame
        target = window_geometry(screen_info(screen), fullscreen=self._fullscreen, frame=frame)
        # The geometry alone takes the window to its screen. QWindow.setScreen is not used:
        # PySide6 then ties the QScreen's Python wrapper to the window, and when that window
        # is deleted the wrapper of a screen still in use goes invalid with it (seen as
        # "QScreen already deleted" and a crash in the next window's layout).
        window.setGeometry(target.x, target.y, target.width, target.height)
        if self._fullscreen:
            # With a window manager (or on Wayland) the fullscreen state keeps it filled;
            # without one, the geometry just set is what counts.
            if not window.isFullScreen():
                window.showFullScreen()
            if QGuiApplication.platformName() not in _NO_STACKING:
                window.raise_()
                window.activateWindow()
        elif not window.isVisible():
            window.show()
        self._log_timer.start()

    def _frame_margins(self) -> Margins:
        """The frame the window manager (or Wayland decorations) put around the window;
        known only once the window is shown, and zero before."""
        window = self._window
        if not window.isVisible():
            return Margins()
        outer, inner = window.frameGeometry(), window.geometry()
        return Margins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )

    def detach(self) -> None:
        """Stop following the window and the screens (the kiosk is shutting down).

        Safe to repeat, and safe once the window is already gone.
        """
        self._detached = True
        self._log_timer.stop()
        if self._connected:
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                for signal in (app.screenAdded, app.screenRemoved, app.primaryScreenChanged):
                    with contextlib.suppress(RuntimeError, TypeError):
                        signal.disconnect(self._on_screens_changed)
            self._connected = False
        for watched in (self._window, self._handle):
            if watched is not None and shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._handle = None

    def _window_alive(self) -> bool:
        return not self._detached and shiboken6.isValid(self._window)

    def _current_screen(self) -> QScreen | None:
        """The screen placed on, or ``None`` once Qt has deleted it (unplugged): then the
        next placement chooses again."""
        if self._screen is not None and not shiboken6.isValid(self._screen):
            self._screen = None
        return self._screen

    @Slot()
    def _on_screen_destroyed(self) -> None:
        self._screen = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the window is being destroyed its events still reach this filter (a child
        # of it): touch nothing then.
        if not self._window_alive():
            return False
        if watched is self._window and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._log_timer.start()
            handle = self._window.windowHandle()
            if handle is not None and handle is not self._handle:
                self._handle = handle
                handle.installEventFilter(self)
        elif watched is self._handle and event.type() == QEvent.Type.Expose:
            self._log_timer.start()  # now it is on the glass (mapped), or no longer
        return False

    @Slot()
    def _log_placement(self) -> None:
        if not self._window_alive():
            return
        window, screen = self._window, self._current_screen()
        if screen is None or not window.isVisible():
            return
        if not self._fullscreen and self._frame_margins() != self._frame_used:
            self.place()  # the frame is known now: fit the window with it (logs after)
            return
        geometry = _rect(window.geometry()).as_list()
        exposed = self._handle is not None and self._handle.isExposed()
        key = (tuple(geometry), screen.name(), window.isFullScreen(), exposed)
        if key == self._last_logged:
            return
        self._last_logged = key
        log.info(
            "window placed",
            extra={
                "geometry": geometry,
                "screen": screen.name(),
                "frame": _rect(window.frameGeometry()).as_list(),
                "screen_geometry": _rect(screen.geometry()).as_list(),
                "available_geometry": _rect(screen.availableGeometry()).as_list(),
                "fullscreen": self._fullscreen,
                "exposed": exposed,
                "device_pixel_ratio": screen.devicePixelRatio(),
            },
        )
