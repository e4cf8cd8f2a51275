"""Decode a frame into scans: the cheap reads first, the expensive views only when needed.

Pipeline for one frame:

1. Coerce the frame to 2-D uint8 grayscale (:func:`kiosk.scanning.frames.to_gray`);
   garbage yields no scans, never an exception.
2. Gate: skip frames with no barcode-like structure (:mod:`kiosk.scanning.gate`). This is
   what makes the common empty camera frame cheap.
3. *Locate*: the gate's block statistics also say where bar-like blocks cluster and
   at what angle (:mod:`kiosk.scanning.locate`); each such region is cut out upright
   (bars vertical), a few hundred thousand pixels at most.
4. *First look* (:meth:`FrameWork.first_look`): zxing-cpp and ZBar on the first region
   cut out upright (ZBar along rows only), zxing-cpp on the other region (a second tag
   in view must be seen) and on the first at twice the size (a check: it gave away a
   misread both libraries made), and zxing-cpp on the frame as it comes unless that
   already settled it. ZBar on the whole frame only when nothing read anything.
5. *Retries* (:meth:`FrameWork.retry_views`) only while nothing is sure: the upright
   crops doubled and binarised, ZBar on the frame, then the whole frame rescaled,
   binarised, contrast-equalised (CLAHE), sharpened, and - only when no region was
   located - rotated. :meth:`Decoder.decode` runs them up to a CPU budget on one frame;
   the live scanner spreads them over the frames that follow
   (:mod:`kiosk.scanning.stream`).

Trust is decided in :mod:`kiosk.scanning.judge`: check digits, ZBar scan-line counts,
both libraries agreeing, zxing-cpp alone on two pixel grids with nothing else read, or
one library only after every view was read; no second code, no dissenting view.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kiosk.scanning import locate
from kiosk.scanning import views as renderings
from kiosk.scanning.backends import ZXING_AVAILABLE, Raw, zbar_read, zxing_read
from kiosk.scanning.frames import to_gray
from kiosk.scanning.gate import BlockFields, examine
from kiosk.scanning.gtin import gtin_for_scan, normalize_gtin
from kiosk.scanning.judge import Verdict, View, counts, judge

__all__ = [
    "ALL_SYMBOLOGIES",
    "DEFAULT_BUDGET_MS",
    "DEFAULT_SYMBOLOGIES",
    "RETAIL_SYMBOLOGIES",
    "Decoder",
    "FrameWork",
    "Scan",
    "normalize_gtin",
]

log = logging.getLogger(__name__)

RETAIL_SYMBOLOGIES = ("EAN13", "EAN8", "UPCA", "UPCE")
ALL_SYMBOLOGIES = (*RETAIL_SYMBOLOGIES, "CODE128", "QRCODE")
DEFAULT_SYMBOLOGIES = RETAIL_SYMBOLOGIES
#: Budget for retries on a still image (:meth:`Decoder.decode`). The first look always
#: runs; a code only one library reads is reported only when every view was read, which
#: on a hard 1280x720 image takes 50-150 ms. The live scanner does not use it: it
#: spreads the retries over frames (:mod:`kiosk.scanning.stream`).
DEFAULT_BUDGET_MS = 250.0

Views = dict[View, list[Raw]]


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

    ``clock`` measures the budgets. The default is the calling thread's CPU time (both
    libraries decode on the calling thread): the budget then bounds the work done, and a
    frame gets the same views, and so the same verdict, on a busy machine as on an idle
    one. (A wall-clock budget made the verdicts depend on what else ran: on the shared
    build machine under load a wall budget cut most sweeps short.)
    """

    def __init__(
        self,
        symbologies: Iterable[str] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = DEFAULT_BUDGET_MS,
        *,
        use_zxing: bool = True,
        gate: bool = True,
        clock: Callable[[], float] = time.thread_time,
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
        self.clock = clock
        self._two_d = "QRCODE" in syms

    def decode(self, frame: np.ndarray) -> list[Scan]:
        """The one sure code in ``frame`` as a one-element list, or ``[]``: nothing found,
        ambiguous (several codes, or views that disagree), or garbage input."""
        try:
            return self._decode(frame)
        except Exception:  # the camera loop must survive any frame
            log.exception("decoder failed on a frame; skipping it")
            return []

    def work(self, frame: np.ndarray) -> FrameWork | None:
        """The reads of one frame, to run step by step; None for garbage or a frame the
        gate finds empty."""
        gray = to_gray(frame)
        if gray is None:
            return None
        fields = None
        if self.gate:
            passed, fields = examine(gray, two_d=self._two_d)
            if not passed:
                return None
        return FrameWork(gray, self.symbologies, self.use_zxing, fields)

    def _decode(self, frame: np.ndarray) -> list[Scan]:
        work = self.work(frame)
        if work is None:
            return []
        deadline = self.clock() + self.budget_ms / 1000.0
        views = work.first_look()
        verdict = judge(views, complete=False)
        if verdict is not None:
            return scans_of(verdict)
        for view in work.retry_views():
            if self.clock() >= deadline:
                return []  # not every view was read: a one-library code is not sure
            merge(views, view, work.read(view))
            verdict = judge(views, complete=False)
            if verdict is not None:
                return scans_of(verdict)
        return scans_of(judge(views, complete=True))


def scans_of(verdict: Verdict | None) -> list[Scan]:
    """The scan list for a verdict of :func:`~kiosk.scanning.judge.judge`."""
    if verdict is None:
        return []
    symbology, text, backends = verdict
    gtin = gtin_for_scan(symbology, text) if symbology in RETAIL_SYMBOLOGIES else None
    return [Scan(symbology, text, gtin, confirmed=len(backends) >= 2)]


def merge(views: Views, view: View, reads: Sequence[Raw]) -> None:
    """Add ``reads`` to what ``view`` read (another frame's reads of the same view add up)."""
    known = views.setdefault(view, [])
    known.extend(r for r in reads if r not in known)


class FrameWork:
    """The reads of one grey frame: the first look, then retry views one at a time.

    A view is (rendering, library). All views of a frame form one list, cheapest and most
    productive first (:meth:`plan`): the located regions cut out upright (``tag0``: both
    libraries), zxing-cpp on the frame as it comes, the upright crops doubled and
    binarised, ZBar on the frame, and last the whole frame rescaled, binarised,
    equalised, sharpened and rotated. The first look reads the head of that list; the
    retries read the rest.
    """

    def __init__(
        self,
        gray: np.ndarray,
        symbologies: tuple[str, ...],
        use_zxing: bool,
        fields: BlockFields | None = None,
    ) -> None:
        self.gray = gray
        self._syms = symbologies
        self._zxing = use_zxing
        self._fields = fields
        self._done: set[View] = set()
        self._makers: dict[str, renderings.Maker] | None = None
        self._plan: list[View] | None = None

    def first_look(self) -> Views:
        """The head of :meth:`plan`: the first region upright by both libraries, the other
        regions by zxing-cpp (a second tag in view must be seen), the first region at
        twice the size by zxing-cpp (it gave away a misread both libraries made on the
        crop, corpus upca-4), then zxing-cpp on the whole frame unless the views so far
        agree; ZBar on the whole frame only when nothing else read anything. Empty when
        nothing was read."""
        views: Views = {}
        plan = self.plan()
        head = plan[: plan.index(("plain", "zxing")) + 1] if self._zxing else plan[:2]
        for i, view in enumerate(head):
            self._add(views, view, self._read_raw(view))
            if i + 2 >= len(head) and judge(views, complete=False) is not None:
                return views
        if not any(views.values()) and ("plain", "zbar") not in self._done:
            self._add(views, ("plain", "zbar"), self._read_raw(("plain", "zbar")))
        return views

    @property
    def read_views(self) -> frozenset[View]:
        """The views read on this frame so far."""
        return frozenset(self._done)

    def plan(self) -> list[View]:
        """Every view of this frame, in the order they are read."""
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def retry_views(self) -> list[View]:
        """The views not read yet, in order."""
        return [v for v in self.plan() if v not in self._done]

    def read(self, view: View) -> list[Raw]:
        """Read one view (counted reads only, as printed)."""
        return self._keep(self._read_raw(view))

    def _make_plan(self) -> list[View]:
        libraries = ("zxing", "zbar") if self._zxing else ("zbar",)
        makers = self._renderings()
        ups = [n for n in makers if n.startswith("tag")]
        first_crop = [n for n in ups if n.startswith("tag0")]
        order: list[View] = []
        order += [(n, b) for n in first_crop[:1] for b in libraries]
        if self._zxing:
            others = [n for n in ups if n[3:].isdigit() and n != "tag0"]
            order += [(n, "zxing") for n in others]
            if "tag0x2" in makers:
                order.append(("tag0x2", "zxing"))
            order.append(("plain", "zxing"))
        order += [(n, b) for n in first_crop[1:] for b in libraries]
        order += [(n, b) for n in ups if n not in first_crop for b in libraries]
        order.append(("plain", "zbar"))
        scale = renderings.rescaled(self.gray)
        if scale is not None:
            order.append((scale[0], libraries[0]))
        order += [("otsu", b) for b in libraries]
        for name in makers:
            # The whole frame turned by fixed angles is for a tag the locator missed; a
            # located tag was read turned by its own angle.
            if name.startswith("rot") and ups:
                continue
            if not name.startswith("tag"):
                order.append((name, "zbar"))
                if self._zxing and name in _ZXING_RETRIES:
                    order.append((name, "zxing"))
        return list(dict.fromkeys(v for v in order if v[0] == "plain" or v[0] in makers))

    def _renderings(self) -> Mapping[str, renderings.Maker]:
        if self._makers is None:
            found = locate.regions(self.gray, self._fields)
            self._makers = {
                **renderings.upright_makers(self.gray, found),
                **renderings.retry_makers(self.gray),
            }
        return self._makers

    def _read_raw(self, view: View) -> list[Raw]:
        name, backend = view
        self._done.add(view)
        image = self.gray if name == "plain" else self._renderings()[name]()
        if image is None:
            return []
        if backend == "zbar" and name.startswith("tag"):
            raw = zbar_read(image, self._syms, rows_only=True, row_step=2 if "x2" in name else 1)
        elif backend == "zbar":
            raw = zbar_read(image, self._syms)
        else:
            # Upright crops need no rotation search: zxing-cpp's quick mode reads them.
            raw = zxing_read(image, self._syms, thorough=not name.startswith("tag"))
        return raw

    def _add(self, views: Views, view: View, raw: Sequence[Raw]) -> None:
        merge(views, view, self._keep(raw))

    def _keep(self, raw: Sequence[Raw]) -> list[Raw]:
        return [_as_printed(r, self._syms) for r in raw if counts(r, self._syms)]


#: Renderings zxing-cpp reads among the retries (its own search covers rotation).
_ZXING_RETRIES = frozenset({"up2", "clahe", "sharp"})


def _as_printed(raw: Raw, symbologies: tuple[str, ...]) -> Raw:
    """ZBar may give a UPC-A as a 0-prefixed EAN-13; give it as the 12 printed digits."""
    if raw.symbology == "EAN13" and raw.text.startswith("0") and "UPCA" in symbologies:
        return Raw("UPCA", raw.text[1:], raw.quality, raw.backend, raw.box)
    return raw
