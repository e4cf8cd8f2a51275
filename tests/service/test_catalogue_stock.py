"""Variant lookup, locations, images and stock reports against the seeded demo catalogue."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from support.api import Api, assert_error

from inventory_client.models import StockReport, VariantDetail
from inventory_service.rules import haversine_km


@pytest.fixture
def kiosk(live_service) -> Api:
    with Api(live_service.url, live_service.kiosk_key) as api:
        yield api


def _style(catalogue: dict[str, Any], style_id: str) -> dict[str, Any]:
    return next(s for s in catalogue["styles"] if s["id"] == style_id)


def _stock(catalogue: dict[str, Any]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for rec in catalogue["stock"]:
        out[rec["location_id"], rec["gtin"]] += rec["on_hand"]
    return out


def test_health_needs_no_key(live_service) -> None:
    with Api(live_service.url) as api:
        body = api.get("/v1/health").json()
    assert body["status"] == "ok"


def test_variant_lookup_returns_style_and_whole_size_run(kiosk, catalogue) -> None:
    style = _style(catalogue, catalogue["scenarios"]["mixed"])
    scanned = style["variants"][len(style["variants"]) // 2]
    resp = kiosk.get(f"/v1/variants/{scanned['gtin']}")
    assert resp.status_code == 200
    detail = VariantDetail.model_validate(resp.json())
    assert detail.variant.gtin == scanned["gtin"]
    assert detail.variant.size_eu == scanned["size_eu"]
    assert detail.style.id == style["id"]
    assert str(detail.style.price) == style["price"]
    assert [v.gtin for v in detail.variants] == [
        v["gtin"] for v in sorted(style["variants"], key=lambda v: float(v["size_eu"]))
    ]


def test_unknown_gtin_is_404(kiosk) -> None:
    assert_error(kiosk.get("/v1/variants/2999999999999"), 404, "not_found")


@pytest.mark.parametrize("bad", ["123", "12345678901234", "abcdefghijklm", "240001360000x"])
def test_malformed_gtin_is_422(kiosk, bad) -> None:
    assert_error(kiosk.get(f"/v1/variants/{bad}"), 422, "invalid_request")


def test_locations_match_catalogue(kiosk, catalogue) -> None:
    got = kiosk.get("/v1/locations").json()
    assert {loc["id"]: loc for loc in got} == {loc["id"]: loc for loc in catalogue["locations"]}


@pytest.mark.parametrize("scenario", ["in_store", "warehouse_only", "other_store_only", "mixed"])
def test_store_report_numbers_match_catalogue(kiosk, catalogue, live_service, scenario) -> None:
    style = _style(catalogue, catalogue["scenarios"][scenario])
    home = catalogue["home_store_id"]
    resp = kiosk.get(f"/v1/styles/{style['id']}/stock", params={"store_id": home})
    assert resp.status_code == 200, resp.text
    report = StockReport.model_validate(resp.json())
    stock = _stock(catalogue)
    stores = {loc["id"]: loc for loc in catalogue["locations"] if loc["kind"] == "store"}
    assert [v.gtin for v in report.variants] == [
        v["gtin"] for v in sorted(style["variants"], key=lambda v: float(v["size_eu"]))
    ]
    for vs in report.variants:
        ids = [e.location_id for e in vs.locations]
        assert ids[0] == home
        assert set(ids) == set(stores)
        distances = [e.distance_km for e in vs.locations]
        assert distances == sorted(distances)
        for entry in vs.locations:
            expected = stock.get((entry.location_id, vs.gtin), 0)
            assert (entry.on_hand, entry.reserved, entry.available) == (expected, 0, expected)
            loc = stores[entry.location_id]
            here = stores[home]
            km = haversine_km(
                here["latitude"], here["longitude"], loc["latitude"], loc["longitude"]
            )
            assert entry.distance_km == pytest.approx(km, abs=0.06)


def test_warehouse_report_lists_every_warehouse(kiosk, catalogue) -> None:
    style = _style(catalogue, catalogue["scenarios"]["warehouse_only"])
    resp = kiosk.get(
        f"/v1/styles/{style['id']}/stock",
        params={"store_id": catalogue["home_store_id"], "scope": "warehouses"},
    )
    report = StockReport.model_validate(resp.json())
    warehouses = {loc["id"] for loc in catalogue["locations"] if loc["kind"] == "warehouse"}
    stock = _stock(catalogue)
    total = 0
    for vs in report.variants:
        assert {e.location_id for e in vs.locations} == warehouses
        for e in vs.locations:
            assert e.distance_km is None
            assert e.available == stock.get((e.location_id, vs.gtin), 0)
            total += e.available
    assert total > 0  # the scenario promises warehouse stock


def test_sold_out_style_has_no_stock_anywhere(kiosk, catalogue) -> None:
    style_id = catalogue["scenarios"]["sold_out"]
    for scope in ("stores", "warehouses"):
        report = kiosk.get(
            f"/v1/styles/{style_id}/stock",
            params={"store_id": catalogue["home_store_id"], "scope": scope},
        ).json()
        assert all(e["available"] == 0 for v in report["variants"] for e in v["locations"])


def test_stock_report_unknown_style_and_store(kiosk, catalogue) -> None:
    home = catalogue["home_store_id"]
    assert_error(
        kiosk.get("/v1/styles/no-such-style/stock", params={"store_id": home}), 404, "not_found"
    )
    assert_error(
        kiosk.get(
            f"/v1/styles/{catalogue['styles'][0]['id']}/stock",
            params={"store_id": home, "scope": "moon"},
        ),
        422,
        "invalid_request",
    )


def test_image_served_and_traversal_refused(live_service, catalogue) -> None:
    with Api(live_service.url) as api:
        image = catalogue["styles"][0]["image"]
        resp = api.get(f"/v1/images/{image}")
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "image/png"
        assert resp.content.startswith(b"\x89PNG")
        assert_error(api.get("/v1/images/..%2Fcatalogue.json"), 404, "not_found")
        assert_error(api.get("/v1/images/missing.png"), 404, "not_found")
