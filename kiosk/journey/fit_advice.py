"""Size advice from other shoppers' fit votes, and the sizes a style is not made in.
Plain Python, no Qt (wording through ``translate``, as in ``size_grid``).

When to say anything is the shared rule of ``inventory_client.fit_verdict`` (the service's
report uses the same): at least five votes, and a one-sided 95 % Wilson bound above one
half. This module decides what the product screen says with a verdict and which tile it
marks: the size next to the one the shopper scanned, one step up when the style runs small,
one step down when it runs large, in the same width. A style that fits true to size is
said so, with no tile marked; a mixed or too thin verdict says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from inventory_client.fit_verdict import FitVerdict
from inventory_client.models import SizeRun, Variant
from inventory_client.voice_models import FitSummary

Translate = Callable[[str, str], str]

#: Sizes a shopper may ask for beyond the ends of a run (EU, whole sizes).
ASK_BEYOND = 2
#: No EU shoe size outside this range is offered.
EU_RANGE = (30, 52)

__all__ = ["FitAdvice", "fit_advice", "sizes_not_made", "suggested_variant"]


def english(context: str, text: str) -> str:
    return text


@dataclass(frozen=True)
class FitAdvice:
    """What the product screen says, and the tile it marks (``None``: none)."""

    text: str
    verdict: FitVerdict
    votes: int
    suggested_gtin: str | None = None


def _variant(run: SizeRun, gtin: str | None) -> Variant | None:
    return next((s.variant for s in run.sizes if s.variant.gtin == gtin), None)


def suggested_variant(run: SizeRun, shift: int) -> Variant | None:
    """The size ``shift`` steps from the scanned one in the run, same width; or None."""
    scanned = _variant(run, run.scanned_gtin)
    if scanned is None or shift == 0:
        return None
    same_width = sorted(
        (s.variant for s in run.sizes if s.variant.width == scanned.width),
        key=lambda v: v.size_sort,
    )
    at = next(i for i, v in enumerate(same_width) if v.gtin == scanned.gtin)
    target = at + shift
    return same_width[target] if 0 <= target < len(same_width) else None


def fit_advice(
    summary: FitSummary | None, run: SizeRun, translate: Translate = english
) -> FitAdvice | None:
    """The advice for ``run`` from ``summary`` (its style's votes); None: say nothing."""
    if summary is None or summary.style_id != run.style.id:
        return None
    verdict, votes = summary.verdict, summary.votes
    if verdict is FitVerdict.TRUE_TO_SIZE:
        text = translate("FitAdvice", "Most shoppers say it fits true to size ({count} votes)")
        return FitAdvice(text.format(count=votes), verdict, votes)
    if verdict not in (FitVerdict.RUNS_SMALL, FitVerdict.RUNS_LARGE):
        return None
    target = suggested_variant(run, summary.size_shift)
    small = verdict is FitVerdict.RUNS_SMALL
    if target is None:
        text = (
            translate("FitAdvice", "Most shoppers say it runs small ({count} votes)")
            if small
            else translate("FitAdvice", "Most shoppers say it runs large ({count} votes)")
        )
        return FitAdvice(text.format(count=votes), verdict, votes)
    text = (
        translate(
            "FitAdvice", "Most shoppers say it runs small — consider EU {size} ({count} votes)"
        )
        if small
        else translate(
            "FitAdvice", "Most shoppers say it runs large — consider EU {size} ({count} votes)"
        )
    )
    return FitAdvice(text.format(size=target.size_eu, count=votes), verdict, votes, target.gtin)


def sizes_not_made(run: SizeRun) -> list[str]:
    """EU sizes just beyond the run's ends a shopper may ask for ("48" for a 40-46 run)."""
    made = [s.variant.size_sort for s in run.sizes]
    if not made:
        return []
    low, high = int(min(made)), int(max(made) + 0.5)
    wanted = [*range(low - ASK_BEYOND, low), *range(high + 1, high + 1 + ASK_BEYOND)]
    return [str(size) for size in wanted if EU_RANGE[0] <= size <= EU_RANGE[1]]
