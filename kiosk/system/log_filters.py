"""What a kiosk log record may carry: an allow-list of fields and arguments, then masking.

:class:`AllowListFilter` writes only named, known-safe things. An ``extra`` field is
written only when its name is in :data:`SAFE_FIELDS` (others are dropped, their names listed
under ``withheld``); a message argument only when it is a number, an enum, a date, text
without spaces (an id, a GTIN, a code: :data:`SAFE_TOKEN`) or text the code vouches for
(:class:`~inventory_client._privacy.LogSafe`); anything else becomes ``[text]`` (a name, a
street) or ``[<type>]`` (an object, whose repr could hold a ``ship_to``); an exception
argument becomes its class name. Tracebacks keep every frame and withhold every exception's
message (``ValueError: [message withheld]``): a validation error quotes the input it refused.

:class:`PersonalDataFilter` then masks anything that still looks like an email address or a
phone number (a single-word token such as an email address passes the allow-list).

Both go on handlers (not loggers: a logger's filters do not see records that propagate up
from its children); :func:`kiosk.system.logs.configure_logging` attaches them.
"""

from __future__ import annotations

import datetime as dt
import enum
import errno
import logging
import re
import traceback
from collections.abc import Mapping
from pathlib import PurePath

from inventory_client._privacy import LogSafe

__all__ = [
    "EMAIL_MASK",
    "MESSAGE_WITHHELD",
    "PHONE_MASK",
    "RECORD_ATTRS",
    "SAFE_FIELDS",
    "SAFE_TOKEN",
    "TEXT_WITHHELD",
    "AllowListFilter",
    "PersonalDataFilter",
    "redact",
    "safe_argument",
    "safe_traceback",
]

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
RECORD_ATTRS = frozenset(
    vars(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None)).keys()
) | {"message", "asctime", "taskName"}
_RECORD_ATTRS = RECORD_ATTRS

