"""Find linear barcodes in a grey frame and cut each out upright ("deskewed").

ZBar reads along horizontal and vertical scan lines. A tag held at 20-35 degrees is
crossed by those lines at a slant: short codes still read, long ones (an EAN-13 is wider
than tall) leave the bars before the symbol ends. zxing-cpp copes with the angle but not
always with a tag that is only 1.4-2 pixels per module. Both read a symbol best when it
is cut out, turned so its bars stand vertical, and given at a scale of a few pixels per
module: that is what :func:`upright_crops` makes, from the same block analysis the gate
uses (:mod:`kiosk.scanning.gate`): blocks whose gradients share one axis and alternate
(bars) are grouped into regions, and each region's mean gradient direction gives its
angle.

Cost on a 1280x720 frame: the block analysis of a 640-wide copy (about 1-2 ms) and one
affine warp per region of a few hundred thousand pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.gate import GATE_WIDTH, BlockFields, block_fields

__all__ = ["Region", "regions", "upright", "upright_crops"]

#: Fewest candidate blocks (8x8 on the 640-wide copy) for a region worth cutting out.
_MIN_BLOCKS = 8
#: Regions cut out per frame, largest first (a frame holds one tag; a second region is
#: usually the label's other print or the tag's digits).
_MAX_REGIONS = 2
#: Margin along the bars' normal (quiet zones), as a share of the region's length, and
#: along the bars (their full height beyond the blocks that were sure of them).
_QUIET = 0.18
_ALONG = 0.25
_PAD_PX = 12
_STRAIGHT_DEG = 1.0
_MAX_REFINE_DEG = 10.0


@dataclass(frozen=True)
class Region:
    """A group of bar-like blocks: centre (x, y) and size (length across the bars,
    height along them) in frame pixels, and the angle of the bars' normal in degrees
    (0: bars vertical)."""

    cx: float
    cy: float
    length: float
    height: float
    angle: float


def regions(gray: np.ndarray, fields: BlockFields | None = None) -> list[Region]:
    """The bar-like regions of ``gray``, largest first (at most two)."""
    w = gray.shape[1]
    if fields is None:
        fields = block_fields(_small(gray))
    if fields is None:
        return []
    linear = fields.linear
    if not linear.any():
        return []
    scale = w / fields.width  # frame pixels per analysed pixel
    block = fields.block * scale
    mask = cv2.morphologyEx(linear.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    order = sorted(range(1, n), key=lambda i: int(stats[i, cv2.CC_STAT_AREA]), reverse=True)
    out: list[Region] = []
    for i in order[:_MAX_REGIONS]:
        member = (labels == i) & linear
        if int(np.count_nonzero(member)) < _MIN_BLOCKS:
            break
        # Mean doubled-angle vector of the region's blocks, weighted by their energy.
        c2, s2 = float(fields.c2[member].sum()), float(fields.s2[member].sum())
        theta = 0.5 * math.atan2(s2, c2)  # gradient direction (radians): across the bars
        ys, xs = np.nonzero(labels == i)
        px = (xs.astype(np.float64) + 0.5) * block
        py = (ys.astype(np.float64) + 0.5) * block
        u = px * math.cos(theta) + py * math.sin(theta)  # across the bars
        v = -px * math.sin(theta) + py * math.cos(theta)  # along the bars
        u0, u1 = float(u.min()) - block / 2, float(u.max()) + block / 2
        v0, v1 = float(v.min()) - block / 2, float(v.max()) + block / 2
        uc, vc = (u0 + u1) / 2, (v0 + v1) / 2
        rough = Region(
            cx=uc * math.cos(theta) - vc * math.sin(theta),
            cy=uc * math.sin(theta) + vc * math.cos(theta),
            length=u1 - u0,
            height=v1 - v0,
            angle=math.degrees(theta),
        )
        out.append(_refined(gray, rough))
    return out


def _refined(gray: np.ndarray, region: Region) -> Region:
    """``region`` with its angle measured again on the frame's own pixels. On the
    analysed copy fine modules alias and the angle can be 3-4 degrees off, which over an
    EAN-13's length moves a scan line by a tenth of its bars' height."""
    crop = upright(gray, region)
    if crop is None:
        return region
    gx = cv2.Sobel(crop, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(crop, cv2.CV_32F, 0, 1, ksize=3)
    c2 = float(cv2.subtract(cv2.multiply(gx, gx), cv2.multiply(gy, gy)).sum())
    s2 = 2.0 * float(cv2.multiply(gx, gy).sum())
    residual = math.degrees(0.5 * math.atan2(s2, c2))
    if abs(residual) > _MAX_REFINE_DEG:  # the crop is mostly something else: keep the rough one
        return region
    return Region(region.cx, region.cy, region.length, region.height, region.angle + residual)


def upright(gray: np.ndarray, region: Region, scale: float = 1.0) -> np.ndarray | None:
    """``region`` cut out of ``gray`` with margins, turned so its bars stand vertical,
    resized by ``scale``; None when it is too small to hold a code."""
    length = region.length * (1 + 2 * _QUIET) + 2 * _PAD_PX
    height = region.height * (1 + 2 * _ALONG) + 2 * _PAD_PX
    # Whole-pixel centre and even sizes: an upright tag is then cut without resampling
    # (a half-pixel shift greys every edge of 2-pixel modules, and zxing-cpp fails).
    out_w, out_h = 2 * int(length * scale / 2), 2 * int(height * scale / 2)
    if out_w < 32 or out_h < 8:
        return None
    cx, cy = round(region.cx), round(region.cy)
    # A tag within a degree of upright is cut straight: no resampling at all.
    a = math.radians(region.angle) if abs(region.angle) >= _STRAIGHT_DEG else 0.0
    cos, sin = math.cos(a) * scale, math.sin(a) * scale
    # Output (x', y') = scale * R(-a) (p - c) + (out_w / 2, out_h / 2).
    m = np.array(
        [
            [cos, sin, out_w / 2 - cos * cx - sin * cy],
            [-sin, cos, out_h / 2 + sin * cx - cos * cy],
        ],
        np.float64,
    )
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.warpAffine(gray, m, (out_w, out_h), flags=interp, borderMode=cv2.BORDER_REPLICATE)


def upright_crops(gray: np.ndarray, scale: float = 1.0) -> list[np.ndarray]:
    """Every bar-like region of ``gray`` cut out upright at ``scale``."""
    crops = [upright(gray, r, scale) for r in regions(gray)]
    return [c for c in crops if c is not None]


def _small(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape
    if w <= GATE_WIDTH:
        return gray
    return cv2.resize(gray, (GATE_WIDTH, max(8, h * GATE_WIDTH // w)), interpolation=cv2.INTER_AREA)
