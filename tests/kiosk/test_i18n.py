"""kiosk.i18n: the .ts sources are complete, build to .qm, and load."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

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


def test_keypad_and_camera_view_follow_the_language(qtbot, live_service, journey_kiosk) -> None:
    """The widgets inside the screens (keypad hints and keys, the camera's message) switch
    language with the screens, on the scan screen and on the unknown-code screen."""
    window = journey_kiosk(live_service).window
    scan = window.scan_screen
    qtbot.mouseClick(scan.keypad_button, Qt.MouseButton.LeftButton)
    scan.camera.set_camera_state("unavailable")
    english = (scan.keypad.hint.text(), scan.camera.accessibleDescription())
    assert english == (
        "Type the 8, 12 or 13 digits printed under the barcode.",
        "Camera not working — please type the number under the barcode.",
    )

    window.set_language("de")
    keypad = scan.keypad
    assert keypad.hint.text() == "Tippen Sie die 8, 12 oder 13 Ziffern unter dem Strichcode ein."
    assert keypad.find_button.text() == "Suchen"
    assert keypad.keys["clear"].text() == "Löschen"
    assert keypad.keys["clear"].accessibleName() == "Alle Ziffern löschen"
    assert scan.camera.accessibleDescription().startswith("Kamera funktioniert nicht")
    assert scan.camera.unavailable_text().startswith("Kamera funktioniert nicht")
    assert scan.camera.accessibleName() == "Kamerabild"
    for digit in "4006381333932":  # a wrong check digit
        keypad.press(digit)
    assert keypad.hint.text().startswith("Diese Nummer stimmt nicht")
    keypad.backspace()
    keypad.press("1")
    assert keypad.hint.text() == "Nummer stimmt – tippen Sie auf „Suchen“."
    other = window.unknown_code_screen.keypad
    assert (other.find_button.text(), other.keys["clear"].text()) == ("Suchen", "Löschen")

    window.set_language("fr")
    assert keypad.find_button.text() == "Chercher"
    assert keypad.hint.text() == "Numéro correct – touchez « Chercher »."
    assert scan.camera.accessibleDescription().startswith("La caméra ne fonctionne pas")
    window.set_language("en")
    assert keypad.hint.text() == "Number OK — tap Find."
    assert scan.camera.accessibleDescription() == english[1]
