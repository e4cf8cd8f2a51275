"""The scanner worker on its QThread: scans, previews, camera loss and recovery, garbage."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtGui import QImage

from kiosk.scanning.decoder import Decoder
from kiosk.scanning.scanner import ScanLoop, Scanner, frame_to_qimage
from kiosk.scanning.sources import ImageFolderSource, SourceUnavailable

from .conftest import place, render_linear

GTIN = "4006381333931"


@pytest.fixture(scope="module")
def code_frame() -> np.ndarray:
    return place(render_linear("ean13", GTIN[:12]))


@pytest.fixture
def frames_dir(tmp_path: Path, code_frame: np.ndarray) -> Path:
    cv2.imwrite(str(tmp_path / f"01-{GTIN}.png"), code_frame)
    cv2.imwrite(str(tmp_path / "00-empty.png"), np.full_like(code_frame, 150))
    return tmp_path


class FlakyCamera:
    """The one thing we fake: a camera that is missing for a while, then delivers frames,
    and can be unplugged again. ``world`` is shared across reconnects."""

    name = "flaky test camera"

    def __init__(self, world: dict) -> None:
        self.world = world

    def open(self) -> None:
        self.world["opens"] += 1
        if self.world["opens"] <= self.world["fail_opens"]:
            raise SourceUnavailable("no camera yet")

    def read(self) -> np.ndarray | None:
        if self.world["unplug"].is_set():
            self.world["unplug"].clear()
            self.world["fail_opens"] = self.world["opens"] + 1  # next open fails too
            raise SourceUnavailable("unplugged")
        frames = self.world["frames"]
        frame = frames[self.world["i"] % len(frames)]
        self.world["i"] += 1
        return frame

    def close(self) -> None:
        self.world["closes"] += 1


def make_world(frames: list, fail_opens: int = 0) -> dict:
    return {
        "opens": 0,
        "closes": 0,
        "fail_opens": fail_opens,
        "frames": frames,
        "i": 0,
        "unplug": threading.Event(),
    }


def test_scans_from_image_folder_and_previews(qtbot, frames_dir: Path) -> None:
    scanner = Scanner(lambda: ImageFolderSource(frames_dir, hold_s=1.0, gap_s=1.0, fps=30))
    previews: list[QImage] = []
    states: list[str] = []
    scanner.preview.connect(previews.append)
    scanner.camera_state.connect(states.append)
    with qtbot.waitSignal(scanner.scanned, timeout=10000) as blocker:
        scanner.start()
    try:
        assert states == ["ok"]
        assert blocker.args == [GTIN]
        qtbot.waitUntil(lambda: len(previews) > 0, timeout=5000)
        assert previews[0].width() <= 640
    finally:
        assert scanner.stop()


def test_camera_missing_then_recovers_then_unplugged(qtbot, code_frame: np.ndarray) -> None:
    world = make_world([code_frame], fail_opens=3)
    scanner = Scanner(lambda: FlakyCamera(world), retry_initial_s=0.01, retry_max_s=0.05)
    states: list[str] = []
    scanner.camera_state.connect(states.append)
    with qtbot.waitSignal(scanner.scanned, timeout=10000) as blocker:
        scanner.start()
    try:
        assert blocker.args == [GTIN]
        assert states == ["unavailable", "ok"]  # one report per change, not per retry
        assert world["opens"] == 4
        world["unplug"].set()
        qtbot.waitUntil(lambda: states[-1] == "ok" and len(states) == 4, timeout=10000)
        assert states == ["unavailable", "ok", "unavailable", "ok"]
    finally:
        assert scanner.stop()
    assert world["closes"] >= 2


def test_garbage_frames_do_not_kill_the_worker(qtbot, code_frame: np.ndarray) -> None:
    garbage = [
        None,  # only the last frame of a list may be None: FlakyCamera cycles, so skip it
        np.zeros((0, 0, 3), np.uint8),
        np.zeros((1, 1, 3), np.uint8),
        np.random.default_rng(0).random((720, 1280, 3)),
        np.zeros((480, 640), bool),
        np.zeros((8000, 8000), np.uint8),
        np.zeros((480, 640, 4), np.uint8),
        np.full((480, 640), 30, np.uint8),
        np.zeros((10, 10, 7), np.uint8),
    ][1:]
    world = make_world([*garbage, code_frame, code_frame, code_frame])
    scanner = Scanner(lambda: FlakyCamera(world))
    previews: list[QImage] = []
    scanner.preview.connect(previews.append)
    with qtbot.waitSignal(scanner.scanned, timeout=20000) as blocker:
        scanner.start()
    try:
        assert blocker.args == [GTIN]
    finally:
        assert scanner.stop()


def test_stop_is_idempotent_and_start_twice_is_harmless(qtbot, code_frame: np.ndarray) -> None:
    world = make_world([code_frame])
    scanner = Scanner(lambda: FlakyCamera(world))
    assert scanner.stop()  # never started
    scanner.start()
    scanner.start()
    assert scanner.running
    assert scanner.stop()
    assert not scanner.running
    assert scanner.stop()


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


class CountingDecoder(Decoder):
    """Counts the frames the scanner decodes; its clock stands still, so the retries a
    frame may run never depend on the machine's load."""

    def __init__(self) -> None:
        super().__init__(clock=lambda: 0.0)
        self.calls = 0

    def work(self, frame):
        self.calls += 1
        return super().work(frame)


