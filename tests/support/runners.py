"""A TaskRunner stand-in that runs each job at once on the calling thread (session and flow
tests): the same ``submit(channel, fn, on_success, on_failure)`` surface, no threads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

Job = tuple[str, Callable[[], Any], Callable[[Any], None], Callable[[Exception], None] | None]


class ImmediateRunner(QObject):
    """Runs each job at once on the calling thread; same callbacks as TaskRunner.

    ``hold = True`` keeps jobs until :meth:`release` (an answer that arrives late).
    ``cancel`` is recorded, not applied: a released job still answers, so a test sees
    the caller's own guard against late answers.
    """

    def __init__(self) -> None:
        super().__init__()
        self.detached: list[Callable[[], Any]] = []
        self.cancelled: list[str] = []
        self.submitted: list[str] = []
        self.hold = False
        self.held: list[Job] = []
        self._next = 0

    def submit(
        self,
        channel: str,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> int:
        self._next += 1
        self.submitted.append(channel)
        job = (channel, fn, on_success, on_failure)
        if self.hold:
            self.held.append(job)
        else:
            self._run(job)
        return self._next

    def release(self) -> None:
        held, self.held = self.held, []
        for job in held:
            self._run(job)

    def _run(self, job: Job) -> None:
        _channel, fn, on_success, on_failure = job
        try:
            result = fn()
        except Exception as exc:
            if on_failure is not None:
                on_failure(exc)
        else:
            on_success(result)

    def run_detached(self, fn: Callable[[], Any]) -> None:
        self.detached.append(fn)

    def cancel(self, channel: str) -> None:
        self.cancelled.append(channel)

    def is_pending(self, channel: str) -> bool:
        return any(job[0] == channel for job in self.held)
