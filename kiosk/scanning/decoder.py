"""Decode a frame into scans: ZBar and zxing-cpp, cheap retries, strict validation.

Pipeline for one frame (all inside a fixed time budget):

1. Coerce the frame to 2-D uint8 grayscale (:func:`kiosk.scanning.frames.to_gray`);
   garbage yields no scans, never an exception.
2. Gate: skip frames with no barcode-like structure (:mod:`kiosk.scanning.gate`).
   This is what makes the common empty camera frame cheap.
3. Plain frame with zxing-cpp (when installed) and ZBar, then the check views: the frame
   rescaled (for zxing-cpp) and binarised (for both). These always run, so every code is
   cross-checked against other renderings of the same pixels. ZBar on the plain frame,
   the dearest of them (about half their time on a 1280x720 frame), runs on a helper
   thread meanwhile: both libraries let go of the GIL while they scan, so on two cores a
   tag frame is judged in about half the time, on exactly the same evidence.
4. Retries while nothing sure was found and budget remains: upscale, CLAHE, sharpening,
   rotations; ZBar on each, zxing-cpp on some.

Trust (see :func:`_judge`): every retail read must pass its check digit (python-stdnum);
ZBar linear reads need two agreeing scan lines, ZBar UPC-E reads 16. Each (view, decoder)
that read a code is a vote for it. A frame gives at most one code, the best-voted one, and
none when it is ambiguous: another code has support too (several tags in view: "hold one
tag up"), or some view read a different code strongly and not this one (a damaged or
badly printed tag that reads differently at another scale or threshold). A misread left
half of an EAN-13/UPC-A (same right half) is outvoted, and a tie between two such readings
gives nothing.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import cv2
import numpy as np

from kiosk.scanning.backends import ZXING_AVAILABLE, ZXING_QUALITY, Raw, zbar_read, zxing_read
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


class Decoder:
    """Decode frames into :class:`Scan` objects.

    ``symbologies`` limits both libraries to the codes in use (fewer false reads, less
    time). ``budget_ms`` bounds the retries per frame; ``gate=False`` disables the
    empty-frame shortcut (for still images given on the command line, say).
    ``parallel=False`` reads every view on the calling thread (same verdicts, slower on
    more than one core).
    """

    def __init__(
        self,
        symbologies: Iterable[str] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = DEFAULT_BUDGET_MS,
        *,
        use_zxing: bool = True,
        gate: bool = True,
        parallel: bool = True,
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
        self.parallel = parallel
        self._clock = clock
        self._two_d = "QRCODE" in syms

    def decode(self, frame: np.ndarray) -> list[Scan]:
        """The one sure code in ``frame`` as a one-element list, or ``[]``: nothing found,
        ambiguous (several codes, or views that disagree), or garbage input."""
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
        views: dict[tuple[str, str], list[Raw]] = {}
        for view, reads, settles in self._views(gray):
            views[view] = [self._as_printed(r) for r in reads if self._counts(r)]
            if not settles:
                continue  # the plain frame and the check views always run
            if _judge(views) is not None or self._clock() >= deadline:
                break
        verdict = _judge(views)
        if verdict is None:
            return []
        symbology, text, backends = verdict
        gtin = gtin_for_scan(symbology, text) if symbology in RETAIL_SYMBOLOGIES else None
        return [Scan(symbology, text, gtin, confirmed=len(backends) >= 2)]

    def _counts(self, raw: Raw) -> bool:
        """Is this read evidence at all? Enabled, check digit valid, enough scan lines."""
        if raw.symbology not in self.symbologies or not _check(raw):
            return False
        quality = _quality(raw)
        if raw.symbology == "UPCE" and raw.backend == "zbar":
            return quality >= _MIN_ZBAR_UPCE_QUALITY
        return quality >= _MIN_ZBAR_QUALITY

    def _as_printed(self, raw: Raw) -> Raw:
        """ZBar may give a UPC-A as a 0-prefixed EAN-13; give it as the 12 printed digits."""
        if raw.symbology == "EAN13" and raw.text.startswith("0") and "UPCA" in self.symbologies:
            return Raw("UPCA", raw.text[1:], raw.quality, raw.backend)
        return raw

    def _views(self, gray: np.ndarray) -> Iterator[tuple[tuple[str, str], list[Raw], bool]]:
        """Yield ((view, backend), reads, settles), cheapest and most productive first.

        First the plain frame with both decoders and the check views: the frame rescaled
        (2x up when small, half when large) for zxing-cpp, and binarised (Otsu) for both.
        ``settles`` is False until all of them ran, so a code seen on the plain frame is
        always cross-checked against other renderings of the same pixels (see
        :func:`_judge`). Then the retries, each of which may settle the frame.
        """
        syms = self.symbologies
        makers = _variant_makers(gray)
        scale = next((n for n in ("up2", "half") if n in makers), None)
        first: list[tuple[str, str, Callable[[], np.ndarray]]] = []
        if self.use_zxing:
            first.append(("plain", "zxing", lambda: gray))
        first.append(("plain", "zbar", lambda: gray))
        # The rescaled view is cheap for zxing-cpp and costly for ZBar (4x the pixels when
        # upscaled): zxing-cpp checks it first, ZBar reads it later as a retry.
        if scale is not None:
            first.append((scale, "zxing" if self.use_zxing else "zbar", makers[scale]))
        first.append(("otsu", "zbar", makers["otsu"]))
        if self.use_zxing:
            first.append(("otsu", "zxing", makers["otsu"]))
        done = {(name, backend) for name, backend, _ in first}
        cache: dict[str, np.ndarray] = {}

        def image(name: str, make: Callable[[], np.ndarray]) -> np.ndarray:
            if name not in cache:
                cache[name] = make()
            return cache[name]

        def read(backend: str, img: np.ndarray) -> list[Raw]:
            return zxing_read(img, syms) if backend == "zxing" else zbar_read(img, syms)

        # The views that always run. ZBar on the plain frame goes to the helper thread
        # when there is other work meanwhile (zxing-cpp's views); the reads are handed on
        # in the order above either way, so votes and ties are those of reading in turn.
        helper: Future[list[Raw]] | None = None
        if self.parallel and self.use_zxing:
            helper = _helper().submit(read, "zbar", gray)
        results: dict[tuple[str, str], list[Raw]] = {}
        try:
            for name, backend, make in first:
                if helper is None or (name, backend) != ("plain", "zbar"):
                    results[(name, backend)] = read(backend, image(name, make))
        finally:
            if helper is not None:  # also on the way out of an error: never leave it behind
                results[("plain", "zbar")] = helper.result()
        for i, (name, backend, _) in enumerate(first):
            yield (name, backend), results[(name, backend)], i == len(first) - 1
        for name, make in makers.items():
            backends = ["zbar"]
            if self.use_zxing and name in _ZXING_VARIANTS:
                backends.append("zxing")
            for backend in backends:
                if (name, backend) not in done:
                    yield (name, backend), read(backend, image(name, make)), True
            cache.pop(name, None)


_helper_lock = threading.Lock()
_helper_pool: ThreadPoolExecutor | None = None


def _helper() -> ThreadPoolExecutor:
    """The helper threads that read the plain frame with ZBar, made on first use.

    One pool for every decoder in the process. The scanner decodes one frame at a time
    and so keeps one of them busy; the second serves a decoder used from another thread
    at the same time (a still image from the command line, a benchmark), and beyond that
    work only queues (same verdicts, later).
    """
    global _helper_pool
    with _helper_lock:
        if _helper_pool is None:
            _helper_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="zbar-plain")
        return _helper_pool


#: ZBar's quality is its count of agreeing scan lines; one line is the usual shape of a
#: misread, so a linear ZBar read needs two. zxing-cpp and ZBar's QR reader (own error
#: correction) always count.
_MIN_ZBAR_QUALITY = 2
#: ZBar's UPC-E reads of a few scan lines are often a fragment of a UPC-A/EAN-13 read as
#: the short code. In the corpus the ZBar-only UPC-E misreads had at most 11 agreeing
#: lines, the true ZBar-only UPC-E reads at least 19 (most far more, and most are also
#: read by zxing-cpp); below this a ZBar UPC-E read is not evidence at all.
_MIN_ZBAR_UPCE_QUALITY = 16
#: A view "dissents" when it read some other code and not the winner. Weak ZBar reads
#: (a handful of scan lines) of another code are common noise beside a good read and do
#: not dissent; a zxing-cpp read or a ZBar read of this many lines does.
_DISSENT_ZBAR_QUALITY = 10


def _quality(raw: Raw) -> int:
    if raw.backend == "zxing" or raw.symbology not in _LINEAR:
        return ZXING_QUALITY
    return raw.quality


def _code(raw: Raw) -> str:
    gtin = gtin_for_scan(raw.symbology, raw.text)
    return gtin if gtin is not None else raw.text


def _right_half(raw: Raw) -> str | None:
    """The right-half digits of an EAN-13/UPC-A (R-coded, parity free): two reads of one
    symbol that differ only on the left (a misread left half) share it."""
    if raw.symbology not in ("EAN13", "UPCA"):
        return None
    gtin = gtin_for_scan(raw.symbology, raw.text)
    return gtin[-6:] if gtin is not None else None


def _judge(views: dict[tuple[str, str], list[Raw]]) -> tuple[str, str, set[str]] | None:
    """(symbology, text, decoders) of the one code the views agree on, or None when there
    is none or it is ambiguous.

    Votes: each (view, decoder) that read a code is one vote for it. The code with most
    votes (then: read by more decoders) wins, but only if

    - no read of the same symbol with a different left half (same right half) has as many
      votes (a tie between two readings of one symbol: neither is sure);
    - no other code has two votes, or as many as the winner (several tags in view:
      "hold one tag up" — the kiosk never guesses which one the shopper meant);
    - no view *dissents*: read another code strongly and not the winner (the same symbol
      reads as different codes at different scales or thresholds: a damaged or badly
      printed tag, where the majority may well be the misread).
    """
    votes: dict[str, set[tuple[str, str]]] = {}
    reads: dict[str, dict[tuple[str, str], int]] = {}
    halves: dict[str, str | None] = {}
    for view, found in views.items():
        for raw in found:
            code = _code(raw)
            votes.setdefault(code, set()).add(view)
            printed = reads.setdefault(code, {})
            printed[(raw.symbology, raw.text)] = printed.get((raw.symbology, raw.text), 0) + 1
            halves.setdefault(code, _right_half(raw))
    if not votes:
        return None
    ranked = sorted(
        votes, key=lambda c: (len(votes[c]), len({b for _, b in votes[c]})), reverse=True
    )
    best = ranked[0]
    n_best = len(votes[best])
    half = halves[best]
    same = {c for c in votes if c == best or (half is not None and halves[c] == half)}
    for code in ranked[1:]:
        n = len(votes[code])
        if code in same and n == n_best:
            return None
        if code not in same and (n >= 2 or n == n_best):
            return None
    for found in views.values():
        codes = {_code(r) for r in found}
        if codes & same:
            continue
        if any(
            _code(r) not in same and (r.backend == "zxing" or _quality(r) >= _DISSENT_ZBAR_QUALITY)
            for r in found
        ):
            return None
    (symbology, text), _ = max(reads[best].items(), key=lambda kv: kv[1])
    return symbology, text, {b for _, b in votes[best]}


_ZXING_VARIANTS = frozenset({"up2", "clahe", "sharp"})


def _variant_makers(gray: np.ndarray) -> dict[str, Callable[[], np.ndarray]]:
    """Cheap image variants for retries, in retry order; each is made only when asked for,
    so an exhausted budget costs nothing."""
    h, w = gray.shape
    makers: dict[str, Callable[[], np.ndarray]] = {}
    if max(h, w) <= 1000:
        makers["up2"] = lambda: cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    makers["clahe"] = lambda: cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)
    makers["sharp"] = lambda: cv2.addWeighted(
        gray, 2.0, cv2.GaussianBlur(gray, (0, 0), 2.0), -1.0, 0
    )
    makers["otsu"] = lambda: cv2.threshold(
        cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU
    )[1]
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


def _check(raw: Raw) -> bool:
    """Only check-digit-valid retail codes; other symbologies carry their own checks."""
    if raw.symbology in RETAIL_SYMBOLOGIES:
        return gtin_for_scan(raw.symbology, raw.text) is not None
    return bool(raw.text)
