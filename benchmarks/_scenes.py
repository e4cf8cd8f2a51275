"""Synthetic camera-like scenes with no barcode, for the empty-frame cost benchmark.

Two kinds, both 1280x720 BGR, deterministic per seed:

- ``blurred_noise``: uniform noise blurred with sigma 3, stretched to full range — the
  worst case the issue names (both anchors took over 20 ms on it).
- ``shop_scene``: what a kiosk camera sees between scans — a lit back wall (low-frequency
  "fractal" texture from summed, upscaled noise octaves), a vignetting gradient, shelves
  (horizontal bands), shoe boxes (random soft-edged rectangles), fine fabric-like texture,
  and per-frame sensor noise (sigma 4), softened by a slight lens blur.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["blurred_noise", "shop_scene"]

W, H = 1280, 720


def blurred_noise(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = (rng.random((H, W)) * 255).astype(np.uint8)
    img = cv2.GaussianBlur(img, (0, 0), 3)
    img = cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX)
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)


def _octaves(rng: np.random.Generator) -> np.ndarray:
    acc = np.zeros((H, W), np.float32)
    for level, weight in ((8, 1.0), (16, 0.6), (48, 0.35), (160, 0.2), (480, 0.1)):
        small = rng.random((max(2, H * level // W), level)).astype(np.float32)
        acc += weight * cv2.resize(small, (W, H), interpolation=cv2.INTER_CUBIC)
    acc -= acc.min()
    return acc / max(float(acc.max()), 1e-6)


def shop_scene(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    wall = 150 + 60 * _octaves(rng)
    img = np.dstack([wall * rng.uniform(0.85, 1.1) for _ in range(3)]).astype(np.float32)
    for y in (int(H * 0.42), int(H * 0.86)):  # shelves
        img[y : y + 26] = np.array(rng.uniform(60, 120, 3), np.float32)
        for _ in range(int(rng.integers(4, 8))):  # boxes standing on the shelf
            bw, bh = int(rng.integers(90, 220)), int(rng.integers(60, 160))
            x = int(rng.integers(0, W - bw))
            colour = np.array(rng.uniform(20, 235, 3), np.float32)
            img[max(0, y - bh) : y, x : x + bw] = colour
    # Fabric-like fine texture on a random patch (a shopper's sleeve entering the view).
    x0, y0 = int(rng.integers(0, W - 400)), int(rng.integers(0, H - 300))
    weave = (rng.random((300, 400)) * 40 - 20).astype(np.float32)
    img[y0 : y0 + 300, x0 : x0 + 400] += cv2.GaussianBlur(weave, (0, 0), 1.2)[:, :, None]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    vignette = 1.0 - 0.35 * (((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2) * 2
    img *= vignette[:, :, None]
    img = cv2.GaussianBlur(img, (0, 0), 1.0)
    img += rng.normal(0, 4, img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)
