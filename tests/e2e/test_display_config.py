"""``display.rotation`` and ``display.screen`` as ``python -m kiosk run`` applies them on X.

Neither Xvfb nor Xorg's dummy driver can rotate an output, so the rotation test proves the
wiring: the kiosk runs xrandr with the output's name and the clockwise direction, says in
its log that the X server refused, and still fills the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inventory_service.launcher import ServiceProcess

from .kiosk_process import KioskFactory, write_run_config
from .xserver import XServerFactory

pytestmark = pytest.mark.slow  # each test starts an X server and the kiosk

PORTRAIT = (1080, 1920)


def test_rotation_runs_xrandr_and_the_window_still_fills_the_screen(
    tmp_path: Path,
    fresh_service: ServiceProcess,
    xserver_factory: XServerFactory,
    kiosk_factory: KioskFactory,
) -> None:
    server = xserver_factory("xvfb", [PORTRAIT])
    (tmp_path / "cam").mkdir()
    config = write_run_config(
        tmp_path / "kiosk.toml",
        fresh_service,
        tmp_path / "data",
        tmp_path / "cam",
        display={"rotation": 90},
    )
    kiosk = kiosk_factory(server, ["run", "--config", str(config)])
    output = server.output_name()
    failed = kiosk.wait_for("display rotation failed")
    assert failed["command"] == f"xrandr --output {output} --rotate right"
    placed = kiosk.wait_for("window placed", exposed=True)
    assert placed["geometry"] == [0, 0, *PORTRAIT]


def test_unknown_pinned_screen_falls_back_to_the_primary_with_a_warning(
    tmp_path: Path,
    fresh_service: ServiceProcess,
    xserver_factory: XServerFactory,
    kiosk_factory: KioskFactory,
) -> None:
    server = xserver_factory("xvfb", [PORTRAIT])
    (tmp_path / "cam").mkdir()
    config = write_run_config(
        tmp_path / "kiosk.toml",
        fresh_service,
        tmp_path / "data",
        tmp_path / "cam",
        display={"screen": "HDMI-9"},
    )
    kiosk = kiosk_factory(server, ["run", "--config", str(config)])
    warning = kiosk.wait_for(
        "display.screen 'HDMI-9' not found (screens: 0: screen); using the primary"
    )
    assert warning["level"] == "WARNING"
    placed = kiosk.wait_for("window placed", exposed=True)
    assert placed["geometry"] == [0, 0, *PORTRAIT]
