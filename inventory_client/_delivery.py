"""``Delivery``: the one way an outbox entry is sent and its outcome recorded.

Whatever the kind (order, fetch request, stock adjustment, demand event, back-in-stock
request), one attempt is the same steps, with the differences read from the kind's row of
the policy table (``_policies``):

1. too old to be worth sending (fetch requests, in the background): failed, unsent;
2. the headers (idempotency key, staff key: ``Unauthorized`` before anything is counted);
3. the attempt is counted (before sending, so a crash mid-send still counts);
4. the service's answer is recorded: acknowledged (``mark_sent``, payload gone, or the
   entry forgotten), refused for good (``mark_failed``, scrubbed as the policy says) or
   not delivered (``record_error``: pending, with backoff).

``send_now`` is the shopper's (or staff's) path: it waits while another thread sends the
same entry, and answers from the outbox when that entry was settled before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from inventory_client._claims import Claims
from inventory_client._errors import (
    Busy,
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._outbox import Notice, Outbox, OutboxEntry, OutboxStatus
from inventory_client._policies import DeliveryPolicies, DeliveryPolicy
from inventory_client._privacy import AfterRefusal, contact_only, describe, without_contact
from inventory_client._transport import Transport, bearer

__all__ = ["EXPIRED", "Delivery"]

log = logging.getLogger("inventory_client")

R = TypeVar("R")

EXPIRED = "Expired: - -"
"""``last_error`` of an entry dropped unsent because it was too old (see ``describe``)."""

# The refusals a failed entry raises again (by the class name in ``last_error``).
_FINAL_ERRORS: dict[str, type[InventoryError]] = {
    cls.__name__: cls for cls in (NoLongerAvailable, NotFound, Rejected, Unauthorized)
}


class Delivery:
    """Sends outbox entries by their kind's policy; thread-safe (see ``Claims``).

    Args:
        outbox: Where entries wait and outcomes are recorded.
        transport: The client's connection to the service.
        policies: The policy table for this kiosk.
        staff_key: The store's staff key for kinds that need one when no caller passes
            its own (the background sender); None: those raise ``Unauthorized``.
    """

    def __init__(
        self,
        outbox: Outbox,
        transport: Transport,
        policies: DeliveryPolicies,
        *,
        staff_key: str | None,
    ) -> None:
        self.outbox = outbox
        self.policies = policies
        self.claims = Claims()
        self._transport = transport
        self._staff_key = staff_key

    def send_now(
        self,
        policy: DeliveryPolicy[R],
        key: str,
        *,
        if_sent: Callable[[OutboxEntry], R],
        staff_key: str | None = None,
    ) -> R | None:
        """Send the entry under ``key`` while someone waits for the answer.

        Raises the recorded refusal when it was refused before (never resent); returns
        ``if_sent(entry)`` when it was acknowledged before (a retry); else sends it.
        """
        with self.claims.claim(key, wait=True):
            entry = self.outbox.get(key)
            assert entry is not None  # added before; only pruned once sent for a week
            if entry.status == OutboxStatus.FAILED:
                raise self.final_error(entry)
            if entry.status == OutboxStatus.SENT:
                return if_sent(entry)
            return self.send(policy, entry, shopper_present=True, staff_key=staff_key)

    def send(
        self,
        policy: DeliveryPolicy[R],
        entry: OutboxEntry,
        *,
        shopper_present: bool,
        staff_key: str | None = None,
    ) -> R | None:
        """One attempt at a pending entry, its outcome recorded in the outbox.

        Returns the service's acknowledgement, or None when the entry was too old to send.
        Raises the ``InventoryError`` of an attempt that did not deliver (see the policy
        table for which ones leave the entry pending and which fail it for good). The
        caller holds the entry's claim.
        """
        key = entry.idempotency_key
        assert entry.payload is not None  # pending entries keep their payload
        if self._expired(policy, entry, shopper_present):
            self.outbox.mark_failed(key, EXPIRED)
            log.info("%s %s dropped unsent: too old", policy.noun, key)
            return None
        headers = self._headers(policy, key, staff_key)
        self.outbox.begin_attempt(key)
        try:
            result = policy.post(self._transport, entry.payload, headers)
        except InventoryError as exc:
            queued = self._not_delivered(policy, entry, exc, shopper_present=shopper_present)
            if queued is None:
                raise
            raise queued from exc
        if policy.receipt is None:
            self.outbox.remove(key)
            return result
        result_id, result_number = policy.receipt(result)
        self.outbox.mark_sent(key, result_id=result_id, result_number=result_number)
        log.info("%s %s acknowledged as %s", policy.noun, key, result_number or result_id)
        return result

    def final_error(self, entry: OutboxEntry) -> InventoryError:
        """The refusal recorded for a failed entry, for the caller to raise again instead
        of sending it a second time (``Rejected`` when the class is not a final one)."""
        name = (entry.last_error or "").split(":", 1)[0]
        cls = _FINAL_ERRORS.get(name, Rejected)
        noun = self.policies.for_kind(entry.kind).noun
        return cls(
            f"{noun} with key {entry.idempotency_key} was refused earlier: {entry.last_error}"
        )

    # -- internals ----------------------------------------------------------------------

    @staticmethod
    def _expired(policy: DeliveryPolicy[object], entry: OutboxEntry, shopper_present: bool) -> bool:
        if policy.max_age is None or shopper_present:
            return False
        return datetime.now(UTC) - entry.created_at > policy.max_age

    def _headers(
        self, policy: DeliveryPolicy[object], key: str, staff_key: str | None
    ) -> dict[str, str]:
        headers = {"Idempotency-Key": key} if policy.idempotency_key else {}
        if policy.staff_key:
            staff_key = staff_key or self._staff_key
            if staff_key is None:
                raise Unauthorized(f"{policy.noun}: this client has no staff key")
            headers.update(bearer(staff_key))
        return headers

    def _not_delivered(
        self,
        policy: DeliveryPolicy[object],
        entry: OutboxEntry,
        exc: InventoryError,
        *,
        shopper_present: bool,
    ) -> InventoryError | None:
        """Record why an attempt did not deliver; the error to raise instead of ``exc``
        when the entry stays queued and the caller should say so, else None."""
        if isinstance(exc, policy.refused) or (
            shopper_present and isinstance(exc, policy.refused_with_shopper)
        ):
            self._refused(policy, entry, exc, shopper_present=shopper_present)
            return None
        retry_after = exc.retry_after if isinstance(exc, Busy) else None
        self.outbox.record_error(entry.idempotency_key, describe(exc), not_before_s=retry_after)
        if policy.queued and isinstance(exc, Unavailable | InvalidResponse):
            return type(exc)(
                str(exc),
                status_code=exc.status_code,
                code=exc.code,
                queued=True,
                user_message=policy.queued_message,
            )
        return None

    def _refused(
        self,
        policy: DeliveryPolicy[object],
        entry: OutboxEntry,
        exc: InventoryError,
        *,
        shopper_present: bool,
    ) -> None:
        """Fail a refused entry for good and drop what the policy says is no longer needed.

        An order refused with the shopper at the kiosk: they are told at once, everything
        personal goes. Refused in the background (accepted while offline): a notice is due
        and only the email address stays until it is handled (``notify_unfulfillable``).
        """
        key, reason = entry.idempotency_key, describe(exc)
        log.info("%s %s refused for good: %s", policy.noun, key, reason)
        match policy.after_refusal:
            case AfterRefusal.FORGET:
                self.outbox.remove(key)
            case AfterRefusal.KEEP:
                self.outbox.mark_failed(key, reason)
            case AfterRefusal.DROP_PAYLOAD:
                self.outbox.mark_failed(key, reason, payload=None)
            case AfterRefusal.DROP_CONTACT if shopper_present:
                self.outbox.mark_failed(key, reason, payload=without_contact(entry.payload))
            case AfterRefusal.DROP_CONTACT:
                self.outbox.mark_failed(
                    key, reason, payload=contact_only(entry.payload), notice=Notice.DUE
                )
