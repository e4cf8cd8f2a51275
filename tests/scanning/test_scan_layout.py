"""``kiosk doctor`` names the keyboard layout: from the X server, the keyboard file, or Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e.xserver import XServer
from PySide6.QtWidgets import QApplication

from kiosk.scanning.layout import KeyboardLayout, detect_keyboard_layout
from kiosk.system.doctor import Status, check_keyboard_layout

GERMAN_FILE = """\
# KEYBOARD CONFIGURATION FILE
XKBMODEL="pc105"
XKBLAYOUT="de"
XKBVARIANT="nodeadkeys"  # no dead keys
XKBOPTIONS=""
"""


@pytest.fixture
def keyboard_file(tmp_path: Path) -> Path:
    path = tmp_path / "keyboard"
    path.write_text(GERMAN_FILE, encoding="utf-8")
    return path


def test_layout_from_the_keyboard_file(keyboard_file: Path) -> None:
    layout = detect_keyboard_layout(env={}, default_keyboard=keyboard_file, use_qt=False)
    assert layout == KeyboardLayout("de", "nodeadkeys", str(keyboard_file))
    assert layout.describe() == f"de (nodeadkeys), from {keyboard_file}"


def test_setxkbmap_output_with_two_layouts(keyboard_file: Path, tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "setxkbmap").touch(mode=0o755)  # found on PATH; its output comes from run
    output = "rules:      evdev\nmodel:      pc105\nlayout:     fr,us\nvariant:    azerty,\n"
    layout = detect_keyboard_layout(
        env={"DISPLAY": ":99", "PATH": str(fake_bin)},
        run=lambda argv, env: output,
        default_keyboard=keyboard_file,
    )
    assert layout == KeyboardLayout("fr,us", "azerty,", "the X server :99")


def test_failing_setxkbmap_falls_back_to_the_file(keyboard_file: Path, tmp_path: Path) -> None:
    def refuse(argv: list[str], env: object) -> str:
        raise subprocess.CalledProcessError(1, argv)

    (tmp_path / "setxkbmap").touch(mode=0o755)
    env = {"DISPLAY": ":99", "PATH": str(tmp_path)}
    layout = detect_keyboard_layout(env=env, run=refuse, default_keyboard=keyboard_file)
    assert layout is not None and layout.layout == "de"


def test_qt_input_locale_when_nothing_else_names_it(qapp: QApplication, tmp_path: Path) -> None:
    layout = detect_keyboard_layout(env={}, default_keyboard=tmp_path / "missing")
    assert layout is not None
    assert layout.source == "the Qt input locale"
    assert layout.layout == qapp.inputMethod().locale().name()


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    problem = XServer.available("xvfb") or ("" if shutil.which("setxkbmap") else "no setxkbmap")
    if problem:
        pytest.skip(f"{problem} (deploy/system-packages.sh installs it)")
    server = XServer("xvfb", [(320, 240)], tmp_path)
    server.start()
    try:
        yield server.display
    finally:
        server.stop()


def test_layout_from_a_real_x_server(x_display: str, tmp_path: Path) -> None:
    env = {"DISPLAY": x_display, "PATH": os.environ.get("PATH", "")}
    layout = detect_keyboard_layout(env=env, default_keyboard=tmp_path / "missing")
    assert layout is not None
    assert layout.source == f"the X server {x_display}"
    assert layout.layout  # Xvfb starts with the XKB default, "us" on stock builds


def test_doctor_check_names_the_layout(keyboard_file: Path) -> None:
    check = check_keyboard_layout(
        lambda: detect_keyboard_layout(env={}, default_keyboard=keyboard_file, use_qt=False)
    )
    assert check.name == "keyboard"
    assert check.status == Status.OK
    assert check.detail.startswith("de (nodeadkeys), from ")


def test_doctor_check_without_any_source_is_skipped() -> None:
    check = check_keyboard_layout(lambda: None)
    assert check.status == Status.SKIP
    assert "/etc/default/keyboard" in check.detail
