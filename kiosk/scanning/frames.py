"""Coerce whatever a camera or a file hands us into a grayscale uint8 image.

Cameras and files can produce surprising arrays (float frames from a video filter, bool
masks, BGRA, a 1x1 glitch, an empty array on a dropped frame). Everything downstream
works on one shape: 2-D, C-contiguous ``uint8``. Anything that cannot be made into that
yields ``None``; nothing here raises on bad input.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["MAX_SIDE", "MIN_SIDE", "to_gray"]

#: Frames larger than this (long side, pixels) are downscaled before decoding: a kiosk
#: camera never needs more, and an 8000x8000 frame would blow the time budget.
MAX_SIDE = 2560
#: Frames whose long side is shorter hold no symbol; a shorter short side is stretched.
MIN_SIDE = 16


def to_gray(frame: object) -> np.ndarray | None:
    """Return ``frame`` as a 2-D uint8 grayscale array, or None when it holds no image."""
    if not isinstance(frame, np.ndarray) or frame.size == 0:
        return None
    arr = frame
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        return None
    if max(arr.shape[:2]) < MIN_SIDE:
        return None
    as_uint8 = _to_uint8(arr)
    if as_uint8 is None:
        return None
    arr = as_uint8
    long_side = max(arr.shape[:2])
    if long_side > MAX_SIDE:
        # Shrink first (cheaper colour conversion on fewer pixels).
        scale = MAX_SIDE / long_side
        size = (max(1, round(arr.shape[1] * scale)), max(1, round(arr.shape[0] * scale)))
        arr = cv2.resize(arr, size, interpolation=cv2.INTER_AREA)
    if arr.ndim == 3:
        code = cv2.COLOR_BGR2GRAY if arr.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
        arr = cv2.cvtColor(arr, code)
    h, w = arr.shape
    if min(h, w) < MIN_SIDE:
        # A line-scan strip (e.g. 1 x 69): repeat it so 2-D decoders can sweep it.
        arr = cv2.resize(
            arr, (max(w, 2 * MIN_SIDE), max(h, 2 * MIN_SIDE)), interpolation=cv2.INTER_NEAREST
        )
    return np.ascontiguousarray(arr)


def _to_uint8(arr: np.ndarray) -> np.ndarray | None:
    if arr.dtype == np.uint8:
        return arr
    if arr.dtype == np.bool_:
        return arr.astype(np.uint8) * 255
    if np.issubdtype(arr.dtype, np.floating):
        if not np.isfinite(arr).all():
            arr = np.nan_to_num(arr, nan=0.0, posinf=0.0, neginf=0.0)
        hi = float(arr.max()) if arr.size else 0.0
        # Float images are conventionally 0..1; anything brighter is taken as 0..255.
        scale = 255.0 if hi <= 1.0 else 1.0
        return np.clip(arr * scale, 0, 255).astype(np.uint8)
    if np.issubdtype(arr.dtype, np.unsignedinteger) or np.issubdtype(arr.dtype, np.signedinteger):
        if arr.dtype.itemsize >= 2 and arr.max() > 255:
            # 16-bit sensors: keep the top 8 bits of the range actually used.
            return (arr.astype(np.float32) * (255.0 / float(arr.max()))).astype(np.uint8)
        clipped: np.ndarray = np.clip(arr, 0, 255).astype(np.uint8)
        return clipped
    return None