def make_loop(decoder: Decoder, clock: Clock, out: dict) -> ScanLoop:
    return ScanLoop(
        lambda: None,  # not used: process() is driven directly
        decoder,
        on_scan=lambda s: out["scans"].append(s.code),
        on_frame=lambda f: out["previews"].append(f),
        on_state=lambda s: None,
        stop_event=threading.Event(),
        debounce_s=2.0,
        preview_fps=10.0,
        clock=clock,
    )


def test_unchanged_frames_are_not_decoded_and_held_code_is_one_scan(code_frame) -> None:
    decoder, clock = CountingDecoder(), Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(decoder, clock, out)
    for _ in range(90):  # 3 s of the same tag at 30 fps
        loop.process(code_frame)
        clock.t += 1 / 30
    assert out["scans"] == [GTIN]
    # The first read (confirmed at once when both decoders read it, else by the second
    # decode); the rest are unchanged and not decoded again.
    assert decoder.calls <= 2
    assert 29 <= len(out["previews"]) <= 31  # capped at 10 per second


def test_code_shown_again_after_leaving_view_is_a_new_scan(code_frame) -> None:
    decoder, clock = CountingDecoder(), Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(decoder, clock, out)
    empty = np.full_like(code_frame, 150)
    for frame, count in ((code_frame, 30), (empty, 75), (code_frame, 30)):
        for _ in range(count):
            loop.process(frame)
            clock.t += 1 / 30
    assert out["scans"] == [GTIN, GTIN]


def test_noisy_camera_frames_still_count_as_unchanged(code_frame) -> None:
    decoder, clock = CountingDecoder(), Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(decoder, clock, out)
    rng = np.random.default_rng(0)
    for _ in range(30):
        noise = rng.normal(0, 3, code_frame.shape)
        loop.process(np.clip(code_frame + noise, 0, 255).astype(np.uint8))
        clock.t += 1 / 30
    assert out["scans"] == [GTIN]
    assert decoder.calls < 10


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((720, 1280, 3), np.uint8),
        np.zeros((720, 1280, 4), np.uint8),
        np.zeros((720, 1280), np.uint8),
        np.zeros((720, 1280), np.float64),
        np.zeros((0, 5), np.uint8),
        np.zeros((5, 5, 2), np.uint8),
    ],
)
def test_frame_to_qimage(qapp, frame: np.ndarray) -> None:
    image = frame_to_qimage(frame, 640)
    if frame.size == 0 or (frame.ndim == 3 and frame.shape[2] == 2):
        assert image is None
    else:
        assert image is not None
        assert (image.width(), image.height()) == (640, 360)


def test_two_tags_in_view_are_never_scanned_one_alone_is(code_frame) -> None:
    """Two different codes in one frame mean "hold one tag up": no scan, however long."""
    other = place(render_linear("ean13", "590123412345", 2))
    both = code_frame.copy()
    both[:, 60:380] = other[:, 480:800]  # a second tag left of the first, same frame
    clock = Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(CountingDecoder(), clock, out)
    for _ in range(10):
        loop.process(both)
        clock.t += 1 / 30
    assert out["scans"] == []
    for _ in range(10):
        loop.process(code_frame)
        clock.t += 1 / 30
    assert out["scans"] == [GTIN]


def test_code_both_decoders_read_is_reported_on_its_first_frame(code_frame) -> None:
    """No second frame to wait for when ZBar and zxing-cpp both read the code."""
    decoder, clock = CountingDecoder(), Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(decoder, clock, out)
    loop.process(np.full_like(code_frame, 150))
    clock.t += 1 / 30
    loop.process(code_frame)
    assert out["scans"] == [GTIN]
    assert decoder.calls == 2  # the empty shelf, then the tag: one decode


def test_frame_with_two_tags_never_gives_a_scan() -> None:
    """Ambiguous frames stay silent however long they are held (and however sure each
    tag alone would be)."""
    a, b = render_linear("ean13", GTIN[:12], 2), render_linear("ean13", "590123412345", 2)
    h = max(a.shape[0], b.shape[0])
    tags = [np.pad(s, ((0, h - s.shape[0]), (0, 40)), constant_values=255) for s in (a, b)]
    frame = place(np.hstack(tags))
    decoder, clock = CountingDecoder(), Clock()
    out: dict = {"scans": [], "previews": []}
    loop = make_loop(decoder, clock, out)
    moved = np.roll(frame, 160, axis=1)  # a shaky hand: the tags wander to and fro
    for i in range(10):
        loop.process(frame if i % 2 == 0 else moved)
        clock.t += 1 / 30
    assert out["scans"] == []
    assert decoder.calls == 10  # every frame was decoded, none gave a code
