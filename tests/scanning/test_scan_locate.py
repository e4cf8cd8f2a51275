"""The locator: bar-like regions found from the gate's block statistics, cut out upright."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.scanning import locate
from kiosk.scanning.backends import zbar_read, zxing_read
from kiosk.scanning.decoder import RETAIL_SYMBOLOGIES

from .conftest import place, render_linear, rotate

GTIN = "4006381333931"


def _gray(frame: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def _codes(raws: list) -> set[str]:
    return {r.text for r in raws}


@pytest.mark.parametrize("angle", [0, 12, -25, 35, 80])
def test_a_tag_at_a_slant_is_found_and_cut_out_upright(angle: float) -> None:
    gray = _gray(rotate(place(render_linear("ean13", GTIN[:12], 2)), angle))
    found = locate.regions(gray)
    assert found, "no region"
    region = found[0]
    # The bars' normal is the tag's x axis turned by -angle (rotate() turns counter-
    # clockwise on screen); directions are modulo 180 degrees.
    assert abs((region.angle + angle + 90) % 180 - 90) < 3
    assert abs(region.cx - 640) < 40 and abs(region.cy - 360) < 40
    crop = locate.upright(gray, region)
    assert crop is not None and crop.size < gray.size / 4
    assert _codes(zbar_read(crop, RETAIL_SYMBOLOGIES, rows_only=True)) == {GTIN}
    assert _codes(zxing_read(crop, RETAIL_SYMBOLOGIES, thorough=False)) == {GTIN}
    double = locate.upright(gray, region, 2.0)
    assert double is not None
    assert _codes(zbar_read(double, RETAIL_SYMBOLOGIES, rows_only=True, row_step=2)) == {GTIN}


def test_an_upright_tag_is_cut_without_resampling() -> None:
    """A half-pixel shift greys every edge of 2-pixel modules (zxing-cpp then fails)."""
    gray = _gray(place(render_linear("ean13", GTIN[:12], 2)))
    crop = locate.upright(gray, locate.Region(640.4, 360.4, 200.0, 150.0, 0.3))
    assert crop is not None
    assert set(np.unique(crop)) <= set(np.unique(gray))


def test_nothing_bar_like_gives_no_region() -> None:
    rng = np.random.default_rng(0)
    noise = cv2.GaussianBlur((rng.random((720, 1280)) * 255).astype(np.uint8), (0, 0), 3)
    assert locate.regions(noise) == []
    assert locate.regions(np.full((720, 1280), 150, np.uint8)) == []
    assert locate.regions(np.zeros((4, 4), np.uint8)) == []
