"""The customer voice at the kiosk (issue 17): fit votes, why a shopper leaves, sizes a
style is not made in, the scan-to-answer time, and other shoppers' fit advice.

A QObject without widgets, like the other flows. Calls run on the shared
:class:`~kiosk.workers.TaskRunner`, never on the GUI thread. Best-effort: a vote or a
reason is sent once and a failure is logged and forgotten (why, in
``inventory_client._voice``); nothing here is personal, and no shopper waits for it.

One shopper's journey (from start over to start over) has a random id: the service counts
one vote per journey and style, and the flow itself never sends a second one, nor a
second reason for leaving.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal

from inventory_client.voice_models import FitChoice, FitSummary, LeaveReason, VoteSource
from kiosk.workers import TaskRunner

__all__ = ["VoiceBackend", "VoiceFlow", "voice_of"]

log = logging.getLogger(__name__)

CHANNEL = "fit-advice"
#: Longer scan-to-answer times are not sent (the service refuses them: not a journey).
MAX_ANSWER_MS = 600_000


class VoiceBackend(Protocol):
    """The kiosk's customer-voice calls (``InventoryClient.voice`` has them)."""

    def fit(self, style_id: str) -> FitSummary: ...
    def vote(
        self,
        style_id: str,
        fit: FitChoice,
        *,
        journey_id: str,
        source: VoteSource,
        size_eu: str | None = None,
        vote_id: str | None = None,
    ) -> object: ...
    def left(self, style_id: str, reason: LeaveReason) -> object: ...
    def wanted_size(self, style_id: str, size_eu: str) -> object: ...
    def answered(self, style_id: str, answer_ms: int) -> object: ...


@runtime_checkable
class _HasVoice(Protocol):
    @property
    def voice(self) -> VoiceBackend: ...


def voice_of(backend: object) -> VoiceBackend | None:
    """The voice calls of a journey backend (the client), or None when it has none."""
    return backend.voice if isinstance(backend, _HasVoice) else None


class VoiceFlow(QObject):
    """Sends what shoppers say and asks what others said about a style.

    Signals:
        advice_ready(summary): a :class:`FitSummary` for the style last shown.
    """

    advice_ready = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        voice: VoiceBackend | None,
        *,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._voice = voice
        self._new_id = new_id
        self._journey = new_id()
        self._voted: set[str] = set()
        self._wanted: set[tuple[str, str]] = set()
        self._left = False
        self._shown = ""

    @property
    def journey_id(self) -> str:
        return self._journey

    def new_journey(self) -> None:
        """Start over: a new id, nothing voted, nothing said, no advice pending."""
        self._runner.cancel(CHANNEL)
        self._journey = self._new_id()
        self._voted.clear()
        self._wanted.clear()
        self._left = False
        self._shown = ""

    def product_shown(self, style_id: str, answer_ms: int | None) -> None:
        """A scan was answered with ``style_id``: ask for its fit, note the answer time."""
        voice = self._voice
        self._shown = style_id
        if voice is None:
            return
        self._runner.submit(
            CHANNEL, lambda: voice.fit(style_id), self._on_advice, self._on_advice_failed
        )
        if answer_ms is not None and answer_ms <= MAX_ANSWER_MS:
            self._send("answered_scan", lambda: voice.answered(style_id, answer_ms))

    def can_vote(self, style_id: str) -> bool:
        return self._voice is not None and style_id not in self._voted

    def vote(self, style_id: str, fit: FitChoice, source: VoteSource, size_eu: str | None) -> bool:
        """Send the journey's one vote on ``style_id``; False when it already voted."""
        voice, journey = self._voice, self._journey
        if voice is None or style_id in self._voted:
            return False
        self._voted.add(style_id)
        self._send(
            "fit_vote",
            lambda: voice.vote(style_id, fit, journey_id=journey, source=source, size_eu=size_eu),
        )
        return True

    def leave(self, style_id: str, reason: LeaveReason) -> bool:
        """Why the shopper leaves empty-handed: once per journey."""
        voice = self._voice
        if voice is None or self._left:
            return False
        self._left = True
        self._send("leave_reason", lambda: voice.left(style_id, reason))
        return True

    def want_size(self, style_id: str, size_eu: str) -> bool:
        """A size the style is not made in; each size once per journey."""
        voice = self._voice
        if voice is None or (style_id, size_eu) in self._wanted:
            return False
        self._wanted.add((style_id, size_eu))
        self._send("wanted_size", lambda: voice.wanted_size(style_id, size_eu))
        return True

    # --- answers -------------------------------------------------------------------------

    def _on_advice(self, summary: FitSummary) -> None:
        if summary.style_id == self._shown:
            self.advice_ready.emit(summary)

    def _on_advice_failed(self, error: Exception) -> None:
        log.info("fit advice unavailable: %s", type(error).__name__)

    def _send(self, what: str, call: Callable[[], object]) -> None:
        def guarded() -> None:
            try:
                call()
            except Exception as exc:  # best-effort: logged (two safe tokens) and dropped
                log.info("%s not sent: %s", what, type(exc).__name__)

        self._runner.run_detached(guarded)
