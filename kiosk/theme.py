"""The kiosk's look in one place: colours, sizes and the Qt style sheet.

Sizes are for a kiosk screen read from about 60 cm: body text >= 22 px, headings 44+ px,
touch targets >= 72 px (9 mm at ~200 dpi, more at typical 96-160 dpi kiosk panels).
Every text/background pair below meets WCAG AA (4.5:1) and status colours always come
with words, never alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

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


def style_sheet() -> str:
    tiles = "\n".join(
        f"""
QPushButton#sizeTile[status="{status}"] {{
    background: {bg}; border: 3px solid {border}; color: {ink};
}}
QPushButton#sizeTile[status="{status}"][scanned="true"] {{ border-width: 6px; }}
QLabel#tileStatus[status="{status}"] {{ color: {ink}; }}"""
        for status, (bg, border, ink) in STATUS_COLOURS.items()
    )
    return f"""
QWidget {{
    font-family: {FONT_FAMILY}; font-size: {BODY_PX}px; color: {INK};
}}
QMainWindow, QStackedWidget, QWidget#screen {{ background: {PAPER}; }}
QLabel#heading {{ font-size: {HEADING_PX}px; font-weight: 700; }}
QLabel#title {{ font-size: {TITLE_PX}px; font-weight: 700; }}
QLabel#subtitle {{ font-size: 28px; color: {MUTED}; }}
QLabel#price {{ font-size: 36px; font-weight: 700; }}
QLabel#hint {{ font-size: {BODY_PX}px; color: {MUTED}; }}
QLabel#code {{ font-size: 30px; font-family: "DejaVu Sans Mono", monospace; }}
QLabel#notice {{
    background: {NOTICE_BG}; color: {NOTICE_INK}; border-left: 8px solid #b8860b;
    padding: 14px 20px; font-size: {BODY_PX}px;
}}
QFrame#card {{ background: {CARD}; border-radius: 16px; }}
QPushButton {{
    min-height: {TOUCH_MIN_PX}px; min-width: {TOUCH_MIN_PX * 2}px; padding: 0 28px;
    border-radius: 12px; font-size: 26px; font-weight: 600;
    background: {CARD}; color: {PRIMARY}; border: 3px solid {PRIMARY};
}}
QPushButton:pressed {{ background: #dde6f3; }}
QPushButton#primary {{ background: {PRIMARY}; color: #ffffff; border: none; }}
QPushButton#primary:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton#sizeTile {{
    min-width: 150px; padding: 0; border-radius: 14px; text-align: left;
}}
QPushButton#sizeTile:disabled {{ border-style: dashed; }}
QLabel#tileSize {{ font-size: 38px; font-weight: 700; color: {INK}; background: transparent; }}
QLabel#tileBadge {{
    font-size: 20px; font-weight: 700; color: #ffffff; background: {PRIMARY};
    border-radius: 8px; padding: 2px 10px;
}}
QLabel#tileAlt {{ font-size: 20px; color: {MUTED}; background: transparent; }}
QLabel#tileStatus {{ font-size: 21px; font-weight: 700; background: transparent; }}
QLabel#tileDetail {{ font-size: 20px; color: {MUTED}; background: transparent; }}
QLabel#keypadDisplay {{
    font-size: 44px; font-weight: 700; font-family: "DejaVu Sans Mono", monospace;
    background: {CARD}; border: 3px solid #8a8a8a; border-radius: 12px; padding: 8px 16px;
    min-height: {TOUCH_MIN_PX}px;
}}
QLabel#keypadDisplay[entryState="valid"] {{ border-color: #1e7b34; }}
QLabel#keypadDisplay[entryState="invalid"] {{ border-color: #b3261e; color: #8c1d18; }}
QLabel#keypadHint {{ font-size: {BODY_PX}px; color: {MUTED}; }}
NumericKeypad QPushButton {{ font-size: 36px; min-width: {TOUCH_MIN_PX}px; }}
NumericKeypad QPushButton#key_find {{ background: {PRIMARY}; color: #ffffff; border: none; }}
NumericKeypad QPushButton#key_find:disabled {{ background: #c9ced6; color: #3d3d3d; }}
QScrollArea {{ border: none; background: transparent; }}
QLabel#ticket {{ font-size: 200px; font-weight: 800; color: {PRIMARY}; }}
QLabel#orderNumber {{
    font-size: 72px; font-weight: 800; font-family: "DejaVu Sans Mono", monospace;
    color: {INK};
}}
QLabel#body {{ font-size: 26px; }}
QLabel#fieldLabel {{ font-size: 22px; font-weight: 700; color: {INK}; }}
QLabel#fieldError {{ font-size: 22px; font-weight: 600; color: {ERROR_INK}; }}
QLineEdit {{
    min-height: {TOUCH_MIN_PX}px; font-size: 28px; padding: 0 14px; background: {CARD};
    color: {INK};
    border: 2px solid {FIELD_BORDER}; border-radius: 10px;
}}
QLineEdit:focus {{ border: 4px solid {PRIMARY}; }}
QPushButton#language, QPushButton#choice {{
    min-width: {TOUCH_MIN_PX}px; padding: 0 18px; font-size: 24px;
}}
QPushButton#language:checked, QPushButton#choice:checked {{
    background: {CHOICE_BG}; border-width: 5px;
}}
TouchKeyboard QPushButton {{
    min-width: {TOUCH_MIN_PX}px; min-height: {TOUCH_MIN_PX}px; padding: 0;
    font-size: 28px; font-weight: 600; background: {KEY_BG}; color: {INK};
    border: 2px solid {FIELD_BORDER}; border-radius: 10px;
}}
TouchKeyboard QPushButton:pressed, TouchKeyboard QPushButton:checked {{
    background: {CHOICE_BG}; color: {PRIMARY}; border-color: {PRIMARY};
}}
TouchKeyboard QPushButton#primaryKey {{ background: {PRIMARY}; color: #ffffff; border: none; }}
QWidget#overlay {{ background: {OVERLAY_RGBA}; }}
QFrame#overlayCard {{ background: {CARD}; border-radius: 20px; }}
QWidget#cornerPress {{ background: transparent; }}
{tiles}
"""


def apply(app: QApplication) -> None:
    """Install the theme on the whole application."""
    app.setStyleSheet(style_sheet())
