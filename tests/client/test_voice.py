"""The customer voice through the client against the real service: votes, a style's fit,
why shoppers left, wanted sizes, answered scans, and the staff report (JSON and CSV).
Best-effort by design: nothing of it goes through the outbox."""

from __future__ import annotations

import uuid

import pytest

from inventory_client import NotFound, Unauthorized
from inventory_client.fit_verdict import FitVerdict
from inventory_client.voice_models import (
    FitChoice,
    FitVoteOutcome,
    LeaveReason,
    VoteSource,
)


def test_kiosk_voice_and_staff_report(fresh_service, fresh_client, catalogue) -> None:
    style = catalogue["scenarios"]["warehouse_only"]
    voice = fresh_client.voice
    assert voice.fit(style).verdict is FitVerdict.TOO_FEW
    journeys = [uuid.uuid4().hex for _ in range(5)]
    outcomes = [
        voice.vote(style, FitChoice.LARGE, journey_id=j, source=VoteSource.TRIED, size_eu="42")
        for j in journeys
    ]
    assert [o.outcome for o in outcomes] == [FitVoteOutcome.COUNTED] * 5
    again = voice.vote(style, FitChoice.SMALL, journey_id=journeys[0], source=VoteSource.TRIED)
    assert again.outcome is FitVoteOutcome.REPEAT
    summary = voice.fit(style)
    assert (summary.large, summary.verdict, summary.size_shift) == (5, FitVerdict.RUNS_LARGE, -1)

    assert voice.left(style, LeaveReason.SIZE_NOT_AVAILABLE)
    assert voice.wanted_size(style, "49")
    assert voice.answered(style, 900)
    with pytest.raises(NotFound):
        voice.fit("no-such-style")
    with pytest.raises(NotFound):
        voice.left("no-such-style", LeaveReason.PRICE)
    assert fresh_client.outbox.entries() == []  # best-effort: never queued

    staff = fresh_client.staff(fresh_service.staff_key).customer_voice
    report = staff.report(7)
    assert report.store_ids == [fresh_service.store_id]
    (row,) = report.styles
    assert (row.style_id, row.verdict, row.size_shift) == (style, FitVerdict.RUNS_LARGE, -1)
    assert [(w.size_eu, w.count) for w in row.sizes_wanted] == [("49", 1)]
    assert [(r.reason, r.count) for r in row.leave_reasons] == [(LeaveReason.SIZE_NOT_AVAILABLE, 1)]
    assert report.today.journeys_answered == 1 and report.today.median_answer_s == 0.9
    slower = staff.report(7, staff_check_minutes=10, store_ids=[fresh_service.store_id])
    assert slower.today.minutes_saved == round(10 - 0.9 / 60, 1)
    table = staff.report_csv(7).decode("utf-8")
    assert table.splitlines()[1].startswith(f"{style},")
    chain = fresh_client.staff(fresh_service.head_office_key).customer_voice.report(7)
    assert fresh_service.store_id in chain.store_ids and len(chain.store_ids) > 1
    assert [s.style_id for s in chain.styles] == [style]  # head office: every store
    with pytest.raises(Unauthorized):
        fresh_client.staff().customer_voice.report(7)  # no staff key: nothing sent
    with pytest.raises(ValueError):
        staff.report(0)
