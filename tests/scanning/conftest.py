"""Helpers for scanning tests: synthetic barcode images and camera-like scenes."""

from __future__ import annotations

import io

import barcode
import cv2
import numpy as np
import pytest
import segno
from barcode.writer import ImageWriter
from PIL import Image

from kiosk.scanning.decoder import DEFAULT_SYMBOLOGIES, Decoder


def patient_decoder(symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES) -> Decoder:
    """A decoder whose clock stands still: every retry runs, whatever the machine's load,
    so a test's verdict never depends on how busy the machine was."""
    return Decoder(symbologies, clock=lambda: 0.0)


def render_linear(kind: str, code: str, module_px: int = 3) -> np.ndarray:
    """A python-barcode symbol as a grey uint8 image (``kind``: ean13, ean8, upca, code128)."""
    buf = io.BytesIO()
    symbol = barcode.get(kind, code, writer=ImageWriter())
    # python-barcode sizes in mm at ``dpi``; 25.4 mm/in makes module_px pixels per module.
    dpi = 254
    symbol.write(
        buf,
        options={
            "module_width": module_px * 25.4 / dpi,
            "module_height": 15.0,
            "quiet_zone": 4.0,
            "font_size": 0,
            "text_distance": 1.0,
            "dpi": dpi,
        },
    )
    img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return np.array(img)


def render_qr(text: str, scale: int = 6) -> np.ndarray:
    buf = io.BytesIO()
    segno.make_qr(text, error="m").save(buf, kind="png", scale=scale, border=4)
    return np.array(Image.open(io.BytesIO(buf.getvalue())).convert("L"))


def place(symbol: np.ndarray, size: tuple[int, int] = (720, 1280), fill: int = 150) -> np.ndarray:
    """Paste ``symbol`` in the middle of a plain BGR frame (a tag held before the camera)."""
    h, w = size
    frame = np.full((h, w), fill, np.uint8)
    sh, sw = symbol.shape
    y, x = (h - sh) // 2, (w - sw) // 2
    frame[y : y + sh, x : x + sw] = symbol
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def perspective(img: np.ndarray, squeeze: float = 0.15) -> np.ndarray:
    h, w = img.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [[w * squeeze, h * squeeze / 2], [w, 0], [w, h], [w * squeeze, h * (1 - squeeze / 2)]]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def noisy(img: np.ndarray, sigma: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(img.astype(np.float32) + rng.normal(0, sigma, img.shape), 0, 255).astype(
        np.uint8
    )


@pytest.fixture
def ean13_frame() -> np.ndarray:
    return place(render_linear("ean13", "400638133393"))
