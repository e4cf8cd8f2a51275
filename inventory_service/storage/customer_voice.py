"""SQL for the customer voice: fit votes, why shoppers leave, sizes wanted, answered scans.

Nothing here is personal: a row names a style (and a size), a kiosk, the store and, for a
vote, the random id of one shopper's journey, which the kiosk forgets on start over.

One vote per kiosk, journey and style: a unique index, so two workers can never both
count it. A kiosk's votes in a burst are capped (``record_fit_vote``'s ``burst``): a child
tapping through journey after journey cannot stuff the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from inventory_client.voice_models import (
    FitChoice,
    FitVoteCreate,
    FitVoteOutcome,
    VoiceEventCreate,
    VoiceEventKind,
)
from inventory_service.errors import NotFound
from inventory_service.storage._text import iso
from inventory_service.storage.sql_base import SqlBase


@dataclass(frozen=True)
class BurstLimit:
    """At most ``votes`` counted votes from one kiosk within ``window``."""

    votes: int = 6
    window: timedelta = timedelta(minutes=10)


@dataclass(frozen=True)
class FitCounts:
    style_id: str
    small: int = 0
    true_to_size: int = 0
    large: int = 0


@dataclass(frozen=True)
class StyleVoiceFacts:
    """What the stores' shoppers said about one style in a period."""

    style_id: str
    style_name: str
    brand: str
    fit: FitCounts
    sizes_wanted: dict[str, int]
    leave_reasons: dict[str, int]


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


