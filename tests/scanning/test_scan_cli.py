"""``python -m kiosk decode``: output format, exit status, unreadable files."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.scanning.cli import decode_main

from .conftest import place, render_linear, render_qr


def test_decode_lines_and_unreadable_file(tmp_path: Path, capsys) -> None:
    ean = tmp_path / "ean.png"
    upca = tmp_path / "upca.jpg"
    qr = tmp_path / "qr.png"
    blank = tmp_path / "blank.png"
    broken = tmp_path / "broken.png"
    missing = tmp_path / "missing.png"
    cv2.imwrite(str(ean), place(render_linear("ean13", "400638133393")))
    cv2.imwrite(str(upca), place(render_linear("upca", "03600029145")))
    cv2.imwrite(str(qr), place(render_qr("ORDER-7F3K-22")))
    cv2.imwrite(str(blank), np.full((200, 300), 255, np.uint8))
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    files = [ean, broken, upca, missing, qr, blank]
    status = decode_main([str(f) for f in files])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.splitlines() == [
        f"{ean}\tEAN13\t4006381333931",
        f"{upca}\tUPCA\t036000291452",  # as printed on the tag: 12 digits
        f"{qr}\tQRCODE\tORDER-7F3K-22",
        f"{blank}\t-\t-",
    ]
    err_lines = err.splitlines()
    assert len(err_lines) == 2
    assert str(broken) in err_lines[0] and "cannot read" in err_lines[0]
    assert str(missing) in err_lines[1] and "no such file" in err_lines[1]


def test_all_readable_exits_zero(tmp_path: Path, capsys) -> None:
    img = tmp_path / "ean8.png"
    cv2.imwrite(str(img), place(render_linear("ean8", "9638507")))
    assert decode_main([str(img)]) == 0
    assert capsys.readouterr().out == f"{img}\tEAN8\t96385074\n"


def test_bad_symbology_option(tmp_path: Path, capsys) -> None:
    assert decode_main(["--symbologies", "EAN13,NOPE", str(tmp_path / "x.png")]) == 2
    assert "NOPE" in capsys.readouterr().err
