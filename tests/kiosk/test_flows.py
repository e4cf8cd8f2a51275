"""kiosk.flows: fetch, order and notify sub-journeys without widgets (runner made synchronous).

The backend is a small scripted object with the client's method names: the flows' rules
(once per offer, one key per review, late answers dropped) are what is tested here; the
same journeys run against the real service in test_journeys.py and test_notify_journey.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from support.runners import ImmediateRunner

from inventory_client import Rejected, Unavailable
from inventory_client.models import (
    FetchRequest,
    FetchStatus,
    Order,
    OrderLineRequest,
    OrderStatus,
    ShipTo,
)
from kiosk.flows import FetchFlow, NotifyFlow, OrderFlow
from kiosk.journey.order import OrderItem
from kiosk.journey.phases import GENERIC_ERROR, FetchPhase, NotifyPhase, OrderPhase

GTIN = "2000000000015"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
SHIP_TO = ShipTo(
    name="A. Shopper", street="Hauptstr. 1", postcode="10115", city="Berlin", country="DE"
)
ITEM = OrderItem(
    gtin=GTIN,
    style_name="Fjord Hiker",
    brand="Nordhain",
    colour="grey",
    size_eu="42",
    size_uk="8",
    size_us="9",
    price=Decimal("129.00"),
    currency="EUR",
)


def fetch_request(status: FetchStatus, ticket: int = 7) -> FetchRequest:
    return FetchRequest(
        id="f1",
        ticket=ticket,
        kiosk_id="k1",
        store_id="s1",
        gtin=GTIN,
        style_name="Fjord Hiker",
        size_eu="42",
        status=status,
        created_at=NOW,
        updated_at=NOW,
    )


class Backend:
    """Answers from a script: ``answers[method]`` is a value or an exception to raise."""

    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def _answer(self, method: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((method, args, kwargs))
        answer = self.answers[method]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def create_fetch_request(self, gtin: str, *, idempotency_key: str | None = None) -> Any:
        return self._answer("create_fetch_request", gtin, idempotency_key=idempotency_key)

    def get_fetch_request(self, request_id: str) -> Any:
        return self._answer("get_fetch_request", request_id)

    def cancel_fetch_request(self, request_id: str) -> Any:
        return self._answer("cancel_fetch_request", request_id)

    def place_order(
        self, lines: list[OrderLineRequest], ship_to: ShipTo, *, idempotency_key: str
    ) -> Any:
        return self._answer("place_order", lines, ship_to, idempotency_key=idempotency_key)

    def request_back_in_stock(
        self, gtin: str, email: str, language: str, *, request_id: str | None = None
    ) -> Any:
        return self._answer("request_back_in_stock", gtin, email, language, request_id=request_id)

    def called(self, method: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        return [(a, k) for m, a, k in self.calls if m == method]


class Screen:
    """Whether the flow's screen is the current one (the session's answer to on_screen)."""

    def __init__(self) -> None:
        self.open = True

    def __call__(self) -> bool:
        return self.open


# --- fetch -------------------------------------------------------------------------------


def make_fetch(backend: Backend) -> tuple[FetchFlow, ImmediateRunner, Screen, list[tuple]]:
    runner, screen, seen = ImmediateRunner(), Screen(), []
    timer = QTimer()
    timer.setInterval(60_000)  # never fires by itself here; polls are driven by hand
    flow = FetchFlow(runner, backend, on_screen=screen, poll_timer=timer)
    flow.changed.connect(lambda *args: seen.append(args))
    return flow, runner, screen, seen


def test_fetch_asks_once_per_offer_and_follows_the_ticket(qapp) -> None:
    backend = Backend(
        create_fetch_request=fetch_request(FetchStatus.OPEN),
        get_fetch_request=fetch_request(FetchStatus.CLAIMED),
    )
    flow, _runner, _screen, seen = make_fetch(backend)
    flow.offer()
    flow.request_for(GTIN)
    flow.request_for(GTIN)  # a double tap
    assert len(backend.called("create_fetch_request")) == 1
    assert [s[0] for s in seen] == ["offer", "requesting", "open"]
    assert seen[-1][1] == 7
    assert flow._poll.isActive()  # an open ticket is followed live
    flow._poll_now()
    assert flow.phase is FetchPhase.CLAIMED


def test_fetch_failure_keeps_the_key_for_the_retry(qapp) -> None:
    backend = Backend(create_fetch_request=Unavailable("down"))
    flow, *_rest, seen = make_fetch(backend)
    flow.offer()
    flow.request_for(GTIN)
    assert flow.phase is FetchPhase.FAILED and seen[-1][2] == Unavailable("down").user_message
    backend.answers["create_fetch_request"] = fetch_request(FetchStatus.OPEN)
    flow.request_for(GTIN)
    keys = {k["idempotency_key"] for _a, k in backend.called("create_fetch_request")}
    assert len(keys) == 1 and flow.phase is FetchPhase.OPEN


def test_fetch_saved_offline_is_queued(qapp) -> None:
    backend = Backend(create_fetch_request=Unavailable("down", queued=True))
    flow, *_rest = make_fetch(backend)
    flow.offer()
    flow.request_for(GTIN)
    assert flow.phase is FetchPhase.QUEUED


def test_fetch_answer_after_the_screen_closed_is_dropped(qapp) -> None:
    backend = Backend(create_fetch_request=fetch_request(FetchStatus.OPEN))
    flow, runner, screen, _seen = make_fetch(backend)
    flow.offer()
    runner.hold = True
    flow.request_for(GTIN)
    screen.open = False
    flow.stop()
    runner.release()
    assert flow.phase is FetchPhase.REQUESTING and flow.request is None
    assert not flow._poll.isActive()


def test_cancel_that_fails_keeps_the_ticket_followed(qapp) -> None:
    backend = Backend(
        create_fetch_request=fetch_request(FetchStatus.OPEN),
        cancel_fetch_request=Unavailable("down"),
    )
    flow, *_rest, seen = make_fetch(backend)
    flow.offer()
    flow.request_for(GTIN)
    flow.cancel()
    assert flow.phase is FetchPhase.OPEN and seen[-1][2]  # still open, and says why
    assert flow._poll.isActive()


# --- order -------------------------------------------------------------------------------


def order() -> Order:
    return Order(
        id="o1",
        number="EA-4K7Q9M",
        status=OrderStatus.RESERVED,
        kiosk_id="k1",
        store_id="s1",
        lines=[],
        total=Decimal("129.00"),
        currency="EUR",
        ship_to=SHIP_TO,
        created_at=NOW,
        history=[],
    )


def make_order(backend: Backend) -> tuple[OrderFlow, Screen, list[str]]:
    screen, events = Screen(), []
    flow = OrderFlow(ImmediateRunner(), backend, on_screen=screen)
    flow.changed.connect(lambda phase, _message: events.append(phase))
    flow.placed.connect(lambda: events.append("placed"))
    flow.draft_dropped.connect(lambda: events.append("draft dropped"))
    return flow, screen, events


def test_order_placed_forgets_the_address_before_it_says_so(qapp) -> None:
    backend = Backend(place_order=order())
    flow, _screen, events = make_order(backend)
    flow.start(ITEM)
    assert flow.review(SHIP_TO)
    flow.place()
    assert events == ["ready", "sending", "draft dropped", "placed"]
    assert flow.draft is None and flow.receipt is not None
    assert flow.receipt.number == "EA-4K7Q9M" and not flow.receipt.queued


def test_order_retry_after_a_crash_reuses_the_key(qapp) -> None:
    backend = Backend(place_order=KeyError("bug"))
    flow, _screen, _events = make_order(backend)
    flow.start(ITEM)
    flow.review(SHIP_TO)
    flow.place()
    assert flow.phase is OrderPhase.RETRY
    backend.answers["place_order"] = order()
    flow.place()
    keys = {k["idempotency_key"] for _a, k in backend.called("place_order")}
    assert len(keys) == 1 and flow.receipt is not None


def test_order_refused_for_good_is_not_sent_again(qapp) -> None:
    backend = Backend(place_order=Rejected("no"))
    flow, _screen, _events = make_order(backend)
    flow.start(ITEM)
    flow.review(SHIP_TO)
    flow.place()
    flow.place()
    assert flow.phase is OrderPhase.FAILED and len(backend.called("place_order")) == 1
    assert flow.draft is not None  # the shopper may go back and change the address


def test_order_queued_offline_still_gets_a_receipt(qapp) -> None:
    backend = Backend(place_order=Unavailable("down", queued=True))
    flow, _screen, _events = make_order(backend)
    flow.start(ITEM)
    flow.review(SHIP_TO)
    flow.place()
    assert flow.receipt is not None and flow.receipt.queued and flow.receipt.number is None


def test_a_new_review_gets_a_new_key(qapp) -> None:
    flow, _screen, _events = make_order(Backend())
    flow.start(ITEM)
    flow.review(SHIP_TO)
    assert flow.draft is not None
    first = flow.draft.idempotency_key
    flow.end_review()
    assert flow.draft.idempotency_key is None
    flow.review(SHIP_TO)
    assert flow.draft.idempotency_key not in (None, first)


# --- notify ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "phase"),
    [
        ({"ok": True}, NotifyPhase.DONE),
        (Unavailable("down", queued=True), NotifyPhase.QUEUED),
        (Rejected("no"), NotifyPhase.FAILED),
        (KeyError("bug"), NotifyPhase.FAILED),
    ],
)
def test_notify_outcomes(qapp, answer: Any, phase: NotifyPhase) -> None:
    backend = Backend(request_back_in_stock=answer)
    flow = NotifyFlow(ImmediateRunner(), backend, on_screen=Screen())
    messages: list[str] = []
    flow.changed.connect(lambda _phase, message: messages.append(message))
    flow.open()
    assert flow.send(GTIN, "shopper@example.com", "de")
    assert flow.phase is phase
    if isinstance(answer, KeyError):
        assert messages[-1] == GENERIC_ERROR


def test_notify_checks_the_address_first_and_sends_nothing_when_it_is_wrong(qapp) -> None:
    backend = Backend(request_back_in_stock={"ok": True})
    flow = NotifyFlow(ImmediateRunner(), backend, on_screen=Screen())
    flow.open()
    assert not flow.send(GTIN, "not an address", "en")
    assert flow.phase is NotifyPhase.INVALID and backend.calls == []
