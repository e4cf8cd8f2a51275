"""The admin screen's additions to the theme, at the sizes of the window's metrics."""

from __future__ import annotations

from kiosk import theme

__all__ = ["admin_style_sheet"]


def admin_style_sheet(m: theme.Metrics) -> str:
    """Large PIN dots, the big receiving line, small header lines, touch-high spin boxes,
    combo boxes and list rows (the theme styles none of these)."""
    return f"""
QLabel#pinDots {{ font-size: {m.px(theme.HEADING_PX, 24)}px; letter-spacing: {m.px(8, 2)}px; }}
QLabel#adminBigTally {{ font-size: {m.px(theme.TITLE_PX, 20)}px; font-weight: 700; }}
QLabel#adminHeader {{ font-size: {m.px(20, 13)}px; color: {theme.MUTED}; }}
QSpinBox, QComboBox {{ min-height: {m.touch}px; font-size: {m.px(28, 17)}px; }}
QListWidget::item {{ min-height: {m.touch}px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: {m.touch}px; }}
"""
