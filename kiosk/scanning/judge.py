"""Which reads count, and the one code a set of reads agrees on (or none).

A *view* is one rendering of the frame read by one library: ``("plain", "zxing")``,
``("otsu", "zbar")``, ... Each view that read a code is one vote for it. The rules, from
the misreads met in the corpus and in generated scenes (docs/PERFORMANCE.md, Decoding):

- a read counts only with a valid check digit, and for ZBar linear codes with two
  agreeing scan lines (UPC-E: 16); see :func:`counts`;
- a code is sure at once only when **both libraries** read it (ZBar and zxing-cpp are
  independent decoders; a misread both make is rare, see the dissent rule). A code only one library
  reads is sure only when ``complete`` (every view of the frame was read), it has three
  times the views of any other reading of the same symbol (same left or right half,
  read at any quality), and - for ZBar - at least two views read it (a lone ZBar read
  is the shape of the rotated-tag misreads: its scan lines crossing an EAN-13 at a slant
  found a valid UPC-E in it, 19 lines strong). zxing-cpp alone is sure sooner: when it
  read the code on two different pixel grids (the whole frame, the tag cut out upright,
  that crop doubled) and nothing else was read anywhere. Its misreads in 400 generated
  scenes (5) each came from one view only, and its two-grid agreements (200-250 of 400)
  were all right.
  Reads of one library on several renderings of the same pixels are not independent:
  under glare ZBar read 269143792788 for 269143792122 on the plain, CLAHE and sharpened
  frame alike, and only weak reads of the truth in rotated views gave it away;
- no other code may have support (two views, or one zxing-cpp read: several tags in
  view, "hold one tag up"), a reading of
  the same symbol with another left half must not tie, and no view may *dissent* (read
  another code strongly and not this one: a damaged or badly printed tag).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from kiosk.scanning.backends import ZXING_QUALITY, Raw
from kiosk.scanning.gtin import gtin_for_scan

__all__ = ["Verdict", "View", "counts", "judge"]

RETAIL = ("EAN13", "EAN8", "UPCA", "UPCE")
_LINEAR = frozenset({*RETAIL, "CODE128"})

#: (rendering, library), e.g. ("otsu", "zbar").
View = tuple[str, str]
#: (symbology, printed text, libraries that read it).
Verdict = tuple[str, str, set[str]]

#: ZBar's quality is its count of agreeing scan lines; one line is the usual shape of a
#: misread, so a linear ZBar read needs two. zxing-cpp and ZBar's QR reader (own error
#: correction) always count.
MIN_ZBAR_QUALITY = 2
#: ZBar's UPC-E reads of a few scan lines are often a fragment of a UPC-A/EAN-13 read as
#: the short code. In the corpus the ZBar-only UPC-E misreads had at most 11 agreeing
#: lines, the true ZBar-only UPC-E reads at least 19; below this it is no evidence.
MIN_ZBAR_UPCE_QUALITY = 16
#: A view "dissents" when it read some other code and not the winner. Weak ZBar reads
#: (a handful of scan lines) of another code are common noise beside a good read and do
#: not dissent; a zxing-cpp read or a ZBar read of this many lines does.
DISSENT_ZBAR_QUALITY = 10
#: Views that must read a code that only one library reads (and only once every view
#: was read). zxing-cpp accepts a linear code only when two scan lines agree and the
#: quiet zones are clear, and its lone reads in the corpus (8, on a rescaled or sharpened
#: view) were all right; ZBar's lone reads were right (4, faint tags) and wrong (a UPC-E
#: in a rotated EAN-13, a badly printed UPC-A) alike, so ZBar alone needs two views.
_MIN_VIEWS_ALONE = {"zxing": 1, "zbar": 2}
#: A code only one library reads must outvote every other reading of its symbol this
#: many times over. Under glare ZBar read 269143792788 for 269143792122 in 5 views and
#: the truth in 2 (2.5x: not sure); in corpus ean13-4/19 it read the truth in 4 views
#: and a misread left half in 1 (4x: sure).
_ALONE_MARGIN = 3


def counts(raw: Raw, symbologies: Collection[str]) -> bool:
    """Is this read evidence at all? Enabled, check digit valid, enough scan lines."""
    if raw.symbology not in symbologies or not _check(raw):
        return False
    q = quality(raw)
    if raw.symbology == "UPCE" and raw.backend == "zbar":
        return q >= MIN_ZBAR_UPCE_QUALITY
    return q >= MIN_ZBAR_QUALITY


def quality(raw: Raw) -> int:
    if raw.backend == "zxing" or raw.symbology not in _LINEAR:
        return ZXING_QUALITY
    return raw.quality


def code_of(raw: Raw) -> str:
    """The lookup key: GTIN-13 for retail codes, else the text."""
    gtin = gtin_for_scan(raw.symbology, raw.text)
    return gtin if gtin is not None else raw.text


def _check(raw: Raw) -> bool:
    """Only check-digit-valid retail codes; other symbologies carry their own checks."""
    if raw.symbology in RETAIL:
        return gtin_for_scan(raw.symbology, raw.text) is not None
    return bool(raw.text)


def _right_half(raw: Raw) -> str | None:
    """The right-half digits of an EAN-13/UPC-A (R-coded, parity free): two reads of one
    symbol that differ only on the left (a misread left half) share it."""
    if raw.symbology not in ("EAN13", "UPCA"):
        return None
    gtin = gtin_for_scan(raw.symbology, raw.text)
    return gtin[-6:] if gtin is not None else None


def judge(views: Mapping[View, Sequence[Raw]], *, complete: bool) -> Verdict | None:
    """(symbology, text, libraries) of the one code the views agree on, or None when
    there is none, it is not sure yet, or it is ambiguous.

    The code with most votes (then: read by more libraries) wins, but only if it was read
    by both libraries, or (``complete``) by one (ZBar: in two views or more) with no
    other reading of the symbol in any view, and only if

    - no read of the same symbol with a different left half (same right half) has as many
      votes (a tie between two readings of one symbol: neither is sure);
    - no other code has two votes, or as many as the winner (several tags in view);
    - no view dissents: read another code strongly and not the winner.
    """
    votes: dict[str, set[View]] = {}
    reads: dict[str, dict[tuple[str, str], int]] = {}
    halves: dict[str, str | None] = {}
    # A zxing-cpp read of another symbol is a second tag in view, not stray noise: it
    # checks quiet zones and two scan lines.
    by_zxing: set[str] = set()
    for view, found in views.items():
        for raw in found:
            code = code_of(raw)
            if raw.backend == "zxing":
                by_zxing.add(code)
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
    libraries = {b for _, b in votes[best]}
    if len(libraries) < 2 and not (
        (complete and n_best >= _MIN_VIEWS_ALONE[next(iter(libraries))])
        or (libraries == {"zxing"} and len(votes) == 1 and _scales(votes[best]) >= 2)
    ):
        return None
    half = halves[best]
    same = {c for c in votes if c == best or (half is not None and halves[c] == half)}
    for code in ranked[1:]:
        n = len(votes[code])
        if code in same and n == n_best:
            return None
        if code not in same and (n >= 2 or n == n_best or code in by_zxing):
            return None
    for found in views.values():
        codes = {code_of(r) for r in found}
        if codes & same:
            continue
        if any(
            code_of(r) not in same and (r.backend == "zxing" or quality(r) >= DISSENT_ZBAR_QUALITY)
            for r in found
        ):
            return None
    if len(libraries) < 2 and any(
        _variant(code, best) and n_best < _ALONE_MARGIN * len(votes[code]) for code in votes
    ):
        return None
    (symbology, text), _ = max(reads[best].items(), key=lambda kv: kv[1])
    return symbology, text, libraries


def _scales(views: set[View]) -> int:
    """How many different pixel grids the views read: the whole frame, the upright crop
    and the upright crop doubled are three; a binarised, equalised or sharpened copy of
    one of them is the same grid (and under glare the same misread)."""
    grids = set()
    for name, _ in views:
        extent = "tag" if name.startswith("tag") else "frame"
        scale = "x2" if "x2" in name or name == "up2" else "half" if name == "half" else "x1"
        grids.add((extent, scale))
    return len(grids)


def _variant(code: str, best: str) -> bool:
    """Another reading of the same EAN-13/UPC-A symbol: one half the same."""
    return (
        code != best
        and len(code) == len(best) == 13
        and (code[:7] == best[:7] or code[-6:] == best[-6:])
    )
