"""The error tree: shape, shopper messages and technical strings."""

import re

import pytest

from inventory_client import (
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)

LEAVES = [Unavailable, NotFound, NoLongerAvailable, Unauthorized, Rejected, InvalidResponse]


@pytest.mark.parametrize("cls", LEAVES)
def test_every_error_is_an_inventory_error(cls):
    assert issubclass(cls, InventoryError)
    assert cls.__bases__ == (InventoryError,)


@pytest.mark.parametrize("cls", [InventoryError, *LEAVES])
def test_user_message_is_plain_words(cls):
    error = cls("GET /v1/variants/1 -> 503 internal: boom", status_code=503, code="internal")
    message = error.user_message
    assert message and message[0].isupper() and message.endswith(".")
    # no status codes, no error codes, no technical words
    assert not re.search(r"\d{3}|_|http|json|api|error|exception", message, re.IGNORECASE)
    assert str(error) == "GET /v1/variants/1 -> 503 internal: boom"


def test_user_messages_differ_between_classes():
    messages = {cls.default_user_message for cls in LEAVES}
    assert len(messages) == len(LEAVES)


def test_queued_error_tells_the_shopper_the_order_is_kept():
    error = Unavailable("POST /v1/orders: connect timed out", queued=True)
    assert error.queued
    assert "saved" in error.user_message
    assert not Unavailable("x").queued
    assert "saved" not in Unavailable("x").user_message


def test_explicit_user_message_wins():
    assert NotFound("x", user_message="Nope.").user_message == "Nope."


def test_error_tree_is_drawn_in_the_module_docstring():
    from inventory_client import _errors

    for cls in [InventoryError, *LEAVES]:
        assert cls.__name__ in _errors.__doc__
