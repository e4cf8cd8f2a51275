"""Draw a product picture of a shoe with Pillow: side view, toe to the right.

Shapes are authored in a 480x360 design space as control points joined by Catmull-Rom
splines, drawn 3x supersampled and scaled down for smooth edges. One outline per
``kind`` (sneaker, hightop, runner, hiker, chelsea, derby, loafer, flat, heel); colour,
sole colour and brand come from the style.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 480, 360
SS = 3  # supersampling factor
GROUND = 292

Point = tuple[float, float]
RGB = tuple[int, int, int]


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _luma(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _spline(points: Sequence[Point], closed: bool = True, steps: int = 10) -> list[Point]:
    """Catmull-Rom through ``points``, scaled to the supersampled canvas."""
    pts = list(points)
    n = len(pts)
    out: list[Point] = []
    last = n if closed else n - 1
    for i in range(last):
        p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % n]
        p3 = pts[(i + 2) % n] if closed or i + 2 < n else pts[-1]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            x = 0.5 * (
                2 * p1[0]
                + (-p0[0] + p2[0]) * t
                + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3
            )
            y = 0.5 * (
                2 * p1[1]
                + (-p0[1] + p2[1]) * t
                + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3
            )
            out.append((x * SS, y * SS))
    if not closed:
        out.append((pts[-1][0] * SS, pts[-1][1] * SS))
    return out


def _sc(points: Sequence[Point]) -> list[Point]:
    return [(x * SS, y * SS) for x, y in points]


# --- outlines per kind (design space) -------------------------------------------------

_UPPERS: dict[str, list[Point]] = {
    "sneaker": [
        (64, 282),
        (56, 236),
        (66, 188),
        (104, 180),
        (142, 198),
        (174, 164),
        (196, 168),
        (214, 196),
        (274, 222),
        (344, 236),
        (404, 250),
        (430, 268),
        (424, 284),
        (240, 286),
    ],
    "runner": [
        (66, 270),
        (58, 226),
        (70, 184),
        (110, 182),
        (146, 200),
        (178, 160),
        (200, 164),
        (218, 192),
        (280, 214),
        (350, 228),
        (410, 242),
        (436, 262),
        (428, 278),
        (240, 280),
    ],
    "hightop": [
        (66, 282),
        (58, 200),
        (70, 110),
        (146, 104),
        (172, 110),
        (186, 108),
        (200, 150),
        (218, 196),
        (274, 222),
        (344, 236),
        (404, 250),
        (430, 268),
        (424, 284),
        (240, 286),
    ],
    "hiker": [
        (64, 270),
        (56, 190),
        (74, 112),
        (148, 106),
        (182, 96),
        (198, 104),
        (204, 150),
        (224, 194),
        (284, 218),
        (350, 230),
        (408, 242),
        (434, 262),
        (426, 276),
        (240, 280),
    ],
    "chelsea": [
        (72, 282),
        (64, 200),
        (74, 96),
        (176, 96),
        (182, 150),
        (214, 206),
        (290, 232),
        (360, 244),
        (414, 256),
        (436, 274),
        (428, 286),
        (240, 288),
    ],
    "derby": [
        (70, 280),
        (64, 236),
        (74, 198),
        (120, 196),
        (160, 212),
        (196, 196),
        (222, 204),
        (250, 226),
        (320, 244),
        (390, 258),
        (440, 274),
        (436, 286),
        (240, 288),
    ],
    "loafer": [
        (70, 280),
        (64, 236),
        (74, 200),
        (130, 206),
        (196, 218),
        (244, 214),
        (300, 232),
        (370, 250),
        (430, 266),
        (442, 280),
        (432, 288),
        (240, 288),
    ],
    "flat": [
        (70, 284),
        (66, 250),
        (76, 224),
        (130, 236),
        (200, 250),
        (256, 244),
        (330, 256),
        (400, 266),
        (444, 280),
        (436, 290),
        (240, 290),
    ],
    "heel": [
        (84, 206),
        (78, 160),
        (92, 130),
        (140, 156),
        (220, 220),
        (290, 236),
        (360, 248),
        (420, 262),
        (450, 284),
        (436, 294),
        (330, 284),
        (240, 264),
        (150, 226),
    ],
}

# Sole outlines: (points, midsole band height for two-tone soles)
_SOLES: dict[str, list[Point]] = {
    "cup": [
        (52, 262),
        (150, 268),
        (300, 272),
        (420, 266),
        (440, 276),
        (432, 292),
        (240, 294),
        (60, 294),
        (48, 282),
    ],
    "foam": [
        (50, 250),
        (120, 262),
        (240, 272),
        (380, 270),
        (432, 258),
        (446, 272),
        (436, 292),
        (240, 296),
        (70, 296),
        (50, 282),
    ],
    "lug": [
        (50, 258),
        (150, 266),
        (300, 270),
        (420, 260),
        (442, 272),
        (436, 294),
        (240, 296),
        (60, 296),
        (46, 280),
    ],
    "thin": [
        (64, 278),
        (200, 282),
        (340, 284),
        (436, 280),
        (446, 286),
        (436, 292),
        (240, 293),
        (70, 292),
    ],
}
_SOLE_FOR = {
    "sneaker": "cup",
    "hightop": "cup",
    "runner": "foam",
    "hiker": "lug",
    "chelsea": "thin",
    "derby": "thin",
    "loafer": "thin",
    "flat": "thin",
}
_LACED = {"sneaker", "hightop", "runner", "hiker", "derby"}

# Throat line (from collar to vamp) along which eyelets and laces sit.
_THROATS: dict[str, tuple[Point, Point, int]] = {
    "sneaker": ((186, 174), (226, 208), 5),
    "runner": ((190, 170), (230, 204), 5),
    "hightop": ((186, 116), (224, 208), 8),
    "hiker": ((194, 112), (230, 204), 7),
    "derby": ((206, 202), (236, 220), 4),
}


def _font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled font, so output does not depend on the fonts a machine has."""
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


