"""A USB wedge scanner on a real X server: what it types must open the right screen (issue 14).

The scanner is xdotool typing at scanner speed (5 ms a key), Shift pressed and released
around capitals. A code with an AIM symbology identifier (``]E0`` + GTIN) must open that
shoe; a staff badge (``STAFF:<id>``) must open the staff screen.

Keyboard layouts: a scanner set to US sends the key presses of a US keyboard; on a German
(QWERTZ) or French (AZERTY) layout X turns those keys into other characters (``]`` is ``+``
on de; on fr the digit row gives ``&é"'(-è_çà`` without Shift). A stock Xvfb ignores keymap
changes (setxkbmap answers 0 and changes nothing), so these tests run on Xorg with the dummy
driver, which honours ``setxkbmap``; the keys are sent as raw X keycodes, as the scanner's
USB reports arrive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inventory_service.catalogue import DEMO_CATALOGUE

from .kiosk_process import DemoArgs, KioskFactory, KioskProcess
from .xinput import XInput
from .xserver import XServer, XServerFactory

pytestmark = pytest.mark.slow  # each test starts an X server and the kiosk

PORTRAIT = (1080, 1920)
DEMO_STAFF_ID = "demo"  # kiosk/__main__.py's demo staff member


def demo_gtin() -> tuple[str, str]:
    """The first demo scan's GTIN and its style's name."""
    catalogue = json.loads(Path(DEMO_CATALOGUE).read_text(encoding="utf-8"))
    gtin = catalogue["demo_scans"][0]
    for style in catalogue["styles"]:
        if any(v["gtin"] == gtin for v in style["variants"]):
            return gtin, style["name"]
    raise AssertionError(gtin)


def labels(widget_map: dict[str, Any]) -> list[str]:
    return [text for window in widget_map["windows"] for text in window["labels"]]


def assert_product_shown(kiosk: KioskProcess, mark: int, data_dir: Path, style_name: str) -> None:
    entry = kiosk.wait_for(
        "screen shown",
        after=mark,
        where=lambda e: e["screen"] in ("ProductScreen", "UnknownCodeScreen"),
    )
    shown = labels(kiosk.widget_map(data_dir))
    assert entry["screen"] == "ProductScreen", f"the kiosk read another code: {shown}"
    assert any(style_name in text for text in shown), shown


def start_demo(
    xserver_factory: XServerFactory,
    kiosk_factory: KioskFactory,
    demo_args: DemoArgs,
    kind: str,
    layout: str = "",
) -> tuple[XServer, KioskProcess, Path]:
    server = xserver_factory(kind, [PORTRAIT])
    if layout:
        server.run("setxkbmap", layout)
        assert f"layout:     {layout}" in server.run("setxkbmap", "-query")
    args = demo_args()
    kiosk = kiosk_factory(server, args)
    return server, kiosk, Path(args[args.index("--data-dir") + 1])


def test_wedge_scans_with_an_aim_prefix_and_a_staff_badge(
    xserver_factory: XServerFactory, kiosk_factory: KioskFactory, demo_args: DemoArgs
) -> None:
    """xdotool types as a US keyboard would: Shift around the capitals and the colon."""
    server, kiosk, data_dir = start_demo(xserver_factory, kiosk_factory, demo_args, "xvfb")
    gtin, style_name = demo_gtin()
    mark = kiosk.mark()
    XInput(server).scan(f"]E0{gtin}")
    assert_product_shown(kiosk, mark, data_dir, style_name)
    assert not [e for e in kiosk.entries()[mark:] if e.get("screen") == "UnknownCodeScreen"]

    mark = kiosk.mark()
    XInput(server).scan(f"STAFF:{DEMO_STAFF_ID}")
    kiosk.wait_for("admin screen opened", after=mark)


@pytest.mark.parametrize("layout", ["us", "de", "fr"])
def test_scanner_in_us_mode_on_a_keyboard_layout(
    layout: str,
    xserver_factory: XServerFactory,
    kiosk_factory: KioskFactory,
    demo_args: DemoArgs,
) -> None:
    """The same key presses on three layouts: the product, then the staff screen."""
    server, kiosk, data_dir = start_demo(xserver_factory, kiosk_factory, demo_args, "xorg", layout)
    gtin, style_name = demo_gtin()
    mark = kiosk.mark()
    XInput(server).scan_us_keycodes(f"]E0{gtin}")
    assert_product_shown(kiosk, mark, data_dir, style_name)

    mark = kiosk.mark()
    XInput(server).scan_us_keycodes(f"STAFF:{DEMO_STAFF_ID}")
    kiosk.wait_for("admin screen opened", after=mark)
