"""The customer voice's calls (issue 17): the kiosk's (``client.voice``) and staff's
(``client.staff().customer_voice(...)``). Both borrow the client's ``Transport``: its
Session, timeouts, circuit breaker and error boundary.

Best-effort, not queued: a fit vote or a "why are you leaving" tap is one shopper's one
tap, not personal and not a promise to anybody; losing one when the service is away costs
one data point. Queueing them would do harm: a kiosk's burst limit is judged when a vote
arrives, so a backlog sent at once after an outage would be cut as a burst, and a vote
arriving hours late would tell about a journey long gone. So each call is sent once and a
failure is raised to the caller (the kiosk's flow logs it and moves on). Each carries its
own id, so a retry the caller chooses to make is still counted once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from inventory_client._transport import Transport
from inventory_client.voice_models import (
    CustomerVoiceReport,
    FitChoice,
    FitSummary,
    FitVoteCreate,
    FitVoteResult,
    LeaveReason,
    VoiceEventCreate,
    VoiceEventKind,
    VoiceRecorded,
    VoteSource,
)

__all__ = ["ShopperVoice", "StaffVoice"]


def _now() -> datetime:
    return datetime.now(UTC)


class ShopperVoice:
    """What the kiosk sends and reads for its shoppers' voice (with the kiosk's key)."""

    def __init__(
        self,
        transport: Transport,
        *,
        kiosk_id: str,
        store_id: str,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._transport = transport
        self.kiosk_id = kiosk_id
        self.store_id = store_id
        self._clock = clock

    def fit(self, style_id: str) -> FitSummary:
        """What shoppers of every store said about the style's fit, with the verdict."""
        path = f"/v1/styles/{quote(style_id, safe='')}/fit"
        return self._transport.call("GET", path, FitSummary)

    def vote(
        self,
        style_id: str,
        fit: FitChoice,
        *,
        journey_id: str,
        source: VoteSource,
        size_eu: str | None = None,
        vote_id: str | None = None,
    ) -> FitVoteResult:
        """One shopper's fit vote; the answer says whether it was counted."""
        body = FitVoteCreate(
            id=vote_id or uuid.uuid4().hex,
            kiosk_id=self.kiosk_id,
            store_id=self.store_id,
            journey_id=journey_id,
            style_id=style_id,
            fit=fit,
            size_eu=size_eu,
            source=source,
            at=self._clock(),
        )
        return self._transport.call(
            "POST", "/v1/fit-votes", FitVoteResult, body=body.model_dump_json()
        )

    def left(self, style_id: str, reason: LeaveReason) -> bool:
        """The shopper left the style empty-handed, and said why."""
        return self._event(VoiceEventKind.LEAVE_REASON, style_id, reason=reason)

    def wanted_size(self, style_id: str, size_eu: str) -> bool:
        """The shopper asked for a size the style is not made in."""
        return self._event(VoiceEventKind.SIZE_WANTED, style_id, size_eu=size_eu)

    def answered(self, style_id: str, answer_ms: int) -> bool:
        """A scan was answered at the kiosk ``answer_ms`` after it was made."""
        return self._event(VoiceEventKind.ANSWERED, style_id, answer_ms=answer_ms)

    def _event(
        self,
        kind: VoiceEventKind,
        style_id: str,
        *,
        reason: LeaveReason | None = None,
        size_eu: str | None = None,
        answer_ms: int | None = None,
    ) -> bool:
        body = VoiceEventCreate(
            id=uuid.uuid4().hex,
            kind=kind,
            kiosk_id=self.kiosk_id,
            store_id=self.store_id,
            style_id=style_id,
            reason=reason,
            size_eu=size_eu,
            answer_ms=answer_ms,
            at=self._clock(),
        )
        answer = self._transport.call(
            "POST", "/v1/voice-events", VoiceRecorded, body=body.model_dump_json()
        )
        return answer.recorded


class StaffVoice:
    """The customer-voice report, with a staff key (own store) or head office's (any)."""

    def __init__(self, transport: Transport, headers: Callable[[str], Mapping[str, str]]) -> None:
        self._transport = transport
        self._headers = headers

    def report(
        self,
        days: int,
        *,
        store_ids: Sequence[str] = (),
        staff_check_minutes: float | None = None,
        now: datetime | None = None,
    ) -> CustomerVoiceReport:
        """The report of the ``days`` days up to ``now``; no ``store_ids``: the key's store
        (staff) or every store (head office)."""
        query = self._query(days, store_ids, staff_check_minutes, now)
        return self._transport.call(
            "GET",
            f"/v1/reports/customer-voice?{query}",
            CustomerVoiceReport,
            headers=self._headers("GET /v1/reports/customer-voice"),
        )

    def report_csv(
        self,
        days: int,
        *,
        store_ids: Sequence[str] = (),
        staff_check_minutes: float | None = None,
        now: datetime | None = None,
    ) -> bytes:
        query = self._query(days, store_ids, staff_check_minutes, now)
        return self._transport.get_bytes(
            f"/v1/reports/customer-voice.csv?{query}",
            content_type_prefix="text/csv",
            headers=self._headers("GET /v1/reports/customer-voice.csv"),
        )

    @staticmethod
    def _query(
        days: int,
        store_ids: Sequence[str],
        staff_check_minutes: float | None,
        now: datetime | None,
    ) -> str:
        """The query string (``store_id`` may repeat, which ``Transport``'s params cannot)."""
        if days < 1:
            raise ValueError(f"a report covers at least one day, not {days}")
        until = (now or _now()).astimezone(UTC)
        params = [("since", (until - timedelta(days=days)).isoformat())]
        params.append(("until", until.isoformat()))
        params += [("store_id", store) for store in store_ids]
        if staff_check_minutes is not None:
            params.append(("staff_check_minutes", str(staff_check_minutes)))
        return urlencode(params)
