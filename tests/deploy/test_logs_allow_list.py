"""kiosk.system.logs writes only named, known-safe fields (issue 15 item 10).

A shopper's name, street, email and phone passed to a log call in every way code could pass
them (message argument, ``extra`` field, exception message, an object's repr, an uncaught
exception in a thread, a crash of the whole process) are searched for in what was written.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest

from inventory_client._privacy import LogSafe
from inventory_client.models import ShipTo
from kiosk.system import log_filters, logs

SHOPPER = ShipTo(
    name="Zofia Privatna",
    street="Geheimgasse 42",
    postcode="10117",
    city="Berlin",
    country="DE",
    email="zofia.privatna@example.org",
    phone="+49 30 5550142",
)
PERSONAL = [SHOPPER.name, SHOPPER.street, SHOPPER.email, SHOPPER.phone, "Geheimgasse", "5550142"]


pytestmark = pytest.mark.usefixtures("restored_logging")


def entries(log_dir: Path) -> list[dict]:
    text = (log_dir / logs.LOG_FILE_NAME).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def assert_nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value


class Kind(StrEnum):
    HOME = "home delivery"


def test_only_safe_fields_and_arguments_are_written(tmp_path: Path) -> None:
    logs.configure_logging(kiosk_id="k", log_dir=tmp_path, journald=False)
    log = logging.getLogger("kiosk.order")
    log.info(
        "order %s for %s at %s (%s, %s) kind %s, %d pairs, noun %s",
        "EA-7F3K2",
        SHOPPER.name,
        SHOPPER.street,
        SHOPPER.email,
        SHOPPER.phone,
        Kind.HOME,
        2,
        LogSafe("fetch request"),
        extra={"gtin": "4006381333931", "customer": SHOPPER.name, "ship_to": SHOPPER},
    )
    log.warning("order object %s", SHOPPER)
    log.warning(SHOPPER)  # type: ignore[arg-type]  # what a careless call does
    log.info("by name %(who)s in %(where)s", {"who": SHOPPER.name, "where": "Berlin"})

    first, second, third, fourth = entries(tmp_path)
    assert first["msg"] == (
        "order EA-7F3K2 for [text] at [text] ([email], [text]) kind home delivery, "
        "2 pairs, noun fetch request"
    )
    assert first["gtin"] == "4006381333931"
    assert first["withheld"] == ["customer", "ship_to"]
    assert "customer" not in first and "ship_to" not in first
    assert second["msg"] == "order object [ShipTo]"
    assert third["msg"] == "[ShipTo]"
    assert fourth["msg"] == "by name [text] in Berlin"
    assert_nothing_personal((tmp_path / logs.LOG_FILE_NAME).read_text(encoding="utf-8"))


def test_exceptions_keep_their_frames_and_lose_their_messages(tmp_path: Path) -> None:
    logs.configure_logging(kiosk_id="k", log_dir=tmp_path, journald=False)
    log = logging.getLogger("kiosk.order")
    try:
        try:
            ShipTo(**{**SHOPPER.model_dump(), "email": SHOPPER.name})  # pydantic quotes it
        except ValueError as exc:
            raise RuntimeError(f"order for {SHOPPER.street} refused") from exc
    except RuntimeError as exc:
        log.exception("placing the order failed: %s", exc)
    try:
        open(tmp_path / SHOPPER.name)  # noqa: SIM115  # the path is in the message
    except OSError as exc:
        log.warning("cannot open: %s", exc, exc_info=True)

    order, missing = entries(tmp_path)
    assert order["msg"] == "placing the order failed: RuntimeError"
    lines = order["exc"].splitlines()
    assert "ValidationError: [message withheld]" in lines
    assert lines[-1] == "RuntimeError: [message withheld]"
    assert any("direct cause" in line for line in lines)
    assert missing["msg"] == "cannot open: FileNotFoundError(ENOENT)"
    assert_nothing_personal((tmp_path / logs.LOG_FILE_NAME).read_text(encoding="utf-8"))


def test_caplog_formatting_first_does_not_leak_the_traceback(tmp_path: Path, caplog) -> None:
    """Another handler may format (and cache) the full traceback before ours runs."""
    caplog.set_level(logging.INFO)
    logs.configure_logging(kiosk_id="k", log_dir=tmp_path, journald=False)
    root = logging.getLogger()
    ours = [h for h in root.handlers if h is not caplog.handler]
    for handler in ours:  # caplog's handler first, as when it was added before ours
        root.removeHandler(handler)
        root.addHandler(handler)
    try:
        raise ValueError(SHOPPER.email + " " + SHOPPER.name)
    except ValueError:
        logging.getLogger("x").exception("bad input")
    assert_nothing_personal((tmp_path / logs.LOG_FILE_NAME).read_text(encoding="utf-8"))


CRASHER = """
import faulthandler, logging, signal, sys, threading, time
from pathlib import Path
from kiosk.system import log_filters, logs

