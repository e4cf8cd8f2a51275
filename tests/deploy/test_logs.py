"""kiosk.system.logs: JSON lines with the kiosk id, rotation, journald priorities, redaction."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.system import logs

pytestmark = pytest.mark.usefixtures("restored_logging")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_file_lines_are_json_with_kiosk_id_and_extras(tmp_path: Path) -> None:
    logs.configure_logging(kiosk_id="mitte-1", log_dir=tmp_path, journald=False)
    log = logging.getLogger("kiosk.scanner")
    log.info("scan decoded %s", "ok", extra={"gtin": "4006381333931", "fps": 29.5})
    log.debug("not at INFO")
    try:
        raise RuntimeError("camera gone")
    except RuntimeError:
        log.exception("camera failed")

    entries = _lines(tmp_path / logs.LOG_FILE_NAME)
    assert len(entries) == 2
    first, second = entries
    assert first["kiosk_id"] == "mitte-1"
    assert first["level"] == "INFO"
    assert first["logger"] == "kiosk.scanner"
    assert first["msg"] == "scan decoded ok"
    assert first["gtin"] == "4006381333931"
    assert first["fps"] == 29.5
    assert first["ts"].endswith("Z") and "T" in first["ts"]
    assert second["level"] == "ERROR"
    assert "RuntimeError: [message withheld]" in second["exc"]  # frames yes, text no
    assert 'raise RuntimeError("camera gone")' in second["exc"]  # the source line: code
    assert second["exc"].splitlines()[-1] == "RuntimeError: [message withheld]"


def test_without_log_dir_writes_json_to_the_stream(tmp_path: Path) -> None:
    out = tmp_path / "stderr.txt"
    with out.open("w", encoding="utf-8") as stream:
        logs.configure_logging(kiosk_id="k1", log_dir=None, level="warning", stream=stream)
        logging.getLogger("x").info("hidden")
        logging.getLogger("x").warning("shown")
    (entry,) = _lines(out)
    assert entry["msg"] == "shown"
    assert entry["kiosk_id"] == "k1"


def test_calling_twice_does_not_duplicate_lines(tmp_path: Path) -> None:
    logs.configure_logging(kiosk_id="k1", log_dir=tmp_path, journald=False)
    logs.configure_logging(kiosk_id="k2", log_dir=tmp_path, journald=False)
    logging.getLogger("x").warning("once")
    (entry,) = _lines(tmp_path / logs.LOG_FILE_NAME)
    assert entry["kiosk_id"] == "k2"


def test_unknown_level_is_rejected() -> None:
    with pytest.raises(ValueError, match="LOUD"):
        logs.configure_logging(kiosk_id="k", log_dir=None, level="LOUD")


def test_file_rotates_and_keeps_the_configured_backups(tmp_path: Path) -> None:
    logs.configure_logging(
        kiosk_id="k", log_dir=tmp_path, journald=False, max_bytes=2_000, backups=2
    )
    log = logging.getLogger("rot")
    for i in range(200):
        log.info("line %d %s", i, "x" * 40)

    names = sorted(p.name for p in tmp_path.glob("kiosk.log*"))
    assert names == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]
    for path in tmp_path.glob("kiosk.log*"):
        assert path.stat().st_size <= 2_000
        assert all(entry["kiosk_id"] == "k" for entry in _lines(path))
    assert _lines(tmp_path / "kiosk.log")[-1]["msg"].startswith("line 199 ")


def test_journal_stream_gets_syslog_priority_prefixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "journal.txt"
    with out.open("w", encoding="utf-8") as stream:
        st = os.fstat(stream.fileno())
        monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino}")
        logs.configure_logging(kiosk_id="k", log_dir=tmp_path / "files", stream=stream)
        logging.getLogger("j").info("hello")
        logging.getLogger("j").error("broken")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line[:3] for line in lines] == ["<6>", "<3>"]
    assert json.loads(lines[1][3:])["msg"] == "broken"
    # The rotating file gets the same records, without prefixes.
    assert [e["msg"] for e in _lines(tmp_path / "files" / logs.LOG_FILE_NAME)] == [
        "hello",
        "broken",
    ]


def test_inherited_journal_stream_of_another_file_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.write_text("")
    st = other.stat()
    monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino}")
    with (tmp_path / "stderr.txt").open("w", encoding="utf-8") as stream:
        assert not logs.stream_is_journal(stream)
    monkeypatch.setenv("JOURNAL_STREAM", "garbage")
    with (tmp_path / "stderr.txt").open("w", encoding="utf-8") as stream:
        assert not logs.stream_is_journal(stream)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order for jane.doe+shoes@example.co.uk failed", "order for [email] failed"),
        ("call +49 30 1234567 back", "call [phone] back"),
        ("call (030) 123-4567 now", "call [phone] now"),
        ("tel 06 12 34 56 78", "tel [phone]"),
        ("tel 0612345678.", "tel [phone]."),
        ("+441632960961", "[phone]"),
    ],
)
def test_redact_masks_emails_and_phone_numbers(text: str, expected: str) -> None:
    assert logs.redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "gtin 4006381333931 not found",
        "upc 036000291452 ok",
        "ean8 96385074",
        "at 2025-01-31 09:12:03",
        "service http://192.168.100.200:8765 down",
        "order EA-7F3K2 queued, backlog 3, 29.97 fps",
        "epoch 1738314723",
    ],
)
def test_redact_keeps_ids_gtins_dates_and_addresses(text: str) -> None:
    assert logs.redact(text) == text


def test_filter_redacts_message_args_extras_and_tracebacks(tmp_path: Path) -> None:
    logs.configure_logging(kiosk_id="k", log_dir=tmp_path, journald=False)
    log = logging.getLogger("kiosk.order")
    log.warning("could not reach %s", "ann@example.org", extra={"url": "+33 6 12 34 56 78"})
    try:
        raise ValueError("bad phone +49 170 1234567")
    except ValueError:
        log.exception("validation")

    text = (tmp_path / logs.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ann@example.org" not in text
    assert "1234567" not in text
    assert "12 34 56" not in text
    first, second = _lines(tmp_path / logs.LOG_FILE_NAME)
    assert first["msg"] == "could not reach [email]"
    assert first["url"] == "[phone]"  # an allowed field is still masked
    assert "ValueError: [message withheld]" in second["exc"]
