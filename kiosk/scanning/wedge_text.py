"""What a wedge scanner's burst means: which reading of the keys, and which code.

Plain Python, no Qt: :class:`~kiosk.scanning.wedge.WedgeFilter` collects a burst's keys
and asks this module two questions.

1. **Which reading?** Every key gives two texts: what the OS keyboard layout typed, and
   what the same physical key types on a US keyboard (:mod:`kiosk.scanning.keymap`).
   They differ only when the OS layout is not US; then :func:`choose_reading` decides
   from the keys first (AltGr means the scanner emulates a non-US layout: trust the typed
   text; a dead key, a Ctrl key that typed no control character or a non-ASCII character
   means a US-mode scanner: trust the US reading), then from which reading is a valid
   code, then from what the last decisive burst showed, then the scanners' factory mode.
2. **Which code?** :func:`parse_wedge_text` strips an AIM symbology identifier (``]E0``,
   ``]C1``...; kept as :attr:`WedgeScan.symbology`), reads GS1 element strings (FNC1 sent
   as GS, 0x1D) with python-stdnum for their GTIN (AI 01), and normalises retail codes to
   GTIN-13 like camera scans. Anything else, a staff badge ``STAFF:<id>`` or Code 128
   text, is passed on whole, without control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from stdnum import gs1_128
from stdnum.exceptions import ValidationError

from kiosk.scanning.gtin import normalize_gtin

__all__ = [
    "GS",
    "Reading",
    "ReadingSource",
    "ScannerKeyboard",
    "WedgeScan",
    "choose_reading",
    "clean_wedge_text",
    "parse_wedge_text",
]

GS = "\x1d"  # group separator: FNC1 in GS1 element strings (Ctrl+] on a keyboard)
_AIM = re.compile(r"\]([A-Za-z])([0-9A-Za-z])")
# AIM identifiers whose data is a GS1 element string (ISO/IEC 15424, GS1 General Specs 5.1).
_GS1_SYMBOLOGIES = frozenset({"C1", "e0", "d2", "Q3", "J1"})
_TERMINATOR_CHARS = "\r\n\t"


@dataclass(frozen=True)
class WedgeScan:
    """One scanned code: ``code`` is what the kiosk looks up (GTIN-13 for retail codes),
    ``symbology`` the AIM identifier without ``]`` (``"E0"``) or None if none was sent."""

    code: str
    symbology: str | None = None
    is_gtin: bool = False


def parse_wedge_text(raw: str) -> WedgeScan:
    """Turn the text of a wedge burst into the code the kiosk looks up."""
    text = raw.strip(_TERMINATOR_CHARS)
    symbology = None
    aim = _AIM.match(text)
    if aim is not None:
        symbology = aim.group(1) + aim.group(2)
        text = text[aim.end() :]
    gtin = _gs1_gtin(text) if _may_be_gs1(text, symbology) else None
    if gtin is None:
        text = "".join(ch for ch in text if ch.isprintable()).strip()
        gtin = normalize_gtin(text)
    if gtin is not None:
        return WedgeScan(gtin, symbology, is_gtin=True)
    return WedgeScan(text, symbology)


def clean_wedge_text(raw: str) -> str:
    """The code in a burst's text (see :func:`parse_wedge_text`)."""
    return parse_wedge_text(raw).code


def _may_be_gs1(text: str, symbology: str | None) -> bool:
    return symbology in _GS1_SYMBOLOGIES or text.startswith((GS, "01"))


def _gs1_gtin(text: str) -> str | None:
    """The GTIN-13 in AI 01 of a GS1 element string, or None."""
    try:
        fields = gs1_128.info(text, separator=GS)
    except (ValidationError, ValueError):
        return None
    gtin14 = fields.get("01")
    return normalize_gtin(gtin14) if isinstance(gtin14, str) else None


# --- which reading of the keys --------------------------------------------------------


class ScannerKeyboard(StrEnum):
    """Which keyboard the scanner types for: decide per burst, a US keyboard, or the OS's."""

    AUTO = "auto"
    US = "us"
    OS = "os"


class ReadingSource(StrEnum):
    TYPED = "typed"  # the text the OS layout produced
    US = "us"  # the text the same physical keys give on a US keyboard


@dataclass(frozen=True)
class Reading:
    """The chosen text of a burst; ``decisive`` when the keys or the code itself showed
    which reading is right (worth remembering for the next, ambiguous, burst)."""

    text: str
    source: ReadingSource
    decisive: bool


def _ascii_code_text(text: str) -> bool:
    return all(" " <= ch <= "~" or ch in (GS, *_TERMINATOR_CHARS) for ch in text)


def _plausibility(text: str) -> int:
    """3: a valid GTIN; 2: AIM identifier and plain ASCII; 1: plain ASCII; 0: other."""
    scan = parse_wedge_text(text)
    if scan.is_gtin:
        return 3
    if not _ascii_code_text(text):
        return 0
    return 2 if scan.symbology is not None else 1


def choose_reading(
    typed: str,
    us: str | None,
    *,
    altgr_used: bool = False,
    layout_mismatch: bool = False,
    mode: ScannerKeyboard = ScannerKeyboard.AUTO,
    fallback: ReadingSource = ReadingSource.US,
) -> Reading:
    """Pick the typed or the US reading of a burst.

    ``us`` is None when the keys carried no native code (the US reading is unknown).
    ``altgr_used``: AltGr was pressed (US keyboards have none). ``layout_mismatch``: a
    key typed something a US-mode scanner would not mean (a dead key with no text, a Ctrl
    key that typed no control character). ``fallback`` decides a burst nothing else
    decides: the source of the last decisive burst, or US, the scanners' factory mode.
    """
    if us is None or us == typed or mode == ScannerKeyboard.OS:
        return Reading(typed, ReadingSource.TYPED, decisive=False)
    if mode == ScannerKeyboard.US:
        return Reading(us, ReadingSource.US, decisive=False)
    if altgr_used:
        return Reading(typed, ReadingSource.TYPED, decisive=True)
    if layout_mismatch or (_ascii_code_text(us) and not _ascii_code_text(typed)):
        return Reading(us, ReadingSource.US, decisive=True)
    typed_score, us_score = _plausibility(typed), _plausibility(us)
    if us_score > typed_score:
        return Reading(us, ReadingSource.US, decisive=True)
    if typed_score > us_score:
        return Reading(typed, ReadingSource.TYPED, decisive=True)
    text = us if fallback == ReadingSource.US else typed
    return Reading(text, fallback, decisive=False)
