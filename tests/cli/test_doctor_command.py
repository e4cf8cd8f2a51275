"""`python -m kiosk doctor` end to end: a real config, the real service, a replayed camera."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FRAMES = REPO / "assets" / "demo" / "frames"


def _doctor(config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EA_")}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
    )


def _write_config(path: Path, *, url: str, key: str, camera: str, data_dir: Path) -> Path:
    path.write_text(
        f"""
[kiosk]
id = "kiosk-1"
store_id = "berlin-mitte"

[service]
url = "{url}"
api_key = "{key}"

[camera]
source = "{camera}"

[paths]
data_dir = "{data_dir}"
""",
        encoding="utf-8",
    )
    return path


def _row(output: str, name: str) -> str:
    for line in output.splitlines():
        if line.startswith(name + " "):
            return line
    raise AssertionError(f"no {name} row in:\n{output}")


def test_all_checks_pass_against_the_real_service(live_service, tmp_path):
    frames = tmp_path / "frames"
    frames.mkdir()
    for image in sorted(FRAMES.glob("0[12]-*.jpg")):
        shutil.copy(image, frames / image.name)
    config = _write_config(
        tmp_path / "kiosk.toml",
        url=live_service.url,
        key=live_service.kiosk_key,
        camera=str(frames),
        data_dir=tmp_path / "data",
    )
    (tmp_path / "data").mkdir()

    result = _doctor(config)

    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("config", "zbar", "camera", "decode", "service", "clock", "databases"):
        assert " OK " in _row(result.stdout, name), result.stdout


def test_wrong_key_and_missing_camera_fail_with_a_hint(live_service, tmp_path):
    config = _write_config(
        tmp_path / "kiosk.toml",
        url=live_service.url,
        key="not-a-real-key",
        camera="/dev/video99",
        data_dir=tmp_path,
    )

    result = _doctor(config)

    assert result.returncode != 0
    assert "FAIL" in _row(result.stdout, "service")
    assert "FAIL" in _row(result.stdout, "camera")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("body", ["[kiosk\nid=", '[kiosk]\nid = 5\nstore_id = "s"\n'])
def test_bad_config_is_one_failing_row(tmp_path, body):
    config = tmp_path / "kiosk.toml"
    config.write_text(body, encoding="utf-8")

    result = _doctor(config)

    assert result.returncode != 0
    assert "FAIL" in _row(result.stdout, "config")
    assert "SKIP" in _row(result.stdout, "service")
    assert "Traceback" not in result.stdout + result.stderr
