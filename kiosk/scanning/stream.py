"""Decode a live camera's frames: the cheap first look on every frame, the expensive
retry views spread over the frames that follow.

A tag held before the camera gives many near-identical frames. When the first look of a
frame is not sure (:meth:`kiosk.scanning.decoder.FrameWork.first_look`), a few retry views
are read on each following frame, within ``frame_budget_ms``, and their reads add up
across those frames until the views agree or the list is done. So no frame pays for all
the retries at once and the scanner keeps up with the camera; a tag that needs a retry
view is read a few frames later instead of one slow frame later.

Evidence is kept only while the picture stays the same scene (the scanner says so): a
new tag, or the same tag moved far, starts afresh. The rules of trust are those of a
single frame (:func:`kiosk.scanning.judge.judge`): views are named by rendering and
library, so two frames' reads of one view are one vote, never two, and a code only one
library reads is judged only once every view was read on the scene.
"""

from __future__ import annotations

import logging

import numpy as np

from kiosk.scanning.decoder import Decoder, Scan, Views, merge, scans_of
from kiosk.scanning.judge import View, judge

__all__ = ["DEFAULT_FRAME_BUDGET_MS", "StreamDecoder"]

log = logging.getLogger(__name__)

#: Time for retry views on one frame, on top of its first look. At 30 fps a frame lasts
#: 33 ms; the first look plus this stays well inside it on the build machine.
DEFAULT_FRAME_BUDGET_MS = 12.0


class StreamDecoder:
    """Feed it each frame to decode; it returns that frame's sure code, or nothing."""

    def __init__(self, decoder: Decoder, frame_budget_ms: float = DEFAULT_FRAME_BUDGET_MS):
        self.decoder = decoder
        self.frame_budget_ms = frame_budget_ms
        self._views: Views = {}
        self._queue: list[View] = []
        #: Every view was read on this scene: one-library codes may be judged sure.
        self._complete = False

    @property
    def busy(self) -> bool:
        """True while retry views are still to be read for the scene in view."""
        return bool(self._queue)

    def reset(self) -> None:
        """Forget the evidence gathered so far (a new scene)."""
        self._views = {}
        self._queue = []
        self._complete = False

    def feed(self, frame: np.ndarray, *, same_scene: bool) -> list[Scan]:
        """Decode ``frame``; ``same_scene`` says it shows what the previous frame showed."""
        try:
            return self._feed(frame, same_scene)
        except Exception:  # the camera loop must survive any frame
            log.exception("decoder failed on a frame; skipping it")
            self.reset()
            return []

    def _feed(self, frame: np.ndarray, same_scene: bool) -> list[Scan]:
        if not same_scene:
            self.reset()
        work = self.decoder.work(frame)
        if work is None:
            self.reset()
            return []
        clock = self.decoder.clock
        started = clock()
        first = work.first_look()
        verdict = judge(first, complete=False)
        if verdict is not None:
            self.reset()
            return scans_of(verdict)
        for view, reads in first.items():
            merge(self._views, view, reads)
        if self._complete:
            # Every view was read on earlier frames of this scene; the evidence of this
            # frame adds up with theirs (a code sure then stays sure while it is held,
            # which is what the debouncer waits for).
            verdict = judge(self._views, complete=True)
            if verdict is None:
                self.reset()  # nothing sure after every view: try again from scratch
            return scans_of(verdict)
        verdict = judge(self._views, complete=False)
        if verdict is not None:
            self.reset()
            return scans_of(verdict)
        if not self._queue:
            self._queue = work.retry_views()
        deadline = started + self.frame_budget_ms / 1000.0
        available = set(work.retry_views())  # this frame's region may be sized otherwise
        while self._queue and clock() < deadline:
            view = self._queue.pop(0)
            if view not in available:
                continue
            merge(self._views, view, work.read(view))
            verdict = judge(self._views, complete=False)
            if verdict is not None:
                self.reset()
                return scans_of(verdict)
        if self._queue:
            return []
        self._complete = True
        return scans_of(judge(self._views, complete=True))
