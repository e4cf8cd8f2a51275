"""The kiosk's look in one place: colours, sizes and the Qt style sheet.

Sizes come from the screen. The design is drawn for a full-HD kiosk read from about
60 cm (body text 24 px, headings 52 px, 72 px buttons); :func:`metrics_for` scales it to
the window's logical size (the short side against 1080, the long side against 1920) and
keeps every touch target at least 9 mm on the glass (from the screen's physical dots per
inch and device pixel ratio), never below 44 logical px. Short windows (under 700 logical
px) are *compact*: smaller margins, and screens hide what can wait (the camera while the
keypad is open, the picture beside a form). :func:`fit` applies the metrics to a window
and tells its widgets (``apply_metrics``) whenever its size or screen changes.

Every text/background pair below meets WCAG AA (4.5:1) and status colours always come
with words, never alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

FONT_FAMILY = '"Noto Sans", "DejaVu Sans", sans-serif'
TOUCH_MIN_PX = 72  # >= 9 mm at up to ~200 dpi
BODY_PX = 24
HEADING_PX = 52
TITLE_PX = 40

INK = "#1b1b1f"  # body text: 16.7:1 on PAPER
MUTED = "#4a4a55"  # secondary text: 8.4:1 on PAPER
PAPER = "#f6f4ef"
CARD = "#ffffff"
PRIMARY = "#1f4e8c"  # white on it: 8.3:1
PRIMARY_PRESSED = "#163a69"
NOTICE_BG = "#fff4d6"
NOTICE_INK = "#4d3800"  # 10:1 on NOTICE_BG
ERROR_INK = "#8c1d18"  # field messages: 7.6:1 on PAPER
FIELD_BORDER = "#6b6b76"  # 3:1+ against PAPER and CARD (non-text contrast)
CHOICE_BG = "#dde6f3"  # a checked choice (language, country): PRIMARY text on it
OVERLAY_RGBA = "rgba(20, 20, 28, 190)"
KEY_BG = "#e9e7e1"

# status -> (background, border, text); text on background is >= 7:1 for each.
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "in_store": ("#e2f3e6", "#1e7b34", "#0f3d1a"),
    "warehouse": ("#e3edfb", "#1f5fad", "#0e2a52"),
    "other_store": ("#fff0d9", "#a15c00", "#4a2a00"),
    "sold_out": ("#ececec", "#8a8a8a", "#3d3d3d"),
    "unknown": ("#f1f1f1", "#8a8a8a", "#3d3d3d"),
}


# (foreground, background, what) pairs that carry text; each must reach WCAG AA (4.5:1).
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    (INK, PAPER, "body text"),
    (MUTED, PAPER, "secondary text"),
    (INK, CARD, "text on cards and fields"),
    (MUTED, CARD, "secondary text on cards"),
    (PRIMARY, CARD, "outlined buttons"),
    ("#ffffff", PRIMARY, "primary buttons"),
    ("#ffffff", PRIMARY_PRESSED, "pressed primary buttons"),
    (NOTICE_INK, NOTICE_BG, "notices"),
    (ERROR_INK, PAPER, "field messages"),
    (PRIMARY, CHOICE_BG, "checked choices"),
    (INK, KEY_BG, "keyboard keys"),
    ("#3d3d3d", "#c9ced6", "disabled find key"),
    ("#ffffff", "#1f4e8c", "scanned badge"),
    *((ink, bg, f"size tile {status}") for status, (bg, _b, ink) in STATUS_COLOURS.items()),
)
# (foreground, background, what) for borders and controls: WCAG 1.4.11 asks 3:1.
UI_PAIRS: tuple[tuple[str, str, str], ...] = (
    (FIELD_BORDER, CARD, "text field border"),
    (PRIMARY, PAPER, "outlined button border"),
)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected #rrggbb, got {colour!r}")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1.0 (none) to 21.0 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


DESIGN_SHORT_PX = 1080  # the full-HD kiosk the sizes above are drawn for
DESIGN_LONG_PX = 1920
COMPACT_BELOW_PX = 700  # logical height under which screens go compact
TOUCH_MM = 9.0
TOUCH_FLOOR_PX = 44
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Metrics:
    """Sizes for one window on one screen, in logical pixels.

    ``scale`` multiplies the design sizes; ``touch`` is the smallest side of anything a
    finger taps; ``compact`` says the window is short; ``portrait`` its orientation.
    """

    scale: float = 1.0
    touch: int = TOUCH_MIN_PX
    compact: bool = False
    portrait: bool = False

    def px(self, design: float, floor: int = 1) -> int:
        """A design size (full-HD pixels) at this window's scale, never below ``floor``."""
        return max(floor, round(design * self.scale))

    @property
    def body(self) -> int:
        return self.px(BODY_PX, 15)

    @property
    def margin(self) -> int:
        return self.px(48, 8)

    @property
    def spacing(self) -> int:
        return self.px(24, 6)


