"""The shopper's sub-journeys as QObjects without widgets, composed by ``ShopperSession``.

Each flow owns one screen's business: :class:`FetchFlow` ("Bring it to me"),
:class:`OrderFlow` (ship to home: draft, review, place order) and :class:`NotifyFlow`
("Email me when it's back"). A flow runs client calls on the shared
:class:`~kiosk.workers.TaskRunner` with typed callbacks and reports its phase as a signal;
it never moves the journey itself. The session tells it when its screen opens and closes,
and a flow asks ``on_screen()`` before it applies a late answer.
"""

from kiosk.flows.backend import JourneyBackend
from kiosk.flows.fetch import FetchFlow
from kiosk.flows.notify import NotifyFlow
from kiosk.flows.order import OrderFlow

__all__ = ["FetchFlow", "JourneyBackend", "NotifyFlow", "OrderFlow"]
