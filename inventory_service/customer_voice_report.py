"""The customer-voice report: what shoppers said at the kiosks, and the time the kiosks saved.

Pure functions over the storage's facts (``storage.customer_voice``). The rules, also in
docs/CUSTOMER_VOICE.md:

- votes, wanted sizes and reasons count when their kiosk time ``at`` lies in [since, until);
- the verdict and size shift come from ``inventory_client.fit_verdict`` (the kiosk's advice
  uses the same rule), over the votes of the period and stores of the report;
- styles with the most voices (votes + wanted sizes + reasons) come first;
- time saved: ``minutes_saved`` = journeys answered × (staff check − median scan-to-answer),
  never below zero; ``today`` is the part of the period since midnight UTC of ``until``.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Sequence
from datetime import datetime, time

from inventory_client.fit_verdict import MIN_VOTES, fit_verdict, size_shift
from inventory_client.voice_models import (
    CustomerVoiceReport,
    LeaveReason,
    ReasonCount,
    SizeWanted,
    StyleVoice,
    TimeSaved,
)
from inventory_service.csv_safety import safe_cell as _cell  # safe for ',' and ';' readers
from inventory_service.storage.customer_voice import FitCounts, StyleVoiceFacts

#: A staff member walking to the stock room and back: the issue's default estimate.
DEFAULT_STAFF_CHECK_MINUTES = 3.0

CSV_COLUMNS = (
    "style_id",
    "style_name",
    "brand",
    "votes",
    "small",
    "true_to_size",
    "large",
    "verdict",
    "size_shift",
    "sizes_wanted",
    *(f"left_{r.value}" for r in LeaveReason),
)

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_STAFF_CHECK_MINUTES",
    "MIN_VOTES",
    "build_customer_voice",
    "style_voice",
    "time_saved",
    "to_csv",
]


def style_voice(facts: StyleVoiceFacts) -> StyleVoice:
    fit: FitCounts = facts.fit
    verdict = fit_verdict(fit.small, fit.true_to_size, fit.large)
    return StyleVoice(
        style_id=facts.style_id,
        style_name=facts.style_name,
        brand=facts.brand,
        small=fit.small,
        true_to_size=fit.true_to_size,
        large=fit.large,
        votes=fit.small + fit.true_to_size + fit.large,
        verdict=verdict,
        size_shift=size_shift(verdict),
        sizes_wanted=[
            SizeWanted(size_eu=size, count=n)
            for size, n in sorted(facts.sizes_wanted.items(), key=lambda kv: float(kv[0]))
        ],
        leave_reasons=[
            ReasonCount(reason=r, count=facts.leave_reasons[r.value])
            for r in LeaveReason
            if facts.leave_reasons.get(r.value)
        ],
    )


def time_saved(
    answer_ms: Sequence[int], *, since: datetime, until: datetime, staff_check_minutes: float
) -> TimeSaved:
    median_s = statistics.median(answer_ms) / 1000 if answer_ms else None
    per_journey = staff_check_minutes - (median_s or 0.0) / 60
    return TimeSaved(
        since=since,
        until=until,
        journeys_answered=len(answer_ms),
        median_answer_s=None if median_s is None else round(median_s, 3),
        staff_check_minutes=staff_check_minutes,
        minutes_saved=round(max(0.0, per_journey) * len(answer_ms), 1),
    )


def start_of_day(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), time(0), tzinfo=moment.tzinfo)


def _voices(style: StyleVoice) -> int:
    wanted = sum(w.count for w in style.sizes_wanted)
    return style.votes + wanted + sum(r.count for r in style.leave_reasons)


def build_customer_voice(
    *,
    store_ids: Sequence[str],
    since: datetime,
    until: datetime,
    facts: list[StyleVoiceFacts],
    answers: Sequence[int],
    answers_today: Sequence[int],
    staff_check_minutes: float,
    generated_at: datetime,
) -> CustomerVoiceReport:
    styles = [style_voice(f) for f in facts]
    styles.sort(
        key=lambda s: (
            -(
                s.votes
                + sum(w.count for w in s.sizes_wanted)
                + sum(r.count for r in s.leave_reasons)
            ),
            s.style_id,
        )
    )
    today_since, _ = today_period(since, until)
    return CustomerVoiceReport(
        store_ids=list(store_ids),
        since=since,
        until=until,
        generated_at=generated_at,
        styles=styles,
        period=time_saved(
            answers, since=since, until=until, staff_check_minutes=staff_check_minutes
        ),
        today=time_saved(
            answers_today,
            since=today_since,
            until=until,
            staff_check_minutes=staff_check_minutes,
        ),
    )


def today_period(since: datetime, until: datetime) -> tuple[datetime, datetime]:
    """[midnight UTC of ``until`` (or ``since`` if later), ``until``)."""
    return max(since, start_of_day(until)), until


def to_csv(report: CustomerVoiceReport) -> str:
    """One line per style; ``sizes_wanted`` as ``48:3 49:1``; the time saved after a blank
    line (as ``#`` comment lines a spreadsheet shows and a CSV reader can skip)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in report.styles:
        reasons = {r.reason.value: r.count for r in s.leave_reasons}
        writer.writerow(
            [
                _cell(s.style_id),
                _cell(s.style_name),
                _cell(s.brand),
                s.votes,
                s.small,
                s.true_to_size,
                s.large,
                s.verdict.value,
                s.size_shift,
                " ".join(f"{w.size_eu}:{w.count}" for w in s.sizes_wanted),
                *(reasons.get(r.value, 0) for r in LeaveReason),
            ]
        )
    for name, saved in (("period", report.period), ("today", report.today)):
        writer.writerow(
            [
                f"# time saved ({name})",
                f"journeys={saved.journeys_answered}",
                f"median_answer_s={'' if saved.median_answer_s is None else saved.median_answer_s}",
                f"staff_check_minutes={saved.staff_check_minutes}",
                f"minutes_saved={saved.minutes_saved}",
            ]
        )
    return out.getvalue()
