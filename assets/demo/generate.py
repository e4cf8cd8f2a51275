"""Generate the demo assets: catalogue, style images, camera frames, icon and scan sound.

Run from the repository root::

    .venv/bin/python assets/demo/generate.py            # rewrite the committed assets
    .venv/bin/python assets/demo/generate.py --out DIR  # write them under DIR instead

Output is deterministic (fixed seeds, no clocks, only Pillow's bundled font): running it
twice gives byte-identical files with the same Pillow version. Nothing is downloaded;
every picture is drawn here. Each frame is decoded with pyzbar after it is written, and
the run fails if one does not read back as its GTIN.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import struct
import sys
import wave
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from camera_frames import JPEG_QUALITY, TagText, compose_frame, shoe_tag
from demo_catalogue import SEED, STYLES, build_catalogue
from PIL import Image, ImageDraw
from pyzbar.pyzbar import decode
from shoe_drawing import draw_shoe, draw_shoe_layer

ASSETS_DIR = Path(__file__).resolve().parent.parent
PARTS = ("catalogue", "images", "frames", "theme")


class FrameDecodeError(RuntimeError):
    """A generated frame does not decode to the GTIN it shows."""


def write_catalogue(catalogue: dict[str, Any], demo_dir: Path) -> Path:
    path = demo_dir / "catalogue.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _replace_dir_files(directory: Path, pattern: str, keep: set[str]) -> None:
    """Remove generated files that a previous catalogue made and this one no longer does."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob(pattern):
        if old.name not in keep:
            old.unlink()


def write_images(demo_dir: Path) -> list[Path]:
    images = demo_dir / "images"
    names = {f"{spec.id}.png" for spec in STYLES}
    _replace_dir_files(images, "*.png", names)
    paths = []
    for spec in STYLES:
        path = images / f"{spec.id}.png"
        draw_shoe(spec.kind, spec.rgb, spec.sole_rgb, spec.brand).save(path, optimize=True)
        paths.append(path)
    return paths


def _tag_text(catalogue: dict[str, Any], gtin: str) -> TagText:
    for style in catalogue["styles"]:
        for v in style["variants"]:
            if v["gtin"] == gtin:
                price = f"{Decimal(style['price']):.2f}".replace(".", ",")
                return TagText(
                    brand=style["brand"],
                    name=style["name"],
                    sizes=f"EU {v['size_eu']} · UK {v['size_uk']} · US {v['size_us']}",
                    price=f"{style['currency']} {price}",
                )
    raise KeyError(gtin)


def frame_name(index: int, gtin: str) -> str:
    """``01-<gtin>.jpg`` for the first demo scan; ``00-empty.jpg`` is the no-tag frame."""
    return f"{index:02d}-{gtin}.jpg"


def write_frames(catalogue: dict[str, Any], demo_dir: Path) -> list[Path]:
    frames = demo_dir / "frames"
    scans: list[str] = catalogue["demo_scans"]
    names = {"00-empty.jpg"} | {frame_name(i, g) for i, g in enumerate(scans, start=1)}
    _replace_dir_files(frames, "*.jpg", names)
    _replace_dir_files(frames, "*.png", set())
    rng = random.Random(SEED + 1)
    np_rng = np.random.default_rng(SEED + 1)
    empty = frames / "00-empty.jpg"
    compose_frame(rng, np_rng, None).save(empty, quality=JPEG_QUALITY)
    if decode(Image.open(empty)):
        raise FrameDecodeError(f"{empty} should hold no barcode")
    paths = [empty]
    for index, gtin in enumerate(scans, start=1):
        path = frames / frame_name(index, gtin)
        frame = compose_frame(rng, np_rng, shoe_tag(gtin, _tag_text(catalogue, gtin)))
        frame.save(path, quality=JPEG_QUALITY)
        found = [(r.type, r.data.decode("ascii")) for r in decode(Image.open(path))]
        if found != [("EAN13", gtin)]:
            raise FrameDecodeError(f"{path} decodes to {found}, expected EAN13 {gtin}")
        paths.append(path)
    return paths


def write_icon(theme_dir: Path) -> Path:
    """256x256 app icon: a sneaker drawn on a coloured disc."""
    theme_dir.mkdir(parents=True, exist_ok=True)
    size = 256
    shoe = draw_shoe_layer("sneaker", (250, 248, 242), (232, 96, 52))
    shoe = shoe.crop(shoe.getbbox())
    cut = shoe.resize((200, round(200 * shoe.height / shoe.width)), Image.Resampling.LANCZOS)
    big = 4 * size
    disc = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    ImageDraw.Draw(disc).ellipse((8, 8, big - 8, big - 8), fill=(36, 92, 140, 255))
    icon = disc.resize((size, size), Image.Resampling.LANCZOS)
    icon.alpha_composite(cut, ((size - cut.width) // 2, (size - cut.height) // 2 + 6))
    path = theme_dir / "icon.png"
    icon.save(path, optimize=True)
    return path


def write_beep(sounds_dir: Path) -> Path:
    """60 ms, 1.8 kHz sine with 8 ms fades; 16-bit mono 44.1 kHz WAV."""
    sounds_dir.mkdir(parents=True, exist_ok=True)
    rate, freq, duration, fade = 44100, 1800.0, 0.060, 0.008
    n = round(rate * duration)
    nf = round(rate * fade)
    samples = []
    for i in range(n):
        env = min(1.0, i / nf, (n - 1 - i) / nf)
        samples.append(round(0.45 * 32767 * env * math.sin(2 * math.pi * freq * i / rate)))
    path = sounds_dir / "scan.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack(f"<{n}h", *samples))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ASSETS_DIR,
        help="assets root to write into (default: the repository's assets/)",
    )
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="generate only this part (repeatable; default: everything)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    out: Path = args.out
    demo_dir = out / "demo"
    catalogue = build_catalogue()
    written: list[Path] = []
    if "catalogue" in parts:
        written.append(write_catalogue(catalogue, demo_dir))
    if "images" in parts:
        written += write_images(demo_dir)
    if "frames" in parts:
        written += write_frames(catalogue, demo_dir)
    if "theme" in parts:
        written += [write_icon(out / "theme"), write_beep(out / "sounds")]
    print(f"wrote {len(written)} files under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
