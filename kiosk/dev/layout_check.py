"""Find layout faults in a widget tree: what a shopper would see as broken.

:func:`check_layout` walks the visible widgets of a window and returns typed
:class:`LayoutProblem` records (an empty list means the window is fine):

- ``too_small``: a visible control smaller than its minimum size hint (a key squeezed to a
  sliver, a label narrower than its text) or a touch target below the given minimum;
- ``text_cut``: text wider than its control (QFontMetrics against the contents rect of a
  button, the padding the style sheet gives it included; a label that does not word-wrap;
  a word-wrapped label whose longest word or wrapped height does not fit);
- ``overlap``: two visible sibling controls that cover each other;
- ``outside``: a control (partly) outside the window or clipped by its parent, not counting
  the content of a scroll area (reached by scrolling);
- ``window_too_big``: the window is larger than the size it was given (its layout's
  minimum did not fit the screen, so everything beyond the screen edge is lost).

Widgets meant to float over others (an overlay, the invisible staff corner) set the
dynamic property ``layoutOverlay`` to true: they are checked themselves but never count
as overlapping their siblings. The checker is plain Python over Qt's own geometry: no
pixels, no screenshots, fast enough to run for every screen at every size.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

OVERLAY_PROPERTY = "layoutOverlay"
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
# Rounding in layouts and fractional device pixel ratios can cost a pixel; anything more
# is a real fault.
TOLERANCE_PX = 1


class ProblemKind(enum.Enum):
    TOO_SMALL = "too_small"
    TEXT_CUT = "text_cut"
    OVERLAP = "overlap"
    OUTSIDE = "outside"
    WINDOW_TOO_BIG = "window_too_big"


@dataclass(frozen=True)
class LayoutProblem:
    """One fault: what kind, which widget (a readable path), and the numbers."""

    kind: ProblemKind
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.widget}: {self.detail}"


CONTROL_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QLineEdit,
    QLabel,
    QComboBox,
    QAbstractSpinBox,
    QAbstractScrollArea,
)
TOUCH_TYPES: tuple[type[QWidget], ...] = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)


def describe(widget: QWidget) -> str:
    """``Parent > Class#name 'text'``: enough to find the widget in the code."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None:
        name = type(current).__name__
        if current.objectName():
            name += f"#{current.objectName()}"
        parts.append(name)
        if current.isWindow():
            break
        current = current.parentWidget()
    path = " > ".join(reversed(parts[:4]))
    text = _text_of(widget)
    if text:
        path += f" {text[:40]!r}"
    return path


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton | QLabel | QLineEdit):
        return widget.text()
    return ""


def _is_control(widget: QWidget) -> bool:
    return isinstance(widget, CONTROL_TYPES)


def _is_overlay(widget: QWidget) -> bool:
    return bool(widget.property(OVERLAY_PROPERTY))


def _visible_widgets(root: QWidget) -> Iterator[QWidget]:
    """Every visible descendant of ``root`` (children of hidden widgets are skipped)."""
    for child in root.findChildren(QWidget):
        if child.isVisibleTo(root) and not child.isWindow():
            yield child


def _in_scroll_content(widget: QWidget, window: QWidget) -> bool:
    """True when ``widget`` sits in the scrolled content of a scroll area."""
    current = widget.parentWidget()
    while current is not None and current is not window:
        parent = current.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and current is parent.viewport():
            return True
        current = parent
    return False


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not clipped by an ancestor or the window, in window
    coordinates; clipping stops at a scroll area's viewport (scrolling reaches the rest)."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    current = widget.parentWidget()
    while current is not None:
        parent_rect = QRect(current.mapTo(window, current.rect().topLeft()), current.size())
        rect = rect.intersected(parent_rect)
        if current is window:
            break
        parent = current.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and current is parent.viewport():
            break
        current = parent
    return rect


def _lines(text: str) -> list[str]:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\n")


def _button_text_problem(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text:
        return None
    metrics = QFontMetrics(button.font())
    lines = _lines(text)
    text_width = max(metrics.horizontalAdvance(line) for line in lines)
    text_height = metrics.height() * len(lines)
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        contents = button.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, button
        )
    else:
        contents = button.contentsRect()
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if text_width + icon > contents.width() + TOLERANCE_PX:
        return f"text {text_width + icon} px wide in {contents.width()} px"
    if text_height > contents.height() + TOLERANCE_PX:
        return f"text {text_height} px tall in {contents.height()} px"
    return None


