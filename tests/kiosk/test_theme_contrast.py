"""kiosk.theme: WCAG contrast of every colour pair the theme uses."""

from __future__ import annotations

import pytest

from kiosk import theme


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert theme.contrast_ratio("#ffffff", "#767676") == theme.contrast_ratio("#767676", "#ffffff")
    with pytest.raises(ValueError):
        theme.relative_luminance("#fff")


@pytest.mark.parametrize(("fg", "bg", "what"), theme.TEXT_PAIRS)
def test_text_pairs_meet_wcag_aa(fg: str, bg: str, what: str) -> None:
    assert theme.contrast_ratio(fg, bg) >= 4.5, what


@pytest.mark.parametrize(("fg", "bg", "what"), theme.UI_PAIRS)
def test_control_borders_meet_non_text_contrast(fg: str, bg: str, what: str) -> None:
    assert theme.contrast_ratio(fg, bg) >= 3.0, what


def test_every_hex_colour_in_the_style_sheet_is_checked() -> None:
    import re

    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", theme.style_sheet())}
    checked = {c.lower() for pair in theme.TEXT_PAIRS + theme.UI_PAIRS for c in pair[:2]}
    decorative = {"#b8860b", "#b3261e", "#1e7b34", "#8a8a8a", "#dde6f3"}  # borders, accents
    borders = {b.lower() for _bg, b, _ink in theme.STATUS_COLOURS.values()}
    assert used - checked - decorative - borders == set()
