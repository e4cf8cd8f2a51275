"""The decoder on generated barcodes: symbologies, distortions, check digits, garbage."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.scanning.backends import _ZBAR, Raw, zbar_read
from kiosk.scanning.decoder import ALL_SYMBOLOGIES, Decoder, Scan
from kiosk.scanning.judge import code_of, counts, judge

from .conftest import noisy, patient_decoder, perspective, place, render_linear, render_qr, rotate


@pytest.fixture(scope="module")
def decoder() -> Decoder:
    return patient_decoder(ALL_SYMBOLOGIES)


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        ("ean13", "400638133393", Scan("EAN13", "4006381333931", "4006381333931")),
        ("ean8", "9638507", Scan("EAN8", "96385074", "0000096385074")),
        ("upca", "03600029145", Scan("UPCA", "036000291452", "0036000291452")),
        ("code128", "STAFF-0042", Scan("CODE128", "STAFF-0042", None)),
    ],
)
def test_linear_symbologies(decoder: Decoder, kind: str, data: str, expected: Scan) -> None:
    assert decoder.decode(place(render_linear(kind, data))) == [expected]


def test_qr(decoder: Decoder) -> None:
    frame = place(render_qr("ORDER-7F3K-22"))
    assert decoder.decode(frame) == [Scan("QRCODE", "ORDER-7F3K-22", None)]


def test_scan_code_is_gtin_for_retail_text_otherwise() -> None:
    assert Scan("UPCA", "036000291452", "0036000291452").code == "0036000291452"
    assert Scan("CODE128", "STAFF-0042", None).code == "STAFF-0042"


DISTORTIONS = {
    "rotate 15": lambda f: rotate(f, 15),
    "rotate 40": lambda f: rotate(f, 40),
    "rotate 90": lambda f: rotate(f, 90),
    "upside down": lambda f: rotate(f, 180),
    "blur": lambda f: cv2.GaussianBlur(f, (0, 0), 1.6),
    "noise": lambda f: noisy(f, 25),
    "perspective": lambda f: perspective(f, 0.2),
    "dim and low contrast": lambda f: (f.astype(np.float32) * 0.35 + 40).astype(np.uint8),
}


@pytest.mark.parametrize("name", DISTORTIONS)
def test_distorted_ean13(name: str, ean13_frame: np.ndarray) -> None:
    frame = DISTORTIONS[name](ean13_frame)
    scans = patient_decoder().decode(frame)
    assert [s.gtin for s in scans] == ["4006381333931"]


def test_restricted_symbologies_ignore_others() -> None:
    frame = place(render_linear("code128", "STAFF-0042"))
    assert Decoder(["EAN13"]).decode(frame) == []


def test_unknown_symbology_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="PDF417"):
        Decoder(["EAN13", "PDF417"])


def _break_check_digit(symbol: np.ndarray) -> np.ndarray:
    """Swap the bars of the last EAN-13 digit for those of a different digit.

    The right-hand digits use R-codes; the check digit 1 (R: 1100110) becomes 2
    (R: 1101100). Module positions: 3 guard + 42 left + 5 centre + 5*7 right digits.
    """
    img = symbol.copy()
    cols = np.where((img < 128).any(axis=0))[0]
    left, right = cols[0], cols[-1]
    module = (right - left + 1) / 95
    start = left + round((3 + 42 + 5 + 5 * 7) * module)
    pattern = "1101100"
    rows = slice(0, img.shape[0])
    for i, bit in enumerate(pattern):
        x0 = start + round(i * module)
        x1 = start + round((i + 1) * module)
        img[rows, x0:x1] = 0 if bit == "1" else 255
    return img


def test_wrong_check_digit_is_never_reported() -> None:
    good = render_linear("ean13", "400638133393")
    assert patient_decoder().decode(place(good))  # the unaltered symbol reads
    bad = place(_break_check_digit(good))
    for variant in (bad, rotate(bad, 10), cv2.GaussianBlur(bad, (0, 0), 1.0)):
        scans = patient_decoder().decode(variant)
        assert all(s.text != "4006381333932" for s in scans)
        assert scans == []


GARBAGE = {
    "none": None,
    "empty": np.zeros((0, 0, 3), np.uint8),
    "1x1": np.zeros((1, 1, 3), np.uint8),
    "float64": np.random.default_rng(1).random((480, 640, 3)),
    "float nan": np.full((100, 100), np.nan),
    "bool": np.random.default_rng(2).random((480, 640)) > 0.5,
    "int32": np.random.default_rng(3).integers(-500, 70000, (200, 300), dtype=np.int32),
    "huge 8000x8000": np.full((8000, 8000), 200, np.uint8),
    "bgra": np.zeros((480, 640, 4), np.uint8),
    "grey": np.full((480, 640), 90, np.uint8),
    "five channels": np.zeros((10, 10, 5), np.uint8),
    "1-d": np.zeros(100, np.uint8),
    "not an array": "frame",
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_frames_never_raise(name: str, decoder: Decoder) -> None:
    assert decoder.decode(GARBAGE[name]) == []


def test_colour_variants_of_a_real_frame(ean13_frame: np.ndarray) -> None:
    gray = cv2.cvtColor(ean13_frame, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(ean13_frame, cv2.COLOR_BGR2BGRA)
    as_float = ean13_frame.astype(np.float64) / 255.0
    for frame in (gray, bgra, as_float, gray[:, :, None]):
        assert [s.gtin for s in patient_decoder().decode(frame)] == ["4006381333931"]


def test_empty_scene_gives_nothing() -> None:
    rng = np.random.default_rng(4)
    scene = cv2.GaussianBlur((rng.random((720, 1280)) * 255).astype(np.uint8), (0, 0), 4)
    assert patient_decoder(ALL_SYMBOLOGIES).decode(scene) == []


def _two_tags(left: str, right: str) -> np.ndarray:
    """Two EAN-13 tags side by side in one camera frame."""
    a, b = render_linear("ean13", left, 2), render_linear("ean13", right, 2)
    h = max(a.shape[0], b.shape[0])
    gap = np.full((h, 80), 255, np.uint8)
    pad = [np.pad(s, ((0, h - s.shape[0]), (0, 0)), constant_values=255) for s in (a, b)]
    return place(np.hstack([pad[0], gap, pad[1]]))


def test_two_different_tags_in_view_give_nothing() -> None:
    """Several codes in one frame: the kiosk never guesses which one the shopper meant."""
    frame = _two_tags("400638133393", "590123412345")
    assert patient_decoder().decode(frame) == []
    # Each tag alone reads.
    assert [
        s.gtin for s in patient_decoder().decode(_two_tags("400638133393", "400638133393"))
    ] == ["4006381333931"]


def _raw(text: str, backend: str = "zxing", quality: int = 100, sym: str = "EAN13") -> Raw:
    return Raw(sym, text, quality, backend)


def test_judge_agreeing_views_give_the_code_and_both_decoders_confirm() -> None:
    views = {
        ("plain", "zxing"): [_raw("4006381333931")],
        ("plain", "zbar"): [_raw("4006381333931", "zbar", 40)],
        ("otsu", "zbar"): [],
    }
    assert judge(views, complete=True) == ("EAN13", "4006381333931", {"zxing", "zbar"})


def test_judge_a_view_reading_another_code_instead_makes_the_frame_ambiguous() -> None:
    """upca-4 in the corpus: plain frame reads one code, the rescaled copy another."""
    views = {
        ("plain", "zxing"): [_raw("9074932437075")],
        ("plain", "zbar"): [_raw("9074932437075", "zbar", 18)],
        ("up2", "zxing"): [_raw("023942431015", sym="UPCA")],
    }
    assert judge(views, complete=True) is None
    # A weak ZBar read (few scan lines) of another code does not dissent.
    views[("up2", "zxing")] = [_raw("023942431015", "zbar", 4, sym="UPCA")]
    assert judge(views, complete=True) == ("EAN13", "9074932437075", {"zxing", "zbar"})


def test_judge_misread_left_half_loses_to_the_better_supported_reading() -> None:
    """upca-2/48: zxing-cpp misreads the left half; ZBar and the rescaled copy do not."""
    truth, misread = "075720003259", "1077778003259"  # same right half 003259
    views = {
        ("plain", "zxing"): [_raw(misread)],
        ("plain", "zbar"): [_raw(truth, "zbar", 37, sym="UPCA")],
    }
    assert judge(views, complete=True) is None  # one vote each: a tie within one symbol
    views[("up2", "zxing")] = [_raw(truth, sym="UPCA")]
    assert judge(views, complete=True) == ("UPCA", truth, {"zxing", "zbar"})


def test_judge_several_codes_with_support_give_nothing() -> None:
    views = {
        ("plain", "zxing"): [_raw("4006381333931"), _raw("5901234123457")],
        ("plain", "zbar"): [_raw("4006381333931", "zbar", 30), _raw("5901234123457", "zbar", 9)],
    }
    assert judge(views, complete=True) is None


def test_judge_one_library_alone_is_sure_only_after_every_view() -> None:
    """Scene seed 518 of kiosk/dev/barcode_scenes.py (glare over the right half): ZBar read
    269143792788 for 269143792122 on the plain, CLAHE and sharpened frame alike; only weak
    reads of the truth in rotated views gave it away."""
    truth, misread = "269143792122", "269143792788"
    views = {
        ("plain", "zxing"): [],
        ("plain", "zbar"): [_raw(misread, "zbar", 11, sym="UPCA")],
        ("clahe", "zbar"): [_raw(misread, "zbar", 16, sym="UPCA")],
    }
    assert judge(views, complete=False) is None  # one library: not sure yet
    lone = {("rot30", "zbar"): [_raw("08317239", "zbar", 19, sym="UPCE")]}
    assert judge(lone, complete=True) is None  # one view alone: never
    assert judge(views, complete=True) == ("UPCA", misread, {"zbar"})  # had it ended here
    views[("sharp", "zbar")] = [_raw(misread, "zbar", 7, sym="UPCA")]
    views[("rot30", "zbar")] = [
        _raw(misread, "zbar", 24, sym="UPCA"),
        _raw(truth, "zbar", 9, sym="UPCA"),
    ]
    # 4 views to 1: a clear majority for one library alone
    assert judge(views, complete=True) == ("UPCA", misread, {"zbar"})
    views[("rot-60", "zbar")] = [
        _raw(misread, "zbar", 59, sym="UPCA"),
        _raw(truth, "zbar", 11, sym="UPCA"),
    ]
    # 5 views to 2 (as seed 518 ends): another reading of the symbol has support
    assert judge(views, complete=True) is None
    # Both libraries agreeing is sure at once.
    both = {
        ("plain", "zxing"): [_raw(truth, sym="UPCA")],
        ("crop", "zbar"): [_raw(truth, "zbar", 40, sym="UPCA")],
    }
    assert judge(both, complete=False) == ("UPCA", truth, {"zxing", "zbar"})


def test_zbar_upce_needs_many_scan_lines() -> None:
    syms = Decoder().symbologies
    assert not counts(Raw("UPCE", "02212166", 11, "zbar"), syms)
    assert counts(Raw("UPCE", "02212166", 28, "zbar"), syms)
    assert not counts(Raw("EAN13", "4006381333931", 1, "zbar"), syms)  # one scan line


def test_first_look_reads_the_located_tag_upright(ean13_frame: np.ndarray) -> None:
    """The first look reads the located region cut out upright, by both libraries, and
    stops there when they agree: the whole-frame views are left unread."""
    decoder = patient_decoder(ALL_SYMBOLOGIES)
    work = decoder.work(rotate(ean13_frame, 25))
    assert work is not None
    first = work.first_look()
    assert {code_of(r) for r in first[("tag0", "zbar")]} == {"4006381333931"}
    assert {code_of(r) for r in first[("tag0", "zxing")]} == {"4006381333931"}
    assert ("plain", "zbar") not in work.read_views
    sure = decoder.decode(place(render_linear("ean13", "400638133393")))
    assert [(s.gtin, s.confirmed) for s in sure] == [("4006381333931", True)]
    assert decoder.decode(_two_tags("400638133393", "590123412345")) == []


def test_zbar_reads_as_pyzbar_does(ean13_frame: np.ndarray) -> None:
    """Our ZBar call (no outline points) gives pyzbar's symbols, texts and qualities."""
    from pyzbar import pyzbar

    gray = cv2.cvtColor(ean13_frame, cv2.COLOR_BGR2GRAY)
    two_tags = _two_tags("400638133393", "590123412345")
    qr = place(render_qr("STAFF-0042"))
    images = [gray, rotate(gray, 30)]
    images += [cv2.cvtColor(f, cv2.COLOR_BGR2GRAY) for f in (two_tags, qr)]
    for image in images:
        h, w = image.shape
        theirs = pyzbar.decode((image.tobytes(), w, h), symbols=list(_ZBAR.values()))
        ours = zbar_read(image, ALL_SYMBOLOGIES)
        assert ours, "nothing read"
        assert sorted((r.symbology, r.text, r.quality) for r in ours) == sorted(
            (t.type, t.data.decode(), t.quality) for t in theirs
        )
    assert zbar_read(gray[:, ::2], ALL_SYMBOLOGIES) == zbar_read(
        np.ascontiguousarray(gray[:, ::2]), ALL_SYMBOLOGIES
    )
    assert zbar_read(gray.astype(np.float32), ALL_SYMBOLOGIES) == []
