"""Fetch requests ("bring me this size"): creation, tickets, listing, transitions."""

from __future__ import annotations

from typing import Any

from support.api import Api, assert_error, new_key


def _in_store_gtin(catalogue: dict[str, Any]) -> str:
    home = catalogue["home_store_id"]
    return next(
        r["gtin"] for r in catalogue["stock"] if r["location_id"] == home and r["on_hand"] > 0
    )


def _not_in_store_gtin(catalogue: dict[str, Any]) -> str:
    style = next(
        s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"]["warehouse_only"]
    )
    return style["variants"][0]["gtin"]


def _create(api: Api, svc, gtin: str, key: str | None = None):
    body = {"kiosk_id": svc.kiosk_id, "store_id": svc.store_id, "gtin": gtin}
    return api.post("/v1/fetch-requests", json=body, idempotency_key=key)


def test_lifecycle_and_tickets(kiosk, staff, fresh_service, catalogue) -> None:
    gtin = _in_store_gtin(catalogue)
    first = _create(kiosk, fresh_service, gtin)
    second = _create(kiosk, fresh_service, gtin)
    assert first.status_code == second.status_code == 201
    a, b = first.json(), second.json()
    assert (a["ticket"], b["ticket"]) == (1, 2)
    assert a["status"] == "open" and a["claimed_by"] is None
    style = next(s for s in catalogue["styles"] if any(v["gtin"] == gtin for v in s["variants"]))
    assert a["style_name"] == style["name"]
    assert a["size_eu"] == next(v["size_eu"] for v in style["variants"] if v["gtin"] == gtin)

    listed = kiosk.get("/v1/fetch-requests", params={"store_id": fresh_service.store_id}).json()
    assert [r["id"] for r in listed] == [a["id"], b["id"]]  # oldest first

    # a kiosk may only cancel
    assert_error(
        kiosk.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "claimed"}), 403, "forbidden"
    )
    claimed = staff.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "claimed"}).json()
    assert claimed["status"] == "claimed" and claimed["claimed_by"]
    reopened = staff.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "open"}).json()
    assert reopened["status"] == "open" and reopened["claimed_by"] is None
    staff.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "claimed"})
    done = staff.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "done"}).json()
    assert done["status"] == "done" and done["updated_at"] >= done["created_at"]
    assert_error(
        staff.patch(f"/v1/fetch-requests/{a['id']}", json={"status": "open"}),
        409,
        "invalid_transition",
    )

    cancelled = kiosk.patch(f"/v1/fetch-requests/{b['id']}", json={"status": "cancelled"}).json()
    assert cancelled["status"] == "cancelled"
    assert_error(
        kiosk.patch(f"/v1/fetch-requests/{b['id']}", json={"status": "cancelled"}),
        409,
        "invalid_transition",
    )

    open_now = kiosk.get(
        "/v1/fetch-requests", params={"store_id": fresh_service.store_id, "status": "open"}
    ).json()
    assert open_now == []
    assert kiosk.get(f"/v1/fetch-requests/{a['id']}").json() == done


def test_no_stock_in_store_is_409(kiosk, fresh_service, catalogue) -> None:
    err = assert_error(
        _create(kiosk, fresh_service, _not_in_store_gtin(catalogue)), 409, "no_longer_available"
    )
    assert "store" in err["message"]


def test_unknown_gtin_and_request(kiosk, fresh_service) -> None:
    assert_error(_create(kiosk, fresh_service, "2999999999999"), 422, "invalid_request")
    assert_error(kiosk.get("/v1/fetch-requests/nope"), 404, "not_found")
    assert_error(
        kiosk.patch("/v1/fetch-requests/nope", json={"status": "cancelled"}), 404, "not_found"
    )


def test_idempotency_key_makes_one_request(kiosk, fresh_service, catalogue) -> None:
    gtin = _in_store_gtin(catalogue)
    key = new_key()
    first = _create(kiosk, fresh_service, gtin, key)
    again = _create(kiosk, fresh_service, gtin, key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert (
        len(kiosk.get("/v1/fetch-requests", params={"store_id": fresh_service.store_id}).json())
        == 1
    )
