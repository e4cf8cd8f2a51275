"""Frame sources: image-folder replay schedule, video files, open_source specs."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.scanning.sources import (
    CameraSource,
    FrameSource,
    ImageFolderSource,
    SourceUnavailable,
    VideoFileSource,
    demo_frames_dir,
    open_source,
)


class FakeTime:
    """Clock and sleep for a source: sleeping advances the clock instantly."""

    def __init__(self) -> None:
        self.t = 0.0

    def clock(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.t += s


def solid(value: int) -> np.ndarray:
    return np.full((40, 60, 3), value, np.uint8)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cv2.imwrite(str(tmp_path / "02-b.png"), solid(20))
    cv2.imwrite(str(tmp_path / "01-a.png"), solid(10))
    cv2.imwrite(str(tmp_path / "00-empty.png"), solid(200))
    (tmp_path / "notes.txt").write_text("ignored")
    return tmp_path


def test_image_folder_schedule(folder: Path) -> None:
    ft = FakeTime()
    src = ImageFolderSource(
        folder, hold_s=1.0, gap_s=0.5, fps=10, loop=False, clock=ft.clock, sleep=ft.sleep
    )
    assert isinstance(src, FrameSource)
    src.open()
    seen = []
    while (frame := src.read()) is not None:
        seen.append(int(frame[0, 0, 0]))
    # 10 fps: a for 1 s, empty 0.5 s, b 1 s, empty 0.5 s, then the end (no loop).
    assert seen == [10] * 10 + [200] * 5 + [20] * 10 + [200] * 5
    assert ft.t == pytest.approx(3.0, abs=0.11)


def test_image_folder_loops(folder: Path) -> None:
    ft = FakeTime()
    src = ImageFolderSource(folder, hold_s=0.2, gap_s=0.2, fps=10, clock=ft.clock, sleep=ft.sleep)
    src.open()
    frames = [int(src.read()[0, 0, 0]) for _ in range(12)]
    assert frames[:8] == [10, 10, 200, 200, 20, 20, 200, 200]
    assert frames[8:10] == [10, 10]


def test_empty_folder_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable):
        ImageFolderSource(tmp_path).open()


def test_video_file_source(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 25, (64, 48))
    for i in range(5):
        writer.write(np.full((48, 64, 3), 40 * i, np.uint8))
    writer.release()
    ft = FakeTime()
    src = VideoFileSource(path, loop=False, clock=ft.clock, sleep=ft.sleep)
    src.open()
    frames = []
    while (frame := src.read()) is not None:
        frames.append(frame)
    src.close()
    assert len(frames) == 5
    assert frames[0].shape == (48, 64, 3)
    assert ft.t == pytest.approx(5 / 25, abs=0.05)


def test_missing_video_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable):
        VideoFileSource(tmp_path / "nope.mp4").open()


def test_missing_camera_is_unavailable() -> None:
    cam = CameraSource("/dev/video99")
    with pytest.raises(SourceUnavailable):
        cam.open()
    with pytest.raises(SourceUnavailable):
        cam.read()
    cam.close()


def test_open_source_specs(folder: Path, tmp_path: Path) -> None:
    demo = open_source("demo")
    assert isinstance(demo, ImageFolderSource) and demo.folder == demo_frames_dir()
    assert demo_frames_dir().parts[-3:] == ("assets", "demo", "frames")
    cam = open_source("2", width=640, height=480, fps=15)
    assert isinstance(cam, CameraSource)
    assert (cam.device, cam.width, cam.height, cam.fps) == (2, 640, 480, 15)
    assert isinstance(open_source("/dev/video1"), CameraSource)
    assert isinstance(open_source(str(folder)), ImageFolderSource)
    video = tmp_path / "v.mp4"
    video.write_bytes(b"")
    assert isinstance(open_source(str(video)), VideoFileSource)
    with pytest.raises(ValueError, match="neither"):
        open_source(str(tmp_path / "nothing-here"))
