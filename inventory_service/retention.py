"""How long shoppers' personal data is kept, and the sweep that erases it after that.

The policy is part of the service's command line (``add_arguments``); the running
service sweeps at start and then every ``every`` (``RetentionSweeper``, one thread in the
serving process, never per request), and ``python -m inventory_service retention`` runs
one sweep by hand. A sweep is one transaction: contact details and notes of orders
shipped or cancelled (an expired hold is a cancel) long enough ago, back-in-stock
requests older than their limit, and audit details that named those shoppers. When it
changed anything it writes one ``privacy.retention`` audit row with the counts.

Why these defaults (``docs/SECURITY.md``, "Personal data"): 90 days after shipping
covers the 14-day withdrawal period, delivery and a return's round trip; a cancelled
or expired order has nothing left to deliver, 30 days leave time for the shopper's
questions; a back-in-stock wish is worth a season (90 days), and the service sends no
notice itself, so the age is the only limit.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from inventory_client.models import OrderStatus
from inventory_service import personal_data
from inventory_service.audit_chain import SERVICE_ACTOR
from inventory_service.erasure import ErasureCounts, audit_rows_naming, erase_orders
from inventory_service.storage import privacy
from inventory_service.storage.audit import append_audit, redact_audit
from inventory_service.storage.base import AuditStamp
from inventory_service.storage.sql_storage import SqlStorage

log = logging.getLogger(__name__)

RETENTION_STAMP = AuditStamp(store_id="*", actor=SERVICE_ACTOR, key_label="retention")

#: Ended phone hand-offs are housekeeping, not personal data: gone a day after they end.
HANDOFFS_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class RetentionPolicy:
    """Days personal data is kept; ``every`` is how often the running service sweeps."""

    shipped_days: int = 90
    cancelled_days: int = 30
    back_in_stock_days: int = 90
    every: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        days = (self.shipped_days, self.cancelled_days, self.back_in_stock_days)
        if min(days) < 0 or max(days) > 3660:
            raise ValueError("retention days must be between 0 and 3660")
        if self.every < timedelta(minutes=1):
            raise ValueError("the retention sweep runs at most once a minute")


#: What a sweep erased, per table (the same tables as an erasure).
RetentionCounts = ErasureCounts


def apply_retention(storage: SqlStorage, policy: RetentionPolicy, now: datetime) -> RetentionCounts:
    """One sweep in one transaction; what it erased, per table."""
    db = storage.db

    def run() -> RetentionCounts:
        orders = privacy.closed_orders_before(
            db, str(OrderStatus.SHIPPED), now - timedelta(days=policy.shipped_days)
        ) + privacy.closed_orders_before(
            db, str(OrderStatus.CANCELLED), now - timedelta(days=policy.cancelled_days)
        )
        who = personal_data.NONE
        for order in orders:
            who = who | personal_data.identifiers_of_ship_to(order["ship_to"])
        redact = audit_rows_naming(db, who)
        changed, events = erase_orders(db, orders, now)
        requests = privacy.delete_back_in_stock_before(
            db, now - timedelta(days=policy.back_in_stock_days)
        )
        storage.delete_handoffs_ended_before(now - HANDOFFS_KEPT)
        counts = RetentionCounts(changed, events, requests, len(redact))
        if counts.total:
            row = append_audit(db, RETENTION_STAMP, "privacy.retention", str(counts), now)
            redact_audit(db, redact, int(row["seq"]))
        return counts

    return db.transact(run)


# --- configuration -------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The policy's options, on the serving command and on ``retention``."""
    d = RetentionPolicy()
    group = parser.add_argument_group("personal data retention (docs/SECURITY.md)")
    group.add_argument(
        "--keep-shipped-days",
        type=int,
        default=d.shipped_days,
        metavar="N",
        help=f"erase an order's contact details N days after it shipped (default {d.shipped_days})",
    )
    group.add_argument(
        "--keep-cancelled-days",
        type=int,
        default=d.cancelled_days,
        metavar="N",
        help=f"... N days after it was cancelled or its hold expired (default {d.cancelled_days})",
    )
    group.add_argument(
        "--keep-back-in-stock-days",
        type=int,
        default=d.back_in_stock_days,
        metavar="N",
        help=f"erase back-in-stock requests N days old (default {d.back_in_stock_days})",
    )
    group.add_argument(
        "--retention-every-minutes",
        type=float,
        default=d.every / timedelta(minutes=1),
        metavar="M",
        help="how often the running service sweeps (default 60)",
    )


def policy_from_args(args: argparse.Namespace) -> RetentionPolicy:
    """The policy the options give; ``ValueError`` with a clear message when out of range."""
    return RetentionPolicy(
        shipped_days=args.keep_shipped_days,
        cancelled_days=args.keep_cancelled_days,
        back_in_stock_days=args.keep_back_in_stock_days,
        every=timedelta(minutes=args.retention_every_minutes),
    )


# --- the running service's sweep -----------------------------------------------------


def sweeper_for(db: str | Path, policy: RetentionPolicy) -> RetentionSweeper:
    """A sweeper for the service's ``--db`` (its own connections; not started)."""
    from inventory_service.storage.backends import backend_for

    return RetentionSweeper(backend_for(db).open, policy)


class RetentionSweeper:
    """Sweeps at start and then every ``policy.every`` on a daemon thread."""

    def __init__(
        self,
        open_storage: Callable[[], SqlStorage],
        policy: RetentionPolicy,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._open = open_storage
        self._policy = policy
        self._clock = clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="retention", daemon=True)
        self.sweeps = 0

    def start(self) -> RetentionSweeper:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def sweep_once(self) -> RetentionCounts | None:
        try:
            storage = self._open()
            try:
                counts = apply_retention(storage, self._policy, self._clock())
            finally:
                storage.close()
        except Exception as exc:  # the next sweep tries again; a sweep never stops the service
            log.warning("retention sweep failed: %s", type(exc).__name__)
            return None
        self.sweeps += 1
        if counts.total:
            log.warning("retention sweep erased: %s", counts)  # counts only, never data
        return counts

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sweep_once()
            self._stop.wait(self._policy.every.total_seconds())
