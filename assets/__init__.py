"""The files Endless Aisle ships with, found the same way in a checkout and in a wheel.

This folder is the package ``endless_aisle_assets`` (``pyproject.toml`` maps it with
``package-dir``; its files are package data). Code never builds repo-relative paths to
``assets/``: it imports the path it needs from here, so an installed kiosk or service finds
its files inside site-packages and a developer's editable install finds them in the
checkout. The scripts in ``demo/`` that regenerate these files are not part of the wheel.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DEMO_CATALOGUE",
    "DEMO_DIR",
    "DEMO_FRAMES",
    "DEMO_IMAGES",
    "ICON",
    "ROOT",
    "SCAN_SOUND",
]

ROOT = Path(__file__).resolve().parent
DEMO_DIR = ROOT / "demo"
DEMO_CATALOGUE = DEMO_DIR / "catalogue.json"
"""The demo catalogue: styles, variants, stores and stock (``python -m inventory_service seed``)."""
DEMO_IMAGES = DEMO_DIR / "images"
"""One drawn PNG per demo style, served by the reference service."""
DEMO_FRAMES = DEMO_DIR / "frames"
"""Camera frames with demo barcodes, replayed by ``python -m kiosk demo``."""
SCAN_SOUND = ROOT / "sounds" / "scan.wav"
ICON = ROOT / "theme" / "icon.png"
