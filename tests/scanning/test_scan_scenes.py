"""Never a wrong code: the decoder and the live scanner on generated camera scenes.

The scenes (kiosk/dev/barcode_scenes.py) are seeded, so every run sees the same pixels;
the decoders' clocks stand still or step by a fixed amount, so no verdict depends on the
machine's load. benchmarks/decode.py runs thousands of these; here a few hundred.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import zxingcpp
from pyzbar import pyzbar

from kiosk.dev import barcode_scenes
from kiosk.scanning.decoder import Decoder
from kiosk.scanning.gtin import gtin_for_scan, normalize_gtin
from kiosk.scanning.scanner import ScanLoop
from kiosk.scanning.sources import FrameSource
from kiosk.scanning.stream import StreamDecoder

from .conftest import patient_decoder

#: Seeds of their own (the benchmark starts at 0), so the test is not tuned on them.
STILLS = range(50_000, 50_100)
#: Smaller frames than the benchmark's 1280x720 (a quarter of the pixels), to keep the
#: test fast; labels shrink to fit, so modules are as fine or finer.
SIZE = (640, 360)


class SteppingClock:
    """A clock that moves 4 ms each time it is read: a frame's retry budget then buys
    the same few views on every machine."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        self.t += 0.004
        return self.t


def _anchor_codes(image: np.ndarray) -> tuple[set[str], set[str]]:
    gray = image.mean(axis=2).astype(np.uint8)
    zx = set()
    for r in zxingcpp.read_barcodes(gray):
        name = {"EAN13": "EAN13", "EAN8": "EAN8", "UPCA": "UPCA", "UPCE": "UPCE"}.get(
            r.format.name, ""
        )
        zx.add(gtin_for_scan(name, r.text) or normalize_gtin(r.text) or r.text)
    zb = {normalize_gtin(r.data.decode()) or r.data.decode() for r in pyzbar.decode(gray)}
    return zx, zb


@pytest.mark.timeout(900)  # ~30 s on an idle machine; every retry runs on hard scenes
def test_stills_never_give_a_wrong_code_and_read_more_than_either_anchor() -> None:
    decoder = patient_decoder()
    right = wrong = either = 0
    wrongs = []
    for seed in STILLS:
        scene = barcode_scenes.scene(seed, size=SIZE)
        codes = {s.code for s in decoder.decode(scene.image)}
        if codes == {scene.gtin}:
            right += 1
        elif codes:
            wrong += 1
            wrongs.append((seed, scene.gtin, codes))
        zx, zb = _anchor_codes(scene.image)
        either += zx == {scene.gtin} or zb == {scene.gtin}
    print(f"{len(STILLS)} scenes: ours {right} right, {wrong} wrong; either anchor {either}")
    assert wrongs == []
    assert right > either  # more than pyzbar and zxing-cpp together
    # A real floor: 77 read when this was written (either anchor: 62). The clock stands
    # still, so the count is the same on every machine.
    assert right >= 75


def _run(decoder: Decoder, shots: list[barcode_scenes.Scene]) -> list[str]:
    def no_source() -> FrameSource:
        raise RuntimeError("frames are fed through process()")

    scans: list[str] = []
    t = [0.0]
    loop = ScanLoop(
        no_source,
        decoder,
        on_scan=lambda s: scans.append(s.code),
        on_frame=lambda f: None,
        on_state=lambda s: None,
        stop_event=threading.Event(),
        clock=lambda: t[0],
        preview_fps=0,
    )
    for shot in shots:
        loop.process(shot.image)
        t[0] += 1 / 30
    return scans


@pytest.mark.parametrize("seed", range(60_000, 60_008))
def test_tag_held_still_is_one_right_scan_or_none(seed: int) -> None:
    shots = list(barcode_scenes.held_still(seed, frames=20, size=SIZE))
    scans = _run(Decoder(clock=SteppingClock()), shots)
    assert set(scans) <= {shots[0].gtin}
    assert len(scans) <= 1


@pytest.mark.parametrize("seed", range(61_000, 61_008))
def test_tag_moving_past_never_gives_a_wrong_scan(seed: int) -> None:
    shots = list(barcode_scenes.moving_past(seed, frames=16, size=SIZE))
    scans = _run(Decoder(clock=SteppingClock()), shots)
    assert set(scans) <= {shots[0].gtin}


def test_held_tags_are_read_by_the_scanner() -> None:
    """The spreading of retries over frames reads tags, not only stays silent."""
    read = 0
    for seed in range(62_000, 62_008):
        shots = list(barcode_scenes.held_still(seed, frames=20, size=SIZE))
        read += _run(Decoder(clock=SteppingClock()), shots) == [shots[0].gtin]
    assert read >= 4


def test_retries_are_spread_over_frames() -> None:
    """A frame the first look cannot settle gets a few retry views, not all of them; the
    rest follow on the next frames of the same scene."""
    seed = next(
        s
        for s in range(63_000, 63_100)
        if (w := Decoder().work(barcode_scenes.scene(s, size=SIZE).image)) is not None
        and not any(w.first_look().values())
    )
    shots = list(barcode_scenes.held_still(seed, frames=4, size=SIZE))
    stream = StreamDecoder(Decoder(clock=SteppingClock()), frame_budget_ms=12.0)
    stream.feed(shots[0].image, same_scene=False)
    assert stream.busy
    left = len(stream._queue)
    stream.feed(shots[1].image, same_scene=True)
    assert len(stream._queue) < left or not stream.busy
    stream.feed(shots[2].image, same_scene=False)  # a new scene starts afresh
    assert stream.busy