class CustomerVoiceSql(SqlBase):
    def record_fit_vote(
        self, vote: FitVoteCreate, *, received_at: datetime, burst: BurstLimit
    ) -> FitVoteOutcome:
        """Count the vote once; ``REPEAT`` for a second vote of the same journey and style
        (or a resend), ``BURST`` past the kiosk's limit (then nothing is stored)."""
        self._require_style_and_store(vote.style_id, vote.store_id)

        def run() -> FitVoteOutcome:
            seen = self.db.one(
                "SELECT 1 AS x FROM fit_votes WHERE id = ? OR (kiosk_id = ? AND "
                "journey_id = ? AND style_id = ?)",
                (vote.id, vote.kiosk_id, vote.journey_id, vote.style_id),
            )
            if seen is not None:
                return FitVoteOutcome.REPEAT
            recent = self.db.one(
                "SELECT COUNT(*) AS n FROM fit_votes WHERE store_id = ? AND kiosk_id = ? "
                "AND received_at >= ?",
                (vote.store_id, vote.kiosk_id, iso(received_at - burst.window)),
            )
            assert recent is not None
            if int(recent["n"]) >= burst.votes:
                return FitVoteOutcome.BURST
            added = self.db.run(
                "INSERT INTO fit_votes (id, store_id, kiosk_id, journey_id, style_id, fit, "
                "size_eu, source, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (
                    vote.id,
                    vote.store_id,
                    vote.kiosk_id,
                    vote.journey_id,
                    vote.style_id,
                    str(vote.fit),
                    vote.size_eu,
                    str(vote.source),
                    iso(vote.at),
                    iso(received_at),
                ),
            )
            return FitVoteOutcome.COUNTED if added == 1 else FitVoteOutcome.REPEAT

        return self.db.transact(run)

    def fit_counts(
        self,
        style_ids: Sequence[str],
        *,
        store_ids: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> dict[str, FitCounts]:
        """Votes per style: of every store and all time unless narrowed."""
        if not style_ids:
            return {}
        where, params = [_in("style_id", style_ids)], list(style_ids)
        if store_ids is not None:
            where.append(_in("store_id", store_ids))
            params += store_ids
        if since is not None and until is not None:
            where.append("at >= ? AND at < ?")
            params += [iso(since), iso(until)]
        rows = self.db.all(
            f"SELECT style_id, fit, COUNT(*) AS n FROM fit_votes WHERE {' AND '.join(where)} "
            "GROUP BY style_id, fit",
            tuple(params),
        )
        counts: dict[str, dict[str, int]] = {s: {} for s in style_ids}
        for row in rows:
            counts[row["style_id"]][row["fit"]] = int(row["n"])
        return {
            style: FitCounts(
                style_id=style,
                small=by_fit.get(FitChoice.SMALL.value, 0),
                true_to_size=by_fit.get(FitChoice.TRUE_TO_SIZE.value, 0),
                large=by_fit.get(FitChoice.LARGE.value, 0),
            )
            for style, by_fit in counts.items()
        }

    def record_voice_event(self, event: VoiceEventCreate, *, received_at: datetime) -> bool:
        """Store the event once (a resend with the same id changes nothing)."""
        self._require_style_and_store(event.style_id, event.store_id)
        added = self.db.run(
            "INSERT INTO voice_events (id, kind, store_id, kiosk_id, style_id, reason, "
            "size_eu, answer_ms, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (
                event.id,
                str(event.kind),
                event.store_id,
                event.kiosk_id,
                event.style_id,
                None if event.reason is None else str(event.reason),
                event.size_eu,
                event.answer_ms,
                iso(event.at),
                iso(received_at),
            ),
        )
        return added == 1

    def style_voice_facts(
        self, store_ids: Sequence[str], since: datetime, until: datetime
    ) -> list[StyleVoiceFacts]:
        """Per style with any vote, wanted size or reason in the stores and period."""
        period = (*store_ids, iso(since), iso(until))
        scope = f"{_in('store_id', store_ids)} AND at >= ? AND at < ?"
        events = self.db.all(
            "SELECT style_id, kind, reason, size_eu, COUNT(*) AS n FROM voice_events "
            f"WHERE {scope} AND kind IN (?, ?) GROUP BY style_id, kind, reason, size_eu",
            (*period, VoiceEventKind.LEAVE_REASON.value, VoiceEventKind.SIZE_WANTED.value),
        )
        voted = self.db.all(f"SELECT DISTINCT style_id FROM fit_votes WHERE {scope}", period)
        style_ids = sorted({r["style_id"] for r in events} | {r["style_id"] for r in voted})
        if not style_ids:
            return []
        fit = self.fit_counts(style_ids, store_ids=store_ids, since=since, until=until)
        names = {
            r["id"]: r
            for r in self.db.all(
                f"SELECT id, name, brand FROM styles WHERE {_in('id', style_ids)}",
                tuple(style_ids),
            )
        }
        wanted: dict[str, dict[str, int]] = {s: {} for s in style_ids}
        reasons: dict[str, dict[str, int]] = {s: {} for s in style_ids}
        for row in events:
            if row["kind"] == VoiceEventKind.SIZE_WANTED.value:
                wanted[row["style_id"]][row["size_eu"]] = int(row["n"])
            else:
                reasons[row["style_id"]][row["reason"]] = int(row["n"])
        return [
            StyleVoiceFacts(
                style_id=s,
                style_name=names[s]["name"],
                brand=names[s]["brand"],
                fit=fit[s],
                sizes_wanted=wanted[s],
                leave_reasons=reasons[s],
            )
            for s in style_ids
        ]

    def answer_times_ms(
        self, store_ids: Sequence[str], since: datetime, until: datetime
    ) -> list[int]:
        """Scan-to-answer times of the journeys answered at the stores' kiosks."""
        rows = self.db.all(
            f"SELECT answer_ms FROM voice_events WHERE {_in('store_id', store_ids)} "
            "AND at >= ? AND at < ? AND kind = ?",
            (*store_ids, iso(since), iso(until), VoiceEventKind.ANSWERED.value),
        )
        return [int(r["answer_ms"]) for r in rows]

    def store_ids(self) -> list[str]:
        """Every store (head office's report covers them all)."""
        rows = self.db.all("SELECT id FROM locations WHERE kind = 'store' ORDER BY id")
        return [str(r["id"]) for r in rows]

    def _require_style_and_store(self, style_id: str, store_id: str) -> None:
        if self.db.one("SELECT 1 AS x FROM styles WHERE id = ?", (style_id,)) is None:
            raise NotFound(f"No style {style_id!r}.")
        if self.get_location(store_id) is None:
            raise NotFound(f"No store {store_id!r}.")
