"""Every message the shopper can read that comes from outside the screens, marked for
translation, so the .ts files carry them and the screens can show them in any language.

The inventory client's ``user_message`` texts are English; :func:`shopper_text` lets a
screen translate one (context :data:`CONTEXT`). A test checks this list against the client's
error classes, so a new message cannot slip through untranslated.
"""

from __future__ import annotations

from kiosk.journey.marks import QT_TRANSLATE_NOOP

CONTEXT = "Messages"

CLIENT_MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(
        "Messages", "Something went wrong. Please try again, or ask a member of staff for help."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "We couldn't confirm your order just now. It is saved on this kiosk "
        "and will be sent again automatically.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "We can't reach our stock system right now. "
        "Please try again in a moment, or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "We can't reach our stock system right now. Your order is saved on this kiosk "
        "and will be sent as soon as the connection is back.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "We couldn't find this item. Please try another one, or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Sorry, this size has just sold out. Please choose another size, "
        "or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This kiosk is not set up correctly at the moment. Please ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "We couldn't accept this request. Please check the details, "
        "or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Our stock system gave an unexpected answer. "
        "Please try again in a moment, or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Our stock system is busy right now. "
        "Please try again in a moment, or ask a member of staff for help.",
    ),
    QT_TRANSLATE_NOOP("Messages", "Something went wrong on our side. Please ask a staff member."),
)
