"""GET /v1/variants/{gtin}/availability: one read for a scan, with an ETag (both engines)."""

from __future__ import annotations

from typing import Any

import pytest
from support.api import Api, assert_error, new_key

from inventory_client.models import StockReport, VariantAvailability, VariantDetail
from inventory_service.availability import etag_matches

PATH = "/v1/variants/{}/availability"


def _style(catalogue: dict[str, Any], scenario: str) -> dict[str, Any]:
    style_id = catalogue["scenarios"][scenario]
    return next(s for s in catalogue["styles"] if s["id"] == style_id)


def _scanned(catalogue: dict[str, Any], scenario: str = "mixed") -> str:
    variants = _style(catalogue, scenario)["variants"]
    return str(variants[len(variants) // 2]["gtin"])


def _without_as_of(report: StockReport) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude={"as_of"})


@pytest.fixture
def reader(live_service) -> Api:
    with Api(live_service.url, live_service.kiosk_key) as api:
        yield api


@pytest.mark.parametrize("scenario", ["in_store", "warehouse_only", "other_store_only", "mixed"])
def test_one_read_answers_what_the_three_reads_answer(reader, catalogue, scenario) -> None:
    gtin = _scanned(catalogue, scenario)
    home = catalogue["home_store_id"]
    resp = reader.get(PATH.format(gtin), params={"store_id": home})
    assert resp.status_code == 200, resp.text
    answer = VariantAvailability.model_validate(resp.json())

    detail = VariantDetail.model_validate(reader.get(f"/v1/variants/{gtin}").json())
    assert answer.detail == detail
    for scope, report in (("stores", answer.stores), ("warehouses", answer.warehouses)):
        separate = reader.get(
            f"/v1/styles/{detail.style.id}/stock", params={"store_id": home, "scope": scope}
        )
        assert _without_as_of(report) == _without_as_of(StockReport.model_validate(separate.json()))
    assert answer.stores.variants[0].locations[0].location_id == home


def test_etag_revalidates_to_304_without_a_body(reader, catalogue) -> None:
    url, params = PATH.format(_scanned(catalogue)), {"store_id": catalogue["home_store_id"]}
    first = reader.get(url, params=params)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and first.headers["Cache-Control"] == "no-cache"
    again = reader.get(url, params=params)
    assert again.status_code == 200 and again.headers["ETag"] == etag  # as_of is not hashed

    for header in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        revalidated = reader.get(url, params=params, headers={"If-None-Match": header})
        assert revalidated.status_code == 304, header
        assert revalidated.content == b""
        assert revalidated.headers["ETag"] == etag

    stale = reader.get(url, params=params, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.headers["ETag"] == etag


def test_stock_change_changes_the_etag(fresh_service, catalogue) -> None:
    gtin, home = _scanned(catalogue), catalogue["home_store_id"]
    with (
        Api(fresh_service.url, fresh_service.kiosk_key) as kiosk,
        Api(fresh_service.url, fresh_service.staff_key) as staff,
    ):
        url, params = PATH.format(gtin), {"store_id": home}
        before = kiosk.get(url, params=params)
        on_hand = _here(VariantAvailability.model_validate(before.json()), gtin, home)
        received = staff.post(
            "/v1/stock-adjustments",
            idempotency_key=new_key(),
            json={
                "location_id": home,
                "gtin": gtin,
                "kind": "receive",
                "quantity": 2,
                "actor": "Test",
            },
        )
        assert received.status_code == 201, received.text
        after = kiosk.get(url, params=params, headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200
        assert after.headers["ETag"] != before.headers["ETag"]
        assert _here(VariantAvailability.model_validate(after.json()), gtin, home) == on_hand + 2


def _here(answer: VariantAvailability, gtin: str, store_id: str) -> int:
    variant = next(v for v in answer.stores.variants if v.gtin == gtin)
    return next(e.available for e in variant.locations if e.location_id == store_id)


def test_refusals(live_service, reader, catalogue) -> None:
    gtin, home = _scanned(catalogue), catalogue["home_store_id"]
    warehouse = next(loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse")
    other = next(
        loc["id"] for loc in catalogue["locations"] if loc["kind"] == "store" and loc["id"] != home
    )
    assert_error(
        reader.get(PATH.format("2999999999999"), params={"store_id": home}), 404, "not_found"
    )
    assert_error(
        reader.get(PATH.format("12345"), params={"store_id": home}), 422, "invalid_request"
    )
    assert_error(reader.get(PATH.format(gtin)), 422, "invalid_request")
    assert_error(reader.get(PATH.format(gtin), params={"store_id": other}), 403, "forbidden")
    with Api(live_service.url) as anonymous:
        assert_error(
            anonymous.get(PATH.format(gtin), params={"store_id": home}), 401, "unauthorized"
        )
    with Api(live_service.url, live_service.staff_key) as staff:
        assert staff.get(PATH.format(gtin), params={"store_id": home}).status_code == 200
    assert_error(reader.get(PATH.format(gtin), params={"store_id": warehouse}), 403, "forbidden")


def test_if_none_match_comparison() -> None:
    tag = 'W/"abc"'
    assert etag_matches('W/"abc"', tag) and etag_matches('"abc"', tag)
    assert etag_matches(' "x" ,W/"abc" ', tag) and etag_matches("*", tag)
    assert not etag_matches(None, tag) and not etag_matches("", tag)
    assert not etag_matches('"abcd"', tag) and not etag_matches("abc", tag)
