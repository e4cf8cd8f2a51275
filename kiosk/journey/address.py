"""The ship-to-home address form's rules, as the kiosk uses them.

The rules themselves live in :mod:`inventory_client.address_rules`, shared with the phone's
order page (one set of checks for both). Here the messages are marked for translation
(``QT_TRANSLATE_NOOP``) so ``pyside6-lupdate`` extracts them; the form screen translates
them in context ``"Address"``. ``tests/kiosk/test_address_rules.py`` keeps both spellings equal.
"""

from __future__ import annotations

from inventory_client.address_rules import (
    FIELD_NAMES,
    MAX_TEXT,
    AddressCheck,
    AddressInput,
    country_name,
    has_postcode_rule,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    parse_countries,
    validate_address,
)
from kiosk.journey.marks import QT_TRANSLATE_NOOP

__all__ = [
    "BAD_EMAIL",
    "BAD_PHONE",
    "BAD_POSTCODE",
    "CONTEXT",
    "FIELD_NAMES",
    "MAX_TEXT",
    "NEED_CITY",
    "NEED_CONTACT",
    "NEED_COUNTRY",
    "NEED_NAME",
    "NEED_POSTCODE",
    "NEED_STREET",
    "TOO_LONG",
    "AddressCheck",
    "AddressInput",
    "country_name",
    "has_postcode_rule",
    "normalize_email",
    "normalize_phone",
    "normalize_postcode",
    "parse_countries",
    "validate_address",
]

CONTEXT = "Address"

NEED_NAME = QT_TRANSLATE_NOOP("Address", "Please type your full name.")
NEED_STREET = QT_TRANSLATE_NOOP("Address", "Please type your street and house number.")
NEED_POSTCODE = QT_TRANSLATE_NOOP("Address", "Please type your postcode.")
BAD_POSTCODE = QT_TRANSLATE_NOOP("Address", "This postcode does not look right for {country}.")
NEED_CITY = QT_TRANSLATE_NOOP("Address", "Please type your town or city.")
NEED_COUNTRY = QT_TRANSLATE_NOOP("Address", "Please choose your country.")
BAD_EMAIL = QT_TRANSLATE_NOOP("Address", "This email address does not look right.")
BAD_PHONE = QT_TRANSLATE_NOOP("Address", "This phone number does not look right for {country}.")
NEED_CONTACT = QT_TRANSLATE_NOOP("Address", "Please give an email address or a phone number.")
TOO_LONG = QT_TRANSLATE_NOOP("Address", "This is too long.")
