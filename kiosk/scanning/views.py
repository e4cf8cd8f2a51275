"""Renderings of a grey frame for the decoders to read: crops, rescales, thresholds.

Each maker is a cheap closure, run only when its view is asked for, so a frame settled
early costs nothing more. :func:`around` cuts the region a library located a symbol in,
so the check views read a few hundred thousand pixels instead of the whole frame.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

import cv2
import numpy as np

from kiosk.scanning.backends import Box
from kiosk.scanning.locate import Region, upright

__all__ = ["around", "otsu", "rescaled", "retry_makers", "upright_makers"]

#: Makes one rendering on demand; None when there is nothing to read (a region too small).
Maker = Callable[[], np.ndarray | None]

#: Margin around a located symbol, as a share of its longest side: a linear code is
#: often located by the scan lines that read it (a thin box), and its bars reach about
#: 0.35 of its length above and below them; quiet zones need room left and right.
_MARGIN = 0.45
_MARGIN_PX = 16
#: Below this share of the frame a crop is worth making; above, read the frame.
_MAX_CROP_SHARE = 0.6


def around(gray: np.ndarray, boxes: Iterable[Box]) -> np.ndarray | None:
    """The region holding every box, with margins; None when that is most of the frame."""
    boxes = list(boxes)
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = int(_MARGIN * max(x1 - x0, y1 - y0)) + _MARGIN_PX
    h, w = gray.shape
    x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
    x1, y1 = min(w, x1 + pad), min(h, y1 + pad)
    if x1 - x0 < 16 or y1 - y0 < 16 or (x1 - x0) * (y1 - y0) > _MAX_CROP_SHARE * h * w:
        return None
    return np.ascontiguousarray(gray[y0:y1, x0:x1])


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
