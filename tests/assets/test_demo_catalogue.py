"""The demo catalogue keeps its promises: valid models, valid GTINs, scenarios, files.

Scenario checks recompute each case from the raw ``stock`` list, so a change to the stock
spread that breaks a promised case fails here, not in a demo.
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pyzbar.pyzbar import decode
from stdnum import ean

from inventory_client.models import Location, LocationKind, Style, Variant

ASSETS = Path(__file__).resolve().parents[2] / "assets"
DEMO = ASSETS / "demo"


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return json.loads((DEMO / "catalogue.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stock(catalogue: dict[str, Any]) -> dict[str, dict[str, int]]:
    """gtin -> location id -> on hand (absent means 0)."""
    by_gtin: dict[str, dict[str, int]] = defaultdict(dict)
    for row in catalogue["stock"]:
        assert row["location_id"] not in by_gtin[row["gtin"]], "duplicate stock row"
        by_gtin[row["gtin"]][row["location_id"]] = row["on_hand"]
    return by_gtin


def _style(catalogue: dict[str, Any], style_id: str) -> dict[str, Any]:
    return next(s for s in catalogue["styles"] if s["id"] == style_id)


def _kinds(catalogue: dict[str, Any]) -> dict[str, str]:
    return {loc["id"]: loc["kind"] for loc in catalogue["locations"]}


def _case(catalogue: dict[str, Any], stock: dict[str, dict[str, int]], gtin: str) -> str:
    """What a shopper at the home store sees for one size (as models.SizeAvailability)."""
    home = catalogue["home_store_id"]
    kinds = _kinds(catalogue)
    counts = stock.get(gtin, {})
    if counts.get(home, 0) > 0:
        return "in_store"
    if any(n > 0 for loc, n in counts.items() if kinds[loc] == "warehouse"):
        return "warehouse"
    if any(n > 0 for loc, n in counts.items() if kinds[loc] == "store" and loc != home):
        return "other_store"
    return "sold_out"


def _style_cases(catalogue, stock, style_id: str) -> list[str]:
    return [_case(catalogue, stock, v["gtin"]) for v in _style(catalogue, style_id)["variants"]]


def test_catalogue_validates_against_the_wire_models(catalogue: dict[str, Any]) -> None:
    locations = [Location.model_validate(loc) for loc in catalogue["locations"]]
    ids = {loc.id for loc in locations}
    assert catalogue["home_store_id"] in ids
    assert sum(loc.kind is LocationKind.WAREHOUSE for loc in locations) >= 1
    assert sum(loc.kind is LocationKind.STORE for loc in locations) >= 4
    for raw in catalogue["styles"]:
        fields = {k: v for k, v in raw.items() if k != "variants"}
        style = Style.model_validate(fields)
        assert style.currency == "EUR"
        assert raw["price"] == f"{style.price:.2f}"
        variants = [Variant.model_validate({**v, "style_id": style.id}) for v in raw["variants"]]
        assert [v.size_sort for v in variants] == sorted(v.size_sort for v in variants)
        whole = {v.size_eu for v in variants if "." not in v.size_eu}
        assert whole == {str(n) for n in range(36, 48)}, style.id
    for row in catalogue["stock"]:
        assert row["location_id"] in ids
        assert isinstance(row["on_hand"], int) and row["on_hand"] > 0


def test_enough_styles_and_brands(catalogue: dict[str, Any]) -> None:
    styles = catalogue["styles"]
    assert len(styles) >= 24
    assert len({s["brand"] for s in styles}) >= 6
    assert len({s["id"] for s in styles}) == len(styles)


def test_gtins_are_valid_unique_and_restricted_circulation(catalogue: dict[str, Any]) -> None:
    gtins = [v["gtin"] for s in catalogue["styles"] for v in s["variants"]]
    assert len(gtins) == len(set(gtins))
    for gtin in gtins:
        assert len(gtin) == 13 and ean.is_valid(gtin), gtin
        assert 20 <= int(gtin[:2]) <= 29, gtin
    known = set(gtins)
    assert {row["gtin"] for row in catalogue["stock"]} <= known
    assert set(catalogue["demo_scans"]) <= known


def test_size_conversions_are_monotonic_per_style(catalogue: dict[str, Any]) -> None:
    for style in catalogue["styles"]:
        uk = [float(v["size_uk"]) for v in style["variants"]]
        us = [float(v["size_us"]) for v in style["variants"]]
        assert uk == sorted(uk) and len(set(uk)) == len(uk), style["id"]
        assert us == sorted(us) and len(set(us)) == len(us), style["id"]
        assert all(u > k for u, k in zip(us, uk, strict=True))
        assert "US sizes are" in style["description"]


def test_scenarios_hold(catalogue: dict[str, Any], stock: dict[str, dict[str, int]]) -> None:
    sc = catalogue["scenarios"]
    assert set(_style_cases(catalogue, stock, sc["in_store"])) == {"in_store"}
    assert set(_style_cases(catalogue, stock, sc["warehouse_only"])) == {"warehouse"}
    assert set(_style_cases(catalogue, stock, sc["other_store_only"])) == {"other_store"}
    assert set(_style_cases(catalogue, stock, sc["sold_out"])) == {"sold_out"}
    assert set(_style_cases(catalogue, stock, sc["mixed"])) == {
        "in_store",
        "warehouse",
        "other_store",
        "sold_out",
    }


def test_warehouse_only_means_no_store_anywhere(
    catalogue: dict[str, Any], stock: dict[str, dict[str, int]]
) -> None:
    kinds = _kinds(catalogue)
    for v in _style(catalogue, catalogue["scenarios"]["warehouse_only"])["variants"]:
        assert all(kinds[loc] == "warehouse" for loc in stock.get(v["gtin"], {}))


def test_last_pair_is_one_pair_in_the_warehouse_only(
    catalogue: dict[str, Any], stock: dict[str, dict[str, int]]
) -> None:
    kinds = _kinds(catalogue)
    counts = stock[catalogue["scenarios"]["last_pair"]]
    assert sum(n for loc, n in counts.items() if kinds[loc] == "warehouse") == 1
    assert all(kinds[loc] == "warehouse" for loc in counts)


def test_regular_styles_look_realistic(
    catalogue: dict[str, Any], stock: dict[str, dict[str, int]]
) -> None:
    """Most styles have some sizes here and a healthy warehouse."""
    scenario_ids = {v for k, v in catalogue["scenarios"].items() if k != "last_pair"}
    regular = [s for s in catalogue["styles"] if s["id"] not in scenario_ids]
    kinds = _kinds(catalogue)
    for style in regular:
        cases = _style_cases(catalogue, stock, style["id"])
        assert cases.count("in_store") >= 3, style["id"]
        warehouse_total = sum(
            n
            for v in style["variants"]
            for loc, n in stock.get(v["gtin"], {}).items()
            if kinds[loc] == "warehouse"
        )
        assert warehouse_total >= 30, style["id"]


def test_demo_scans_cover_every_case(
    catalogue: dict[str, Any], stock: dict[str, dict[str, int]]
) -> None:
    scans = catalogue["demo_scans"]
    assert 6 <= len(scans) <= 12
    assert {_case(catalogue, stock, g) for g in scans} == {
        "in_store",
        "warehouse",
        "other_store",
        "sold_out",
    }
    assert catalogue["scenarios"]["last_pair"] in scans
    scanned_styles = {
        s["id"] for s in catalogue["styles"] for v in s["variants"] if v["gtin"] in scans
    }
    expected = {v for k, v in catalogue["scenarios"].items() if k != "last_pair"}
    assert expected <= scanned_styles


def test_every_style_has_a_small_image(catalogue: dict[str, Any]) -> None:
    for style in catalogue["styles"]:
        assert style["image"] == f"{style['id']}.png"
        path = DEMO / "images" / style["image"]
        assert path.stat().st_size < 60_000, path
        with Image.open(path) as img:
            assert img.format == "PNG" and img.size == (480, 360)


def _frames() -> list[Path]:
    return sorted(p for p in (DEMO / "frames").iterdir() if p.suffix in (".png", ".jpg"))


def test_every_frame_decodes_to_its_gtin(catalogue: dict[str, Any]) -> None:
    frames = _frames()
    assert frames[0].stem == "00-empty"
    expected = [f"{i:02d}-{g}" for i, g in enumerate(catalogue["demo_scans"], start=1)]
    assert [p.stem for p in frames[1:]] == expected
    for path in frames:
        with Image.open(path) as img:
            assert img.size == (1280, 720)
            found = [(r.type, r.data.decode()) for r in decode(img)]
        want = [] if path.stem == "00-empty" else [("EAN13", path.stem.split("-", 1)[1])]
        assert found == want, path.name


def test_theme_icon_and_scan_sound() -> None:
    with Image.open(ASSETS / "theme" / "icon.png") as icon:
        assert icon.size == (256, 256) and icon.mode == "RGBA"
    with wave.open(str(ASSETS / "sounds" / "scan.wav"), "rb") as beep:
        assert (beep.getnchannels(), beep.getsampwidth(), beep.getframerate()) == (1, 2, 44100)
        assert beep.getnframes() == round(0.060 * 44100)


IMAGE_SUFFIXES = {".png", ".jpg"}


def _mean_pixel_difference(a: Path, b: Path) -> float:
    """Mean absolute difference of two images' RGB pixels (0-255); inf if sizes differ."""
    import numpy as np
    from PIL import Image

    with Image.open(a) as first, Image.open(b) as second:
        if first.size != second.size:
            return float("inf")
        pixels_a = np.asarray(first.convert("RGB"), dtype=np.int16)
        pixels_b = np.asarray(second.convert("RGB"), dtype=np.int16)
    return float(np.abs(pixels_a - pixels_b).mean())


def test_generate_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    """Regenerating into a temp dir gives the committed files.

    Data files must match byte for byte. Images are compared by pixels with a small
    tolerance: a newer Pillow, zlib or libjpeg may encode or anti-alias a little
    differently, while a generator that is not deterministic (an unseeded random
    source, a changed drawing) moves far more than that.
    """
    subprocess.run(
        [sys.executable, str(DEMO / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated, "generate.py wrote nothing"
    for rel in generated:
        committed = ASSETS / rel
        assert committed.exists(), f"{rel} is generated but not committed"
        if rel.suffix in IMAGE_SUFFIXES:
            assert _mean_pixel_difference(tmp_path / rel, committed) <= 1.5, f"{rel} differs"
        else:
            assert (tmp_path / rel).read_bytes() == committed.read_bytes(), f"{rel} differs"
    committed_outputs = [
        *(DEMO / "images").glob("*.png"),
        *_frames(),
        DEMO / "catalogue.json",
    ]
    assert {p.relative_to(ASSETS) for p in committed_outputs} <= set(generated)
