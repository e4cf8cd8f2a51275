"""Thin adapters over the two decoding libraries: ZBar (pyzbar) and zxing-cpp.

Each returns ``Raw`` reads named with our symbology names and touches nothing else;
which reads are trusted is decided in :mod:`kiosk.scanning.decoder`. zxing-cpp is
optional: without it the decoder runs on ZBar alone (``ZXING_AVAILABLE`` says which).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol

from kiosk.scanning.gtin import compress_upca

try:  # pragma: no cover - exercised only where zxing-cpp is installed
    import zxingcpp
except ImportError:  # pragma: no cover
    zxingcpp = None

__all__ = ["ZXING_AVAILABLE", "Raw", "zbar_read", "zxing_read"]

ZXING_AVAILABLE = zxingcpp is not None


@dataclass(frozen=True)
class Raw:
    """One read straight from a library: our symbology name, its text, its quality.

    ``quality`` is ZBar's count of agreeing scan lines for linear codes (1 = a single
    scan line, the usual shape of a misread); zxing-cpp reads get ``ZXING_QUALITY``.
    """

    symbology: str
    text: str
    quality: int
    backend: str


ZXING_QUALITY = 100

_ZBAR = {
    "EAN13": ZBarSymbol.EAN13,
    "EAN8": ZBarSymbol.EAN8,
    "UPCA": ZBarSymbol.UPCA,
    "UPCE": ZBarSymbol.UPCE,
    "CODE128": ZBarSymbol.CODE128,
    "QRCODE": ZBarSymbol.QRCODE,
}

_ZXING: dict[str, object] = {}
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


def zbar_read(gray: np.ndarray, symbologies: Iterable[str]) -> list[Raw]:
    """Decode with ZBar, restricted to ``symbologies``."""
    symbols = [_ZBAR[s] for s in symbologies if s in _ZBAR]
    if not symbols:
        return []
    # pyzbar.decode accepts (bytes, width, height) and skips its own conversions.
    h, w = gray.shape
    try:
        found = pyzbar.decode((gray.tobytes(), w, h), symbols=symbols)
    except (ctypes.ArgumentError, ValueError, pyzbar.PyZbarError):
        return []
    out = []
    for r in found:
        try:
            text = r.data.decode("utf-8")
        except UnicodeDecodeError:
            text = r.data.decode("latin-1")
        out.append(Raw(r.type, text, int(r.quality), "zbar"))
    return out


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
            out.append(Raw(name, text, ZXING_QUALITY, "zxing"))
    return out
