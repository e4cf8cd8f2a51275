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

# status -> (background, border, text); text on background is >= 7:1 for each.
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "in_store": ("#e2f3e6", "#1e7b34", "#0f3d1a"),
    "warehouse": ("#e3edfb", "#1f5fad", "#0e2a52"),
    "other_store": ("#fff0d9", "#a15c00", "#4a2a00"),
    "sold_out": ("#ececec", "#8a8a8a", "#3d3d3d"),
    "unknown": ("#f1f1f1", "#8a8a8a", "#3d3d3d"),
}


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
{tiles}
"""


def apply(app: QApplication) -> None:
    """Install the theme on the whole application."""
    app.setStyleSheet(style_sheet())
