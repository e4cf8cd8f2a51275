"""``python -m kiosk decode FILE...``: decode image files, one result line per file.

Output (stdout): ``FILE<TAB>SYMBOLOGY<TAB>DATA`` per code found (retail codes as printed
on the tag), or ``FILE<TAB>-<TAB>-`` when nothing was found. A file that cannot be read
gets one line on stderr; the others are still decoded, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

from kiosk.scanning.decoder import ALL_SYMBOLOGIES, Decoder

__all__ = ["decode_main", "load_image"]

#: Still images are not on a live loop: allow more time for retries than a camera frame.
CLI_BUDGET_MS = 250.0


class UnreadableImage(Exception):
    """The file does not exist or holds no image we can decode."""


def load_image(path: Path) -> np.ndarray:
    """Read an image file as BGR or grey; OpenCV first, Pillow for what OpenCV rejects."""
    if not path.is_file():
        raise UnreadableImage("no such file")
    data = np.fromfile(path, dtype=np.uint8)
    img = cv2.imdecode(data, cv2.IMREAD_UNCHANGED) if data.size else None
    if img is not None:
        return img
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:  # pragma: no cover - Pillow is a dev dependency
        raise UnreadableImage("not an image OpenCV can read") from exc
    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("L"))
    except (UnidentifiedImageError, OSError) as exc:
        raise UnreadableImage("not an image file") from exc


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m kiosk decode", description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--symbologies",
        default=",".join(ALL_SYMBOLOGIES),
        help="comma-separated list (default: all of %(default)s)",
    )
    return p


def decode_main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0 when every file could be read)."""
    args = _parser().parse_args(argv)
    symbologies = [s.strip() for s in args.symbologies.split(",") if s.strip()]
    try:
        decoder = Decoder(symbologies, budget_ms=CLI_BUDGET_MS, gate=False)
    except ValueError as exc:
        print(f"decode: {exc}", file=sys.stderr)
        return 2
    # Unreadable files are reported on our own stderr line; silence OpenCV's C++ log.
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    status = 0
    for path in args.files:
        try:
            image = load_image(path)
        except UnreadableImage as exc:
            print(f"decode: cannot read {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        scans = decoder.decode(image)
        if not scans:
            print(f"{path}\t-\t-")
        for scan in scans:
            data = scan.text.replace("\t", " ").replace("\r", "").replace("\n", " ")
            print(f"{path}\t{scan.symbology}\t{data}")
    sys.stdout.flush()
    return status
