"""Every shopper screen of the tour, in every language, at every display size a store
buys: the layout checker finds no cut text, no squeezed or overlapping control, nothing
outside the window and no touch target under ~9 mm.

For each size a real kiosk (real service, real client, real widgets) walks the whole
tour at that size; at each screen it is checked in each language. A failure names the
size and lists every problem found there (screen, language, widget, numbers).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize

from kiosk import theme
from kiosk.dev.layout_check import check_layout
from kiosk.dev.tour import EVERY_SIZE, DisplaySize, parse_sizes, run_tour
from kiosk.i18n import LANGUAGES

SIZES = parse_sizes(EVERY_SIZE)

pytestmark = pytest.mark.slow


@pytest.mark.timeout(900)  # a whole tour in three languages; ~30 s on an idle 2-core box
@pytest.mark.parametrize("size", SIZES, ids=[size.name for size in SIZES])
def test_every_screen_fits(qapp, size: DisplaySize) -> None:
    problems: list[str] = []
    checked: list[str] = []

    def check(name: str, window: Any, shown: DisplaySize) -> None:
        checked.append(name)
        assert (window.width(), window.height()) == shown.logical
        metrics = theme.current_metrics(window)
        expected = QSize(*shown.logical)
        for problem in check_layout(window, size=expected, min_touch_px=metrics.touch):
            problems.append(f"{name}: {problem}")

    assert run_tour(None, [size], languages=LANGUAGES, on_shot=check) == 0
    assert len(checked) > 25 * len(LANGUAGES)  # the walk happened, every screen
    assert problems == [], f"{len(problems)} layout problems at {size.name}:\n" + "\n".join(
        problems[:60]
    )


def test_touch_targets_follow_the_glass() -> None:
    """9 mm on the panel, never under 44 logical px; the full-HD design keeps its 72."""
    seven_inch = theme.metrics_for(800, 480, physical_dpi=133)
    assert seven_inch.touch == 48  # 9 mm at 133 dpi
    assert theme.metrics_for(1920, 1080, physical_dpi=102).touch == 72
    four_k = theme.metrics_for(1920, 1080, physical_dpi=163, dpr=2)
    assert four_k.touch == 72 and four_k.scale == 1.0
    dense = theme.metrics_for(1024, 600, physical_dpi=400)
    assert dense.touch == 142  # 9 mm of a 400 dpi panel
    assert theme.metrics_for(320, 240, physical_dpi=50).touch == theme.TOUCH_FLOOR_PX


def test_compact_is_for_short_windows() -> None:
    assert theme.metrics_for(800, 480).compact
    assert theme.metrics_for(1024, 600).compact
    assert not theme.metrics_for(1280, 800).compact
    assert not theme.metrics_for(720, 1280).compact
    assert theme.metrics_for(720, 1280).portrait


def test_display_sizes_parse_pixels_and_ratio() -> None:
    four_k = DisplaySize.parse("3840x2160@2")
    assert (four_k.logical, four_k.dpr, four_k.name) == ((1920, 1080), 2.0, "3840x2160@2")
    assert DisplaySize.parse(" 800X480 ").logical == (800, 480)
    for bad in ("800", "800x", "axb", "800x480@0", "10x10"):
        with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
            DisplaySize.parse(bad)


def test_tour_rejects_a_bad_size_with_a_message(tmp_path, capsys) -> None:
    from kiosk.__main__ import main

    assert main(["tour", "--out", str(tmp_path), "--sizes", "800x480,huge"]) == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing written
