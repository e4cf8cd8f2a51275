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
first place — log order ids and GTINs, never the contact details behind them. Whatever a log
call passes, only named, known-safe fields and arguments are written and what still looks
like an email or a phone number is masked (:mod:`kiosk.system.log_filters`). The message
format string itself is code (ruff's ``G`` rules keep f-strings and ``.format`` out of log
calls), so it is written as it is.

Crashes: :func:`configure_logging` routes uncaught exceptions (main thread, other threads,
Qt slots, which PySide6 hands to ``sys.excepthook``) through the same filters instead of
Python's default printer, and with a ``log_dir`` enables :mod:`faulthandler` into
``<log_dir>/crash.log`` (frames only: file, line, function; never a value).
"""

from __future__ import annotations

import faulthandler
import json
import logging
import logging.handlers
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from kiosk.system.log_filters import (
    RECORD_ATTRS,
    SAFE_FIELDS,
    AllowListFilter,
    PersonalDataFilter,
    redact,
    safe_traceback,
)

__all__ = [
    "CRASH_FILE_NAME",
    "LOG_BACKUPS",
    "LOG_FILE_NAME",
    "LOG_MAX_BYTES",
    "SAFE_FIELDS",
    "AllowListFilter",
    "JournalFormatter",
    "JsonFormatter",
    "PersonalDataFilter",
    "configure_logging",
    "redact",
    "safe_traceback",
    "stream_is_journal",
]

LOG_FILE_NAME = "kiosk.log"
CRASH_FILE_NAME = "crash.log"
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5

_RECORD_ATTRS = RECORD_ATTRS
_OWN_HANDLER = "_endless_aisle_handler"


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
    capture_crashes: bool = True,
) -> None:
    """Route the root logger to JSON lines. Safe to call again: it replaces its own handlers.

    ``stream`` is where stderr output goes (``sys.stderr`` by default; tests pass a file).
    ``level`` is a logging level name (``DEBUG``, ``INFO``, ``WARNING``, ``ERROR``).
    ``capture_crashes``: uncaught exceptions are logged (through the allow-list) and
    :mod:`faulthandler` writes fatal errors' stacks to ``<log_dir>/crash.log`` (stderr
    without a ``log_dir``).
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
    allow_list, personal_data = AllowListFilter(), PersonalDataFilter()
    for handler in handlers:
        setattr(handler, _OWN_HANDLER, True)
        handler.addFilter(allow_list)
        handler.addFilter(personal_data)
        root.addHandler(handler)
    root.setLevel(levels[level.upper()])
    if capture_crashes:
        _capture_crashes(log_dir)


# --- crashes ----------------------------------------------------------------------------

_crash_file: TextIO | None = None
_crash_log = logging.getLogger("kiosk.crash")


def _log_uncaught(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    _crash_log.critical("uncaught exception", exc_info=(kind, value, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    _crash_log.critical(
        "uncaught exception in a thread",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def _capture_crashes(log_dir: Path | None) -> None:
    """Uncaught exceptions go through the log's filters, not Python's printer (which would
    write the exception's message, a shopper's input perhaps, to stderr: the journal);
    fatal signals dump the stacks (frames only) into ``crash.log``, or stderr."""
    global _crash_file
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    if log_dir is None:
        if not faulthandler.is_enabled():
            faulthandler.enable()
        return
    crash = Path(log_dir) / CRASH_FILE_NAME
    fd = os.open(crash, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    previous, _crash_file = _crash_file, os.fdopen(fd, "a", encoding="utf-8")
    faulthandler.enable(_crash_file)  # the file must stay open while it is enabled
    if previous is not None:
        previous.close()