def metrics_for(
    width: int, height: int, *, physical_dpi: float = 96.0, dpr: float = 1.0
) -> Metrics:
    """The metrics for a window of ``width`` x ``height`` logical px on a screen of
    ``physical_dpi`` (device pixels per inch) with device pixel ratio ``dpr``."""
    width, height = max(width, 1), max(height, 1)
    long_side, short_side = max(width, height), min(width, height)
    scale = min(long_side / DESIGN_LONG_PX, short_side / DESIGN_SHORT_PX)
    scale = round(min(max(scale, 0.4), 1.6) * 20) / 20  # steps of 5 %: no restyle per pixel
    logical_dpi = max(physical_dpi, 1.0) / max(dpr, 1.0)
    nine_mm = math.ceil(TOUCH_MM / MM_PER_INCH * logical_dpi)
    touch = max(TOUCH_FLOOR_PX, nine_mm, round(TOUCH_MIN_PX * scale))
    return Metrics(
        scale=scale,
        touch=touch,
        compact=height < COMPACT_BELOW_PX,
        portrait=height > width,
    )


DISPLAY_DPI_PROPERTY = "displayPhysicalDpi"
DISPLAY_DPR_PROPERTY = "displayPixelRatio"
_METRICS_ATTRIBUTE = "_kiosk_metrics"
_PENDING_ATTRIBUTE = "_kiosk_fit_pending"


def set_display(window: QWidget, *, physical_dpi: float, dpr: float) -> None:
    """Pretend ``window`` is on a screen of this density (the tour and the layout test
    render sizes no machine here has); :func:`fit` then uses it instead of the screen's."""
    window.setProperty(DISPLAY_DPI_PROPERTY, float(physical_dpi))
    window.setProperty(DISPLAY_DPR_PROPERTY, float(dpr))


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen showing ``widget``'s window, found from the application's screen list.

    Not ``QWidget.screen()`` or ``QWindow.screen()``: PySide6 makes the widget the Python
    parent of the QScreen those return, so when that widget is deleted the wrapper of a
    screen still in use is invalidated for every other holder ("QScreen already deleted",
    and crashes in code that held it)."""
    window = widget.window()
    centre = window.frameGeometry().center()
    for screen in QGuiApplication.screens():
        if screen.geometry().contains(centre):
            return screen
    return QGuiApplication.primaryScreen()


def window_metrics(window: QWidget) -> Metrics:
    """The metrics for ``window`` at its current size on its screen."""
    dpi = window.property(DISPLAY_DPI_PROPERTY)
    dpr = window.property(DISPLAY_DPR_PROPERTY)
    screen = screen_of(window)
    if dpi is None:
        dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if dpr is None:
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
    return metrics_for(window.width(), window.height(), physical_dpi=dpi, dpr=dpr)


def current_metrics(widget: QWidget) -> Metrics:
    """The metrics :func:`fit` last applied to ``widget``'s window (design sizes before)."""
    metrics = getattr(widget.window(), _METRICS_ATTRIBUTE, None)
    return metrics if isinstance(metrics, Metrics) else Metrics()


