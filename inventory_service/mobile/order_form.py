"""The phone's order form: the shoe's size run with live stock, and the shopper's address
checked by the kiosk's own rules (``inventory_client.address_rules``).

The form is posted as ``application/x-www-form-urlencoded`` (no JavaScript); it is read
here with the standard library, so no form-parsing dependency and no form schema in the
service's OpenAPI contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qs

from inventory_client.address_rules import (
    FIELD_NAMES,
    POSTCODE_COUNTRIES,
    AddressInput,
    country_name,
    validate_address,
)
from inventory_client.models import LocationKind, ShipTo, VariantDetail
from inventory_service.mobile.i18n import Translate
from inventory_service.storage import Storage

#: The country the form starts on, by page language (the shopper can change it).
DEFAULT_COUNTRY = {"de": "DE", "fr": "FR", "en": "GB"}
#: A posted form larger than this is not read (the fields are at most ~1.5 KB).
MAX_FORM_BYTES = 8 * 1024
PICK_SIZE = "Please choose a size."


@dataclass(frozen=True)
class SizeChoice:
    gtin: str
    size_eu: str
    available: int  # pairs free to order for home delivery (all warehouses)


@dataclass(frozen=True)
class Shoe:
    """The hand-off's shoe: its style and every size with what can be ordered."""

    name: str
    brand: str
    colour: str
    price: Decimal
    currency: str
    image: str
    sizes: list[SizeChoice]

    def choice(self, gtin: str) -> SizeChoice | None:
        return next((s for s in self.sizes if s.gtin == gtin), None)


@dataclass(frozen=True)
class FormState:
    """What the form shows: the values typed, the chosen size, a message per field."""

    order_key: str
    gtin: str = ""
    values: AddressInput = field(default_factory=AddressInput)
    errors: dict[str, str] = field(default_factory=dict)


def shoe_for(storage: Storage, detail: VariantDetail) -> Shoe:
    """The size run of the hand-off's style, with warehouse stock (what ships home)."""
    warehouses = [loc.id for loc in storage.list_locations() if loc.kind == LocationKind.WAREHOUSE]
    free: dict[str, int] = {}
    for level in storage.style_stock(detail.style.id, warehouses):
        free[level.gtin] = free.get(level.gtin, 0) + level.available
    sizes = [
        SizeChoice(gtin=v.gtin, size_eu=v.size_eu, available=free.get(v.gtin, 0))
        for v in sorted(detail.variants, key=lambda v: (v.size_sort, v.width, v.gtin))
    ]
    style = detail.style
    return Shoe(
        name=style.name,
        brand=style.brand,
        colour=style.colour,
        price=style.price,
        currency=style.currency,
        image=style.image,
        sizes=sizes,
    )


def read_form(body: bytes) -> dict[str, str]:
    """The posted fields (first value of each); empty for anything unreadable."""
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0] for name, values in parsed.items() if values}


def address_input(fields: dict[str, str]) -> AddressInput:
    return AddressInput(**{name: fields.get(name, "")[:500] for name in FIELD_NAMES})


def check_order(
    shoe: Shoe, gtin: str, values: AddressInput, t: Translate, language: str
) -> tuple[ShipTo | None, dict[str, str]]:
    """The ship-to address when the size and every field are fine, else messages by field
    (already translated, ``{country}`` filled in)."""
    check = validate_address(values, POSTCODE_COUNTRIES)
    country = country_name(values.country.strip().upper(), language)
    errors = {name: t(message).format(country=country) for name, message in check.errors.items()}
    choice = shoe.choice(gtin)
    if choice is None or choice.available < 1:
        errors["size"] = t(PICK_SIZE)
    return (check.ship_to if not errors else None), errors


def countries(language: str) -> list[tuple[str, str]]:
    """(code, name) of the countries offered, by name in the page's language."""
    return sorted(
        ((code, country_name(code, language)) for code in POSTCODE_COUNTRIES),
        key=lambda pair: pair[1],
    )