def _shaded_fill(
    canvas: Image.Image,
    polygon: list[Point],
    colour: RGB,
    top_light: float = 0.22,
    bottom_dark: float = 0.18,
) -> Image.Image:
    """Fill ``polygon`` with a vertical light-to-dark gradient of ``colour``; return its mask."""
    mask = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(mask).polygon(polygon, fill=255)
    ys = [p[1] for p in polygon]
    y0, y1 = int(min(ys)), int(max(ys)) + 1
    grad = Image.new("RGB", (1, canvas.height), colour)
    light, dark = _mix(colour, (255, 255, 255), top_light), _mix(colour, (0, 0, 0), bottom_dark)
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0)
        grad.putpixel((0, y), _mix(light, dark, t))
    canvas.paste(grad.resize(canvas.size), (0, 0), mask)
    return mask


def _outline(draw: ImageDraw.ImageDraw, polygon: list[Point], colour: RGB, width: int) -> None:
    draw.line([*polygon, polygon[0]], fill=colour, width=width * SS, joint="curve")


def _background(colour: RGB) -> Image.Image:
    """A soft studio backdrop tinted with the shoe's colour."""
    tint = _mix(colour, (246, 244, 240), 0.88)
    floor = _mix(tint, (120, 120, 120), 0.12)
    bg = Image.new("RGB", (1, HEIGHT * SS))
    for y in range(HEIGHT * SS):
        t = y / (HEIGHT * SS)
        bg.putpixel((0, y), _mix(_mix(tint, (255, 255, 255), 0.5), floor, t**1.6))
    return bg.resize((WIDTH * SS, HEIGHT * SS))