def fit_soon(window: QWidget) -> None:
    """Run :func:`fit` right after the current event (call it from a resize event: a new
    style sheet re-polishes every widget, which must not happen in the middle of the
    window's own resize and layout). Several calls before it runs make one fit."""
    if getattr(window, _PENDING_ATTRIBUTE, False):
        return
    setattr(window, _PENDING_ATTRIBUTE, True)

    def run() -> None:
        setattr(window, _PENDING_ATTRIBUTE, False)
        fit(window)

    QTimer.singleShot(0, window, run)


def fit(window: QWidget) -> Metrics:
    """Size ``window`` for its size and screen: its style sheet, and ``apply_metrics`` on
    every descendant that has it (screens set margins, hide the camera when compact...).
    Cheap when nothing changed; call it from the window's resize and screen signals."""
    metrics = window_metrics(window)
    if getattr(window, _METRICS_ATTRIBUTE, None) == metrics:
        return metrics
    setattr(window, _METRICS_ATTRIBUTE, metrics)
    window.setStyleSheet(style_sheet(metrics))
    for widget in window.findChildren(QWidget):
        apply_metrics = getattr(widget, "apply_metrics", None)
        if callable(apply_metrics):
            apply_metrics(metrics)
    return metrics


def style_sheet(m: Metrics | None = None) -> str:
    """The Qt style sheet at the sizes of ``m`` (the full-HD design by default)."""
    m = m or Metrics()
    touch = m.touch
    px = m.px
    tiles = "\n".join(
        f"""
QPushButton#sizeTile[status="{status}"] {{
    background: {bg}; border: {px(3, 2)}px solid {border}; color: {ink};
}}
QPushButton#sizeTile[status="{status}"][scanned="true"] {{ border-width: {px(6, 4)}px; }}
QLabel#tileStatus[status="{status}"] {{ color: {ink}; }}"""
        for status, (bg, border, ink) in STATUS_COLOURS.items()
    )
    return f"""
QWidget {{
    font-family: {FONT_FAMILY}; font-size: {m.body}px; color: {INK};
}}
QMainWindow, QStackedWidget, QWidget#screen {{ background: {PAPER}; }}
QLabel#heading {{ font-size: {px(HEADING_PX, 24)}px; font-weight: 700; }}
QLabel#title {{ font-size: {px(TITLE_PX, 21)}px; font-weight: 700; }}
QLabel#subtitle {{ font-size: {px(28, 16)}px; color: {MUTED}; }}
QLabel#price {{ font-size: {px(36, 19)}px; font-weight: 700; }}
QLabel#hint {{ font-size: {m.body}px; color: {MUTED}; }}
QLabel#code {{ font-size: {px(30, 17)}px; font-family: "DejaVu Sans Mono", monospace; }}
QLabel#notice {{
    background: {NOTICE_BG}; color: {NOTICE_INK}; border-left: {px(8, 5)}px solid #b8860b;
    padding: {px(14, 6)}px {px(20, 8)}px; font-size: {m.body}px;
}}
QLabel#legend {{ font-size: {px(20, 14)}px; color: {MUTED}; }}
QFrame#card {{ background: {CARD}; border-radius: {px(16, 8)}px; }}
QPushButton {{
    min-height: {touch}px; min-width: {touch}px; padding: 0 {px(28, 10)}px;
    border-radius: {px(12, 8)}px; font-size: {px(26, 16)}px; font-weight: 600;
    background: {CARD}; color: {PRIMARY}; border: {px(3, 2)}px solid {PRIMARY};
}}
QPushButton:pressed {{ background: #dde6f3; }}
QPushButton#primary {{
    background: {PRIMARY}; color: #ffffff; border: none; font-size: {px(30, 18)}px;
    min-height: {max(touch, px(88))}px;
}}
QPushButton#primary:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton#sizeTile {{
    min-width: {max(touch, px(150))}px; min-height: {touch}px; padding: 0;
    border-radius: {px(14, 8)}px; text-align: left;
}}
QPushButton#sizeTile:disabled {{ border-style: dashed; }}
QLabel#tileSize {{
    font-size: {px(38, 20)}px; font-weight: 700; color: {INK}; background: transparent;
}}
QLabel#tileBadge {{
    font-size: {px(20, 13)}px; font-weight: 700; color: #ffffff; background: {PRIMARY};
    border-radius: {px(8, 4)}px; padding: {px(2, 1)}px {px(10, 4)}px;
}}
QLabel#tileAlt {{ font-size: {px(20, 13)}px; color: {MUTED}; background: transparent; }}
QLabel#tileStatus {{ font-size: {px(21, 14)}px; font-weight: 700; background: transparent; }}
QLabel#tileDetail {{ font-size: {px(20, 13)}px; color: {MUTED}; background: transparent; }}
QLabel#keypadDisplay {{
    font-size: {px(44, 22)}px; font-weight: 700; font-family: "DejaVu Sans Mono", monospace;
    background: {CARD}; border: {px(3, 2)}px solid #8a8a8a; border-radius: {px(12, 8)}px;
    padding: {px(8, 2)}px {px(16, 6)}px; min-height: {touch}px;
}}
QLabel#keypadDisplay[entryState="valid"] {{ border-color: #1e7b34; }}
QLabel#keypadDisplay[entryState="invalid"] {{ border-color: #b3261e; color: #8c1d18; }}
QLabel#keypadHint {{ font-size: {m.body}px; color: {MUTED}; }}
NumericKeypad QPushButton {{
    font-size: {px(36, 20)}px; min-width: {touch}px; min-height: {touch}px; padding: 0;
}}
NumericKeypad QPushButton#key_find {{ background: {PRIMARY}; color: #ffffff; border: none; }}
NumericKeypad QPushButton#key_find:disabled {{ background: #c9ced6; color: #3d3d3d; }}
QScrollArea {{ border: none; background: transparent; }}
QLabel#ticket {{ font-size: {px(200, 72)}px; font-weight: 800; color: {PRIMARY}; }}
QLabel#orderNumber {{
    font-size: {px(72, 32)}px; font-weight: 800; font-family: "DejaVu Sans Mono", monospace;
    color: {INK};
}}
QLabel#body {{ font-size: {px(26, 16)}px; }}
QLabel#fieldLabel {{ font-size: {px(22, 14)}px; font-weight: 700; color: {INK}; }}
QLabel#fieldError {{ font-size: {px(22, 14)}px; font-weight: 600; color: {ERROR_INK}; }}
QLineEdit {{
    min-height: {touch}px; font-size: {px(28, 17)}px; padding: 2px {px(14, 6) + 2}px;
    background: {CARD}; color: {INK};
    border: 2px solid {FIELD_BORDER}; border-radius: {px(10, 6)}px;
}}
QLineEdit:focus {{ border: 4px solid {PRIMARY}; padding: 0 {px(14, 6)}px; }}
QPushButton#language, QPushButton#choice {{
    min-width: {touch}px; padding: 0 {px(18, 8)}px; font-size: {px(24, 15)}px;
    border-width: {px(4, 3)}px;
}}
QPushButton#language:checked, QPushButton#choice:checked {{
    background: {CHOICE_BG}; font-weight: 800; text-decoration: underline;
}}
TouchKeyboard QPushButton {{
    min-width: {touch}px; min-height: {touch}px; padding: 0;
    font-size: {px(28, 16)}px; font-weight: 600; background: {KEY_BG}; color: {INK};
    border: 2px solid {FIELD_BORDER}; border-radius: {px(10, 6)}px;
}}
TouchKeyboard QPushButton:pressed, TouchKeyboard QPushButton:checked {{
    background: {CHOICE_BG}; color: {PRIMARY}; border-color: {PRIMARY};
}}
TouchKeyboard QPushButton#primaryKey {{ background: {PRIMARY}; color: #ffffff; border: none; }}
QWidget#overlay {{ background: {OVERLAY_RGBA}; }}
QFrame#overlayCard {{ background: {CARD}; border-radius: {px(20, 10)}px; }}
QWidget#cornerPress {{ background: transparent; }}
{tiles}
"""


def apply(app: QApplication) -> None:
    """Install the theme on the whole application."""
    app.setStyleSheet(style_sheet())
