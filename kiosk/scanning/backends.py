"""Thin adapters over the two decoding libraries: ZBar (pyzbar) and zxing-cpp.

Each returns ``Raw`` reads named with our symbology names and touches nothing else;
which reads are trusted is decided in :mod:`kiosk.scanning.decoder`. zxing-cpp is
optional: without it the decoder runs on ZBar alone (``ZXING_AVAILABLE`` says which).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
from pyzbar import pyzbar, wrapper
from pyzbar.pyzbar import ZBarSymbol

from kiosk.scanning.gtin import compress_upca

zxingcpp: ModuleType | None
try:  # pragma: no cover - exercised only where zxing-cpp is installed
    import zxingcpp
except ImportError:  # pragma: no cover
    zxingcpp = None

__all__ = ["ZXING_AVAILABLE", "Box", "Raw", "zbar_read", "zxing_read"]

ZXING_AVAILABLE = zxingcpp is not None


#: An axis-aligned box (x0, y0, x1, y1) in pixels.
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Raw:
    """One read straight from a library: our symbology name, its text, its quality.

    ``quality`` is ZBar's count of agreeing scan lines for linear codes (1 = a single
    scan line, the usual shape of a misread); zxing-cpp reads get ``ZXING_QUALITY``.
    ``box`` is where the library found the symbol, (x0, y0, x1, y1) in the image's
    pixels, when it says so; it is no part of equality (the same code read at two
    places is the same read).
    """

    symbology: str
    text: str
    quality: int
    backend: str
    box: Box | None = field(default=None, compare=False)


ZXING_QUALITY = 100

_ZBAR = {
    "EAN13": ZBarSymbol.EAN13,
    "EAN8": ZBarSymbol.EAN8,
    "UPCA": ZBarSymbol.UPCA,
    "UPCE": ZBarSymbol.UPCE,
    "CODE128": ZBarSymbol.CODE128,
    "QRCODE": ZBarSymbol.QRCODE,
}

_ZXING: dict[str, Any] = {}  # our name -> zxingcpp.BarcodeFormat
_ZXING_NAMES: dict[str, str] = {}
if zxingcpp is not None:
    _F = zxingcpp.BarcodeFormat
    _ZXING = {
        "EAN13": _F.EAN13,
        "EAN8": _F.EAN8,
        "UPCA": _F.UPCA,
        "UPCE": _F.UPCE,
        "CODE128": _F.Code128,
        "QRCODE": _F.QRCode,
    }
    _ZXING_NAMES = {fmt.name: ours for ours, fmt in _ZXING.items()}


def zbar_read(
    gray: np.ndarray, symbologies: Iterable[str], *, rows_only: bool = False, row_step: int = 1
) -> list[Raw]:
    """Decode with ZBar, restricted to ``symbologies``.

    ``rows_only`` scans along rows only (every ``row_step``-th): for a symbol cut out
    with its bars upright the column scan lines cross no bars, and skipping them halves
    the cost. (On an image doubled in size, every second row gives as many scan lines,
    and so the same quality counts, as every row of the original.)

    The calls are pyzbar's ``decode`` minus the symbol outlines, which we never use:
    pyzbar fetches every outline point of every symbol (one ctypes call each, about a
    thousand for a linear code read on many scan lines, plus a convex hull in Python).
    Each ctypes call also gives up and takes back the GIL, so beside a busy GUI thread
    those calls cost far more than the scan. Same scanner set-up, same reads.
    """
    symbols = [_ZBAR[s] for s in symbologies if s in _ZBAR]
    if not symbols:
        return []
    if gray.ndim != 2 or gray.dtype != np.uint8 or gray.size == 0:
        return []
    pixels = np.ascontiguousarray(gray)
    h, w = pixels.shape
    try:
        found = _zbar_scan(pixels, w, h, symbols, (0, row_step) if rows_only else (1, 1))
    except (ctypes.ArgumentError, ValueError, pyzbar.PyZbarError):
        return []
    out = []
    for kind, data, quality, box in found:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        out.append(Raw(kind, text, quality, "zbar", box))
    return out


_L800 = 808466521  # ZBar's fourcc for 8-bit grey ("Y800"), as pyzbar passes it


def _zbar_scan(
    pixels: np.ndarray,
    width: int,
    height: int,
    symbols: list[ZBarSymbol],
    density: tuple[int, int] = (1, 1),
) -> list[tuple[str, bytes, int, Box | None]]:
    """(symbology name, data, quality, box) of each symbol ZBar finds in ``pixels``.

    ``pixels`` must stay alive (and contiguous) for the call: ZBar reads it in place.
    """
    scanner = wrapper.zbar_image_scanner_create()
    if not scanner:
        raise pyzbar.PyZbarError("could not create a ZBar image scanner")
    try:
        # As pyzbar does: everything else off, then the wanted symbologies on.
        for symbol in set(ZBarSymbol).difference(symbols):
            wrapper.zbar_image_scanner_set_config(scanner, symbol, _CFG_ENABLE, 0)
        for symbol in symbols:
            wrapper.zbar_image_scanner_set_config(scanner, symbol, _CFG_ENABLE, 1)
        if density != (1, 1):  # (columns, rows): every n-th scan line, 0 for none
            wrapper.zbar_image_scanner_set_config(scanner, _ALL, _CFG_X_DENSITY, density[0])
            wrapper.zbar_image_scanner_set_config(scanner, _ALL, _CFG_Y_DENSITY, density[1])
        image = wrapper.zbar_image_create()
        if not image:
            raise pyzbar.PyZbarError("could not create a ZBar image")
        try:
            wrapper.zbar_image_set_format(image, _L800)
            wrapper.zbar_image_set_size(image, width, height)
            wrapper.zbar_image_set_data(image, pixels.ctypes.data, pixels.size, None)
            if wrapper.zbar_scan_image(scanner, image) < 0:
                raise pyzbar.PyZbarError("unsupported image format")
            found = []
            symbol = wrapper.zbar_image_first_symbol(image)
            while symbol:
                data = ctypes.string_at(
                    wrapper.zbar_symbol_get_data(symbol),
                    wrapper.zbar_symbol_get_data_length(symbol),
                )
                try:
                    kind = ZBarSymbol(symbol.contents.type).name
                except ValueError:  # a symbology this pyzbar does not know
                    kind = f"unknown-{symbol.contents.type}"
                quality = int(wrapper.zbar_symbol_get_quality(symbol))
                found.append((kind, data, quality, _zbar_box(symbol)))
                symbol = wrapper.zbar_symbol_next(symbol)
            return found
        finally:
            wrapper.zbar_image_destroy(image)
    finally:
        wrapper.zbar_image_scanner_destroy(scanner)


_CFG_ENABLE = wrapper.ZBarConfig.CFG_ENABLE
_CFG_X_DENSITY = wrapper.ZBarConfig.CFG_X_DENSITY
_CFG_Y_DENSITY = wrapper.ZBarConfig.CFG_Y_DENSITY
_ALL = ZBarSymbol.NONE  # a setting for every symbology
#: Outline points sampled for a ZBar symbol's box: its points are the ends of each
#: agreeing scan line, so a few dozen spread over them give the extent at a few dozen
#: ctypes calls rather than the thousand of pyzbar's full outline.
_BOX_SAMPLES = 24


def _zbar_box(symbol: object) -> Box | None:
    n = int(wrapper.zbar_symbol_get_loc_size(symbol))
    if n <= 0:
        return None
    picks = sorted({round(i * (n - 1) / (_BOX_SAMPLES - 1)) for i in range(_BOX_SAMPLES)})
    xs = [int(wrapper.zbar_symbol_get_loc_x(symbol, i)) for i in picks]
    ys = [int(wrapper.zbar_symbol_get_loc_y(symbol, i)) for i in picks]
    return min(xs), min(ys), max(xs), max(ys)


def zxing_read(gray: np.ndarray, symbologies: Iterable[str], *, thorough: bool = True) -> list[Raw]:
    """Decode with zxing-cpp; ``thorough`` enables its rotation/downscale/invert search."""
    if zxingcpp is None:
        return []
    formats = [_ZXING[s] for s in symbologies if s in _ZXING]
    if not formats:
        return []
    try:
        found = zxingcpp.read_barcodes(
            gray,
            formats=zxingcpp.BarcodeFormats(formats),
            try_rotate=thorough,
            try_downscale=thorough,
            try_invert=thorough,
        )
    except (ValueError, RuntimeError, TypeError):
        return []
    out = []
    wanted = set(symbologies)
    for r in found:
        name = _ZXING_NAMES.get(r.format.name)
        if name is None or not r.valid:
            continue
        text = r.text
        # zxing-cpp prints UPC-E expanded to 13 digits and may report UPC-A as a
        # 0-prefixed EAN-13; give both as printed on the tag, like ZBar does.
        if name == "UPCE":
            text = compress_upca(text) or ""
        elif name == "EAN13" and text.startswith("0") and "UPCA" in wanted:
            name, text = "UPCA", text[1:]
        if text:
            p = r.position
            corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            xs, ys = [c.x for c in corners], [c.y for c in corners]
            box = (min(xs), min(ys), max(xs), max(ys))
            out.append(Raw(name, text, ZXING_QUALITY, "zxing", box))
    return out
