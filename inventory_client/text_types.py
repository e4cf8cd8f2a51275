"""The text types of the wire contract: what a name, a note, an id or an email may hold.

Every model in ``models.py`` that carries text a person typed or a file supplied (actors,
notes, names, style names, addresses, ids made by devices) uses one of these, so the same
characters are refused everywhere, by the kiosk before sending and by the service on arrival:

- control characters (C0, DEL, C1: NUL, tab, newline, escape, ...), except a newline in
  multi-line text;
- the bidi embedding, override and isolate controls U+202A-U+202E and U+2066-U+2069 (they
  let ``"abc.exe"`` render as ``"exe.cba"`` in a staff table or a log line), and the
  Unicode line and paragraph separators U+2028/U+2029;
- lone surrogates (pydantic refuses them as strings already).

Each rule is one regular expression, written so it means the same in Python's ``re``, in
pydantic's Rust engine and in ECMA-262 (the dialect of the ``pattern`` keyword in the
published OpenAPI document): the schema says exactly what the service enforces, so a
client reading ``/openapi.json`` never sends a valid-looking value that is refused.

Single-line text has no whitespace at either end instead of being stripped silently:
stripping would make the schema's ``maxLength`` and ``pattern`` lie about what is accepted.
The kiosk collapses whitespace before sending (``address_rules``).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

#: Never in any text: C0 and C1 controls, DEL, line/paragraph separators, bidi controls.
FORBIDDEN_CHARS = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
#: As ``FORBIDDEN_CHARS``, but a newline (``\n``) is allowed: notes, descriptions.
FORBIDDEN_IN_MULTI_LINE = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
#: Whitespace a single-line value may not start or end with (the controls are refused anyway).
_EDGE_SPACE = r" \xa0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff"

_ALLOWED = f"[^{FORBIDDEN_CHARS}]"
_ALLOWED_AT_EDGE = f"[^{FORBIDDEN_CHARS}{_EDGE_SPACE}]"


def single_line_pattern(max_length: int, min_length: int = 1) -> str:
    """The pattern of one line of 1..``max_length`` characters (0.. when ``min_length`` is 0)
    without forbidden characters or whitespace at either end."""
    if max_length < 2:
        body = _ALLOWED_AT_EDGE
    else:
        body = f"{_ALLOWED_AT_EDGE}(?:{_ALLOWED}{{0,{max_length - 2}}}{_ALLOWED_AT_EDGE})?"
    return f"^{body}$" if min_length >= 1 else f"^(?:{body})?$"


def line(max_length: int, *, min_length: int = 1) -> StringConstraints:
    """One line of text: a name, a street, an actor, a reason, a style name.

    Use as ``Annotated[str, line(200)]`` (an ``Annotated`` alias written out, so type
    checkers read it as ``str``)."""
    return StringConstraints(
        min_length=min_length,
        max_length=max_length,
        pattern=single_line_pattern(max_length, min_length),
    )


MULTI_LINE_PATTERN = f"^[^{FORBIDDEN_IN_MULTI_LINE}]*$"


def lines(max_length: int) -> StringConstraints:
    """Free text that may span lines (``\\n`` only): a note, a description, an audit detail."""
    return StringConstraints(max_length=max_length, pattern=MULTI_LINE_PATTERN)


#: The common one-line text of the contract (names, streets, cities, actors, style names).
ShortText = Annotated[str, line(200)]

#: Text to search for: no forbidden character, and something besides spaces.
SEARCH_TEXT_PATTERN = f"^{_ALLOWED}*{_ALLOWED_AT_EDGE}{_ALLOWED}*$"

#: An id a device makes (demand event, audit entry, back-in-stock request): printable ASCII,
#: no spaces, 8-64 characters (a uuid4 hex is 32).
DEVICE_ID_PATTERN = r"^[\x21-\x7e]{8,64}$"
DeviceId = Annotated[str, StringConstraints(pattern=DEVICE_ID_PATTERN)]

#: An id the service made, as it comes back in a path (order, fetch request): printable
#: ASCII without ``/``, 1-64 characters.
RECORD_ID_PATTERN = r"^[\x21-\x2e\x30-\x7e]{1,64}$"
RecordId = Annotated[str, StringConstraints(pattern=RECORD_ID_PATTERN)]

#: An email address: an ASCII dot-atom local part, a domain of letter-digit-hyphen labels and
#: a top-level domain of letters (RFC 5321 without quoted local parts or address literals).
#: The kiosk checks more (``email-validator``) before it sends; this is what the service
#: enforces, and exactly what the schema says.
EMAIL_PATTERN = (
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
EmailAddress = Annotated[
    str, StringConstraints(min_length=6, max_length=254, pattern=EMAIL_PATTERN)
]

#: A phone number as the kiosk sends it (E.164, ``+4930123456``) or as staff type it
#: (digits, spaces and ``()./-``, an optional leading ``+``).
PHONE_PATTERN = r"^\+?[0-9](?:[0-9 ()./-]{0,30}[0-9])?$"
PhoneNumber = Annotated[str, StringConstraints(max_length=32, pattern=PHONE_PATTERN)]

_FORBIDDEN_RE = re.compile(f"[{FORBIDDEN_CHARS}]")


def is_clean_line(text: str) -> bool:
    """True when ``text`` holds no character a single line may not hold (edges aside).
    For code that checks typed text before it builds a model (the kiosk's forms)."""
    return _FORBIDDEN_RE.search(text) is None


def without_forbidden(text: str) -> str:
    """``text`` with every character a single line may not hold removed: what a form does
    with a pasted bidi override or control character (invisible to the shopper anyway)."""
    return _FORBIDDEN_RE.sub("", text)
