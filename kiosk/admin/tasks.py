"""How admin actions reach a worker: ``admin.*`` channels on the shared TaskRunner.

Plain Python shared by the action objects (:mod:`kiosk.admin.stock_actions`,
:mod:`kiosk.admin.store_actions`, :mod:`kiosk.admin.report_actions`): it names the
channel, logs a failure once (its type only: messages may carry personal data) and hands
the typed result or the exception to the caller's callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from kiosk.admin.text import Msg, error_msg

if TYPE_CHECKING:
    from kiosk.workers import TaskRunner

__all__ = ["AdminTasks"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class AdminTasks:
    """Submits admin work; ``actor()`` names the staff member for the audit trail."""

    def __init__(self, runner: TaskRunner, actor: Callable[[], str]) -> None:
        self._runner = runner
        self.actor = actor
        self._seq = 0

    def submit(
        self,
        channel: str,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """Run ``fn`` on channel ``admin.<channel>`` (a newer request there supersedes it)."""
        full = f"admin.{channel}"

        def failed(exc: Exception) -> None:
            log.info("%s failed: %s", full, type(exc).__name__)
            on_failure(exc)

        self._runner.submit(full, fn, on_success, failed)

    def unique(self, channel: str) -> str:
        """A channel of its own: a second tap must not supersede the first change."""
        self._seq += 1
        return f"{channel}.{self._seq}"

    def is_pending(self, channel: str) -> bool:
        return self._runner.is_pending(f"admin.{channel}")

    def cancel(self, channel: str) -> None:
        self._runner.cancel(f"admin.{channel}")

    @staticmethod
    def reporter(emit: Callable[[Msg], None]) -> Callable[[Exception], None]:
        """A failure handler that shows the error's calm message through ``emit``."""
        return lambda exc: emit(error_msg(exc))
