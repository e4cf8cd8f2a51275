"""The wire contract of the customer voice (issue 17): fit votes, why shoppers leave, sizes
a style is not made in, journeys answered at the kiosk, and the staff report over them.

Its own module beside ``models`` (which stays the contract of stock and orders): these
models are one topic, imported by the same three parties, and keeping them apart keeps
``models`` within the size its docstring argues for. Nothing here is personal: a vote or
an event names a style, a size, a kiosk and a random per-shopper-journey id, never a person.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from inventory_client.fit_verdict import FitVerdict
from inventory_client.models import Identifier, WireModel
from inventory_client.text_types import DEVICE_ID_PATTERN
from inventory_client.wire_time import UtcTime

__all__ = [
    "CustomerVoiceReport",
    "FitChoice",
    "FitSummary",
    "FitVoteCreate",
    "FitVoteOutcome",
    "FitVoteResult",
    "LeaveReason",
    "ReasonCount",
    "SizeWanted",
    "StyleVoice",
    "TimeSaved",
    "VoiceEventCreate",
    "VoiceEventKind",
    "VoiceRecorded",
    "VoteSource",
]

EventId = Annotated[str, StringConstraints(pattern=DEVICE_ID_PATTERN)]  # text_types.DeviceId
#: A shoe size as printed on the box ("42", "42.5", "8"), also one the style is not made in.
SizeText = Annotated[str, StringConstraints(pattern=r"^\d{1,2}(\.5)?$")]
#: A random id the kiosk makes for each shopper's journey (new on every start over).
JourneyId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,64}$")]


class FitChoice(StrEnum):
    """One shopper's answer to "How does it fit?"."""

    SMALL = "small"
    TRUE_TO_SIZE = "true_to_size"
    LARGE = "large"


class VoteSource(StrEnum):
    FETCHED = "fetched"  # after a pair was brought by staff (fetch ticket done)
    TRIED = "tried"  # "Tried it on?" on the product screen


class FitVoteCreate(WireModel):
    """POST /v1/fit-votes (kiosk). One vote per kiosk, journey and style counts."""

    id: EventId
    kiosk_id: Identifier
    store_id: Identifier
    journey_id: JourneyId
    style_id: Identifier
    fit: FitChoice
    size_eu: SizeText | None = None
    source: VoteSource
    at: UtcTime


class FitVoteOutcome(StrEnum):
    COUNTED = "counted"
    REPEAT = "repeat"  # this journey already voted on this style (or the id was seen)
    BURST = "burst"  # too many votes from this kiosk just now; not counted


class FitVoteResult(WireModel):
    outcome: FitVoteOutcome


class FitSummary(WireModel):
    """GET /v1/styles/{style_id}/fit (kiosk): the votes of every store on one style."""

    style_id: Identifier
    small: int = Field(ge=0)
    true_to_size: int = Field(ge=0)
    large: int = Field(ge=0)
    votes: int = Field(ge=0)
    verdict: FitVerdict
    size_shift: int = Field(ge=-1, le=1, description="+1: take a size larger; -1: smaller")
    min_votes: int = Field(ge=1, description="Below this many votes the verdict is too_few")


class VoiceEventKind(StrEnum):
    LEAVE_REASON = "leave_reason"  # why the shopper left a product empty-handed
    SIZE_WANTED = "size_wanted"  # a size the style is not made in
    ANSWERED = "answered"  # a scan answered at the kiosk, with its scan-to-answer time


class LeaveReason(StrEnum):
    SIZE_NOT_AVAILABLE = "size_not_available"
    COLOUR = "colour"
    PRICE = "price"
    JUST_LOOKING = "just_looking"


class VoiceEventCreate(WireModel):
    """POST /v1/voice-events (kiosk). ``id`` is made by the kiosk: a resend counts once.

    ``leave_reason`` carries ``reason``; ``size_wanted`` carries ``size_eu``; ``answered``
    carries ``answer_ms``; nothing else is allowed with each.
    """

    id: EventId
    kind: VoiceEventKind
    kiosk_id: Identifier
    store_id: Identifier
    style_id: Identifier
    reason: LeaveReason | None = None
    size_eu: SizeText | None = None
    answer_ms: int | None = Field(default=None, ge=0, le=600_000)
    at: UtcTime

    @model_validator(mode="after")
    def _fields_match_kind(self) -> Self:
        given = {
            "reason": self.reason is not None,
            "size_eu": self.size_eu is not None,
            "answer_ms": self.answer_ms is not None,
        }
        needed = {
            VoiceEventKind.LEAVE_REASON: "reason",
            VoiceEventKind.SIZE_WANTED: "size_eu",
            VoiceEventKind.ANSWERED: "answer_ms",
        }[self.kind]
        extra = sorted(name for name, there in given.items() if there and name != needed)
        if not given[needed]:
            raise ValueError(f"a {self.kind.value} event needs {needed}")
        if extra:
            raise ValueError(f"a {self.kind.value} event has no {', '.join(extra)}")
        return self


class VoiceRecorded(WireModel):
    recorded: bool


# --- the report ------------------------------------------------------------------------


class SizeWanted(WireModel):
    size_eu: str
    count: int = Field(ge=1)


class ReasonCount(WireModel):
    reason: LeaveReason
    count: int = Field(ge=1)


class StyleVoice(WireModel):
    """One style in the customer-voice report: fit, sizes asked for, reasons for leaving."""

    style_id: Identifier
    style_name: str
    brand: str
    small: int = Field(ge=0)
    true_to_size: int = Field(ge=0)
    large: int = Field(ge=0)
    votes: int = Field(ge=0)
    verdict: FitVerdict
    size_shift: int = Field(ge=-1, le=1)
    sizes_wanted: list[SizeWanted]
    leave_reasons: list[ReasonCount]


class TimeSaved(WireModel):
    """Scans answered at the kiosk instead of by a staff stock check.

    ``minutes_saved`` = journeys × (staff_check_minutes − median scan-to-answer), never
    below zero; null median when nothing was answered.
    """

    since: UtcTime
    until: UtcTime
    journeys_answered: int = Field(ge=0)
    median_answer_s: float | None = Field(default=None, ge=0)
    staff_check_minutes: float = Field(gt=0)
    minutes_saved: float = Field(ge=0)


class CustomerVoiceReport(WireModel):
    """GET /v1/reports/customer-voice?store_id=S[&store_id=T...]&since&until.

    The votes, wanted sizes and reasons of the listed stores in [since, until), per style
    (most voices first); ``today`` is the time saved since midnight UTC of ``until``.
    """

    store_ids: list[Identifier]
    since: UtcTime
    until: UtcTime
    generated_at: UtcTime
    styles: list[StyleVoice]
    period: TimeSaved
    today: TimeSaved
