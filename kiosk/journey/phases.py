"""Where the shopper's journey stands: the states, the sub-journey phases and the move table.

Plain Python (no Qt), so screens, the session, the flows and tests all import it without
importing the controller. The session (:mod:`kiosk.session`) enforces :data:`TRANSITIONS`;
screens only show the phases they are given.

::

    attract ──touch──> scanning ──scan──> looking_up ──found──> product
       │                  ^                   │ └──not found──> unknown_code
       └──────scan────────┼───────────────────┘ └──failed─────> error
                          └── back (from product, unknown_code, error, looking_up)

    product ──size in store──> fetch  (offer -> "Bring it to me" -> ticket, live status)
            ──warehouse──────> address ──valid──> review ──placed/queued──> confirmation
            ──other store────> stores   (which stores have it, how far)
            ──sold out───────> notify   (email me when it is back)
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.journey.size_grid import SizeAction

__all__ = [
    "BACK",
    "GENERIC_ERROR",
    "SCREEN_FOR_ACTION",
    "TRANSITIONS",
    "FetchPhase",
    "NotifyPhase",
    "OrderPhase",
    "State",
    "can_move",
]

GENERIC_ERROR = "Something went wrong on our side. Please ask a staff member."
"""What the shopper reads when a call failed in a way we did not foresee (never a trace)."""


class State(StrEnum):
    ATTRACT = "attract"
    SCANNING = "scanning"
    LOOKING_UP = "looking_up"
    PRODUCT = "product"
    UNKNOWN_CODE = "unknown_code"
    ERROR = "error"
    FETCH = "fetch"
    STORES = "stores"
    NOTIFY = "notify"
    ADDRESS = "address"
    REVIEW = "review"
    CONFIRMATION = "confirmation"


class FetchPhase(StrEnum):
    """Where a "Bring it to me" request stands, as the fetch screen shows it."""

    OFFER = "offer"  # the size is here: offer to bring it
    REQUESTING = "requesting"  # creating the request
    OPEN = "open"  # staff have been asked
    CLAIMED = "claimed"  # a colleague is on the way
    DONE = "done"  # handed over
    CANCELLED = "cancelled"
    QUEUED = "queued"  # saved on the kiosk; staff are told when the connection is back
    FAILED = "failed"  # could not be created (message says why)


class OrderPhase(StrEnum):
    """Where "Place order" stands on the review screen."""

    READY = "ready"
    SENDING = "sending"
    FAILED = "failed"  # refused for good: the message says why; no retry
    RETRY = "retry"  # an unexpected problem; trying again reuses the same key


class NotifyPhase(StrEnum):
    """Where "Email me when it's back" stands on the sold-out screen."""

    READY = "ready"  # waiting for an address
    INVALID = "invalid"  # the address does not look right (message says why); nothing sent
    SENDING = "sending"
    DONE = "done"  # the store has it
    QUEUED = "queued"  # saved on the kiosk; sent when the connection is back
    FAILED = "failed"  # refused (message says why)


_ANYWHERE = frozenset({State.ATTRACT, State.SCANNING, State.LOOKING_UP, State.UNKNOWN_CODE})
_FROM_PRODUCT = frozenset({State.FETCH, State.STORES, State.NOTIFY, State.ADDRESS})

TRANSITIONS: dict[State, frozenset[State]] = {
    State.ATTRACT: _ANYWHERE,
    State.SCANNING: _ANYWHERE,
    State.LOOKING_UP: _ANYWHERE | {State.PRODUCT, State.ERROR},
    State.PRODUCT: _ANYWHERE | _FROM_PRODUCT,
    State.UNKNOWN_CODE: _ANYWHERE,
    State.ERROR: _ANYWHERE,
    State.FETCH: _ANYWHERE | {State.PRODUCT},
    State.STORES: _ANYWHERE | {State.PRODUCT},
    State.NOTIFY: _ANYWHERE | {State.PRODUCT},
    State.ADDRESS: _ANYWHERE | {State.PRODUCT, State.REVIEW},
    State.REVIEW: _ANYWHERE | {State.ADDRESS, State.CONFIRMATION},
    State.CONFIRMATION: _ANYWHERE | {State.PRODUCT},
}
"""Allowed moves: ``TRANSITIONS[a]`` holds every state reachable from ``a`` in one step."""

BACK: dict[State, State] = {
    State.ATTRACT: State.ATTRACT,
    State.SCANNING: State.ATTRACT,
    State.LOOKING_UP: State.SCANNING,
    State.PRODUCT: State.SCANNING,
    State.UNKNOWN_CODE: State.SCANNING,
    State.ERROR: State.SCANNING,
    State.FETCH: State.PRODUCT,
    State.STORES: State.PRODUCT,
    State.NOTIFY: State.PRODUCT,
    State.ADDRESS: State.PRODUCT,
    State.REVIEW: State.ADDRESS,
    State.CONFIRMATION: State.PRODUCT,
}
"""Where Back leads from each state: never a dead end, never further than one step."""

SCREEN_FOR_ACTION: dict[SizeAction, State] = {
    SizeAction.FETCH: State.FETCH,
    SizeAction.SHIP_HOME: State.ADDRESS,
    SizeAction.SHOW_STORES: State.STORES,
    SizeAction.NOTIFY: State.NOTIFY,
}
"""Where choosing a size leads, by what the size grid says about it."""


def can_move(current: State, target: State) -> bool:
    return target in TRANSITIONS[current]
