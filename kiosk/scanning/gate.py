"""A cheap test for "is there anything barcode-like in this frame?".

On a live camera almost every frame holds no barcode, so the decoder must be cheap on
those. Full decoding of a textured 1280x720 scene costs ZBar 20+ ms; this gate costs about
1-2 ms and lets the decoder skip such frames.

How: on a downscaled copy, per 8x8 block, from the image gradient (gx, gy):

- *energy*: mean squared gradient (there is contrast);
- *coherence*: how much the gradients share one axis. Linear codes: all edges parallel.
  For 2-D codes the edges run along two perpendicular axes, so the angle is taken modulo
  90 degrees (a "4-theta" orientation tensor) instead of modulo 180;
- *alternation*: ``|mean(g)| / mean(|g|)`` is near 0 when dark-to-light and light-to-dark
  edges alternate (bars), near 1 for a single edge (a shelf, a sleeve).

A frame passes when enough blocks look like that and line up across the bars (linear
codes), or cluster (QR). The gate errs towards
passing: a striped shirt costs a decode; a missed barcode costs a shopper.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

__all__ = ["GATE_WIDTH", "BlockFields", "block_fields", "examine", "looks_like_code"]

#: Width of the analysed copy. 640 keeps 2-px modules of a 1280-wide frame resolvable.
GATE_WIDTH = 640
_BLOCK = 8
_MIN_ENERGY = 600.0  # mean squared Sobel response; ~ contrast of 25 grey levels at bars
_MIN_COHERENCE = 0.75
_MIN_COHERENCE_2D = 0.6  # the 4-theta tensor of a QR is less coherent than a linear code's
_MAX_ALTERNATION = 0.5
_MIN_NEIGHBOURS = 4  # candidate blocks in a 3x3 neighbourhood


def looks_like_code(gray: np.ndarray, *, two_d: bool = False) -> bool:
    """True when ``gray`` may hold a barcode (``two_d``: also look for QR-like structure).

    Looked at twice, 640 and 320 pixels wide, so both small and large modules resolve.
    """
    return examine(gray, two_d=two_d)[0]


def examine(gray: np.ndarray, *, two_d: bool = False) -> tuple[bool, BlockFields | None]:
    """(:func:`looks_like_code`, block statistics): those of the copy that passed, else of
    the 640-wide copy; None when the frame was too small to analyse. They are kept so the
    locator (:mod:`kiosk.scanning.locate`) need not make them again."""
    h, w = gray.shape
    first: BlockFields | None = None
    for width in (GATE_WIDTH, GATE_WIDTH // 2):
        if w > width:
            small = cv2.resize(
                gray, (width, max(_BLOCK, h * width // w)), interpolation=cv2.INTER_AREA
            )
        elif width != GATE_WIDTH:
            break
        else:
            small = gray
        fields = block_fields(small)
        if width == GATE_WIDTH:
            first = fields
        if fields is None or _blocks_look_like_code(fields, two_d):
            return True, fields if fields is not None else first  # too small: look anyway
    return False, first


# Kernels that count candidate blocks along each quantised gradient direction: a linear
# code's blocks line up across its bars (along the gradient), a shelf edge's do not.
_RUN = 5
_RUN_KERNELS = (
    np.ones((1, _RUN), np.float32),  # gradient ~ horizontal (vertical bars)
    np.eye(_RUN, dtype=np.float32),  # 45 degrees
    np.ones((_RUN, 1), np.float32),  # gradient ~ vertical
    np.fliplr(np.eye(_RUN, dtype=np.float32)).copy(),  # 135 degrees
)
_MIN_RUN = 3
#: Blocks (8x8 on the analysed copy) that must sit on such runs. The smallest readable
#: linear code in the corpus covers 25; printed matter that is no code often only a few
#: (a rule, a frame line, a row of letters). 12 keeps twice the margin below the smallest
#: code and lets ~1 in 4 still photos of printed matter skip the decoder.
_MIN_RUN_BLOCKS = 12


@dataclass(frozen=True)
class BlockFields:
    """Per-block gradient statistics of an analysed copy (one value per 8x8 block).

    ``c2``/``s2`` are the block means of the doubled-angle gradient vector (gx²-gy²,
    2·gx·gy): their angle is twice the gradient direction, their length over ``energy``
    the coherence. ``linear`` marks blocks that look like bars.
    """

    width: int  # width of the analysed copy, pixels
    block: int
    energy: np.ndarray
    c2: np.ndarray
    s2: np.ndarray
    strong: np.ndarray
    linear: np.ndarray
    # Full-size terms, for the 2-D test only.
    gxx: np.ndarray
    gyy: np.ndarray
    gc2: np.ndarray
    gs2: np.ndarray


def block_fields(small: np.ndarray) -> BlockFields | None:
    """The block statistics of ``small``; None when it is too small to judge."""
    # Full-size arithmetic with OpenCV rather than NumPy operators: the same float32
    # results, several times faster (and this runs on every changed camera frame).
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    bh, bw = small.shape[0] // _BLOCK, small.shape[1] // _BLOCK
    if bh < 3 or bw < 3:
        return None
    gx, gy = gx[: bh * _BLOCK, : bw * _BLOCK], gy[: bh * _BLOCK, : bw * _BLOCK]

    def block_mean(a: np.ndarray) -> np.ndarray:
        return cv2.resize(a, (bw, bh), interpolation=cv2.INTER_AREA)

    gxx, gyy, gxy = cv2.multiply(gx, gx), cv2.multiply(gy, gy), cv2.multiply(gx, gy)
    energy = block_mean(cv2.add(gxx, gyy))
    c2 = cv2.subtract(gxx, gyy)
    s2 = cv2.add(gxy, gxy)  # 2 * gxy, exactly
    mc2, ms2 = block_mean(c2), block_mean(s2)
    coherence = cv2.magnitude(mc2, ms2) / (energy + 1e-6)
    mean_abs = block_mean(cv2.magnitude(gx, gy))
    alternation = cv2.magnitude(block_mean(gx), block_mean(gy)) / (mean_abs + 1e-6)
    strong = (energy > _MIN_ENERGY) & (alternation < _MAX_ALTERNATION)
    linear = strong & (coherence > _MIN_COHERENCE)
    return BlockFields(small.shape[1], _BLOCK, energy, mc2, ms2, strong, linear, gxx, gyy, c2, s2)


def _blocks_look_like_code(fields: BlockFields, two_d: bool) -> bool:
    linear, strong, energy = fields.linear, fields.strong, fields.energy
    ms2, mc2 = fields.s2, fields.c2
    gxx, gyy, c2, s2 = fields.gxx, fields.gyy, fields.gc2, fields.gs2
    bh, bw = energy.shape

    def block_mean(a: np.ndarray) -> np.ndarray:
        return cv2.resize(a, (bw, bh), interpolation=cv2.INTER_AREA)

    if linear.any():
        # Doubled angle in [-pi, pi] -> gradient direction bin 0..3 (0, 45, 90, 135 deg).
        angle = np.arctan2(ms2, mc2)
        bins = np.round(angle / (np.pi / 2)).astype(np.int32) % 4
        for b, kernel in enumerate(_RUN_KERNELS):
            mask = (linear & (bins == b)).astype(np.float32)
            if mask.any():
                runs = cv2.filter2D(mask, -1, kernel, borderType=cv2.BORDER_CONSTANT)
                if int(np.count_nonzero(runs >= _MIN_RUN)) >= _MIN_RUN_BLOCKS:
                    return True
    if two_d and strong.any():
        # QR modules: edges along two perpendicular axes, so the angle modulo 90 degrees
        # (a "4-theta" tensor) is coherent where the doubled angle is not.
        mag2 = gxx + gyy + 1e-6
        c4 = (c2 * c2 - s2 * s2) / mag2
        s4 = 2.0 * c2 * s2 / mag2
        coherence4 = cv2.magnitude(block_mean(c4), block_mean(s4)) / (energy + 1e-6)
        square = (strong & (coherence4 > _MIN_COHERENCE_2D)).astype(np.float32)
        if square.any():
            n = cv2.boxFilter(square, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
            return bool(n.max() >= _MIN_NEIGHBOURS + 2)
    return False
