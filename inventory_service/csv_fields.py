"""Checks of single CSV values (catalogue and stock imports): each returns the clean value
or raises :class:`LineProblem` with the plain reason staff read in the import report."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from stdnum import ean

MAX_ON_HAND = 1_000_000

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_SIZE_EU = re.compile(r"^\d{2}(\.5)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class LineProblem(ValueError):
    """A bad value: the message is the plain reason shown to staff."""


def gtin(value: str) -> str:
    if not value:
        raise LineProblem("GTIN is empty")
    if not (value.isascii() and value.isdigit()):
        raise LineProblem(f"GTIN {value!r} must be digits only")
    if len(value) == 12:  # UPC-A is a GTIN-13 with a leading zero
        value = "0" + value
    if len(value) != 13:
        raise LineProblem(f"GTIN {value!r} must have 13 digits (or 12 for a UPC-A)")
    expected = ean.calc_check_digit(value[:-1])
    if value[-1] != expected:
        raise LineProblem(f"bad GTIN check digit in {value} (the last digit should be {expected})")
    return value


def identifier(value: str, column: str) -> str:
    if not _IDENTIFIER.match(value):
        raise LineProblem(
            f"{column} {value!r} must be 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return value


def text(value: str, column: str, *, limit: int, required: bool = True) -> str:
    if required and not value:
        raise LineProblem(f"{column} is empty")
    if len(value) > limit:
        raise LineProblem(f"{column} is longer than {limit} characters")
    return value


def price(value: str) -> Decimal:
    try:
        price = Decimal(value)
    except InvalidOperation:
        hint = " (use a dot for decimals)" if "," in value else ""
        raise LineProblem(f"price {value!r} is not a number{hint}") from None
    if not price.is_finite():
        raise LineProblem(f"price {value!r} is not a number")
    if price < 0:
        raise LineProblem("price cannot be negative")
    if price != price.quantize(Decimal("0.01")):
        raise LineProblem(f"price {value!r} has more than 2 decimals")
    if price >= Decimal("100000000"):
        raise LineProblem(f"price {value!r} is too large")
    return price


def currency(value: str) -> str:
    code = value.upper()
    if not _CURRENCY.match(code):
        raise LineProblem(f"currency {value!r} must be a 3-letter code such as EUR")
    return code


def size_eu(value: str) -> str:
    if not _SIZE_EU.match(value):
        raise LineProblem(f"size_eu {value!r} must look like 42 or 42.5")
    return value


def count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise LineProblem(f"on_hand {value!r} is not a whole number") from None
    if number < 0:
        raise LineProblem(f"on_hand cannot be negative (found {number})")
    if number > MAX_ON_HAND:
        raise LineProblem(f"on_hand {number} is more than {MAX_ON_HAND}")
    return number
