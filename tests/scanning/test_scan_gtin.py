"""GTIN validation and normalisation (python-stdnum check digits, UPC-E expansion)."""

from __future__ import annotations

import pytest

from kiosk.scanning.decoder import normalize_gtin
from kiosk.scanning.gtin import (
    EntryState,
    compress_upca,
    entry_state,
    expand_upce,
    gtin_for_scan,
)


@pytest.mark.parametrize(
    ("text", "gtin"),
    [
        ("4006381333931", "4006381333931"),  # EAN-13
        ("036000291452", "0036000291452"),  # UPC-A -> 0-prefixed
        ("04252614", "0042100005264"),  # UPC-E -> UPC-A -> GTIN-13
        ("96385074", "0000096385074"),  # EAN-8 zero-padded
        ("4006-3813 33931", "4006381333931"),  # separators typed by people
        ("00036000291452", "0036000291452"),  # GTIN-14, indicator 0
    ],
)
def test_normalize_valid(text: str, gtin: str) -> None:
    assert normalize_gtin(text) == gtin


@pytest.mark.parametrize(
    "text",
    ["4006381333932", "036000291453", "04252615", "", "abc", "12345", "40063813339311", "١٢٣"],
)
def test_normalize_rejects_invalid(text: str) -> None:
    assert normalize_gtin(text) is None


@pytest.mark.parametrize(
    ("upce", "upca"),
    [
        # check digits computed with stdnum.ean.calc_check_digit over the UPC-A
        ("04252614", "042100005264"),  # last digit 2: manufacturer ends 200, product 00xyz
        ("01234505", "012000003455"),  # last digit 0
        ("06543217", "065100004327"),  # last digit 1
        ("01234531", "012300000451"),  # last digit 3
        ("01234543", "012340000053"),  # last digit 4
        ("01234565", "012345000065"),  # last digit 5..9
    ],
)
def test_upce_expansion_round_trip(upce: str, upca: str) -> None:
    assert expand_upce(upce) == upca
    assert compress_upca(upca) == upce


def test_upce_wrong_number_system() -> None:
    assert expand_upce("24252614") is None


def test_gtin_for_scan_uses_symbology() -> None:
    assert gtin_for_scan("UPCE", "04252614") == "0042100005264"
    assert gtin_for_scan("EAN8", "96385074") == "0000096385074"
    assert gtin_for_scan("EAN13", "4006381333932") is None
    assert gtin_for_scan("QRCODE", "hello") is None


@pytest.mark.parametrize(
    ("typed", "state"),
    [
        ("", EntryState.INCOMPLETE),
        ("400638", EntryState.INCOMPLETE),
        ("40063813", EntryState.INCOMPLETE),  # 8 digits, not valid, may still grow
        ("4006381333931", EntryState.VALID),
        ("4006381333932", EntryState.INVALID),
        ("96385074", EntryState.VALID),
        ("400638133393111", EntryState.INVALID),
    ],
)
def test_entry_state(typed: str, state: EntryState) -> None:
    assert entry_state(typed) is state