def _flat(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (box[0] * SS, box[1] * SS, box[2] * SS, box[3] * SS)


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _laces(draw: ImageDraw.ImageDraw, kind: str, upper: RGB) -> None:
    start, end, count = _THROATS[kind]
    lace = (245, 243, 238) if _luma(upper) < 170 else (60, 58, 60)
    eyelet = _mix(upper, (0, 0, 0), 0.45)
    holes = [_lerp(start, end, i / (count - 1)) for i in range(count)]
    # Each lace crosses from the far-side eyelet (hidden) to the near one, drawn as a bar.
    for i, (x, y) in enumerate(holes):
        draw.line(_sc([(x - 16, y - 4), (x + 2, y + 2)]), fill=lace, width=4 * SS)
        r = 2.6 if kind != "hiker" or i < count - 3 else 3.4
        draw.ellipse(_flat((x - r, y - r, x + r, y + r)), fill=eyelet)
    # The tongue's edge above the top eyelet.
    draw.line(
        _sc([(start[0] - 10, start[1] - 8), (start[0] + 8, start[1] - 12)]),
        fill=_mix(upper, (0, 0, 0), 0.3),
        width=2 * SS,
    )


def _details(draw: ImageDraw.ImageDraw, kind: str, upper: RGB, accent: RGB) -> None:
    dark = _mix(upper, (0, 0, 0), 0.35)
    light = _mix(upper, (255, 255, 255), 0.35)
    if kind in ("sneaker", "hightop"):
        # Heel counter, toe cap line and a side panel.
        draw.line(
            _spline([(66, 262), (96, 252), (118, 272)], closed=False), fill=dark, width=2 * SS
        )
        draw.line(
            _spline([(356, 266), (372, 244), (404, 250)], closed=False), fill=dark, width=2 * SS
        )
        draw.line(
            _spline([(150, 262), (220, 232), (300, 250)], closed=False), fill=accent, width=7 * SS
        )
    elif kind == "runner":
        draw.line(
            _spline([(110, 250), (180, 222), (260, 232), (330, 246)], closed=False),
            fill=accent,
            width=6 * SS,
        )
        draw.line(
            _spline([(120, 262), (190, 238), (270, 246), (340, 258)], closed=False),
            fill=accent,
            width=3 * SS,
        )
        draw.polygon(_sc([(58, 226), (70, 184), (88, 184), (78, 230)]), fill=dark)
    elif kind == "hiker":
        draw.polygon(
            _spline([(350, 262), (380, 238), (420, 244), (438, 264), (420, 268)]), fill=dark
        )
        draw.line(
            _spline([(60, 140), (120, 128), (182, 120)], closed=False), fill=light, width=3 * SS
        )
        draw.polygon(_spline([(60, 252), (100, 226), (140, 244), (120, 266)]), fill=dark)
    elif kind == "chelsea":
        draw.polygon(
            _spline([(132, 102), (118, 180), (140, 232), (166, 184), (168, 102)]),
            fill=_mix(upper, (0, 0, 0), 0.5),
        )
        for x in range(134, 168, 6):
            draw.line(
                _sc([(x, 110), (x - 2, 210)]), fill=_mix(upper, (0, 0, 0), 0.62), width=1 * SS
            )
        draw.rounded_rectangle(_flat((62, 76, 80, 112)), radius=6 * SS, fill=dark)
    elif kind == "derby":
        draw.line(
            _spline([(330, 250), (344, 232), (368, 252)], closed=False), fill=dark, width=2 * SS
        )
        draw.line(
            _spline([(150, 276), (170, 234), (206, 206)], closed=False), fill=dark, width=2 * SS
        )
    elif kind == "loafer":
        draw.polygon(
            _spline([(226, 220), (270, 220), (300, 236), (262, 244), (230, 236)]), fill=dark
        )
        draw.ellipse(_flat((252, 226, 270, 236)), fill=_mix(upper, (0, 0, 0), 0.65))
        draw.line(
            _spline([(236, 226), (300, 244), (370, 258), (416, 270)], closed=False),
            fill=light,
            width=2 * SS,
        )
    elif kind == "flat":
        cx, cy = 360, 262
        draw.ellipse(_flat((cx - 16, cy - 9, cx - 2, cy + 5)), fill=dark)
        draw.ellipse(_flat((cx + 2, cy - 9, cx + 16, cy + 5)), fill=dark)
        draw.ellipse(_flat((cx - 4, cy - 5, cx + 4, cy + 3)), fill=accent)
    elif kind == "heel":
        draw.line(
            _spline([(96, 140), (150, 170), (226, 232)], closed=False), fill=light, width=2 * SS
        )


def _heel_shoe(canvas: Image.Image, draw: ImageDraw.ImageDraw, upper: RGB, sole: RGB) -> None:
    """A pump: arched sole, slim heel, pointed toe."""
    heel = [(92, 200), (132, 206), (126, GROUND - 4), (118, GROUND), (106, GROUND - 2)]
    draw.polygon(_spline(heel, steps=6), fill=sole)
    arch = [
        (80, 204),
        (150, 228),
        (240, 266),
        (330, 286),
        (430, 294),
        (450, 290),
        (448, 296),
        (330, 292),
        (240, 272),
        (150, 236),
        (84, 212),
    ]
    draw.polygon(_spline(arch, steps=6), fill=sole)
    poly = _spline(_UPPERS["heel"])
    _shaded_fill(canvas, poly, upper)
    _outline(draw, poly, _mix(upper, (0, 0, 0), 0.45), 1)
    # Inside lining visible through the low throat.
    draw.polygon(
        _spline([(96, 146), (140, 162), (214, 222), (150, 196), (100, 166)]),
        fill=_mix(upper, (255, 255, 255), 0.45),
    )


def draw_shoe_layer(kind: str, upper: RGB, sole: RGB) -> Image.Image:
    """The shoe alone on a transparent layer, in design-space position."""
    layer = Image.new("RGBA", (WIDTH * SS, HEIGHT * SS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    accent = (
        _mix(upper, (255, 255, 255), 0.55) if _luma(upper) < 150 else _mix(upper, (0, 0, 0), 0.4)
    )
    if kind == "heel":
        _heel_shoe(layer, draw, upper, sole)
        return layer
    poly = _spline(_UPPERS[kind])
    _shaded_fill(layer, poly, upper)
    _outline(draw, poly, _mix(upper, (0, 0, 0), 0.4), 1)
    if kind in _LACED:
        _laces(draw, kind, upper)
    sole_kind = _SOLE_FOR[kind]
    sole_poly = _spline(_SOLES[sole_kind])
    _shaded_fill(layer, sole_poly, sole, top_light=0.1, bottom_dark=0.2)
    _outline(draw, sole_poly, _mix(sole, (0, 0, 0), 0.35), 1)
    if sole_kind == "lug":
        for x in range(62, 432, 18):
            draw.rectangle(
                _flat((x, GROUND - 2, x + 9, GROUND + 4)), fill=_mix(sole, (0, 0, 0), 0.3)
            )
    if sole_kind == "thin":
        draw.rectangle(_flat((66, 284, 128, GROUND + 2)), fill=_mix(sole, (0, 0, 0), 0.25))
    # Stitching along the top of the sole.
    stitch = _spline(_SOLES[sole_kind][:5], closed=False)
    for i in range(0, len(stitch) - 2, 4):
        (x0, y0), (x1, y1) = stitch[i], stitch[i + 2]
        draw.line([(x0, y0 + 6 * SS), (x1, y1 + 6 * SS)], fill=_mix(sole, (0, 0, 0), 0.3), width=SS)
    _details(draw, kind, upper, accent)
    return layer


def draw_shoe(kind: str, upper: RGB, sole: RGB, brand: str) -> Image.Image:
    """A 480x360 product picture of one shoe of ``kind``, centred on a soft backdrop."""
    canvas = _background(upper)
    layer = draw_shoe_layer(kind, upper, sole)
    left, top, right, bottom = layer.getbbox() or (0, 0, layer.width, layer.height)
    # Centre the shoe in the area below the wordmark.
    dy = round(((56 * SS + (HEIGHT - 28) * SS) - (top + bottom)) / 2)
    dx = round((layer.width - (left + right)) / 2)
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).ellipse(
        (left + dx + 10 * SS, bottom + dy - 9 * SS, right + dx - 10 * SS, bottom + dy + 9 * SS),
        fill=120,
    )
    canvas.paste((60, 56, 52), (0, 0), shadow.filter(ImageFilter.GaussianBlur(8 * SS)))
    canvas.paste(layer, (dx, dy), layer)
    draw = ImageDraw.Draw(canvas)
    draw.text(
        (24 * SS, 20 * SS),
        " ".join(brand.upper()),
        font=_font(15 * SS),
        fill=_mix(upper, (40, 40, 40), 0.7),
    )
    image = canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    # A palette image keeps each file small; no dithering, so gradients stay clean.
    return image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


__all__ = ["HEIGHT", "WIDTH", "draw_shoe", "draw_shoe_layer"]
