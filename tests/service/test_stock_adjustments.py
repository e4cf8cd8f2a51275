"""Stock adjustments by staff: receive, set count, undo, limits and the audit trail."""

from __future__ import annotations

from typing import Any

from support.api import Api, assert_error, new_key, order_body

from inventory_service.__main__ import main

from .db_helpers import open_storage


def _stock_at_home(api: Api, svc, gtin: str) -> tuple[int, int]:
    detail = api.get(f"/v1/variants/{gtin}").json()
    report = api.get(
        f"/v1/styles/{detail['style']['id']}/stock", params={"store_id": svc.store_id}
    ).json()
    [vs] = [v for v in report["variants"] if v["gtin"] == gtin]
    home = vs["locations"][0]
    assert home["location_id"] == svc.store_id
    return home["on_hand"], home["reserved"]


def _body(svc, gtin: str, kind: str, quantity: int, **extra: Any) -> dict[str, Any]:
    return {
        "location_id": svc.store_id,
        "gtin": gtin,
        "kind": kind,
        "quantity": quantity,
        "actor": "Anna (staff)",
        **extra,
    }


def test_receive_set_count_undo_and_audit(staff, fresh_service, catalogue) -> None:
    style = next(s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"]["sold_out"])
    gtin = style["variants"][0]["gtin"]
    assert _stock_at_home(staff, fresh_service, gtin) == (0, 0)

    key = new_key()
    received = staff.post(
        "/v1/stock-adjustments",
        json=_body(fresh_service, gtin, "receive", 3, reason="delivery"),
        idempotency_key=key,
    )
    assert received.status_code == 201, received.text
    assert received.json()["on_hand"] == 3
    replay = staff.post(
        "/v1/stock-adjustments",
        json=_body(fresh_service, gtin, "receive", 3, reason="delivery"),
        idempotency_key=key,
    )
    assert replay.status_code == 200 and replay.json() == received.json()
    assert _stock_at_home(staff, fresh_service, gtin) == (3, 0)  # received once
    assert_error(
        staff.post(
            "/v1/stock-adjustments",
            json=_body(fresh_service, gtin, "receive", 4),
            idempotency_key=key,
        ),
        409,
        "idempotency_conflict",
    )

    undo = staff.post(
        "/v1/stock-adjustments",
        json=_body(fresh_service, gtin, "receive", -1),
        idempotency_key=new_key(),
    ).json()
    assert undo["on_hand"] == 2
    counted = staff.post(
        "/v1/stock-adjustments",
        json=_body(fresh_service, gtin, "set_count", 7),
        idempotency_key=new_key(),
    ).json()
    assert counted["on_hand"] == 7
    assert _stock_at_home(staff, fresh_service, gtin) == (7, 0)

    assert_error(
        staff.post(
            "/v1/stock-adjustments",
            json=_body(fresh_service, gtin, "receive", -8),
            idempotency_key=new_key(),
        ),
        422,
        "invalid_request",
    )
    assert_error(
        staff.post(
            "/v1/stock-adjustments",
            json=_body(fresh_service, gtin, "set_count", -1),
            idempotency_key=new_key(),
        ),
        422,
        "invalid_request",
    )
    assert _stock_at_home(staff, fresh_service, gtin) == (7, 0)

    audit = staff.get(
        "/v1/stock-adjustments", params={"location_id": fresh_service.store_id}
    ).json()
    assert [a["id"] for a in audit] == [
        counted["id"],
        undo["id"],
        received.json()["id"],
    ]  # newest first
    assert [a["on_hand"] for a in audit] == [7, 2, 3]
    assert all(a["actor"] == "Anna (staff)" for a in audit)
    limited = staff.get(
        "/v1/stock-adjustments", params={"location_id": fresh_service.store_id, "limit": 1}
    ).json()
    assert [a["id"] for a in limited] == [counted["id"]]

    with open_storage(fresh_service.db_path) as storage:
        row = storage.adjustment_audit(undo["id"])
    assert row is not None
    assert (row["on_hand_before"], row["on_hand"], row["quantity"]) == (3, 2, -1)
    assert row["key_id"] is not None  # which key did it


def test_store_staff_cannot_touch_warehouse_and_count_respects_reservations(
    staff, fresh_service, catalogue, capsys
) -> None:
    gtin = catalogue["scenarios"]["last_pair"]
    warehouse = next(
        r["location_id"] for r in catalogue["stock"] if r["gtin"] == gtin and r["on_hand"] > 0
    )
    body = {**_body(fresh_service, gtin, "set_count", 0), "location_id": warehouse}
    assert_error(
        staff.post("/v1/stock-adjustments", json=body, idempotency_key=new_key()), 403, "forbidden"
    )
    # reserve the last pair, then count the warehouse with its own staff key
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        order = order_body(gtin, kiosk_id=fresh_service.kiosk_id, store_id=fresh_service.store_id)
        assert kiosk.post("/v1/orders", json=order, idempotency_key=new_key()).status_code == 201
    argv = ["add-key", "--db", str(fresh_service.db_path), "--scope", "staff"]
    assert main([*argv, "--store-id", warehouse, "--label", "warehouse staff"]) == 0
    warehouse_key = capsys.readouterr().out.strip()
    with Api(fresh_service.url, warehouse_key) as wh:
        err = assert_error(
            wh.post("/v1/stock-adjustments", json=body, idempotency_key=new_key()),
            422,
            "invalid_request",
        )
        assert "reserved" in err["message"]
        ok = wh.post(
            "/v1/stock-adjustments", json={**body, "quantity": 1}, idempotency_key=new_key()
        )
        assert ok.status_code == 201
        assert (ok.json()["on_hand"], ok.json()["reserved"]) == (1, 1)


def test_unknown_gtin_and_missing_key(staff, fresh_service) -> None:
    assert_error(
        staff.post(
            "/v1/stock-adjustments",
            json=_body(fresh_service, "2999999999999", "receive", 1),
            idempotency_key=new_key(),
        ),
        422,
        "invalid_request",
    )
    assert_error(
        staff.post(
            "/v1/stock-adjustments", json=_body(fresh_service, "2999999999999", "receive", 1)
        ),
        422,  # the missing Idempotency-Key: a required header of the schema (issue 15 item 7)
        "invalid_request",
    )
