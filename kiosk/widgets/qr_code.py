"""A QR code (segno) as a QImage: crisp black modules on white, with the quiet zone."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QImage


def qr_image(text: str, *, scale: int = 10) -> QImage:
    """``text`` as a QR code image; ``scale`` pixels per module."""
    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    # PySide6 6.11 takes the format as str at run time (bytes raises) but types it as bytes.
    image = QImage.fromData(buffer.getvalue(), "PNG")  # type: ignore[arg-type]
    if image.isNull():  # pragma: no cover - segno always writes a valid PNG
        raise ValueError("could not render the QR code")
    return image
