"""Seeded camera scenes of retail barcodes on shoe-box labels, for tests and benchmarks.

Every scene is made on the fly from a seed (nothing is stored): a random valid GTIN is
printed as an EAN-13, UPC-A, EAN-8 or UPC-E symbol (bar patterns from python-barcode;
UPC-E, which python-barcode lacks, from :func:`upce_modules`) with its digits beneath, on
a white label with other print (article, size, colour), stuck on a coloured cardboard box
side, and photographed: perspective, rotation (any angle up to ``max_angle``, so the
~20 degrees of a tag held at a slant is common), scale, uneven light, glare, defocus or
motion blur, sensor noise and JPEG compression.

:func:`scene` gives one still; :func:`held_still` and :func:`moving_past` give the frame
sequences a live scanner sees (a tag held before the camera, a tag swept past it).
Only the expected code is returned with the image: the decoder under test never sees it.

(About 440 lines, over the usual 400: code tables, label drawing and the camera model
share one seeded random stream per scene, and the order of draws is what makes a seed
reproducible; split across modules that order would be easy to break unseen.)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

__all__ = [
    "KINDS",
    "Scene",
    "held_still",
    "moving_past",
    "random_gtin",
    "scene",
    "symbol_modules",
    "upce_modules",
]

#: Symbologies in the order their share is drawn (equal shares).
KINDS = ("EAN13", "UPCA", "EAN8", "UPCE")
#: Frame size (width, height) unless a caller asks for another.
SIZE = (1280, 720)


@dataclass(frozen=True)
class Scene:
    """One camera frame (BGR uint8) and the code printed in it.

    ``gtin`` is the GTIN-13 the kiosk would look up; ``text`` the digits as printed
    (UPC-A 12, UPC-E 8); ``angle`` the tag's rotation in degrees (for reports).
    """

    image: np.ndarray
    symbology: str
    text: str
    gtin: str
    angle: float
    seed: int


# -- codes -------------------------------------------------------------------------------


def _check_digit(body: str) -> str:
    """GS1 check digit of ``body`` (weights 3,1,3,... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def random_gtin(kind: str, rng: np.random.Generator) -> str:
    """Random valid printed text for ``kind`` (EAN13 13, UPCA 12, EAN8 8, UPCE 8 digits)."""

    def digits(n: int) -> str:
        return "".join(str(int(d)) for d in rng.integers(0, 10, size=n))

    if kind == "EAN13":
        body = str(int(rng.integers(1, 10))) + digits(11)  # a leading 0 would be a UPC-A
        return body + _check_digit(body)
    if kind == "UPCA":
        body = digits(11)
        return body + _check_digit(body)
    if kind == "EAN8":
        body = str(int(rng.integers(1, 10))) + digits(6)  # prefix 0 is restricted/UPC-E
        return body + _check_digit(body)
    if kind == "UPCE":
        from kiosk.scanning.gtin import expand_upce

        while True:
            ns = "1" if rng.random() < 0.1 else "0"  # number system 1 is rare in shops
            data = digits(6)
            for check in "0123456789":
                if expand_upce(ns + data + check) is not None:
                    return ns + data + check
    raise ValueError(f"unknown kind {kind!r}")


def gtin13(kind: str, text: str) -> str:
    """The GTIN-13 of printed ``text`` (what the decoder reports as ``Scan.code``)."""
    from kiosk.scanning.gtin import gtin_for_scan

    gtin = gtin_for_scan(kind, text)
    if gtin is None:
        raise ValueError(f"{kind} {text} is not valid")
    return gtin


_L = (
    "0001101",
    "0011001",
    "0010011",
    "0111101",
    "0100011",
    "0110001",
    "0101111",
    "0111011",
    "0110111",
    "0001011",
)
_G = (
    "0100111",
    "0110011",
    "0011011",
    "0100001",
    "0011101",
    "0111001",
    "0000101",
    "0010001",
    "0001001",
    "0010111",
)
#: UPC-E parity of the six data digits for number system 0, by check digit (E = even/G).
_UPCE_PARITY = (
    "EEEOOO",
    "EEOEOO",
    "EEOOEO",
    "EEOOOE",
    "EOEEOO",
    "EOOEEO",
    "EOOOEE",
    "EOEOEO",
    "EOEOOE",
    "EOOEOE",
)


def upce_modules(text: str) -> str:
    """The module string (1 = bar) of an 8-digit UPC-E: guard, 6 digits, end guard."""
    ns, data, check = int(text[0]), text[1:7], int(text[7])
    parity = _UPCE_PARITY[check]
    if ns == 1:  # number system 1 mirrors the parity
        parity = parity.translate(str.maketrans("EO", "OE"))
    body = "".join((_G if p == "E" else _L)[int(d)] for d, p in zip(data, parity, strict=True))
    return "101" + body + "010101"


def symbol_modules(kind: str, text: str) -> str:
    """Module string of ``text`` printed as ``kind`` (python-barcode for EAN/UPC-A)."""
    if kind == "UPCE":
        return upce_modules(text)
    import barcode  # type: ignore[import-untyped]  # python-barcode ships no type hints

    name = {"EAN13": "ean13", "UPCA": "upca", "EAN8": "ean8"}[kind]
    symbol = barcode.get(name, text[:-1])
    if symbol.get_fullcode() != text:
        raise ValueError(f"python-barcode made {symbol.get_fullcode()} of {text}")
    return str(symbol.build()[0])


# -- drawing -----------------------------------------------------------------------------

_FONT = cv2.FONT_HERSHEY_SIMPLEX


def _symbol(kind: str, text: str, module: int, rng: np.random.Generator) -> np.ndarray:
    """The printed symbol with quiet zones and human-readable digits, white = 255."""
    modules = symbol_modules(kind, text)
    ink = int(rng.integers(0, 60))
    row = np.array([ink if m == "1" else 255 for m in modules], np.uint8)
    # Ink spread: bars printed a little fat or thin (as label printers do), by a tenth of
    # a module on each edge, on a 10x-oversampled row.
    fine = np.repeat(row, 10)
    spread = int(rng.integers(-1, 2))
    if spread:
        dark = fine < 128
        kernel = np.ones(3, np.uint8)
        shifted = (
            cv2.dilate(dark.astype(np.uint8)[None], kernel[None])
            if spread > 0
            else cv2.erode(dark.astype(np.uint8)[None], kernel[None])
        )[0]
        fine = np.where(shifted > 0, ink, 255).astype(np.uint8)
    width = len(modules) * module
    line = cv2.resize(fine[None, :], (width, 1), interpolation=cv2.INTER_AREA)[0]
    quiet = (11 if kind in ("EAN13", "UPCA") else 9) * module
    bar_h = int(module * len(modules) * rng.uniform(0.45, 0.75))
    text_h = max(10, int(module * 9))
    img = np.full((bar_h + text_h + 2 * module, width + 2 * quiet), 255, np.uint8)
    img[module : module + bar_h, quiet : quiet + width] = line
    scale = text_h / 30.0
    (tw, _), _ = cv2.getTextSize(text, _FONT, scale, 1)
    x = max(0, (img.shape[1] - tw) // 2)
    cv2.putText(img, text, (x, img.shape[0] - module), _FONT, scale, ink, 1, cv2.LINE_AA)
    return img


_WORDS = ("ART", "SIZE", "EU", "UK", "US", "COL", "BLK", "WHT", "NAVY", "RUN", "MADE IN")


def _label(symbol: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A shoe-box label: the symbol below a few lines of print, on (off-)white paper."""
    sh, sw = symbol.shape
    lines = int(rng.integers(1, 4))
    line_h = max(12, sh // 6)
    pad = max(6, sw // 20)
    h, w = sh + lines * line_h + 2 * pad, sw + 2 * pad
    paper = int(rng.integers(225, 256))
    label = np.full((h, w), paper, np.uint8)
    for i in range(lines):
        words = " ".join(
            str(rng.choice(_WORDS)) + " " + str(int(rng.integers(1, 99999)))
            for _ in range(int(rng.integers(1, 3)))
        )
        y = pad + (i + 1) * line_h - line_h // 4
        cv2.putText(label, words, (pad, y), _FONT, line_h / 36.0, 30, 1, cv2.LINE_AA)
    y0 = pad + lines * line_h
    label[y0 : y0 + sh, pad : pad + sw] = np.minimum(symbol, paper)
    return label


def _box_side(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """Coloured cardboard with a little texture and a printed stripe or logo band."""
    colour = rng.uniform(30, 230, 3).astype(np.float32)
    side = np.empty((height, width, 3), np.float32)
    side[:] = colour
    coarse = rng.normal(0, 6, (height // 4 + 1, width // 4 + 1)).astype(np.float32)
    grain = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)
    side += grain[:, :, None]
    if rng.random() < 0.6:  # a brand band across the box
        y = int(rng.integers(0, height - 60))
        side[y : y + int(rng.integers(20, 60))] = rng.uniform(0, 255, 3)
    return side


@dataclass(frozen=True)
class _Pose:
    """Where and how the label sits in the frame."""

    cx: float
    cy: float
    angle: float
    scale: float
    tilt_x: float  # perspective: one vertical edge shorter than the other
    tilt_y: float


def _corners(pose: _Pose, w: int, h: int) -> np.ndarray:
    """Frame positions of the label's four corners for ``pose``."""
    hw, hh = w * pose.scale / 2, h * pose.scale / 2
    pts = np.array(
        [
            [-hw * (1 - pose.tilt_y), -hh * (1 - pose.tilt_x)],
            [hw * (1 + pose.tilt_y), -hh * (1 + pose.tilt_x)],
            [hw * (1 + pose.tilt_y), hh * (1 + pose.tilt_x)],
            [-hw * (1 - pose.tilt_y), hh * (1 - pose.tilt_x)],
        ],
        np.float32,
    )
    a = math.radians(pose.angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    return (pts @ rot.T + np.array([pose.cx, pose.cy], np.float32)).astype(np.float32)


@dataclass(frozen=True)
class _Look:
    """Lighting and optics of one shot."""

    light: np.ndarray  # per-pixel gain (uneven light), frame-sized float32
    glare: tuple[float, float, float, float] | None  # cx, cy, radius, strength
    blur: float  # defocus sigma in pixels
    motion: int  # motion-blur length in pixels (0: none)
    motion_angle: float
    noise: float
    jpeg: int  # quality, 0: none


def _random_look(rng: np.random.Generator, size: tuple[int, int]) -> _Look:
    W, H = size
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    gx, gy = rng.uniform(-0.5, 0.5, 2)
    light = 1.0 + gx * (xx / W - 0.5) + gy * (yy / H - 0.5)
    light *= rng.uniform(0.6, 1.15)
    glare = None
    if rng.random() < 0.3:
        glare = (
            float(rng.uniform(0.2, 0.8) * W),
            float(rng.uniform(0.2, 0.8) * H),
            float(rng.uniform(40, 160)),
            float(rng.uniform(60, 200)),
        )
    motion = int(rng.integers(3, 9)) if rng.random() < 0.15 else 0
    return _Look(
        light=light.astype(np.float32),
        glare=glare,
        blur=float(rng.choice([0.0, 0.0, rng.uniform(0.4, 1.2), rng.uniform(1.0, 2.2)])),
        motion=motion,
        motion_angle=float(rng.uniform(0, 180)),
        noise=float(rng.uniform(1.0, 9.0)),
        jpeg=int(rng.choice([0, 0, int(rng.integers(55, 95))])),
    )


def _shoot(
    label: np.ndarray,
    box: np.ndarray,
    pose: _Pose,
    look: _Look,
    rng: np.random.Generator,
) -> np.ndarray:
    """Photograph ``label`` on ``box`` (the frame background) in ``pose`` under ``look``."""
    H, W = box.shape[:2]
    h, w = label.shape
    corners = _corners(pose, w, h)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(label, m, (W, H), flags=cv2.INTER_LINEAR, borderValue=0)
    mask = cv2.warpPerspective(np.full_like(label, 255), m, (W, H), flags=cv2.INTER_LINEAR)
    alpha = (mask.astype(np.float32) / 255.0)[:, :, None]
    tint = rng.uniform(0.9, 1.05, 3).astype(np.float32)  # white balance
    img = box * (1 - alpha) + warped[:, :, None].astype(np.float32) * tint * alpha
    img *= look.light[:, :, None]
    if look.glare is not None:
        cx, cy, radius, strength = look.glare
        yy, xx = np.ogrid[0:H, 0:W]
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2)).astype(np.float32)
        img += strength * blob[:, :, None]
    if look.blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), look.blur)
    if look.motion > 1:
        line = np.zeros((look.motion, look.motion), np.float32)
        line[look.motion // 2, :] = 1.0 / look.motion
        rot = cv2.getRotationMatrix2D(
            (look.motion / 2 - 0.5, look.motion / 2 - 0.5), look.motion_angle, 1.0
        )
        kernel = cv2.warpAffine(line, rot, (look.motion, look.motion))
        kernel = (kernel / max(float(kernel.sum()), 1e-6)).astype(np.float32)
        img = cv2.filter2D(img, -1, kernel)
    img += rng.normal(0, look.noise, img.shape).astype(np.float32)
    out: np.ndarray = np.clip(img, 0, 255).astype(np.uint8)
    if look.jpeg:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, look.jpeg])
        if ok:
            out = np.asarray(cv2.imdecode(buf, cv2.IMREAD_COLOR), dtype=np.uint8)
    return out


