"""Demand events: recorded once per client-made id."""

from __future__ import annotations

from support.api import Api, new_key

from .db_helpers import open_storage


def test_resent_event_is_recorded_once(fresh_service, catalogue) -> None:
    event_id = new_key()
    event = {
        "id": event_id,
        "kind": "not_in_store",
        "gtin": catalogue["scenarios"]["last_pair"],
        "kiosk_id": fresh_service.kiosk_id,
        "store_id": fresh_service.store_id,
        "at": "2025-03-01T10:15:00+01:00",
    }
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        for _ in range(3):
            resp = api.post("/v1/demand-events", json=event)
            assert resp.status_code == 202
            assert resp.json() == {"recorded": True}
        other = api.post("/v1/demand-events", json={**event, "id": new_key(), "kind": "scanned"})
        assert other.status_code == 202
    with open_storage(fresh_service.db_path) as storage:
        assert storage.count_demand_events(event_id) == 1
        assert storage.count_demand_events() == 2
