"""kiosk.journey.address: each field's rule, with plain asserts."""

from __future__ import annotations

import pytest

from kiosk.journey.address import (
    BAD_EMAIL,
    BAD_PHONE,
    BAD_POSTCODE,
    NEED_CONTACT,
    NEED_COUNTRY,
    NEED_NAME,
    AddressInput,
    country_name,
    normalize_phone,
    normalize_postcode,
    parse_countries,
    validate_address,
)

COUNTRIES = ("DE", "AT", "CH", "NL", "FR", "GB")
GOOD = AddressInput(
    name="Erika Mustermann",
    street="Heidestraße 17",
    postcode="51147",
    city="Köln",
    country="DE",
    email="Erika@Example.com",
)


@pytest.mark.parametrize(
    ("country", "typed", "expected"),
    [
        ("DE", "10115", "10115"),
        ("DE", "1011", None),
        ("DE", "101155", None),
        ("AT", "1010", "1010"),
        ("AT", "10100", None),
        ("CH", "8001", "8001"),
        ("FR", "75001", "75001"),
        ("FR", "7500A", None),
        ("NL", "1012ab", "1012 AB"),
        ("NL", "1012 AB", "1012 AB"),
        ("NL", "1012", None),
        ("GB", "sw1a1aa", "SW1A 1AA"),
        ("GB", "M1 1AE", "M1 1AE"),
        ("GB", "12345", None),
        ("PL", "00950", "00-950"),
        ("SE", "114 55", "114 55"),  # no rule: a plausible postcode is accepted
    ],
)
def test_postcode_rules(country: str, typed: str, expected: str | None) -> None:
    assert normalize_postcode(typed, country) == expected


def test_a_good_address_becomes_a_ship_to() -> None:
    check = validate_address(GOOD, COUNTRIES)
    assert check.ok and check.errors == {}
    assert check.ship_to.email == "Erika@example.com"  # domain normalised, local part kept
    assert check.ship_to.phone is None


def test_every_missing_field_gets_its_own_message() -> None:
    check = validate_address(AddressInput(), COUNTRIES)
    assert not check.ok
    assert check.errors["name"] == NEED_NAME
    assert check.errors["country"] == NEED_COUNTRY
    assert check.errors["email"] == check.errors["phone"] == NEED_CONTACT
    assert set(check.errors) == {"name", "street", "postcode", "city", "country", "email", "phone"}


def test_phone_alone_is_enough_and_is_read_in_the_chosen_country() -> None:
    check = validate_address(
        AddressInput(**{**GOOD.__dict__, "email": "", "phone": "030 1234567"}), COUNTRIES
    )
    assert check.ok, check.errors
    assert check.ship_to.phone == "+49301234567"
    assert normalize_phone("030 1234567", "FR") == "+33301234567"  # read as French
    assert normalize_phone("12 34", "DE") is None
    assert normalize_phone("+33 1 42 68 53 00", "DE") == "+33142685300"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "erika@"}, "email", BAD_EMAIL),
        ({"phone": "12"}, "phone", BAD_PHONE),
        ({"postcode": "1234"}, "postcode", BAD_POSTCODE),
        ({"country": "US"}, "country", NEED_COUNTRY),  # not a configured country
        ({"name": "  "}, "name", NEED_NAME),
    ],
)
def test_bad_fields(changes: dict, field: str, message: str) -> None:
    check = validate_address(AddressInput(**{**GOOD.__dict__, **changes}), COUNTRIES)
    assert check.errors.get(field) == message


def test_countries_config_and_names() -> None:
    assert parse_countries(" de, at,DE ") == ("DE", "AT")
    with pytest.raises(ValueError):
        parse_countries("Germany")
    with pytest.raises(ValueError):
        parse_countries("")
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("NL", "en") == "Netherlands"


def test_pasted_invisible_controls_are_dropped_not_a_crash() -> None:
    """A bidi override or NUL pasted into a field (phone page, physical keyboard) would
    make the ship-to model refuse; the form drops them, as the shopper cannot see them."""
    from dataclasses import replace

    typed = replace(GOOD, name="Erika\u202e Muster\x00mann", street="Heide\u2066straße 17")
    check = validate_address(typed, COUNTRIES)
    assert check.ok, check.errors
    assert check.ship_to.name == "Erika Mustermann"
    assert check.ship_to.street == "Heidestraße 17"


def test_an_email_the_service_would_refuse_is_caught_on_the_form() -> None:
    from dataclasses import replace

    check = validate_address(replace(GOOD, email="jürgen@exämple.de"), COUNTRIES)
    assert check.errors == {"email": BAD_EMAIL}
