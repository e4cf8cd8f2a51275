"""Input hygiene (issue 15, item 4): text, emails, times and headers, refused or clamped in
one way everywhere, and never a 500.

The model half is plain pydantic (the contract in ``inventory_client``); the service half
drives the real service on loopback, once per engine (one service per module and engine).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError
from support.api import Api, assert_error, new_key, order_body

from inventory_client.models import (
    AuditEventCreate,
    BackInStockCreate,
    DemandEventCreate,
    Heartbeat,
    Location,
    OrderStatusChange,
    ShipTo,
    StockAdjustmentCreate,
    Style,
)
from inventory_client.text_types import is_clean_line
from inventory_client.wire_time import EARLIEST, LATEST
from inventory_service.launcher import ServiceProcess

from .engine_service import engine_service  # noqa: F401  (the `service` fixture)

GTIN = "2400013600002"  # demo: Fjord Hiker, EU 36

#: Characters no text field may hold (a newline is allowed in notes only).
FORBIDDEN = {
    "NUL": "\x00",
    "tab": "\t",
    "CR": "\r",
    "escape": "\x1b",
    "DEL": "\x7f",
    "C1 next line": "\x85",
    "line separator": "\u2028",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}
#: Text that must pass: accents, scripts written right to left, marks, emoji, markup.
ACCEPTED = [
    "Jörg Müller-Lüdenscheidt",
    "שלום עליכם",
    "محمد\u200f",  # a right-to-left mark is a mark, not an override
    "Zoë 👟",
    '<span style="font-size:90px;color:red">FREE SHOES</span>',
]

SHIP_TO = {
    "name": "Test Shopper",
    "street": "Musterstraße 1",
    "postcode": "10115",
    "city": "Berlin",
    "country": "DE",
    "email": "shopper@example.org",
}
STYLE = {
    "id": "s1",
    "name": "Comfy",
    "brand": "Brand",
    "colour": "Red",
    "price": Decimal("10.00"),
    "currency": "EUR",
    "image": "s1.png",
}


def _one_line_fields() -> list[tuple[type, dict[str, Any], str]]:
    at = "2026-05-01T10:00:00Z"
    return [
        (ShipTo, SHIP_TO, "name"),
        (ShipTo, SHIP_TO, "street"),
        (ShipTo, SHIP_TO, "city"),
        (ShipTo, SHIP_TO, "postcode"),
        (Style, STYLE, "name"),
        (Style, STYLE, "brand"),
        (Style, STYLE, "colour"),
        (Location, {"id": "l1", "name": "x", "kind": "store", "latitude": 0,
                    "longitude": 0}, "name"),
        (
            StockAdjustmentCreate,
            {"location_id": "l1", "gtin": GTIN, "kind": "receive", "quantity": 1, "actor": "A"},
            "actor",
        ),
        (
            StockAdjustmentCreate,
            {"location_id": "l1", "gtin": GTIN, "kind": "receive", "quantity": 1, "actor": "A"},
            "reason",
        ),
        (
            Heartbeat,
            {"kiosk_id": "k", "version": "1", "uptime_s": 1, "camera_ok": True,
             "outbox_backlog": 0, "at": at},
            "version",
        ),
    ]  # fmt: skip


def _multi_line_fields() -> list[tuple[type, dict[str, Any], str]]:
    return [
        (OrderStatusChange, {"status": "paid"}, "note"),
        (Style, STYLE, "description"),
        (AuditEventCreate, {"id": "abcdefgh", "action": "note"}, "detail"),
    ]


def test_one_line_text_refuses_control_and_bidi_characters():
    for model, base, field in _one_line_fields():
        for name, char in FORBIDDEN.items():
            with pytest.raises(ValidationError):
                model.model_validate({**base, field: f"Anna{char}Berg"})
                pytest.fail(f"{model.__name__}.{field} took {name}")
            assert not is_clean_line(f"Anna{char}Berg")


def test_ordinary_text_in_any_script_is_accepted():
    for model, base, field in _one_line_fields() + _multi_line_fields():
        limit = model.model_fields[field].metadata
        for text in ACCEPTED:
            value = "D-10115" if field == "postcode" else text[: 40 if field == "version" else None]
            made = model.model_validate({**base, field: value})
            assert getattr(made, field) == value, (model, field, limit)


def test_notes_may_span_lines_but_hold_no_other_control():
    for model, base, field in _multi_line_fields():
        assert getattr(model.model_validate({**base, field: "line one\nline two"}), field)
        for char in FORBIDDEN.values():
            with pytest.raises(ValidationError):
                model.model_validate({**base, field: f"line one{char}"})


def test_one_line_text_has_no_edge_spaces_and_a_length():
    for text in (" Anna", "Anna ", "", "x" * 201, "\u3000Anna"):
        with pytest.raises(ValidationError):
            ShipTo.model_validate({**SHIP_TO, "name": text})


@pytest.mark.parametrize(
    "ident", ["short", "has space in it", "nul\x00inside", "x" * 65, "tab\tinside1"]
)
def test_ids_made_by_devices_are_printable_ascii(ident):
    body = {"id": ident, "kind": "scanned", "gtin": GTIN, "kiosk_id": "k", "store_id": "s"}
    with pytest.raises(ValidationError):
        DemandEventCreate.model_validate({**body, "at": "2026-05-01T10:00:00Z"})


@pytest.mark.parametrize(
    "email",
    ["shopper", "a@b", "a@b.c", "a b@example.org", "a@exa mple.org", "a..b@example.org",
     "a@-example.org", "ä@example.org\u202e", "a@example.org\n", "@example.org"],
)  # fmt: skip
def test_emails_are_validated_in_the_contract(email):
    with pytest.raises(ValidationError):
        ShipTo.model_validate({**SHIP_TO, "email": email})
    with pytest.raises(ValidationError):
        BackInStockCreate.model_validate(
            {"id": "abcdefgh", "gtin": GTIN, "email": email, "language": "de",
             "kiosk_id": "k", "store_id": "s", "at": "2026-05-01T10:00:00Z"}
        )  # fmt: skip


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("0001-01-01T00:00:00+14:00", EARLIEST),
        ("0001-01-01T00:00:00Z", EARLIEST),
        ("9999-12-31T23:59:59-14:00", LATEST),
        ("9999-12-31T23:59:59Z", LATEST),
        ("2026-05-01T12:00:00+02:00", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01t10:00:00.123456789z", datetime(2026, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)),
    ],
)
def test_times_are_read_as_utc_and_clamped_into_range(sent, stored):
    event = DemandEventCreate.model_validate(
        {"id": "abcdefgh", "kind": "scanned", "gtin": GTIN, "kiosk_id": "k", "store_id": "s",
         "at": sent}
    )  # fmt: skip
    assert event.at == stored and event.at.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "sent", [0, 1_700_000_000, "1700000000", "2026-05-01", "2026-05-01T10:00:00",
             "2026-02-30T10:00:00Z", "yesterday", None, True, 1.5]
)  # fmt: skip
def test_times_that_are_not_rfc3339_with_an_offset_are_refused(sent):
    with pytest.raises(ValidationError):
        Heartbeat.model_validate(
            {"kiosk_id": "k", "version": "1", "uptime_s": 1, "camera_ok": True,
             "outbox_backlog": 0, "at": sent}
        )  # fmt: skip


# --- the real service ---------------------------------------------------------------


@pytest.fixture(scope="module")
def kiosk_api(service: ServiceProcess) -> Iterator[Api]:
    with Api(service.url, service.kiosk_key) as api:
        yield api


@pytest.fixture(scope="module")
def staff_api(service: ServiceProcess) -> Iterator[Api]:
    with Api(service.url, service.staff_key) as api:
        yield api


EDGE_TIMES = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59.999999Z",
    "1969-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
]


def _in_range(text: str) -> bool:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return EARLIEST <= moment <= LATEST


@pytest.mark.parametrize("at", EDGE_TIMES)
def test_edge_times_are_clamped_on_every_route_that_takes_one(
    service: ServiceProcess, kiosk_api: Api, staff_api: Api, at: str
):
    kiosk, store = service.kiosk_id, service.store_id
    demand = {"id": new_key(), "kind": "scanned", "gtin": GTIN, "kiosk_id": kiosk,
              "store_id": store, "at": at}  # fmt: skip
    assert kiosk_api.post("/v1/demand-events", json=demand).status_code == 202

    notify = {"id": new_key(), "gtin": GTIN, "email": "shopper@example.org", "language": "de",
              "kiosk_id": kiosk, "store_id": store, "at": at}  # fmt: skip
    answer = kiosk_api.post("/v1/back-in-stock", json=notify)
    assert answer.status_code == 201, answer.text
    assert _in_range(answer.json()["at"])

    beat = {"kiosk_id": kiosk, "version": "1.0", "uptime_s": 5, "camera_ok": True,
            "outbox_backlog": 0, "at": at, "last_scan_at": at}  # fmt: skip
    answer = kiosk_api.post("/v1/kiosks/heartbeat", json=beat)
    assert answer.status_code == 200, answer.text
    assert _in_range(answer.json()["last_scan_at"])
    history = staff_api.get(f"/v1/kiosks/{kiosk}/heartbeats", params={"store_id": store})
    assert history.status_code == 200 and all(_in_range(h["at"]) for h in history.json())

    for route in ("/v1/reports/lost-demand", "/v1/reports/lost-demand.csv"):
        for params in ({"until": at}, {"since": at}, {"since": at, "until": at}):
            answer = staff_api.get(route, params={"store_id": store, **params})
            assert answer.status_code in (200, 422), (route, params, answer.text)
            if answer.status_code == 422:
                assert_error(answer, 422, "invalid_request")


def test_an_integer_or_offsetless_time_is_refused(service: ServiceProcess, kiosk_api: Api):
    beat = {"kiosk_id": service.kiosk_id, "version": "1.0", "uptime_s": 5, "camera_ok": True,
            "outbox_backlog": 0}  # fmt: skip
    for at in (0, 1_700_000_000, "1700000000", "2026-05-01T10:00:00", "2026-05-01"):
        assert_error(kiosk_api.post("/v1/kiosks/heartbeat", json={**beat, "at": at}), 422,
                     "invalid_request")  # fmt: skip


def test_the_service_refuses_forbidden_characters_in_text(
    service: ServiceProcess, kiosk_api: Api, staff_api: Api
):
    for char in FORBIDDEN.values():
        body = order_body(GTIN, kiosk_id=service.kiosk_id, store_id=service.store_id)
        body["ship_to"]["street"] = f"Main St{char} 1"
        answer = kiosk_api.post("/v1/orders", json=body, idempotency_key=new_key())
        assert_error(answer, 422, "invalid_request")
        assert "Main St" not in answer.text  # the error never echoes the shopper's input

        adjustment = {"location_id": service.store_id, "gtin": GTIN, "kind": "receive",
                      "quantity": 1, "actor": f"Anna{char}"}  # fmt: skip
        answer = staff_api.post("/v1/stock-adjustments", json=adjustment, idempotency_key=new_key())
        assert_error(answer, 422, "invalid_request")


@pytest.mark.parametrize("email", ["shopper", "a@b", "shopper@example.org\u202e", "a b@x.org"])
def test_the_service_validates_emails_where_they_enter(
    service: ServiceProcess, kiosk_api: Api, email: str
):
    body = order_body(GTIN, kiosk_id=service.kiosk_id, store_id=service.store_id)
    body["ship_to"]["email"] = email
    answer = kiosk_api.post("/v1/orders", json=body, idempotency_key=new_key())
    assert_error(answer, 422, "invalid_request")
    notify = {"id": new_key(), "gtin": GTIN, "email": email, "language": "de",
              "kiosk_id": service.kiosk_id, "store_id": service.store_id,
              "at": "2026-05-01T10:00:00Z"}  # fmt: skip
    assert_error(kiosk_api.post("/v1/back-in-stock", json=notify), 422, "invalid_request")


@pytest.mark.parametrize(
    "headers",
    [{}, {"Idempotency-Key": "short"}, {"Idempotency-Key": "has a space inside"}],
    ids=["missing", "short", "space"],
)
def test_a_bad_or_missing_idempotency_key_is_a_422(
    service: ServiceProcess, staff_api: Api, headers: dict[str, str]
):
    adjustment = {"location_id": service.store_id, "gtin": GTIN, "kind": "receive",
                  "quantity": 0, "actor": "Anna"}  # fmt: skip
    answer = staff_api.post("/v1/stock-adjustments", json=adjustment, headers=headers)
    assert_error(answer, 422, "invalid_request")


@pytest.mark.parametrize("actor", ["Anna\x85", "x" * 65, "system", "kiosk:kiosk-1"])
def test_a_bad_x_actor_is_a_422(staff_api: Api, actor: str):
    answer = staff_api.post(
        "/v1/orders/no-such-order/status", json={"status": "paid"}, headers={"X-Actor": actor}
    )
    assert answer.status_code in (400, 422), answer.text


@pytest.mark.parametrize(
    "path", ["/v1/orders/%00", "/v1/fetch-requests/%00abc", "/v1/orders/a%0Ab"]
)
def test_control_characters_in_a_path_are_not_a_server_error(kiosk_api: Api, path: str):
    answer = kiosk_api.get(path)
    assert answer.status_code in (404, 422), answer.text
