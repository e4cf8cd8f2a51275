"""Decode a frame into scans: ZBar and zxing-cpp, cheap retries, strict validation.

Pipeline for one frame (all inside a fixed time budget):

1. Coerce the frame to 2-D uint8 grayscale (:func:`kiosk.scanning.frames.to_gray`);
   garbage yields no scans, never an exception.
2. Gate: skip frames with no barcode-like structure (:mod:`kiosk.scanning.gate`).
   This is what makes the common empty camera frame cheap.
3. Plain pass: zxing-cpp (when installed) and ZBar on the grayscale frame.
4. Retries while nothing trustworthy was found and budget remains: upscale, CLAHE,
   binarisation, sharpening, rotations; ZBar on each, zxing-cpp on some.

Trust: every retail read must pass its check digit (python-stdnum). A ZBar read of a
linear code seen on a single scan line (``quality == 1``) is the usual shape of a misread;
it is reported only when a second, different pass (or zxing-cpp) read the same code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np

from kiosk.scanning.backends import ZXING_AVAILABLE, Raw, zbar_read, zxing_read
from kiosk.scanning.frames import to_gray
from kiosk.scanning.gate import looks_like_code
from kiosk.scanning.gtin import gtin_for_scan, normalize_gtin

__all__ = [
    "ALL_SYMBOLOGIES",
    "DEFAULT_BUDGET_MS",
    "DEFAULT_SYMBOLOGIES",
    "RETAIL_SYMBOLOGIES",
    "Decoder",
    "Scan",
    "normalize_gtin",
]

log = logging.getLogger(__name__)

RETAIL_SYMBOLOGIES = ("EAN13", "EAN8", "UPCA", "UPCE")
ALL_SYMBOLOGIES = (*RETAIL_SYMBOLOGIES, "CODE128", "QRCODE")
DEFAULT_SYMBOLOGIES = RETAIL_SYMBOLOGIES
#: Per-frame budget for retries. The plain pass always runs; retries stop at the budget.
DEFAULT_BUDGET_MS = 60.0
_LINEAR = frozenset(ALL_SYMBOLOGIES) - {"QRCODE"}


@dataclass(frozen=True)
class Scan:
    """One decoded, validated symbol.

    ``text`` is as printed on the tag (UPC-A 12 digits, UPC-E 8 digits); ``gtin`` is the
    GTIN-13 for retail symbologies and None otherwise. ``confirmed`` tells the scanner that
    both decoders (ZBar and zxing-cpp) read this code in this frame (not part of equality:
    two scans of the same code are equal however sure we were).
    """

    symbology: str
    text: str
    gtin: str | None
    confirmed: bool = field(default=False, compare=False)

    @property
    def code(self) -> str:
        """The key the kiosk looks up: the GTIN-13 for retail codes, else the text."""
        return self.gtin if self.gtin is not None else self.text


@dataclass
class _Evidence:
    passes: set[str] = field(default_factory=set)
    backends: set[str] = field(default_factory=set)
    best_quality: int = 0

    def trusted(self) -> bool:
        return "zxing" in self.backends or self.best_quality >= 2 or len(self.passes) >= 2

    def confirmed(self) -> bool:
        return len(self.backends) >= 2


class Decoder:
    """Decode frames into :class:`Scan` objects.

    ``symbologies`` limits both libraries to the codes in use (fewer false reads, less
    time). ``budget_ms`` bounds the retries per frame; ``gate=False`` disables the
    empty-frame shortcut (for still images given on the command line, say).
    """

    def __init__(
        self,
        symbologies: Iterable[str] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = DEFAULT_BUDGET_MS,
        *,
        use_zxing: bool = True,
        gate: bool = True,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        syms = tuple(dict.fromkeys(s.upper() for s in symbologies))
        unknown = [s for s in syms if s not in ALL_SYMBOLOGIES]
        if unknown or not syms:
            raise ValueError(
                f"unknown symbologies {unknown!r}; choose from {', '.join(ALL_SYMBOLOGIES)}"
            )
        self.symbologies = syms
        self.budget_ms = float(budget_ms)
        self.use_zxing = use_zxing and ZXING_AVAILABLE
        self.gate = gate
        self._clock = clock
        self._two_d = "QRCODE" in syms

    def decode(self, frame: np.ndarray) -> list[Scan]:
        """Return the validated scans in ``frame``; an empty list for garbage input."""
        try:
            return self._decode(frame)
        except Exception:  # the camera loop must survive any frame
            log.exception("decoder failed on a frame; skipping it")
            return []

    # -- internals -------------------------------------------------------------------

    def _decode(self, frame: np.ndarray) -> list[Scan]:
        gray = to_gray(frame)
        if gray is None:
            return []
        if self.gate and not looks_like_code(gray, two_d=self._two_d):
            return []
        deadline = self._clock() + self.budget_ms / 1000.0
        evidence: dict[tuple[str, str], _Evidence] = {}
        for name, reads in self._passes(gray):
            for raw in reads:
                self._add(evidence, name, raw)
            trusted = {k: e for k, e in evidence.items() if e.trusted()}
            if trusted and not _conflicts(trusted):
                break
            if self._clock() >= deadline:
                break
        trusted = {k: e for k, e in evidence.items() if e.trusted()}
        return [
            Scan(sym, text, gtin_for_scan(sym, text), confirmed=ev.confirmed())
            for (sym, text), ev in _resolve(trusted).items()
        ]

    def _add(self, evidence: dict[tuple[str, str], _Evidence], name: str, raw: Raw) -> None:
        if raw.symbology not in self.symbologies or not _check(raw):
            return
        ev = evidence.setdefault((raw.symbology, raw.text), _Evidence())
        ev.passes.add(name)
        ev.backends.add(raw.backend)
        if raw.backend == "zxing":
            return  # trusted by backend; ZBar's quality scale does not apply
        if raw.symbology not in _LINEAR:
            ev.best_quality = max(ev.best_quality, 2)  # ZBar's QR reader has its own ECC
        elif raw.symbology == "UPCE" and raw.quality < _MIN_ZBAR_UPCE_QUALITY:
            ev.best_quality = max(ev.best_quality, 1)  # needs a second pass to be trusted
        else:
            ev.best_quality = max(ev.best_quality, raw.quality)

    def _passes(self, gray: np.ndarray) -> Iterator[tuple[str, list[Raw]]]:
        """Yield (pass name, reads), cheapest and most productive first."""
        syms = self.symbologies
        if self.use_zxing:
            yield "zxing", zxing_read(gray, syms)
        yield "zbar", zbar_read(gray, syms)
        for name, variant in _variants(gray):
            yield name, zbar_read(variant, syms)
            if self.use_zxing and name in _ZXING_VARIANTS:
                yield name + "+zxing", zxing_read(variant, syms)


#: ZBar's UPC-E reads of a few scan lines are often a fragment of a UPC-A/EAN-13 read as
#: the short code (two such misreads in the corpus); below this many agreeing scan lines
#: a UPC-E needs a second pass or zxing-cpp to agree.
_MIN_ZBAR_UPCE_QUALITY = 10


def _right_half(sym: str, text: str) -> str | None:
    gtin = gtin_for_scan(sym, text)
    return gtin[-6:] if gtin is not None and sym in ("EAN13", "UPCA") else None


def _conflicts(found: dict[tuple[str, str], _Evidence]) -> bool:
    """Two different EAN-13/UPC-A reads with the same right half are two readings of one
    symbol (a misread left half): at most one of them is true."""
    halves = [h for h in (_right_half(sym, text) for sym, text in found) if h is not None]
    return len(halves) != len(set(halves))


def _resolve(found: dict[tuple[str, str], _Evidence]) -> dict[tuple[str, str], _Evidence]:
    """Keep, in each conflicting group, the read most passes agree on; drop ties.

    Also drop a ZBar-only UPC-E read when the frame holds an EAN-13/UPC-A read.
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in found:
        half = _right_half(*key)
        if half is not None:
            groups.setdefault(half, []).append(key)
    out = dict(found)
    for keys in groups.values():
        if len(keys) < 2:
            continue
        ranked = sorted(keys, key=lambda k: len(found[k].passes), reverse=True)
        drop = (
            ranked if len(found[ranked[0]].passes) == len(found[ranked[1]].passes) else ranked[1:]
        )
        for key in drop:
            del out[key]
    # A ZBar-only UPC-E beside a full-size EAN-13/UPC-A is usually a fragment of it.
    if any(sym in ("EAN13", "UPCA") for sym, _ in out):
        for key in [k for k in out if k[0] == "UPCE" and "zxing" not in out[k].backends]:
            del out[key]
    return out


_ZXING_VARIANTS = frozenset({"up2", "clahe", "sharp"})


def _variants(gray: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """Cheap image variants for retries, generated lazily so an exhausted budget costs nothing."""
    h, w = gray.shape
    if max(h, w) <= 1000:
        yield "up2", cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    yield "clahe", cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)
    blur = cv2.GaussianBlur(gray, (0, 0), 2.0)
    yield "sharp", cv2.addWeighted(gray, 2.0, blur, -1.0, 0)
    yield (
        "otsu",
        cv2.threshold(
            cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU
        )[1],
    )
    if max(h, w) >= 1200:
        yield "half", cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    for angle in (30, -30, 60, -60):
        yield f"rot{angle}", _rotate(gray, angle)


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(gray, m, (nw, nh), borderMode=cv2.BORDER_REPLICATE)


def _check(raw: Raw) -> bool:
    """Only check-digit-valid retail codes; other symbologies carry their own checks."""
    if raw.symbology in RETAIL_SYMBOLOGIES:
        return gtin_for_scan(raw.symbology, raw.text) is not None
    return bool(raw.text)
