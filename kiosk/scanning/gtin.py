"""GTIN rules: validate and normalise retail codes to one GTIN-13 form.

The same shoe may carry a UPC-A (12 digits), a UPC-E (8 digits, zero-suppressed UPC-A),
an EAN-13 or an EAN-8 tag. Lookups use one key, the GTIN-13:

- EAN-13 is already a GTIN-13.
- UPC-A is a GTIN-12: prefix one ``0``.
- UPC-E is expanded to its UPC-A first (GS1 zero-suppression rules), then prefixed.
- EAN-8 is a GTIN-8: zero-padded to 13 digits (the GTIN form used in GS1 data pools).

Check digits are verified with python-stdnum (``stdnum.ean``); this module never
invents a check digit for a code that arrived without one.
"""

from __future__ import annotations

import enum

from stdnum import ean

__all__ = [
    "EntryState",
    "compress_upca",
    "entry_state",
    "expand_upce",
    "gtin_for_scan",
    "normalize_gtin",
]


def _valid(digits: str) -> bool:
    return digits.isascii() and digits.isdigit() and ean.is_valid(digits)


def expand_upce(upce: str) -> str | None:
    """Expand an 8-digit UPC-E (number system + 6 data digits + check) to its UPC-A.

    Returns the 12-digit UPC-A, or None when the input is not a valid UPC-E: only number
    systems 0 and 1 exist, and the check digit (computed over the expanded UPC-A) must match.
    """
    if len(upce) != 8 or not (upce.isascii() and upce.isdigit()) or upce[0] not in "01":
        return None
    ns, d, check = upce[0], upce[1:7], upce[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    upca = ns + body + check
    return upca if _valid(upca) else None


def compress_upca(upca: str) -> str | None:
    """The 8-digit UPC-E of a UPC-A (12 digits, or 13 with a leading 0), if it has one."""
    if len(upca) == 13 and upca[0] == "0":
        upca = upca[1:]
    if len(upca) != 12 or not (upca.isascii() and upca.isdigit()) or upca[0] not in "01":
        return None
    m, p = upca[1:6], upca[6:11]
    if m[2] in "012" and m[3:5] == "00" and p[0:2] == "00":
        data = m[0:2] + p[2:5] + m[2]
    elif m[3:5] == "00" and p[0:3] == "000":
        data = m[0:3] + p[3:5] + "3"
    elif m[4] == "0" and p[0:4] == "0000":
        data = m[0:4] + p[4] + "4"
    elif p[0:4] == "0000" and p[4] in "56789":
        data = m + p[4]
    else:
        return None
    upce = upca[0] + data + upca[11]
    return upce if expand_upce(upce) == upca else None


def normalize_gtin(text: str) -> str | None:
    """Validate typed or scanned text and return its GTIN-13, or None when invalid.

    Accepts 8 (EAN-8 or UPC-E), 12 (UPC-A), 13 (EAN-13) or 14 digits (GTIN-14 whose
    indicator digit is 0); spaces and dashes are ignored. Eight digits are ambiguous:
    a valid EAN-8 wins, except that a code starting with ``0`` is read as UPC-E first
    (GS1 keeps EAN-8 prefix 0 for restricted circulation, UPC-E always starts 0 or 1).
    """
    digits = "".join(ch for ch in text.strip() if ch not in " -")
    if not digits or not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits) == 14:
        return digits[1:] if digits[0] == "0" and _valid(digits) else None
    if len(digits) == 13:
        return digits if _valid(digits) else None
    if len(digits) == 12:
        return "0" + digits if _valid(digits) else None
    if len(digits) == 8:
        upca = expand_upce(digits)
        if digits[0] == "0" and upca is not None:
            return "0" + upca
        if _valid(digits):
            return "00000" + digits
        return "0" + upca if upca is not None else None
    return None


def gtin_for_scan(symbology: str, text: str) -> str | None:
    """GTIN-13 for a decoded retail symbol (symbology known, so 8 digits are not ambiguous)."""
    if symbology == "EAN13" and len(text) == 13 and _valid(text):
        return text
    if symbology == "UPCA" and len(text) == 12 and _valid(text):
        return "0" + text
    if symbology == "EAN8" and len(text) == 8 and _valid(text):
        return "00000" + text
    if symbology == "UPCE":
        upca = expand_upce(text)
        return "0" + upca if upca is not None else None
    return None


class EntryState(enum.Enum):
    """Feedback for a GTIN being typed on the keypad."""

    INCOMPLETE = "incomplete"
    VALID = "valid"
    INVALID = "invalid"


def entry_state(text: str) -> EntryState:
    """Classify partially typed digits: complete and valid, still growing, or wrong.

    8 and 12 digits that fail the check may still become a valid 12- or 13-digit code,
    so they count as incomplete; 13 digits are final; more than 14 are always invalid.
    """
    digits = "".join(ch for ch in text if ch not in " -")
    if digits and not (digits.isascii() and digits.isdigit()):
        return EntryState.INVALID
    if normalize_gtin(digits) is not None:
        return EntryState.VALID
    if len(digits) < 13:
        return EntryState.INCOMPLETE
    return EntryState.INVALID
