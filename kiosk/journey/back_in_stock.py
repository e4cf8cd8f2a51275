"""The sold-out screen's rule: the email address a shopper leaves to hear when a size is
back, checked in plain Python (email-validator, no DNS lookup, so it works offline).

Messages are English source texts marked for translation in context :data:`CONTEXT`;
the notify screen translates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.journey.address import normalize_email
from kiosk.journey.marks import QT_TRANSLATE_NOOP

CONTEXT = "Notify"

NEED_EMAIL = QT_TRANSLATE_NOOP("Notify", "Please type your email address.")
BAD_EMAIL = QT_TRANSLATE_NOOP(
    "Notify", "This email address does not look right. Please check it, e.g. name@example.com."
)
MAX_EMAIL = 254


@dataclass(frozen=True)
class EmailCheck:
    """The address in its normal form, or the message to show under the field."""

    email: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.email is not None


def check_email(text: str) -> EmailCheck:
    """``"  Erika@Example.COM "`` -> ``Erika@example.com`` (normal form), or a message."""
    text = text.strip()
    if not text:
        return EmailCheck(None, NEED_EMAIL)
    if len(text) > MAX_EMAIL:
        return EmailCheck(None, BAD_EMAIL)
    email = normalize_email(text)
    return EmailCheck(email, None) if email is not None else EmailCheck(None, BAD_EMAIL)
