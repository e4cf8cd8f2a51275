"""What of the shopper's details the outbox keeps (``_privacy``, ``_notices``): plain
functions over real payloads, no service needed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from inventory_client import Rejected, UnfulfillableOrder
from inventory_client._outbox import OutboxEntry, OutboxKind, OutboxStatus
from inventory_client._privacy import contact_only, describe, invalid_fields, without_contact
from inventory_client.models import BackInStockCreate, OrderCreate, OrderLineRequest

from .conftest import SHIP_TO

GTIN = "2000000000017"
ORDER = OrderCreate(
    kiosk_id="k1",
    store_id="berlin-mitte",
    lines=[OrderLineRequest(gtin=GTIN, quantity=2)],
    ship_to=SHIP_TO.model_copy(update={"phone": "+49 30 1234567"}),
).model_dump_json()
PERSONAL = ("Erika", "Musterstraße", "10115", "Berlin", "erika@example.org", "1234567")


def test_without_contact_keeps_who_where_and_what_only():
    kept = without_contact(ORDER)

    assert kept is not None
    assert set(json.loads(kept)) == {"kiosk_id", "store_id", "lines"}
    assert not [value for value in PERSONAL if value in kept]


def test_contact_only_keeps_the_email_for_the_notice_and_nothing_else_personal():
    kept = contact_only(ORDER)

    assert kept is not None
    assert json.loads(kept)["email"] == "erika@example.org"
    assert [value for value in PERSONAL if value in kept] == ["erika@example.org"]


def test_an_order_without_an_email_keeps_no_contact_at_all():
    order = json.loads(ORDER)
    order["ship_to"]["email"] = None

    kept = contact_only(json.dumps(order))

    assert kept is not None and "email" not in json.loads(kept)


def test_a_dropped_payload_stays_dropped():
    assert without_contact(None) is None
    assert contact_only(None) is None


def test_describe_keeps_class_status_and_code_never_the_message():
    refused = Rejected(
        "POST /v1/orders -> 422 validation: name 'Erika Mustermann' too long",
        status_code=422,
        code="validation",
    )

    assert describe(refused) == "Rejected: 422 validation"
    assert describe(Rejected("no answer")) == "Rejected: - -"


def test_invalid_fields_names_the_fields_never_their_values():
    with pytest.raises(ValidationError) as caught:
        BackInStockCreate(
            id="b" * 16,
            gtin="12",
            email="erika at example",
            language="de",
            kiosk_id="k1",
            store_id="berlin-mitte",
            at=datetime.now(UTC),
        )

    named = invalid_fields(caught.value)
    assert set(named.split(", ")) == {"gtin", "email"}
    assert "erika" not in named


def test_a_refused_offline_order_reads_back_as_a_notice():
    failed_at = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    entry = OutboxEntry(
        id=1,
        kind=OutboxKind.ORDER,
        idempotency_key="k" * 16,
        payload=contact_only(ORDER),
        payload_sha256="-",
        status=OutboxStatus.FAILED,
        attempts=2,
        last_error="NoLongerAvailable: 409 no_longer_available",
        result_id=None,
        result_number=None,
        created_at=failed_at,
        updated_at=failed_at,
    )

    notice = UnfulfillableOrder.from_entry(entry)

    assert notice == UnfulfillableOrder(
        idempotency_key="k" * 16,
        lines=((GTIN, 2),),
        reason="no longer in stock",
        email="erika@example.org",
        failed_at=failed_at,
    )
