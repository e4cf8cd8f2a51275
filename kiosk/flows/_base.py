"""What every flow holds: the shared runner, the client calls, and whether its screen is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.flows.backend import JourneyBackend
from kiosk.workers import TaskRunner

__all__ = ["Flow"]


class Flow(QObject):
    """Base of the sub-journeys. ``backend`` is ``None`` for a kiosk without a service (the
    flow then does nothing); ``on_screen()`` says whether the flow's screen is the current
    one, so an answer that arrives after the shopper left is dropped."""

    def __init__(
        self,
        runner: TaskRunner,
        backend: JourneyBackend | None,
        *,
        on_screen: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._backend = backend
        self._on_screen = on_screen
