"""The phone pages' words: every text the pages and the shared address rules use has its
German and French, the kiosk marks the same address messages the rules return, and the
status page tells the five states apart."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from inventory_client import address_rules
from inventory_client.handoff import (
    HandoffStage,
    handoff_link,
    kiosk_reference,
    status_link,
    status_token,
)
from inventory_client.models import Order, OrderEvent, OrderLine, OrderStatus, ShipTo
from inventory_service.mobile import headers, i18n, order_form, pages, status
from inventory_service.mobile.kiosk_api import stage_of
from inventory_service.storage.handoff import HandoffRecord
from kiosk.journey import address as kiosk_address

T_CALL = re.compile(r'\bt\(\s*((?:"[^"]*"\s*)+)\)')


def texts_in(source: str) -> set[str]:
    return {"".join(re.findall(r'"([^"]*)"', match.group(1))) for match in T_CALL.finditer(source)}


def test_every_text_has_german_and_french() -> None:
    used: set[str] = set()
    for template in headers.TEMPLATES.glob("*.html"):
        used |= texts_in(template.read_text(encoding="utf-8"))
    for module in (pages, order_form):
        used |= texts_in(Path(str(module.__file__)).read_text(encoding="utf-8"))
    used |= set(status._NEXT.values()) | {"reserved", "paid", "shipped", "cancelled"}
    used |= {"hold expired", order_form.PICK_SIZE}
    used |= {
        value
        for name, value in vars(address_rules).items()
        if name.isupper() and isinstance(value, str) and value.endswith(".")
    }
    assert len(used) > 40
    missing = sorted(text for text in used if set(i18n.TRANSLATIONS.get(text, {})) != {"de", "fr"})
    assert missing == []
    for language in ("de", "fr"):
        t = i18n.translator(language)
        assert t(address_rules.BAD_POSTCODE) != address_rules.BAD_POSTCODE
        assert "{country}" in t(address_rules.BAD_POSTCODE)


def test_unknown_languages_read_english() -> None:
    assert i18n.language_of("es") == i18n.language_of(None) == "en"
    assert i18n.translator("en")("Place order") == "Place order"
    assert i18n.translator("de")("no such text") == "no such text"


def test_the_kiosk_marks_the_rules_own_messages() -> None:
    for name in ("NEED_NAME", "BAD_POSTCODE", "BAD_PHONE", "NEED_CONTACT", "TOO_LONG"):
        assert getattr(kiosk_address, name) == getattr(address_rules, name)
    assert kiosk_address.validate_address is address_rules.validate_address


def test_links_carry_the_language_and_never_the_key() -> None:
    key = "3fd0b7da" + "0" * 24
    assert kiosk_reference(key) == "3FD0B7DA"
    token = status_token(key)
    assert re.fullmatch(r"[0-9a-f]{32}", token) and key not in token
    assert status_token(key) == token != status_token(key[:-1] + "1")
    link = status_link("https://shop.example.com/", key, "fr")
    assert link == f"https://shop.example.com/m/s/{token}?lang=fr&ref=3FD0B7DA"
    assert handoff_link("http://a:1", "tok", "xx") == "http://a:1/m/h/tok?lang=en"


def order_with(status_value: OrderStatus, note: str | None = None) -> Order:
    at = datetime(2026, 3, 1, 10, tzinfo=UTC)
    return Order(
        id="o1",
        number="EA-6JNXK6",
        status=status_value,
        kiosk_id="k1",
        store_id="s1",
        lines=[
            OrderLine(
                gtin="2000000000017",
                quantity=1,
                style_id="st",
                style_name="Shoe",
                size_eu="42",
                unit_price=Decimal("10"),
                fulfilled_from="wh",
            )
        ],
        total=Decimal("10"),
        currency="EUR",
        ship_to=ShipTo(name="N", street="S 1", postcode="12345", city="C", country="DE"),
        created_at=at,
        reserved_until=at if status_value == OrderStatus.RESERVED else None,
        history=[OrderEvent(status=status_value, at=at, actor="system", note=note)],
    )


def test_the_status_page_tells_five_states_apart() -> None:
    t = i18n.translator("de")
    states = {
        status.status_view(order_with(s, note), "Mitte", t).label
        for s, note in (
            (OrderStatus.RESERVED, None),
            (OrderStatus.PAID, None),
            (OrderStatus.SHIPPED, None),
            (OrderStatus.CANCELLED, None),
            (OrderStatus.CANCELLED, "hold expired"),
        )
    }
    assert states == {"reserviert", "bezahlt", "versandt", "storniert", "Reservierung abgelaufen"}
    view = status.status_view(order_with(OrderStatus.RESERVED), "Mitte", t)
    assert view.hold_until is not None and "Mitte" in view.next_step


def test_a_handoff_goes_from_waiting_to_ordered_or_expired() -> None:
    now = datetime(2026, 3, 1, 10, tzinfo=UTC)
    record = HandoffRecord(
        id="h",
        store_id="s",
        kiosk_id="k",
        gtin="2000000000017",
        language="en",
        created_at=now,
        expires_at=now.replace(minute=10),
        opened_at=None,
        session_expires_at=None,
        order_id=None,
        order_key=None,
    )
    assert stage_of(record, now) is HandoffStage.WAITING
    assert stage_of(record, now.replace(minute=11)) is HandoffStage.EXPIRED
    opened = HandoffRecord(**{**vars(record), "opened_at": now})
    assert stage_of(opened, now.replace(minute=11)) is HandoffStage.OPENED
    ordered = HandoffRecord(**{**vars(opened), "order_id": "o1", "order_key": "k"})
    assert stage_of(ordered, now) is HandoffStage.ORDERED


def test_a_form_is_read_safely() -> None:
    assert order_form.read_form(b"name=Erika+M&gtin=123&name=second") == {
        "name": "Erika M",
        "gtin": "123",
    }
    assert order_form.read_form(b"\xff\xfe") == {}
    assert order_form.read_form(b"a=" + b"x" * 9000) == {}