# --- redaction --------------------------------------------------------------------------

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone-number candidate: digits with the separators people write phone numbers with.
_PHONE_CANDIDATE = re.compile(r"(?<![\w.+/-])\+?\(?\d[\d ()./-]{5,}\d(?!\w)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DECIMAL = re.compile(r"\d+\.\d+")
# GTIN-8/12/13/14 are written as one unbroken run of digits; these lengths stay readable.
_GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def _looks_like_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if not 7 <= digits <= 15:
        return False
    if candidate.startswith("+"):
        return True
    if candidate.isdigit():
        # Unbroken digits are usually ids, GTINs or epoch times. National numbers written
        # without spaces ("0612345678") are 10-11 digits starting with 0: no GTIN has
        # that length.
        return digits in (10, 11) and candidate[0] == "0" and digits not in _GTIN_LENGTHS
    stripped = candidate.strip("()")
    return not (
        _ISO_DATE.fullmatch(stripped[:10])
        or _IPV4.fullmatch(stripped)
        or _DECIMAL.fullmatch(stripped)
    )


def redact(text: str) -> str:
    """Mask email addresses and phone-number-like digit groups in ``text``.

    Errs on the side of masking: "sizes 40 41 42 43" is masked too, since it cannot be
    told apart from "06 12 34 56 78". GTINs, ISO dates, IPv4 addresses and decimals stay.
    """
    if "@" in text:
        text = _EMAIL.sub(EMAIL_MASK, text)
    return _PHONE_CANDIDATE.sub(
        lambda m: PHONE_MASK if _looks_like_phone(m.group(0)) else m.group(0), text
    )


class PersonalDataFilter(logging.Filter):
    """Mask emails and phone numbers in a record before it is written (last line of defence).

    Attach it to handlers (not loggers): a logger's filters do not see records that
    propagate up from its children.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        for key, value in list(vars(record).items()):
            if key not in _RECORD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# --- the allow-list ---------------------------------------------------------------------

SAFE_FIELDS = frozenset(
    {
        # where and what: ids and codes, never the person behind them
        "kiosk_id", "store_id", "gtin", "style_id", "order_id", "order_number",
        "idempotency_key", "request_id", "event_id", "fetch_id", "channel", "kind",
        "symbology", "language", "screen", "state", "status", "status_code", "code",
        "command", "exit", "blocked", "seq", "path", "url", "version", "count", "backlog",
        "attempt", "reason_code", "action",
        # how long and how big
        "ms", "elapsed_ms", "duration_ms", "duration_s", "fps", "age_s", "retry_after_s",
        # the window and the screen (kiosk/display.py)
        "geometry", "frame", "screen_geometry", "available_geometry", "fullscreen",
        "exposed", "device_pixel_ratio",
        # an error's class (and status/code), never its message text
        "error",
    }
)  # fmt: skip
"""``extra`` field names that are written. Add a name here only for values that can never be
a shopper's detail (ids, codes, counts, timings); ``tests/deploy/test_logs_allow_list.py``
shows what happens to the rest."""

SAFE_TOKEN = re.compile(r"[\w.:/+#@=,-]{0,80}")
"""Text written as a message argument: one word of letters, digits and code punctuation,
no space (a name or a street has one), at most 80 characters."""

TEXT_WITHHELD = "[text]"
MESSAGE_WITHHELD = "[message withheld]"
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _exception_name(exc: BaseException) -> str:
    """Class, plus what is safe of it: an HTTP status and error code, an errno name."""
    name = type(exc).__name__
    facts = [
        str(value)
        for value in (getattr(exc, "status_code", None), getattr(exc, "code", None))
        if isinstance(value, int) or (isinstance(value, str) and SAFE_TOKEN.fullmatch(value))
    ]
    if isinstance(exc, OSError) and exc.errno is not None and exc.errno in errno.errorcode:
        facts.append(errno.errorcode[exc.errno])
    return f"{name}({', '.join(facts)})" if facts else name


def safe_argument(value: object) -> object:
    """A message argument as it may be written (see the module docstring)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, LogSafe):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, str | int) else value.name
    if isinstance(value, BaseException):
        return _exception_name(value)
    if isinstance(value, dt.date | dt.time | dt.timedelta | PurePath):
        return str(value)
    if isinstance(value, str):
        return value if SAFE_TOKEN.fullmatch(value) else TEXT_WITHHELD
    if isinstance(value, bytes):
        return f"[{len(value)} bytes]"
    return f"[{type(value).__name__}]"


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes: every frame, no exception's message."""
    seen: set[int] = set()

    def chain(error: BaseException) -> list[str]:
        if id(error) in seen:
            return []
        seen.add(id(error))
        lines: list[str] = []
        if error.__cause__ is not None:
            lines += [*chain(error.__cause__), _CAUSE]
        elif error.__context__ is not None and not error.__suppress_context__:
            lines += [*chain(error.__context__), _CONTEXT]
        if error.__traceback__ is not None:
            lines.append("Traceback (most recent call last):\n")
            lines += traceback.format_tb(error.__traceback__)
        lines.append(f"{_exception_name(error)}: {MESSAGE_WITHHELD}\n")
        return lines

    return "".join(chain(exc)).rstrip("\n")


class AllowListFilter(logging.Filter):
    """Write only named, known-safe fields and arguments (see the module docstring).

    Attach it to handlers (not loggers), before :class:`PersonalDataFilter`.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        withheld = sorted(
            key
            for key in vars(record)
            if key not in _RECORD_ATTRS
            and not key.startswith("_")
            and key not in SAFE_FIELDS
            and key != "withheld"  # set by this filter on an earlier handler
        )
        for key in withheld:
            delattr(record, key)
        if withheld:
            record.withheld = withheld
        if record.args:
            args = record.args
            if isinstance(args, Mapping):
                record.args = {key: safe_argument(value) for key, value in args.items()}
            else:
                record.args = tuple(safe_argument(value) for value in args)
            try:
                record.msg, record.args = record.getMessage(), None
            except (TypeError, ValueError):  # a broken format string: keep what is safe
                record.msg, record.args = f"{record.msg} {record.args}", None
        elif not isinstance(record.msg, str):
            record.msg = safe_argument(record.msg)  # log.info(obj): its repr could be anything
        if record.exc_info and record.exc_info[1] is not None:
            # Always ours, even if another handler already cached the full text.
            record.exc_text = safe_traceback(record.exc_info[1])
        elif record.exc_text:
            record.exc_text = MESSAGE_WITHHELD
        return True
