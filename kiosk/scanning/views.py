"""Renderings of a grey frame for the decoders to read: crops, rescales, thresholds.

Each maker is a cheap closure, run only when its view is asked for, so a frame settled
early costs nothing more. :func:`upright_makers` gives the located tags cut out upright,
so the first views read a few hundred thousand pixels instead of the whole frame.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from kiosk.scanning.locate import Region, upright

__all__ = ["otsu", "rescaled", "retry_makers", "upright_makers"]

#: Makes one rendering on demand; None when there is nothing to read (a region too small).
Maker = Callable[[], np.ndarray | None]


def otsu(gray: np.ndarray) -> np.ndarray:
    """Binarised (Otsu's threshold after a light blur): bars as black, paper as white."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def rescaled(gray: np.ndarray) -> tuple[str, np.ndarray] | None:
    """("up2", 2x up) for small images, ("half", half size) for large, else None."""
    long_side = max(gray.shape)
    if long_side <= 1000:
        return "up2", cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    if long_side >= 1200:
        return "half", cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return None


def upright_makers(gray: np.ndarray, regions: Sequence[Region]) -> dict[str, Maker]:
    """Renderings of each located region cut out upright (:mod:`kiosk.scanning.locate`),
    in retry order: ``tag0`` (as it is), ``tag0x2`` (twice the size: 1.4-2 pixel modules
    become readable; skipped for long crops), ``tag0-otsu`` and ``tag0x2-otsu``
    (binarised), then the same for ``tag1``. Each image is made once, however many
    libraries read it."""
    makers: dict[str, Maker] = {}
    for i, region in enumerate(regions):
        plain = functools.cache(functools.partial(upright, gray, region, 1.0))
        makers[f"tag{i}"] = plain
        double: Maker | None = None
        if region.length * 2 <= _MAX_UPRIGHT_X2:
            double = functools.cache(functools.partial(upright, gray, region, 2.0))
            makers[f"tag{i}x2"] = double
        makers[f"tag{i}-otsu"] = functools.partial(_otsu_of, plain)
        if double is not None:
            makers[f"tag{i}x2-otsu"] = functools.partial(_otsu_of, double)
    return makers


#: Longest upright crop worth doubling (pixels across the bars, doubled): a longer one
#: has modules of 4-5 pixels or more already.
_MAX_UPRIGHT_X2 = 900


def _otsu_of(make: Callable[[], np.ndarray | None]) -> np.ndarray | None:
    image = make()
    return None if image is None else otsu(image)


def retry_makers(gray: np.ndarray) -> dict[str, Maker]:
    """The expensive renderings of the whole frame for retries, in retry order."""
    h, w = gray.shape
    makers: dict[str, Maker] = {}
    if max(h, w) <= 1000:
        makers["up2"] = lambda: cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    makers["clahe"] = lambda: cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)
    makers["sharp"] = lambda: cv2.addWeighted(
        gray, 2.0, cv2.GaussianBlur(gray, (0, 0), 2.0), -1.0, 0
    )
    makers["otsu"] = lambda: otsu(gray)
    if max(h, w) >= 1200:
        makers["half"] = lambda: cv2.resize(
            gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA
        )
    for angle in (30, -30, 60, -60):
        makers[f"rot{angle}"] = functools.partial(_rotate, gray, angle)
    return makers


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(gray, m, (nw, nh), borderMode=cv2.BORDER_REPLICATE)
