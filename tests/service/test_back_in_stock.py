"""Back-in-stock requests: kiosks post them (resends stored once), staff of the store read
them; bad input is a 4xx ErrorBody and the email never reaches the service's log."""

from __future__ import annotations

from support.api import Api, new_key

from .db_helpers import rows

EMAIL = "erika.back@example.com"


def request_body(service, catalogue, **changes) -> dict:
    body = {
        "id": new_key(),
        "gtin": catalogue["scenarios"]["last_pair"],
        "email": EMAIL,
        "language": "de",
        "kiosk_id": service.kiosk_id,
        "store_id": service.store_id,
        "at": "2025-03-01T10:15:00+01:00",
    }
    return {**body, **changes}


def test_a_request_is_stored_once_and_listed_for_staff(fresh_service, catalogue) -> None:
    body = request_body(fresh_service, catalogue)
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        first = kiosk.post("/v1/back-in-stock", json=body)
        assert first.status_code == 201, first.text
        again = kiosk.post("/v1/back-in-stock", json=body)
        assert again.status_code == 200
        assert again.json() == first.json()
        clash = kiosk.post("/v1/back-in-stock", json={**body, "email": "other@example.com"})
        assert clash.status_code == 409
        assert clash.json()["error"]["code"] == "idempotency_conflict"
        assert kiosk.get("/v1/back-in-stock", params={"store_id": "store-a"}).status_code == 403
    made = first.json()
    assert made["email"] == EMAIL and made["language"] == "de"
    assert made["gtin"] == body["gtin"] and made["style_name"] and made["size_eu"]

    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        other = request_body(fresh_service, catalogue, gtin=catalogue["demo_scans"][0])
        assert staff.post("/v1/back-in-stock", json=other).status_code == 201
        listed = staff.get("/v1/back-in-stock", params={"store_id": fresh_service.store_id})
        assert listed.status_code == 200
        assert [r["id"] for r in listed.json()] == [other["id"], body["id"]]  # newest first
        one = staff.get(
            "/v1/back-in-stock", params={"store_id": fresh_service.store_id, "gtin": body["gtin"]}
        )
        assert [r["id"] for r in one.json()] == [body["id"]]
        elsewhere = staff.get("/v1/back-in-stock", params={"store_id": "store-b"})
        assert elsewhere.status_code == 403

    stored = rows(fresh_service.db_path, "select id, email from back_in_stock order by id")
    assert sorted((r["id"], r["email"]) for r in stored) == sorted(
        [(body["id"], EMAIL), (other["id"], EMAIL)]
    )
    assert EMAIL not in fresh_service.stderr_text()


def test_bad_requests_are_refused_plainly(fresh_service, catalogue) -> None:
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        for changes, status in (
            ({"email": "not-an-email"}, 422),
            ({"email": "a b@example.com"}, 422),
            ({"language": "German"}, 422),
            ({"gtin": "123"}, 422),
            ({"gtin": "2999999999991"}, 404),
            ({"store_id": "store-b"}, 403),
            ({"kiosk_id": "someone-else"}, 403),
            ({"id": "short"}, 422),
        ):
            resp = kiosk.post(
                "/v1/back-in-stock", json=request_body(fresh_service, catalogue, **changes)
            )
            assert resp.status_code == status, (changes, resp.text)
            assert set(resp.json()["error"]) >= {"code", "message"}
            assert "not-an-email" not in resp.text  # input is never echoed
        bad_query = kiosk.get("/v1/back-in-stock", params={"store_id": fresh_service.store_id})
        assert bad_query.status_code == 403
    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        resp = staff.get(
            "/v1/back-in-stock", params={"store_id": fresh_service.store_id, "gtin": "12"}
        )
        assert resp.status_code == 422
    with Api(fresh_service.url) as nobody:
        assert nobody.post("/v1/back-in-stock", json={}).status_code == 401
