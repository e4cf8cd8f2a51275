"""The doctor's camera and decoder checks: frames arrive fast enough; a known code reads."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from kiosk.system.checks import Check, Status, one_line

__all__ = ["DOCTOR_GTIN", "FrameSource", "check_camera", "check_decode", "sample_barcode_image"]

#: The GTIN drawn into the test decode's image (a valid EAN-13).
DOCTOR_GTIN = "4006381333931"


class FrameSource(Protocol):
    """The subset of :class:`kiosk.scanning.sources.FrameSource` the camera check uses."""

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


def check_camera(
    make_source: Callable[[], FrameSource],
    *,
    frames: int = 30,
    timeout_s: float = 5.0,
    min_fps: float = 10.0,
    clock: Callable[[], float] = time.monotonic,
) -> Check:
    """The camera opens and delivers frames; measures the frame rate over ``frames`` frames.

    The first frame is not timed (cameras take a moment to start streaming).
    """
    fix_open = (
        "plug the camera in; check 'ls -l /dev/video*', that the kiosk user is in the "
        "'video' group, and camera.source in the config"
    )
    try:
        source = make_source()
        source.open()
    except Exception as exc:
        return Check("camera", Status.FAIL, f"cannot open: {one_line(exc)}", fix_open)
    name = getattr(source, "name", "camera")
    try:
        first = source.read()
        if first is None:
            return Check("camera", Status.FAIL, f"{name}: opened but no frames", fix_open)
        count, started = 0, clock()
        while count < frames and clock() - started < timeout_s:
            if source.read() is None:
                break
            count += 1
        elapsed = clock() - started
    except Exception as exc:
        return Check(
            "camera", Status.FAIL, f"{name}: stopped delivering frames: {one_line(exc)}", fix_open
        )
    finally:
        source.close()
    height, width = first.shape[:2]
    fps = count / elapsed if elapsed > 0 else float("inf")
    detail = f"{name}: {width}x{height}, {fps:.1f} fps over {count + 1} frames"
    if fps < min_fps:
        return Check(
            "camera",
            Status.WARN,
            detail + f" (below {min_fps:g} fps: scans will feel slow)",
            "lower camera.width/height or camera.fps; use a USB 2/3 port of its own; "
            "more light helps auto-exposure",
        )
    return Check("camera", Status.OK, detail)


_EAN_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
          "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
_EAN_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
               "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip


def sample_barcode_image(gtin: str = DOCTOR_GTIN, *, module_px: int = 4) -> np.ndarray:
    """A clean EAN-13 barcode of ``gtin`` as a BGR frame, like a camera delivers."""
    if len(gtin) != 13 or not gtin.isdigit():
        raise ValueError("an EAN-13 needs 13 digits")
    right_codes = ["".join("1" if b == "0" else "0" for b in code) for code in _EAN_L]
    bits = "101"
    for digit, parity in zip(gtin[1:7], _EAN_PARITY[int(gtin[0])], strict=True):
        code = _EAN_L[int(digit)] if parity == "L" else right_codes[int(digit)][::-1]
        bits += code
    bits += "01010" + "".join(right_codes[int(d)] for d in gtin[7:]) + "101"
    quiet = "0" * 12
    row = np.array([0 if b == "1" else 255 for b in quiet + bits + quiet], dtype=np.uint8)
    row = np.repeat(row, module_px)
    gray = np.full((60 * module_px, row.size), 255, dtype=np.uint8)
    gray[10 * module_px : 50 * module_px, :] = row
    return np.dstack([gray, gray, gray])


def _codes(results: Iterable[Any]) -> list[str]:
    codes: list[str] = []
    for item in results:
        if isinstance(item, bytes):
            codes.append(item.decode(errors="replace"))
        elif isinstance(item, str):
            codes.append(item)
        else:
            codes.extend(
                str(value)
                for attr in ("gtin", "code", "text", "data")
                if (value := getattr(item, attr, None)) is not None
            )
    return codes


def check_decode(
    decode: Callable[[np.ndarray], Sequence[Any]],
    *,
    image: np.ndarray | None = None,
    expected: str = DOCTOR_GTIN,
    clock: Callable[[], float] = time.perf_counter,
) -> Check:
    """The decoder reads a known barcode (drawn by :func:`sample_barcode_image`)."""
    fix = "reinstall libzbar0 and the kiosk (deploy/install.sh)"
    frame = sample_barcode_image(expected) if image is None else image
    started = clock()
    try:
        results = decode(frame)
    except Exception as exc:
        return Check("decode", Status.FAIL, f"decoder raised: {one_line(exc)}", fix)
    ms = (clock() - started) * 1000
    codes = _codes(results)
    if expected in codes:
        return Check("decode", Status.OK, f"read test code {expected} in {ms:.0f} ms")
    if codes:
        return Check("decode", Status.FAIL, f"misread test code as {', '.join(codes)}", fix)
    return Check("decode", Status.FAIL, "no code found in the test image", fix)
