"""The shopper's languages: Qt translation files, how they are built and how they load.

Sources are ``kiosk/translations/kiosk_<lang>.ts`` (committed, every string translated);
the app loads the compiled ``kiosk_<lang>.qm`` beside them. English is the source language,
so it needs no .qm. Commands::

    python -m kiosk.i18n build    # .ts -> .qm with pyside6-lrelease (set-up step)
    python -m kiosk.i18n update   # refresh the .ts from the sources with pyside6-lupdate
    python -m kiosk.i18n check    # fail when a .ts has an unfinished or empty entry

A wheel built without the build step carries only the .ts: the first switch to a language
then compiles it into the user's cache (:func:`compiled_qm`). A .qm that cannot be found or
made is logged and the kiosk carries on in English; it never crashes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
SOURCE_DIR = Path(__file__).resolve().parent
LANGUAGES: tuple[str, ...] = ("en", "de", "fr")
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français"}
"""Each language in its own words, as the language picker shows it."""


def ts_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"kiosk_{language}.ts"


def qm_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"kiosk_{language}.qm"


def qt_tool(name: str) -> str:
    """``pyside6-<name>`` from this interpreter's environment, else from PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise FileNotFoundError(f"pyside6-{name} not found (install PySide6)")
    return found


# --- checking the sources ------------------------------------------------------------


@dataclass(frozen=True)
class TsProblem:
    language: str
    context: str
    source: str
    problem: str

    def __str__(self) -> str:
        return f"kiosk_{self.language}.ts [{self.context}] {self.source!r}: {self.problem}"


def ts_problems(language: str, directory: Path = TRANSLATIONS_DIR) -> list[TsProblem]:
    """Entries that would show English (or nothing) to a shopper of ``language``."""
    path = ts_path(language, directory)
    if not path.exists():
        return [TsProblem(language, "", "", f"{path.name} is missing")]
    problems = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            kind = None if translation is None else translation.get("type")
            text = "" if translation is None else (translation.text or "")
            if kind in ("unfinished", "vanished", "obsolete"):
                problems.append(TsProblem(language, name, source, kind or ""))
            elif not text.strip():
                problems.append(TsProblem(language, name, source, "empty"))
            elif source.count("{") != text.count("{"):
                problems.append(TsProblem(language, name, source, "placeholders differ"))
    return problems


def ts_sources(language: str, directory: Path = TRANSLATIONS_DIR) -> set[tuple[str, str]]:
    """Every (context, source text) pair in a .ts file."""
    root = ET.parse(ts_path(language, directory)).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in root.iter("context")
        for message in context.iter("message")
    }


def python_sources(root: Path = SOURCE_DIR) -> list[Path]:
    """The kiosk's Python files that can hold strings shoppers or staff read."""
    return sorted(root.rglob("*.py"))


# --- build and update ----------------------------------------------------------------


def build(directory: Path = TRANSLATIONS_DIR, out: Path | None = None) -> list[Path]:
    """Compile every ``kiosk_<lang>.ts`` in ``directory`` to ``.qm`` (in ``out``)."""
    out = directory if out is None else out
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for language in LANGUAGES:
        source = ts_path(language, directory)
        if not source.exists():
            continue
        target = qm_path(language, out)
        subprocess.run(
            [qt_tool("lrelease"), "-silent", str(source), "-qm", str(target)],
            check=True,
        )
        built.append(target)
    return built


def update(directory: Path = TRANSLATIONS_DIR) -> None:
    """Bring the .ts files in line with the source texts (keeps existing translations)."""
    sources = [str(p) for p in python_sources()]
    for language in LANGUAGES:
        subprocess.run(
            [
                qt_tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language,
                *sources,
                "-ts",
                str(ts_path(language, directory)),
            ],
            check=True,
        )


# --- at run time ---------------------------------------------------------------------


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/endless-aisle`` (default ``~/.cache/endless-aisle``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "endless-aisle"


def compiled_qm(
    language: str, directory: Path = TRANSLATIONS_DIR, cache_dir: Path | None = None
) -> Path | None:
    """The .qm to load for ``language``, or ``None`` when there is none and none can be made.

    The .qm beside the .ts (built at set-up) wins. Without it, the .ts is compiled once with
    pyside6-lrelease into ``cache_dir`` (default :func:`user_cache_dir`), under a name that
    carries the .ts's hash, so an updated .ts is never shown through an old .qm.
    """
    packaged = qm_path(language, directory)
    if packaged.exists():
        return packaged
    source = ts_path(language, directory)
    if not source.exists():
        return None
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        folder = (cache_dir if cache_dir is not None else user_cache_dir()) / "translations"
        target = folder / f"kiosk_{language}-{digest}.qm"
        if target.exists():
            return target
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{target.name}.{os.getpid()}.part"
        subprocess.run(
            [qt_tool("lrelease"), "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(target)  # atomic: a second kiosk process never reads half a file
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s (%s: %s)", source.name, type(exc).__name__, exc)
        return None
    log.info("compiled %s into %s", source.name, target)
    return target


class Translations:
    """Installs the translator for the shopper's language on the application.

    Installing or removing a translator makes Qt send every widget a ``LanguageChange``
    event; the screens re-translate themselves on it, so the journey is untouched.
    """

    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS_DIR) -> None:
        from PySide6.QtCore import QTranslator

        self._app = app
        self._directory = directory
        self._translator = QTranslator(app)
        self._installed = False
        self.language = SOURCE_LANGUAGE

    def uninstall(self) -> None:
        """Take the translator off the application (the kiosk shuts down)."""
        if self._installed:
            self._app.removeTranslator(self._translator)
            self._installed = False
        self.language = SOURCE_LANGUAGE

    def switch(self, language: str) -> bool:
        """Show ``language``; ``False`` (and English) when its .qm cannot be loaded."""
        if language not in LANGUAGES:
            log.warning("language %r is not offered; showing English", language)
            language = SOURCE_LANGUAGE
        if self._installed:
            self._app.removeTranslator(self._translator)
            self._installed = False
        if language == SOURCE_LANGUAGE:
            self.language = language
            return True
        path = compiled_qm(language, self._directory) or qm_path(language, self._directory)
        if not self._translator.load(str(path)):
            log.warning(
                "translations for %s missing at %s (run: python -m kiosk.i18n build); "
                "showing English",
                language,
                path,
            )
            self.language = SOURCE_LANGUAGE
            return False
        self._app.installTranslator(self._translator)
        self._installed = True
        self.language = language
        return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else ""
    if command == "build":
        for path in build():
            print(path)
        return 0
    if command == "update":
        update()
        return 0
    if command == "check":
        problems = [p for lang in LANGUAGES for p in ts_problems(lang)]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    print("usage: python -m kiosk.i18n {build,update,check}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
