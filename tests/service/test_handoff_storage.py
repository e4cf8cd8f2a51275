"""The hand-off tables on both engines: a token opens once and only before it expires, a
phone's session ends, an order's handles are recorded once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inventory_service.mobile.tokens import token_hash
from inventory_service.storage.backends import backend_for

NOW = datetime(2026, 3, 1, 10, tzinfo=UTC)


def test_a_token_opens_once_before_it_expires(service_db) -> None:
    backend = backend_for(service_db)
    backend.initialise()
    storage = backend.open()
    try:
        for name in ("fresh", "stale"):
            storage.create_handoff(
                handoff_id=name,
                token_hash=token_hash(name),
                store_id="s1",
                kiosk_id="k1",
                gtin="2000000000017",
                language="de",
                now=NOW,
                expires_at=NOW + timedelta(minutes=10),
            )
        later = NOW + timedelta(minutes=11)
        assert (
            storage.open_handoff(
                token_hash("stale"), session_hash="x", now=later, session_until=later
            )
            is None
        )
        until = NOW + timedelta(minutes=30)
        first = storage.open_handoff(
            token_hash("fresh"), session_hash=token_hash("phone"), now=NOW, session_until=until
        )
        assert first is not None and first.id == "fresh" and first.language == "de"
        again = storage.open_handoff(
            token_hash("fresh"), session_hash=token_hash("thief"), now=NOW, session_until=until
        )
        assert again is None  # single use
        assert storage.handoff_by_session(token_hash("thief"), NOW) is None
        assert storage.handoff_by_session(token_hash("phone"), NOW).id == "fresh"
        assert storage.handoff_by_session(token_hash("phone"), until) is None  # session over

        storage.mark_handoff_ordered("fresh", order_id="o1", order_key="key-1")
        storage.mark_handoff_ordered("fresh", order_id="o2", order_key="key-2")
        assert storage.get_handoff("fresh").order_id == "o1"  # the first order stays

        for _ in range(2):  # a replayed order records nothing new
            storage.record_order_link(
                order_id="o1",
                store_id="s1",
                kiosk_reference="3FD0B7DA",
                status_hash=token_hash("status"),
                created_at=NOW,
                expires_at=NOW + timedelta(days=60),
            )
        assert storage.order_ids_by_reference("s1", "3FD0B7DA") == ["o1"]
        assert storage.order_ids_by_reference("s2", "3FD0B7DA") == []
        link = storage.order_link_by_status(token_hash("status"))
        assert link is not None and link.order_id == "o1"
    finally:
        storage.close()
        backend.dispose()