log_dir = Path(sys.argv[1])
logs.configure_logging(kiosk_id="k", log_dir=log_dir, journald=False)
name = {name!r}

def worker(street=name):
    raise ValueError("refused: " + street)

t = threading.Thread(target=worker)
t.start()
t.join()
if sys.argv[2] == "segfault":
    faulthandler._sigsegv()
raise KeyError(name)
"""


@pytest.mark.parametrize("how", ["uncaught", "segfault"])
def test_crashes_go_through_the_allow_list(tmp_path: Path, how: str) -> None:
    """An uncaught exception (main thread and another thread) is logged without its message;
    a fatal signal leaves faulthandler's stacks (frames only) in crash.log."""
    script = tmp_path / "crash.py"
    script.write_text(CRASHER.format(name=SHOPPER.name), encoding="utf-8")
    log_dir = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, str(script), str(log_dir), how],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    written = [
        done.stderr,
        done.stdout,
        (log_dir / logs.LOG_FILE_NAME).read_text(encoding="utf-8"),
        (log_dir / logs.CRASH_FILE_NAME).read_text(encoding="utf-8"),
    ]
    for text in written:
        assert_nothing_personal(text)
        assert "Zofia" not in text
    found = [(e["msg"], e["exc"].splitlines()[-1]) for e in entries(log_dir)]
    assert ("uncaught exception in a thread", "ValueError: [message withheld]") in found
    crash = (log_dir / logs.CRASH_FILE_NAME).read_text(encoding="utf-8")
    if how == "segfault":
        assert "Fatal Python error: Segmentation fault" in crash and "crash.py" in crash
    else:
        assert ("uncaught exception", "KeyError: [message withheld]") in found
        assert crash == ""


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("4006381333931", "4006381333931"),
        ("EA-7F3K2", "EA-7F3K2"),
        ("http://127.0.0.1:8765/v1/orders", "http://127.0.0.1:8765/v1/orders"),
        ("Zofia Privatna", "[text]"),
        ("Geheimgasse 42", "[text]"),
        ("+49 30 5550142", "[text]"),
        ("x" * 81, "[text]"),
        ("line\nbreak", "[text]"),
        (LogSafe("fetch request"), "fetch request"),
        (3, 3),
        (2.5, 2.5),
        (None, None),
        (Kind.HOME, "home delivery"),
        (b"\x00\x01", "[2 bytes]"),
        (SHOPPER, "[ShipTo]"),
        (ValueError(SHOPPER.name), "ValueError"),
    ],
)
def test_what_a_message_argument_may_be(value: object, written: object) -> None:
    assert log_filters.safe_argument(value) == written


def test_the_clients_own_words_for_what_it_sends_are_written() -> None:
    """The outbox's log lines name the kind ("fetch request"), not ``[text]``."""
    from inventory_client._outbox import OutboxKind
    from inventory_client._policies import delivery_policies

    policies = delivery_policies(kiosk_id="k1", store_id="s1")
    nouns = [policies.for_kind(kind).noun for kind in OutboxKind]
    assert "fetch request" in nouns
    assert [log_filters.safe_argument(noun) for noun in nouns] == nouns
