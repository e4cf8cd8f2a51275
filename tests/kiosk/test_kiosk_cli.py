"""python -m kiosk: one clear line and exit 2 for a missing display or a bad config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.__main__ import NO_DISPLAY, display_problem, main

REPO = Path(__file__).resolve().parents[2]


def run_kiosk(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )


def test_display_detection() -> None:
    assert display_problem({}, "linux") == NO_DISPLAY
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


@pytest.mark.parametrize("command", [["demo"], ["run", "--config", "deploy/kiosk.example.toml"]])
def test_no_display_is_one_line_and_exit_2(command: list[str]) -> None:
    result = run_kiosk(*command, env_extra={"EA_SERVICE__API_KEY": "k"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"kiosk: {NO_DISPLAY}"]
    assert "Traceback" not in result.stderr


def test_config_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    example = (REPO / "deploy" / "kiosk.example.toml").read_text(encoding="utf-8")
    config.write_text(example.replace('# language = "en"', 'language = "xx"'), encoding="utf-8")
    result = run_kiosk("run", "--config", str(config), env_extra={"EA_SERVICE__API_KEY": "k"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kiosk: config error: ui.language:")


def test_unknown_command_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["fly"])
    assert info.value.code == 2


@pytest.mark.slow
def test_tour_writes_every_screen(qapp, tmp_path: Path) -> None:
    assert main(["tour", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(names) == 84  # 42 screens (13 of the customer voice), each at both orientations
    for name in (
        "09-warehouse-unreachable-portrait",
        "12-fetch-ticket-landscape",
        "15-sold-out-landscape",
        "20-confirmation-landscape",
        "22-de-product-portrait",
        "25-fr-confirmation-landscape",
        "27-order-saved-offline-landscape",
        "13b-voice-fetched-how-does-it-fit-portrait",
        "28-de-voice-advice-landscape",
        "31-fr-voice-why-leaving-portrait",
    ):
        assert f"{name}.png" in names
    image = QImage(str(tmp_path / "07-product-mixed-landscape.png"))
    assert (image.width(), image.height()) == (1920, 1080)
