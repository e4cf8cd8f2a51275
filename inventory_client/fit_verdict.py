"""What shoppers' fit votes on one style say, and when they say enough. Plain Python.

One rule, used by the service (the customer-voice report and the fit-aware restock) and
by the kiosk (the size advice on the product screen), so the two can never disagree.

The rule: a style "runs small" when we are 95 % sure that more than half of all shoppers
would say so, i.e. when the lower bound of the one-sided 95 % Wilson score interval
(z = 1.645) of the share of "runs small" votes is above one half; the same for "runs
large" and "true to size". Below :data:`MIN_VOTES` votes nothing is said at all.

Why Wilson and not a raw majority: 3 of 5 votes is a majority but says little about
the next shopper; the Wilson bound grows with the count, so with 5 votes only 5 of 5
speak, with 10 votes 8 of 10, with 40 votes 26 of 40.
It behaves well at shares of 0 and 1 and with few votes, where the normal approximation
does not. Ties (as many "small" as "large") can never pass: neither share is above one
half with confidence, so the verdict is ``mixed``.
"""

from __future__ import annotations

import math
from enum import StrEnum

__all__ = [
    "MIN_VOTES",
    "Z_ONE_SIDED_95",
    "FitVerdict",
    "fit_verdict",
    "size_shift",
    "wilson_lower_bound",
]

#: Fewer votes than this never give a verdict (the issue's "say 5").
MIN_VOTES = 5
#: One-sided 95 %: the lower bound alone is the claim we make.
Z_ONE_SIDED_95 = 1.645


class FitVerdict(StrEnum):
    """What the votes on a style say."""

    TOO_FEW = "too_few"  # fewer than MIN_VOTES votes: nothing is said
    MIXED = "mixed"  # enough votes, no answer with confidence
    RUNS_SMALL = "runs_small"
    TRUE_TO_SIZE = "true_to_size"
    RUNS_LARGE = "runs_large"


def wilson_lower_bound(hits: int, total: int, z: float = Z_ONE_SIDED_95) -> float:
    """The lower bound of the Wilson score interval of the share ``hits / total``."""
    if total <= 0:
        return 0.0
    if not 0 <= hits <= total:
        raise ValueError(f"{hits} hits out of {total} votes")
    share = hits / total
    z2 = z * z
    centre = share + z2 / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total))
    return (centre - spread) / (1 + z2 / total)


def fit_verdict(
    small: int, true_to_size: int, large: int, *, min_votes: int = MIN_VOTES
) -> FitVerdict:
    """The verdict of the votes on one style (see the module docstring for the rule)."""
    if min(small, true_to_size, large) < 0:
        raise ValueError("vote counts are never negative")
    total = small + true_to_size + large
    if total < min_votes:
        return FitVerdict.TOO_FEW
    for count, verdict in (
        (small, FitVerdict.RUNS_SMALL),
        (large, FitVerdict.RUNS_LARGE),
        (true_to_size, FitVerdict.TRUE_TO_SIZE),
    ):
        if wilson_lower_bound(count, total) > 0.5:
            return verdict
    return FitVerdict.MIXED


def size_shift(verdict: FitVerdict) -> int:
    """Sizes to move from the one a shopper would pick: +1 (runs small), -1, or 0."""
    if verdict is FitVerdict.RUNS_SMALL:
        return 1
    if verdict is FitVerdict.RUNS_LARGE:
        return -1
    return 0
