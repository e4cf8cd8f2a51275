"""The ship-to-home address rules, shared by the kiosk's form and the phone's page.

:func:`validate_address` turns what the shopper typed into a :class:`ShipTo` or a message
per field. The messages are English source texts; the kiosk translates them with Qt (they
are marked in ``kiosk.journey.address``), the phone pages with ``inventory_service.mobile``'s
catalogue. Written once here so a phone order passes exactly the checks a kiosk order does.

Postcode rules cover the countries a store may configure (``ui.countries``); a country
without a rule accepts 2-12 letters, digits, spaces and hyphens. Needs ``email-validator``,
``phonenumbers`` and ``Babel`` (the ``kiosk`` and ``service`` extras).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

import phonenumbers
from babel import Locale, UnknownLocaleError
from email_validator import EmailNotValidError, validate_email

from inventory_client.models import ShipTo
from inventory_client.text_types import without_forbidden

NEED_NAME = "Please type your full name."
NEED_STREET = "Please type your street and house number."
NEED_POSTCODE = "Please type your postcode."
BAD_POSTCODE = "This postcode does not look right for {country}."
NEED_CITY = "Please type your town or city."
NEED_COUNTRY = "Please choose your country."
BAD_EMAIL = "This email address does not look right."
BAD_PHONE = "This phone number does not look right for {country}."
NEED_CONTACT = "Please give an email address or a phone number."
TOO_LONG = "This is too long."

MAX_TEXT = 200

# Upper-cased, single-spaced input must match; the formatter gives the canonical spelling.
_POSTCODE_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "DE": (re.compile(r"^\d{5}$"), "12345"),
    "AT": (re.compile(r"^\d{4}$"), "1234"),
    "CH": (re.compile(r"^\d{4}$"), "1234"),
    "FR": (re.compile(r"^\d{5}$"), "12345"),
    "BE": (re.compile(r"^\d{4}$"), "1234"),
    "LU": (re.compile(r"^(L-?)?\d{4}$"), "1234"),
    "DK": (re.compile(r"^\d{4}$"), "1234"),
    "IT": (re.compile(r"^\d{5}$"), "12345"),
    "ES": (re.compile(r"^\d{5}$"), "12345"),
    "PL": (re.compile(r"^\d{2}-?\d{3}$"), "12-345"),
    "NL": (re.compile(r"^\d{4} ?[A-Z]{2}$"), "1234 AB"),
    "GB": (re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$"), "SW1A 1AA"),
}
#: The countries with a postcode rule: what the phone's order form offers.
POSTCODE_COUNTRIES: tuple[str, ...] = tuple(_POSTCODE_RULES)
_ANY_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{0,10}[A-Z0-9]$")


@dataclass(frozen=True)
class AddressInput:
    """The form's fields exactly as typed."""

    name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    email: str = ""
    phone: str = ""


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AddressInput))


@dataclass(frozen=True)
class AddressCheck:
    """The outcome: a ``ship_to`` when every field is fine, else ``errors`` by field name."""

    ship_to: ShipTo | None
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.ship_to is not None


def parse_countries(text: str) -> tuple[str, ...]:
    """``"DE, AT,ch"`` -> ``("DE", "AT", "CH")``; raises ``ValueError`` for a bad code."""
    codes = tuple(dict.fromkeys(c.strip().upper() for c in text.split(",") if c.strip()))
    if not codes:
        raise ValueError("at least one ISO 3166 country code, e.g. DE,AT,CH")
    for code in codes:
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"two-letter ISO 3166 country codes, e.g. DE,AT,CH (not {code!r})")
    return codes


def country_name(code: str, language: str) -> str:
    """The country's name in the shopper's language (Babel's CLDR territory names)."""
    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    name: str = locale.territories.get(code, code)
    return name


def has_postcode_rule(country: str) -> bool:
    return country in _POSTCODE_RULES


def normalize_postcode(text: str, country: str) -> str | None:
    """The postcode in its usual spelling for ``country``, or ``None`` if it cannot be one."""
    value = " ".join(text.upper().split())
    rule = _POSTCODE_RULES.get(country)
    if rule is None:
        return value if _ANY_POSTCODE.match(value) else None
    pattern, _example = rule
    if not pattern.match(value):
        return None
    if country == "NL":
        return f"{value[:4]} {value[-2:]}"
    if country == "GB":
        compact = value.replace(" ", "")
        return f"{compact[:-3]} {compact[-3:]}"
    if country == "PL":
        digits = value.replace("-", "")
        return f"{digits[:2]}-{digits[2:]}"
    if country == "LU":
        return value.removeprefix("L-").removeprefix("L")
    return value


def normalize_email(text: str) -> str | None:
    """The normalised address, or ``None``. Syntax only: no DNS lookup from a kiosk."""
    try:
        # ASCII only, as the service's email pattern: an address it would refuse is
        # caught here, on the form, rather than as a refused order later.
        checked = validate_email(text.strip(), check_deliverability=False, allow_smtputf8=False)
        return checked.normalized
    except EmailNotValidError:
        return None


def normalize_phone(text: str, country: str) -> str | None:
    """The number in E.164 (``+4930...``), read with ``country`` as the home region."""
    try:
        number = phonenumbers.parse(text.strip(), country or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _text(value: str, missing: str, minimum: int) -> tuple[str, str | None]:
    value = " ".join(without_forbidden(value).split())
    if len(value) > MAX_TEXT:
        return value, TOO_LONG
    if len(value) < minimum or not any(ch.isalnum() for ch in value):
        return value, missing
    return value, None


def validate_address(data: AddressInput, countries: Sequence[str]) -> AddressCheck:
    """Check every field; messages use ``{country}`` for the chosen country's name."""
    errors: dict[str, str] = {}
    name, problem = _text(data.name, NEED_NAME, 2)
    if problem:
        errors["name"] = problem
    street, problem = _text(data.street, NEED_STREET, 3)
    if problem:
        errors["street"] = problem
    city, problem = _text(data.city, NEED_CITY, 2)
    if problem:
        errors["city"] = problem

    country = data.country.strip().upper()
    if country not in countries:
        errors["country"] = NEED_COUNTRY
        country = ""

    postcode = ""
    if not data.postcode.strip():
        errors["postcode"] = NEED_POSTCODE
    elif country:
        postcode = normalize_postcode(data.postcode, country) or ""
        if not postcode:
            errors["postcode"] = BAD_POSTCODE

    email = phone = None
    if data.email.strip():
        email = normalize_email(data.email)
        if email is None:
            errors["email"] = BAD_EMAIL
    if data.phone.strip():
        phone = normalize_phone(data.phone, country)
        if phone is None:
            errors["phone"] = BAD_PHONE
    if not data.email.strip() and not data.phone.strip():
        errors["email"] = errors["phone"] = NEED_CONTACT

    if errors:
        return AddressCheck(ship_to=None, errors=errors)
    ship_to = ShipTo(
        name=name,
        street=street,
        postcode=postcode,
        city=city,
        country=country,
        email=email,
        phone=phone,
    )
    return AddressCheck(ship_to=ship_to, errors={})
