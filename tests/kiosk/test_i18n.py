"""kiosk.i18n: the .ts sources are complete, build to .qm, and load."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from inventory_client import _errors
from kiosk.i18n import (
    LANGUAGES,
    Translations,
    build,
    python_sources,
    qt_tool,
    ts_path,
    ts_problems,
    ts_sources,
)
from kiosk.journey.messages import CLIENT_MESSAGES


def test_no_unfinished_or_empty_translation() -> None:
    problems = [str(p) for lang in LANGUAGES for p in ts_problems(lang)]
    assert problems == []


def test_every_language_has_the_same_strings() -> None:
    english = ts_sources("en")
    assert len(english) > 100
    for language in LANGUAGES:
        assert ts_sources(language) == english


def test_the_ts_files_hold_every_string_in_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_en.ts"
    subprocess.run(
        [qt_tool("lupdate"), "-silent", *map(str, python_sources()), "-ts", str(fresh)],
        check=True,
    )
    missing = ts_sources("en", tmp_path) - ts_sources("en")
    assert missing == set(), "run: python -m kiosk.i18n update, then translate"


def test_every_client_message_can_be_translated() -> None:
    texts = set()
    for cls in vars(_errors).values():
        if isinstance(cls, type) and issubclass(cls, _errors.InventoryError):
            texts |= {cls.default_user_message, cls.queued_user_message}
    assert texts <= set(CLIENT_MESSAGES)


def test_build_and_switch(qapp, tmp_path: Path, caplog) -> None:
    built = build(out=tmp_path)
    assert {p.name for p in built} == {f"kiosk_{lang}.qm" for lang in LANGUAGES}
    translations = Translations(qapp, tmp_path)
    try:
        assert translations.switch("de")
        assert QCoreApplication.translate("NavBar", "Start over") == "Neu beginnen"
        assert translations.switch("fr")
        assert QCoreApplication.translate("NavBar", "Start over") == "Recommencer"
        assert translations.switch("en")
        assert QCoreApplication.translate("NavBar", "Start over") == "Start over"
        (tmp_path / "kiosk_de.qm").unlink()
        assert not translations.switch("de")  # missing: English, a log line, no crash
        assert translations.language == "en"
        assert "showing English" in caplog.text
    finally:
        translations.switch("en")
    assert ts_path("de").exists()
