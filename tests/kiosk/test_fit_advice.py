"""The fit rule and the size advice, with plain asserts: thresholds, ties, few votes, which
tile is marked, and the sizes a style is not made in."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from inventory_client.fit_verdict import (
    MIN_VOTES,
    FitVerdict,
    fit_verdict,
    size_shift,
    wilson_lower_bound,
)
from inventory_client.models import SizeAvailability, SizeRun, Style, Variant
from inventory_client.voice_models import FitSummary
from kiosk.journey.fit_advice import fit_advice, sizes_not_made, suggested_variant

STYLE = Style(
    id="s1",
    name="Fjord Hiker",
    brand="Nordhain",
    colour="Moss",
    price=Decimal("169.00"),
    currency="EUR",
    image="s1.png",
)


def run(*sizes: str, scanned: str = "41", width: str = "M", wide: tuple[str, ...] = ()) -> SizeRun:
    def availability(eu: str, n: int, w: str) -> SizeAvailability:
        variant = Variant(
            gtin=f"2000000{n:06d}", style_id="s1", size_eu=eu, size_uk="8", size_us="9", width=w
        )
        return SizeAvailability(variant=variant, in_store=1, warehouse=1)

    made = [availability(eu, i, width) for i, eu in enumerate(sizes)]
    made += [availability(eu, 100 + i, "W") for i, eu in enumerate(wide)]
    gtin = next(s.variant.gtin for s in made if s.variant.size_eu == scanned)
    return SizeRun(
        style=STYLE, store_id="st", scanned_gtin=gtin, sizes=made, as_of=datetime.now(UTC)
    )


def summary(small: int, true: int, large: int, style: str = "s1") -> FitSummary:
    verdict = fit_verdict(small, true, large)
    return FitSummary(
        style_id=style,
        small=small,
        true_to_size=true,
        large=large,
        votes=small + true + large,
        verdict=verdict,
        size_shift=size_shift(verdict),
        min_votes=MIN_VOTES,
    )


def test_never_a_verdict_with_too_few_votes() -> None:
    assert MIN_VOTES == 5
    assert fit_verdict(0, 0, 0) is FitVerdict.TOO_FEW
    assert fit_verdict(4, 0, 0) is FitVerdict.TOO_FEW  # unanimous, but only four
    assert fit_verdict(0, 4, 0) is FitVerdict.TOO_FEW
    assert fit_verdict(5, 0, 0) is FitVerdict.RUNS_SMALL  # the fewest votes that speak
    assert fit_advice(summary(4, 0, 0), run("40", "41", "42")) is None


def test_thresholds_grow_with_the_count() -> None:
    # the smallest count of "small" votes that gives a verdict, for each total
    needed = {
        n: next(k for k in range(n + 1) if fit_verdict(k, n - k, 0) is FitVerdict.RUNS_SMALL)
        for n in (5, 10, 20, 40, 100)
    }
    assert needed == {5: 5, 10: 8, 20: 14, 40: 26, 100: 59}
    assert fit_verdict(4, 1, 0) is FitVerdict.MIXED  # 80 % of five is not enough
    assert fit_verdict(3, 2, 0) is FitVerdict.MIXED  # a raw majority is not enough
    assert fit_verdict(59, 41, 0) is FitVerdict.RUNS_SMALL
    assert fit_verdict(58, 42, 0) is FitVerdict.MIXED


def test_ties_and_splits_say_nothing() -> None:
    assert fit_verdict(10, 0, 10) is FitVerdict.MIXED
    assert fit_verdict(50, 0, 50) is FitVerdict.MIXED
    assert fit_verdict(7, 7, 7) is FitVerdict.MIXED
    assert fit_verdict(3, 4, 3) is FitVerdict.MIXED
    assert fit_advice(summary(50, 0, 50), run("40", "41", "42")) is None


def test_each_verdict_and_its_shift() -> None:
    assert fit_verdict(0, 0, 8) is FitVerdict.RUNS_LARGE
    assert fit_verdict(0, 9, 1) is FitVerdict.TRUE_TO_SIZE
    assert [size_shift(v) for v in FitVerdict] == [0, 0, 1, 0, -1]


def test_wilson_bound_edges() -> None:
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(0, 10) == 0.0
    assert 0.6 < wilson_lower_bound(5, 5) < 0.7  # five of five: above one half
    assert wilson_lower_bound(500, 1000) < 0.5 < wilson_lower_bound(530, 1000)
    with pytest.raises(ValueError):
        wilson_lower_bound(6, 5)
    with pytest.raises(ValueError):
        fit_verdict(-1, 5, 5)


def test_runs_small_suggests_the_next_size_up_and_marks_it() -> None:
    sizes = run("40", "41", "42", "43", scanned="41")
    advice = fit_advice(summary(6, 0, 0), sizes)
    assert advice is not None
    assert advice.text == "Most shoppers say it runs small — consider EU 42 (6 votes)"
    assert advice.suggested_gtin == next(
        s.variant.gtin for s in sizes.sizes if s.variant.size_eu == "42"
    )


def test_runs_large_suggests_the_next_size_down() -> None:
    sizes = run("40", "40.5", "41", scanned="41")
    advice = fit_advice(summary(0, 1, 9), sizes)
    assert advice is not None
    assert advice.text == "Most shoppers say it runs large — consider EU 40.5 (10 votes)"


def test_no_tile_past_the_end_of_the_run_or_in_another_width() -> None:
    top = run("40", "41", "42", scanned="42", wide=("43",))
    advice = fit_advice(summary(5, 0, 0), top)
    assert advice is not None and advice.suggested_gtin is None
    assert advice.text == "Most shoppers say it runs small (5 votes)"
    assert suggested_variant(top, 0) is None


def test_true_to_size_is_said_without_a_tile() -> None:
    advice = fit_advice(summary(0, 5, 0), run("40", "41"))
    assert advice is not None and advice.suggested_gtin is None
    assert advice.text == "Most shoppers say it fits true to size (5 votes)"


def test_another_styles_votes_or_none_say_nothing() -> None:
    assert fit_advice(None, run("40", "41")) is None
    assert fit_advice(summary(9, 0, 0, style="other"), run("40", "41")) is None


def test_sizes_not_made_lie_just_beyond_the_run() -> None:
    assert sizes_not_made(run("40", "41", "46")) == ["38", "39", "47", "48"]
    assert sizes_not_made(run("40", "46.5", scanned="40")) == ["38", "39", "48", "49"]
    assert sizes_not_made(run("31", "51", scanned="31")) == ["30", "52"]
