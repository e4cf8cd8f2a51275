"""Camera-like demo frames: a shoe tag with an EAN-13 barcode in front of a shop shelf.

The demo frame source replays these files instead of a camera. Each frame is built from a
blurred shelf scene, a white tag (brand, style, size, price, barcode) rotated a few degrees,
then mild blur and sensor noise, so the decoder does real work. Bars are drawn from
python-barcode's EAN-13 module pattern rather than its ImageWriter, which keeps the output
independent of system fonts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from barcode import EAN13
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FRAME_SIZE = (1280, 720)
TAG_SIZE = (520, 380)
MODULE = 3  # pixels per barcode module on the tag
JPEG_QUALITY = 82


# Shoe boxes as they stand on a shop shelf: kraft, black, white and a few brand colours.
_BOX_COLOURS: tuple[tuple[int, int, int], ...] = (
    (196, 160, 120),
    (186, 150, 108),
    (44, 44, 46),
    (232, 230, 224),
    (210, 118, 56),
    (52, 62, 92),
    (160, 56, 52),
    (70, 120, 118),
    (130, 130, 134),
)


@dataclass(frozen=True)
class TagText:
    """What is printed on the tag besides the barcode."""

    brand: str
    name: str
    sizes: str
    price: str


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


def shelf_scene(rng: random.Random) -> Image.Image:
    """A defocused shop wall: painted wall, two wooden shelves, shoe boxes on them."""
    w, h = FRAME_SIZE
    wall = tuple(rng.randint(200, 228) for _ in range(3))
    img = Image.new("RGB", FRAME_SIZE, wall)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(img)
    for shelf_y in (250, 560):
        x = rng.randint(-60, 0)
        while x < w:
            bw, bh = rng.randint(150, 230), rng.randint(90, 140)
            colour = rng.choice(_BOX_COLOURS)
            draw.rectangle((x, shelf_y - bh, x + bw, shelf_y), fill=colour)
            lid = tuple(max(0, c - 30) for c in colour)
            draw.rectangle((x, shelf_y - bh, x + bw, shelf_y - bh + 18), fill=lid)  # type: ignore[arg-type]
            x += bw + rng.randint(8, 40)
        draw.rectangle((0, shelf_y, w, shelf_y + 26), fill=(150, 112, 78))
        draw.rectangle((0, shelf_y + 26, w, shelf_y + 40), fill=(96, 70, 50))
    img = img.filter(ImageFilter.GaussianBlur(7))
    # Uneven light: brighter in the upper middle, like a ceiling spot.
    yy, xx = np.mgrid[0:h, 0:w]
    light = 1.08 - 0.28 * (((xx - w * 0.55) / w) ** 2 + ((yy - h * 0.3) / h) ** 2)
    arr = np.asarray(img, dtype=np.float32) * light[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _barcode(draw: ImageDraw.ImageDraw, gtin: str, x0: int, y0: int, height: int) -> None:
    """Draw EAN-13 bars with human-readable digits, left edge of the bars at ``x0``."""
    modules = EAN13(gtin).build()[0]
    guards = {0, 1, 2, 45, 46, 47, 48, 49, 92, 93, 94}
    for i, bit in enumerate(modules):
        if bit == "1":
            bar_h = height + (14 if i in guards else 0)
            x = x0 + i * MODULE
            draw.rectangle((x, y0, x + MODULE - 1, y0 + bar_h), fill=(18, 18, 18))
    font = _font(24)
    ty = y0 + height + 2
    draw.text((x0 - 11 * MODULE, ty), gtin[0], font=font, fill=(18, 18, 18))
    for half, digits in ((3, gtin[1:7]), (50, gtin[7:])):
        for j, d in enumerate(digits):
            draw.text((x0 + (half + 1 + 7 * j) * MODULE, ty), d, font=font, fill=(18, 18, 18))


def shoe_tag(gtin: str, text: TagText) -> Image.Image:
    """A white hang tag (RGBA, transparent corners) with text and the barcode."""
    w, h = TAG_SIZE
    tag = Image.new("RGBA", TAG_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(tag)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=22, fill=(250, 249, 245, 255))
    draw.ellipse((w // 2 - 12, 16, w // 2 + 12, 40), fill=(0, 0, 0, 0))
    ink = (24, 24, 28)
    draw.text(
        (34, 50), text.brand.upper(), font=_font(34), fill=ink, stroke_width=1, stroke_fill=ink
    )
    draw.text((34, 94), text.name, font=_font(26), fill=(70, 70, 76))
    draw.text((34, 132), text.sizes, font=_font(24), fill=(70, 70, 76))
    draw.text(
        (w - 34, 58),
        text.price,
        font=_font(38),
        fill=ink,
        anchor="ra",
        stroke_width=1,
        stroke_fill=ink,
    )
    bars_w = 95 * MODULE
    _barcode(draw, gtin, (w - bars_w) // 2 + 10, 196, 118)
    return tag


def compose_frame(
    rng: random.Random, np_rng: np.random.Generator, tag: Image.Image | None
) -> Image.Image:
    """The shelf scene with ``tag`` (or nothing) held in front of it, as a camera sees it."""
    frame = shelf_scene(rng)
    if tag is not None:
        angle = rng.choice((-1, 1)) * rng.uniform(2.0, 6.0)
        rotated = tag.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        x = (FRAME_SIZE[0] - rotated.width) // 2 + rng.randint(-140, 140)
        y = (FRAME_SIZE[1] - rotated.height) // 2 + rng.randint(-50, 50)
        shadow = rotated.getchannel("A").point(lambda a: a * 0.45)
        shadow = shadow.filter(ImageFilter.GaussianBlur(12))
        frame.paste((20, 20, 20), (x + 14, y + 18), shadow)
        frame.paste(rotated, (x, y), rotated)
    frame = frame.filter(ImageFilter.GaussianBlur(0.9))
    arr = np.asarray(frame, dtype=np.float32)
    arr += np_rng.normal(0.0, 4.0, size=arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


__all__ = ["FRAME_SIZE", "JPEG_QUALITY", "TagText", "compose_frame", "shoe_tag"]
