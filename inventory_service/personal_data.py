"""What counts as a shopper's personal data in text, and how it is kept out of free text.

Pure functions, shared by the order notes (``storage.orders``), the audit trail
(``storage.audit``), erasure and retention. A shopper is known by the contact details of
their order (``ShipTo``): name, street, email and phone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: What an erased order's contact details read (country is kept: it is not personal alone).
ERASED = "erased"
#: What replaces an email, phone or shopper detail found in free text.
MASK = "[personal data removed]"
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
#: Shortest name or street matched in free text (shorter ones match too much).
MIN_TEXT_MATCH = 4
#: Fewest digits of a phone number that identify it.
MIN_PHONE_DIGITS = 7
_PHONE_LIKE = re.compile(r"[+(]?\d[\d\s()./-]{5,}\d")


@dataclass(frozen=True)
class Identifiers:
    """Ways a shopper can appear in text: exact strings and phone digit runs."""

    texts: frozenset[str]
    phones: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.texts or self.phones)

    def __or__(self, other: Identifiers) -> Identifiers:
        return Identifiers(self.texts | other.texts, self.phones | other.phones)


NONE = Identifiers(frozenset(), frozenset())


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def same_phone(a: str, b: str) -> bool:
    """``+49 170 1234567`` and ``0170 1234567`` are one number (national part equal)."""
    da, db = digits(a).lstrip("0"), digits(b).lstrip("0")
    if min(len(da), len(db)) < MIN_PHONE_DIGITS:
        return False
    return da.endswith(db) or db.endswith(da)


def identifiers(
    *,
    name: str | None = None,
    street: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> Identifiers:
    texts = {
        value.strip().casefold()
        for value in (name, street, email)
        if value and value.strip() != ERASED and len(value.strip()) >= MIN_TEXT_MATCH
    }
    phones = (
        {digits(phone).lstrip("0")} if phone and len(digits(phone)) >= MIN_PHONE_DIGITS else set()
    )
    return Identifiers(frozenset(texts), frozenset(phones))


def identifiers_of_ship_to(ship_to_json: str) -> Identifiers:
    """The identifiers in an order's stored ``ship_to`` (JSON text)."""
    try:
        data = json.loads(ship_to_json)
    except ValueError:
        return NONE
    if not isinstance(data, dict):
        return NONE
    return identifiers(
        name=data.get("name"),
        street=data.get("street"),
        email=data.get("email"),
        phone=data.get("phone"),
    )


def contact_matches(ship_to_json: str, *, email: str | None, phone: str | None) -> bool:
    """Whether an order's contact details are this email or this phone."""
    try:
        data = json.loads(ship_to_json)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    stored = data.get("email")
    if email and isinstance(stored, str) and stored.strip().casefold() == email.strip().casefold():
        return True
    if phone and isinstance(data.get("phone"), str):
        return same_phone(data["phone"], phone)
    return False


def erased_ship_to(ship_to_json: str) -> str:
    """The stored ``ship_to`` with every contact detail gone (the country stays)."""
    try:
        data = json.loads(ship_to_json)
    except ValueError:
        data = {}
    country = data.get("country") if isinstance(data, dict) else None
    erased: dict[str, str | None] = {
        "name": ERASED,
        "street": ERASED,
        "postcode": ERASED,
        "city": ERASED,
        "country": country if isinstance(country, str) else "ZZ",
        "email": None,
        "phone": None,
    }
    return json.dumps(erased, separators=(",", ":"))


def mentions(text: str, who: Identifiers) -> bool:
    """Whether ``text`` names the shopper (case-insensitive; phones by their digits)."""
    if not text:
        return False
    folded = text.casefold()
    if any(t in folded for t in who.texts):
        return True
    runs = _digit_runs(text)
    return any(p in run for p in who.phones for run in runs)


def scrub(text: str, who: Identifiers = NONE) -> str:
    """``text`` with every email address and every detail of ``who`` masked."""
    cleaned = _EMAIL.sub(MASK, text)
    for value in sorted(who.texts, key=len, reverse=True):
        cleaned = re.sub(re.escape(value), MASK, cleaned, flags=re.IGNORECASE)
    for phone in who.phones:
        cleaned = _mask_phone(cleaned, phone)
    return cleaned


def _digit_runs(text: str) -> list[str]:
    """Digits of each phone-like run (digits with spaces, dashes, dots, slashes, +, ())."""
    return [digits(m[0]) for m in _PHONE_LIKE.finditer(text)]


def _mask_phone(text: str, phone: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return MASK if phone in digits(match[0]) else match[0]

    return _PHONE_LIKE.sub(replace, text)


def scrub_note(note: str | None, ship_to_json: str) -> str | None:
    """A staff note on an order without the order's own contact details or any email."""
    if not note:
        return note
    return scrub(note, identifiers_of_ship_to(ship_to_json))
