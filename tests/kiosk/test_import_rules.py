"""The import rules import-linter cannot express (a sub-module of an external package),
read from the source: see docs/ARCHITECTURE.md, "Who may import whom"."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (also inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def sources(*parts: str) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = KIOSK / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


@pytest.mark.parametrize("path", sources("journey"), ids=lambda p: p.name)
def test_journey_modules_never_import_qt(path: Path) -> None:
    qt = {m for m in imported_modules(path) if m.split(".")[0] == "PySide6"}
    assert not qt, f"{path.name} imports {sorted(qt)}: kiosk/journey/ is plain Python"


@pytest.mark.parametrize(
    "path", sources("flows", "session.py", "workers.py", "idle.py"), ids=lambda p: p.name
)
def test_the_session_and_its_flows_hold_no_widgets(path: Path) -> None:
    widgets = {m for m in imported_modules(path) if m.startswith("PySide6.QtWidgets")}
    assert not widgets, f"{path.name} imports {sorted(widgets)}: QObjects without widgets only"


def test_the_rule_reader_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from PySide6.QtWidgets import QLabel\n", encoding="utf-8")
    assert imported_modules(module) == {"PySide6.QtWidgets"}