def _setup(
    seed: int, kind: str | None, max_angle: float, size: tuple[int, int]
) -> tuple[str, str, np.ndarray, np.ndarray, _Pose, np.random.Generator]:
    rng = np.random.default_rng(seed)
    kind = kind if kind is not None else KINDS[int(rng.integers(0, len(KINDS)))]
    text = random_gtin(kind, rng)
    module = int(rng.integers(2, 5))
    label = _label(_symbol(kind, text, module, rng), rng)
    W, H = size
    box = _box_side(rng, W, H)
    lh, lw = label.shape
    # Scale so a module lands on 1.4-3.5 pixels, and the label fits the frame.
    px = rng.uniform(1.4, 3.5)
    scale = min(px / module, 0.9 * W / lw, 0.9 * H / lh)
    angle = float(rng.uniform(-max_angle, max_angle))
    pose = _Pose(
        cx=float(rng.uniform(0.35, 0.65) * W),
        cy=float(rng.uniform(0.35, 0.65) * H),
        angle=angle,
        scale=float(scale),
        tilt_x=float(rng.uniform(-0.12, 0.12)),
        tilt_y=float(rng.uniform(-0.08, 0.08)),
    )
    return kind, text, label, box, pose, rng


def scene(
    seed: int, kind: str | None = None, max_angle: float = 35.0, size: tuple[int, int] = SIZE
) -> Scene:
    """One seeded still: the same seed always gives the same pixels and code."""
    kind, text, label, box, pose, rng = _setup(seed, kind, max_angle, size)
    look = _random_look(rng, size)
    image = _shoot(label, box, pose, look, rng)
    return Scene(image, kind, text, gtin13(kind, text), pose.angle, seed)


