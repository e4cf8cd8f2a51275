"""request_back_in_stock: through the outbox to the real service; the email address leaves
the kiosk's outbox file (and its -wal) once the service has it, or once it is refused."""

from __future__ import annotations

import sqlite3

import pytest
from support.api import Api

from inventory_client import CircuitBreaker, NotFound, Unavailable
from inventory_client._outbox import OutboxKind, OutboxStatus

from .conftest import make_client

EMAIL = "sold.out.fan@example.net"


def outbox_bytes(tmp_path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("outbox.sqlite*"))


def stored_emails(service) -> list[tuple[str, str, str]]:
    with sqlite3.connect(service.db_path) as db:
        return db.execute("select gtin, email, language from back_in_stock").fetchall()


def test_request_reaches_the_service_and_the_email_leaves_the_outbox(
    fresh_service, client_factory, catalogue, tmp_path
) -> None:
    client = client_factory(fresh_service)
    gtin = catalogue["scenarios"]["last_pair"]
    made = client.request_back_in_stock(gtin, EMAIL, "fr", request_id="bis-request-0001")
    assert (made.id, made.gtin, made.email, made.language) == (
        "bis-request-0001",
        gtin,
        EMAIL,
        "fr",
    )
    assert stored_emails(fresh_service) == [(gtin, EMAIL, "fr")]
    [entry] = client.outbox.entries(kind=OutboxKind.BACK_IN_STOCK)
    assert entry.status == OutboxStatus.SENT
    assert EMAIL.encode() not in outbox_bytes(tmp_path)
    # a retry of the same request is stored once
    again = client.request_back_in_stock(gtin, EMAIL, "fr", request_id="bis-request-0001")
    assert again.id == made.id and len(stored_emails(fresh_service)) == 1
    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        listed = staff.get("/v1/back-in-stock", params={"store_id": fresh_service.store_id})
    assert [r["email"] for r in listed.json()] == [EMAIL]


def test_offline_request_is_queued_then_sent_and_forgotten(
    fresh_service, closed_port_url, catalogue, tmp_path
) -> None:
    gtin = catalogue["scenarios"]["last_pair"]
    offline_service = type("Away", (), {})()
    for name in ("kiosk_key", "kiosk_id", "store_id"):
        setattr(offline_service, name, getattr(fresh_service, name))
    offline_service.url = closed_port_url
    offline = make_client(
        offline_service,
        tmp_path / "outbox.sqlite",
        connect_timeout=0.3,
        breaker=CircuitBreaker(100, 0.0),
    )
    online = make_client(fresh_service, tmp_path / "outbox.sqlite")
    try:
        with pytest.raises(Unavailable) as info:
            offline.request_back_in_stock(gtin, EMAIL, "de")
        assert info.value.queued and "saved on this kiosk" in info.value.user_message
        assert EMAIL.encode() in outbox_bytes(tmp_path)  # kept until the service has it
        assert stored_emails(fresh_service) == []
        assert online.flush_outbox() == 1
        assert stored_emails(fresh_service) == [(gtin, EMAIL, "de")]
        assert EMAIL.encode() not in outbox_bytes(tmp_path)
        assert online.flush_outbox() == 0  # nothing left to send
    finally:
        offline.close()
        online.close()


def test_refused_request_is_failed_and_the_email_deleted(
    fresh_service, client_factory, tmp_path
) -> None:
    client = client_factory(fresh_service)
    with pytest.raises(NotFound):
        client.request_back_in_stock("2999999999991", EMAIL, "en")  # not in the catalogue
    [entry] = client.outbox.failed(kind=OutboxKind.BACK_IN_STOCK)
    assert entry.reason == "the service does not know this item"
    assert EMAIL.encode() not in outbox_bytes(tmp_path)
    assert stored_emails(fresh_service) == []


def test_bad_input_never_reaches_the_outbox(fresh_service, client_factory, catalogue) -> None:
    client = client_factory(fresh_service)
    gtin = catalogue["scenarios"]["last_pair"]
    for email, language in (("no-at-sign", "en"), ("a@b.de", "German")):
        with pytest.raises(ValueError) as info:
            client.request_back_in_stock(gtin, email, language)
        assert email not in str(info.value)
    assert client.outbox.entries() == []
