"""The lost-demand report from a seeded history: exact numbers, period bounds, CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from support.api import Api, assert_error, new_key, order_body

from inventory_client.models import LostDemandReport
from inventory_service.demand_report import conversion, suggested_restock

MISSING = "2400093600008"  # pacelab-nightpace 36: none in the store, 10 at the warehouse
IN_STORE = "2400103800008"  # urbanek-hofcourt-low 38: 3 in the store
NOT_IN_CATALOGUE = "2999999999992"


def _event(svc, kind: str, gtin: str, at: datetime) -> dict:
    return {
        "id": new_key(),
        "kind": kind,
        "gtin": gtin,
        "kiosk_id": svc.kiosk_id,
        "store_id": svc.store_id,
        "at": at.isoformat(),
    }


def _seed_history(kiosk: Api, svc, since: datetime, until: datetime) -> None:
    inside = since + timedelta(days=3)
    history = (
        [("scanned", MISSING)] * 2
        + [("size_viewed", MISSING)] * 3
        + [("not_in_store", MISSING)] * 6
        + [("notify_me", MISSING)]
        + [("ordered", MISSING)] * 5  # kiosk-reported orders are not what the report counts
        + [("scanned", IN_STORE)]
        + [("not_in_store", IN_STORE)] * 3
        + [("not_in_store", NOT_IN_CATALOGUE)] * 4  # unknown GTIN: left out
    )
    for i, (kind, gtin) in enumerate(history):
        resp = kiosk.post(
            "/v1/demand-events", json=_event(svc, kind, gtin, inside + timedelta(minutes=i))
        )
        assert resp.status_code == 202, resp.text
    # The bounds: [since, until) — one event just before, one exactly at until.
    for at in (since - timedelta(seconds=1), until):
        resp = kiosk.post("/v1/demand-events", json=_event(svc, "not_in_store", MISSING, at))
        assert resp.status_code == 202
    resp = kiosk.post("/v1/demand-events", json=_event(svc, "not_in_store", MISSING, since))
    assert resp.status_code == 202  # exactly at since counts: 7 misses in all


def _order(kiosk: Api, svc, gtin: str) -> dict:
    resp = kiosk.post(
        "/v1/orders",
        json=order_body(gtin, kiosk_id=svc.kiosk_id, store_id=svc.store_id),
        idempotency_key=new_key(),
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_report_numbers_from_a_seeded_history(kiosk, staff, fresh_service) -> None:
    svc = fresh_service
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    since = until - timedelta(days=14)
    _seed_history(kiosk, svc, since, until)
    _order(kiosk, svc, MISSING)
    _order(kiosk, svc, MISSING)
    cancelled = _order(kiosk, svc, MISSING)
    resp = staff.post(
        f"/v1/orders/{cancelled['id']}/status", json={"status": "cancelled", "note": "changed mind"}
    )
    assert resp.status_code == 200

    query = {"store_id": svc.store_id, "since": since.isoformat(), "until": until.isoformat()}
    resp = staff.get("/v1/reports/lost-demand", params=query)
    assert resp.status_code == 200, resp.text
    report = LostDemandReport.model_validate(resp.json())
    assert (report.since, report.until, report.cover_days) == (since, until, 28)
    assert [r.gtin for r in report.rows] == [MISSING, IN_STORE]  # most missed first
    missing, in_store = report.rows
    assert (missing.style_id, missing.size_eu) == ("pacelab-nightpace", "36")
    assert (missing.scanned, missing.size_viewed, missing.not_in_store, missing.notify_me) == (
        2,
        3,
        7,
        1,
    )
    assert missing.orders == 2  # the cancelled order and the 'ordered' events do not count
    assert missing.conversion == round(2 / 7, 4)
    assert missing.on_hand == 0
    assert missing.suggested_restock == 14  # ceil(7 * 28 / 14) - 0
    assert (in_store.scanned, in_store.not_in_store, in_store.orders) == (1, 3, 0)
    assert in_store.conversion == 0.0
    assert in_store.on_hand == 3
    assert in_store.suggested_restock == 3  # ceil(3 * 28 / 14) - 3

    resp = staff.get("/v1/reports/lost-demand", params={**query, "cover_days": 7})
    rows = {r["gtin"]: r for r in resp.json()["rows"]}
    assert rows[MISSING]["suggested_restock"] == 4  # ceil(7 * 7 / 14) = ceil(3.5)
    assert rows[IN_STORE]["suggested_restock"] == 0  # ceil(1.5) - 3 -> floor 0

    csv_resp = staff.get("/v1/reports/lost-demand.csv", params=query)
    assert csv_resp.status_code == 200
    assert csv_resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_resp.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(csv_resp.text)))
    assert [r["gtin"] for r in table] == [MISSING, IN_STORE]
    assert table[0] == {
        "style_id": "pacelab-nightpace",
        "style_name": "Nightpace",
        "brand": "Pacelab",
        "size_eu": "36",
        "gtin": MISSING,
        "scanned": "2",
        "size_viewed": "3",
        "not_in_store": "7",
        "notify_me": "1",
        "orders": "2",
        "conversion": str(round(2 / 7, 4)),
        "on_hand": "0",
        "suggested_restock": "14",
        "fit_shift": "0",
    }


def test_empty_period_and_defaults(staff, fresh_service) -> None:
    resp = staff.get("/v1/reports/lost-demand", params={"store_id": fresh_service.store_id})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["rows"] == []
    span = datetime.fromisoformat(body["until"]) - datetime.fromisoformat(body["since"])
    assert span == timedelta(days=28)
    csv_text = staff.get(
        "/v1/reports/lost-demand.csv", params={"store_id": fresh_service.store_id}
    ).text
    assert csv_text.splitlines() == [
        "style_id,style_name,brand,size_eu,gtin,scanned,size_viewed,not_in_store,notify_me,"
        "orders,conversion,on_hand,suggested_restock,fit_shift"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2025-02-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
        {"since": "2025-01-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
        {"since": "2023-01-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
        {"since": "yesterday"},
        {"until": "2025-13-01"},
        {"cover_days": 0},
        {"cover_days": 366},
        {"cover_days": "x"},
    ],
)
def test_bad_periods_are_422(live_service, params) -> None:
    with Api(live_service.url, live_service.staff_key) as api:
        for path in ("/v1/reports/lost-demand", "/v1/reports/lost-demand.csv"):
            resp = api.get(path, params={"store_id": live_service.store_id, **params})
            assert_error(resp, 422, "invalid_request")


def test_restock_rule() -> None:
    day = timedelta(days=1)
    assert suggested_restock(6, 14 * day, 28, 1) == 11
    assert suggested_restock(1, 28 * day, 28, 0) == 1
    assert suggested_restock(1, 29 * day, 28, 0) == 1  # 0.97 rounds up
    assert suggested_restock(0, 14 * day, 28, 0) == 0
    assert suggested_restock(5, 14 * day, 28, 50) == 0  # never negative
    # A period under a day counts as one day: 2 misses in an hour is not 1344 pairs.
    assert suggested_restock(2, timedelta(hours=1), 28, 0) == 56
    assert conversion(1, 3) == 0.3333
    assert conversion(3, 0) is None