def held_still(
    seed: int,
    frames: int = 30,
    kind: str | None = None,
    max_angle: float = 35.0,
    size: tuple[int, int] = SIZE,
) -> Iterator[Scene]:
    """A tag held before the camera: the same shot with a little hand tremor (well under a
    pixel to about one), and fresh sensor noise in every frame."""
    kind, text, label, box, pose, rng = _setup(seed, kind, max_angle, size)
    look = _random_look(rng, size)
    gtin = gtin13(kind, text)
    for _ in range(frames):
        jitter = _Pose(
            cx=pose.cx + float(rng.normal(0, 0.6)),
            cy=pose.cy + float(rng.normal(0, 0.6)),
            angle=pose.angle + float(rng.normal(0, 0.15)),
            scale=pose.scale * float(1 + rng.normal(0, 0.003)),
            tilt_x=pose.tilt_x,
            tilt_y=pose.tilt_y,
        )
        yield Scene(_shoot(label, box, jitter, look, rng), kind, text, gtin, jitter.angle, seed)


def moving_past(
    seed: int,
    frames: int = 24,
    kind: str | None = None,
    max_angle: float = 35.0,
    size: tuple[int, int] = SIZE,
) -> Iterator[Scene]:
    """A tag swept across the view, left to right, with motion blur along the sweep."""
    kind, text, label, box, pose, rng = _setup(seed, kind, max_angle, size)
    base = _random_look(rng, size)
    gtin = gtin13(kind, text)
    speed = size[0] * 1.4 / frames  # pixels per frame: from off the left edge to off the right
    blur = max(2, min(int(speed * rng.uniform(0.1, 0.3)), 25))
    for i in range(frames):
        cx = -0.2 * size[0] + i * speed
        moved = _Pose(
            cx, pose.cy + 10 * math.sin(i / 3), pose.angle, pose.scale, pose.tilt_x, pose.tilt_y
        )
        look = _Look(
            base.light,
            base.glare,
            base.blur,
            blur,
            0.0,
            base.noise,
            base.jpeg,
        )
        yield Scene(_shoot(label, box, moved, look, rng), kind, text, gtin, moved.angle, seed)