def _label_text_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.textFormat() == label.textFormat().RichText or "<" in text:
        return None  # rich text sizes itself through its document; minimum hint covers it
    contents = label.contentsRect()
    indent = max(label.indent(), 0) + max(label.margin(), 0) * 2
    width = contents.width() - indent
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        words = text.split()
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        if longest > width + TOLERANCE_PX:
            return f"a word {longest} px wide in {width} px"
        needed = label.heightForWidth(label.width())
        if needed > label.height() + TOLERANCE_PX:
            return f"wrapped text {needed} px tall in {label.height()} px"
        return None
    lines = text.split("\n")
    text_width = max(metrics.horizontalAdvance(line) for line in lines)
    if text_width > width + TOLERANCE_PX:
        return f"text {text_width} px wide in {width} px"
    text_height = metrics.height() * len(lines)
    if text_height > contents.height() + TOLERANCE_PX:
        return f"text {text_height} px tall in {contents.height()} px"
    return None


def _size_problem(widget: QWidget, min_touch_px: int) -> str | None:
    hint = widget.minimumSizeHint()
    size = widget.size()
    if hint.isValid() and (
        size.width() + TOLERANCE_PX < hint.width() or size.height() + TOLERANCE_PX < hint.height()
    ):
        return f"{size.width()}x{size.height()} below its minimum {hint.width()}x{hint.height()}"
    thinnest = min(size.width(), size.height())
    if min_touch_px and isinstance(widget, TOUCH_TYPES) and thinnest + TOLERANCE_PX < min_touch_px:
        return f"touch target {size.width()}x{size.height()} below {min_touch_px} px"
    return None


def _overlaps(widgets: list[QWidget]) -> Iterator[tuple[QWidget, QWidget, QRect]]:
    by_parent: dict[int, list[QWidget]] = {}
    for widget in widgets:
        parent = widget.parentWidget()
        if parent is not None and not _is_overlay(widget):
            by_parent.setdefault(id(parent), []).append(widget)
    for siblings in by_parent.values():
        for i, first in enumerate(siblings):
            for second in siblings[i + 1 :]:
                shared = first.geometry().intersected(second.geometry())
                if shared.width() > TOLERANCE_PX and shared.height() > TOLERANCE_PX:
                    yield first, second, shared


def check_layout(
    window: QWidget, *, size: QSize | None = None, min_touch_px: int = 0
) -> list[LayoutProblem]:
    """Every layout fault in ``window`` as it is laid out now.

    ``size`` is the size the window was meant to have (the screen's): a window whose
    layout forced it larger is reported. ``min_touch_px`` (logical pixels) flags buttons,
    fields and combo boxes thinner than a finger; 0 leaves touch sizes unchecked.
    Call it after the window's events have been processed (layouts are lazy).
    """
    problems: list[LayoutProblem] = []
    if size is not None and (
        window.width() > size.width() + TOLERANCE_PX
        or window.height() > size.height() + TOLERANCE_PX
    ):
        problems.append(
            LayoutProblem(
                ProblemKind.WINDOW_TOO_BIG,
                describe(window),
                f"{window.width()}x{window.height()} for a {size.width()}x{size.height()} "
                f"screen (minimum {window.minimumSizeHint().width()}x"
                f"{window.minimumSizeHint().height()})",
            )
        )
    widgets = list(_visible_widgets(window))
    controls: list[QWidget] = []
    for widget in widgets:
        if not _is_control(widget):
            continue
        controls.append(widget)
        where = describe(widget)
        small = _size_problem(widget, min_touch_px)
        if small:
            problems.append(LayoutProblem(ProblemKind.TOO_SMALL, where, small))
        cut: str | None = None
        if isinstance(widget, QAbstractButton):
            cut = _button_text_problem(widget)
        elif isinstance(widget, QLabel):
            cut = _label_text_problem(widget)
        if cut:
            problems.append(LayoutProblem(ProblemKind.TEXT_CUT, where, cut))
        visible = _visible_rect(widget, window)
        if visible.size() != widget.size() and not _in_scroll_content(widget, window):
            problems.append(
                LayoutProblem(
                    ProblemKind.OUTSIDE,
                    where,
                    f"only {visible.width()}x{visible.height()} of "
                    f"{widget.width()}x{widget.height()} inside the window",
                )
            )
    visible_ids = {id(w) for w in widgets}
    containers = [
        w
        for w in widgets
        if not _is_control(w)
        and any(id(c) in visible_ids for c in w.findChildren(QWidget, options=_DIRECT))
    ]
    for first, second, shared in _overlaps(controls + containers):
        problems.append(
            LayoutProblem(
                ProblemKind.OVERLAP,
                describe(first),
                f"covers {describe(second)} by {shared.width()}x{shared.height()} px",
            )
        )
    return problems
