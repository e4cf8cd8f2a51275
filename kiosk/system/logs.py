"""Structured logging for the kiosk: JSON lines to a rotating file, stderr or journald.

Every line is one JSON object::

    {"ts": "2025-01-31T09:12:03.123Z", "level": "INFO", "logger": "kiosk.scanner",
     "msg": "scan decoded", "kiosk_id": "mitte-kiosk-1", "gtin": "4006381333931"}

Fields passed with ``logger.info("...", extra={"gtin": gtin})`` become top-level keys, so
IT can filter with ``jq 'select(.gtin == "...")'``.

Where the lines go:

- ``log_dir`` given: ``<log_dir>/kiosk.log``, rotated at 5 MB, five old files kept.
- no ``log_dir``: stderr.
- running as a systemd service whose stderr is connected to the journal (``JOURNAL_STREAM``
  names stderr's device and inode): stderr lines get a ``<N>`` syslog priority prefix, which
  journald turns into the entry's priority, so ``journalctl -p warning`` works. This needs no
  extra dependency (no python-systemd).

Personal data: code must never log a shopper's name, address, email or phone number in the
first place — log order ids and GTINs, never the contact details behind them.
:class:`PersonalDataFilter` is only the last line of defence: it masks anything that looks
like an email address or a phone number in the message, in string ``extra`` fields and in
tracebacks, before any handler writes the record.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "LOG_BACKUPS",
    "LOG_FILE_NAME",
    "LOG_MAX_BYTES",
    "JournalFormatter",
    "JsonFormatter",
    "PersonalDataFilter",
    "configure_logging",
    "redact",
    "stream_is_journal",
]

LOG_FILE_NAME = "kiosk.log"
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_RECORD_ATTRS = frozenset(
    vars(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None)).keys()
) | {"message", "asctime", "taskName"}
_OWN_HANDLER = "_endless_aisle_handler"

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


# --- formatting -------------------------------------------------------------------------


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ts (UTC, ISO-8601, ms), level, logger, msg, kiosk_id, extras."""

    def __init__(self, kiosk_id: str) -> None:
        super().__init__()
        self.kiosk_id = kiosk_id

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, tz=UTC)
        entry: dict[str, Any] = {
            "ts": ts.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "kiosk_id": self.kiosk_id,
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


# syslog priorities (sd-daemon.h): journald reads a leading "<N>" on each stderr line.
_SYSLOG_PRIORITY = {
    logging.CRITICAL: 2,  # crit
    logging.ERROR: 3,  # err
    logging.WARNING: 4,  # warning
    logging.INFO: 6,  # info
    logging.DEBUG: 7,  # debug
}


def _priority(levelno: int) -> int:
    for threshold in (logging.CRITICAL, logging.ERROR, logging.WARNING, logging.INFO):
        if levelno >= threshold:
            return _SYSLOG_PRIORITY[threshold]
    return _SYSLOG_PRIORITY[logging.DEBUG]


class JournalFormatter(JsonFormatter):
    """A JSON line prefixed with ``<N>``, the syslog priority journald parses off stderr."""

    def format(self, record: logging.LogRecord) -> str:
        return f"<{_priority(record.levelno)}>{super().format(record)}"


def stream_is_journal(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """True when ``stream`` is the journal connection systemd gave us.

    systemd sets ``JOURNAL_STREAM=<device>:<inode>`` for services whose stdout/stderr go to
    the journal; comparing it with the stream's own fstat tells a service from a shell that
    merely inherited the variable (sd-daemon's documented check).
    """
    value = (os.environ if environ is None else environ).get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # closed, or not a real file (pytest capture)
        return False
    return st.st_dev == int(device) and st.st_ino == int(inode)


# --- set-up -----------------------------------------------------------------------------


def configure_logging(
    *,
    kiosk_id: str,
    log_dir: Path | None,
    level: str = "INFO",
    journald: bool = True,
    stream: TextIO | None = None,
    max_bytes: int = LOG_MAX_BYTES,
    backups: int = LOG_BACKUPS,
) -> None:
    """Route the root logger to JSON lines. Safe to call again: it replaces its own handlers.

    ``stream`` is where stderr output goes (``sys.stderr`` by default; tests pass a file).
    ``level`` is a logging level name (``DEBUG``, ``INFO``, ``WARNING``, ``ERROR``).
    """
    levels = logging.getLevelNamesMapping()
    if level.upper() not in levels:
        raise ValueError(f"log level {level!r}: allowed are DEBUG, INFO, WARNING, ERROR")
    stream = sys.stderr if stream is None else stream

    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir = Path(log_dir)
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        file_handler.setFormatter(JsonFormatter(kiosk_id))
        handlers.append(file_handler)
    if journald and stream_is_journal(stream):
        journal_handler = logging.StreamHandler(stream)
        journal_handler.setFormatter(JournalFormatter(kiosk_id))
        handlers.append(journal_handler)
    elif log_dir is None:
        stderr_handler = logging.StreamHandler(stream)
        stderr_handler.setFormatter(JsonFormatter(kiosk_id))
        handlers.append(stderr_handler)

    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OWN_HANDLER, False)]:
        root.removeHandler(old)
        old.close()
    personal_data = PersonalDataFilter()
    for handler in handlers:
        setattr(handler, _OWN_HANDLER, True)
        handler.addFilter(personal_data)
        root.addHandler(handler)
    root.setLevel(levels[level.upper()])
