"""Frame sources: a camera, a video file, or a folder of still images.

Every source has the same small surface (:class:`FrameSource`): ``open()``, ``read()``
(the next frame, paced in real time; ``None`` when a finite source has ended) and
``close()``. A camera that fails raises :class:`SourceUnavailable`; the scanner then closes
it and retries ``open()`` with backoff, so an unplugged camera comes back without a restart.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import cv2
import numpy as np
from endless_aisle_assets import DEMO_FRAMES

__all__ = [
    "IMAGE_SUFFIXES",
    "CameraSource",
    "FrameSource",
    "ImageFolderSource",
    "SourceUnavailable",
    "VideoFileSource",
    "demo_frames_dir",
    "open_source",
]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp"})
_EMPTY_PREFIX = "00-empty"


class SourceUnavailable(Exception):
    """The source cannot deliver frames now (camera missing, unplugged, file unreadable)."""


@runtime_checkable
class FrameSource(Protocol):
    """Where frames come from. ``read`` blocks at most about one frame interval."""

    name: str

    def open(self) -> None: ...

    def read(self) -> np.ndarray | None: ...

    def close(self) -> None: ...


def demo_frames_dir() -> Path:
    """The replayed frames of ``python -m kiosk demo`` (shipped in ``endless_aisle_assets``)."""
    return Path(DEMO_FRAMES)


class _Pacer:
    """Sleep so successive reads come ``1/fps`` apart (never drifts, never bursts)."""

    def __init__(self, fps: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.interval = 1.0 / fps
        self._clock = clock
        self._sleep = sleep
        self._next = clock()

    def wait(self) -> None:
        now = self._clock()
        if self._next > now:
            self._sleep(self._next - now)
            self._next += self.interval
        else:  # fell behind: restart the grid instead of bursting to catch up
            self._next = now + self.interval


class CameraSource:
    """An OpenCV (V4L2 on Linux) camera chosen by index or device path."""

    def __init__(
        self, device: int | str, *, width: int = 1280, height: int = 720, fps: int = 30
    ) -> None:
        self.device = device
        self.width, self.height, self.fps = width, height, fps
        self.name = f"camera {device}"
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        self.close()
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
        cap = cv2.VideoCapture(self.device)
        if not cap.isOpened():
            cap.release()
            raise SourceUnavailable(f"{self.name} cannot be opened")
        # MJPG lets USB cameras deliver 720p at 30 fps (raw YUYV often tops out at 10).
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        cap.set(cv2.CAP_PROP_FPS, self.fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # latest frame, not a queue of stale ones
        self._cap = cap
        log.info(
            "%s opened at %dx%d",
            self.name,
            int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            raise SourceUnavailable(f"{self.name} is not open")
        ok, frame = self._cap.read()
        if not ok or frame is None:
            raise SourceUnavailable(f"{self.name} stopped delivering frames")
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class VideoFileSource:
    """A video file replayed at its own frame rate (or ``fps``), looping by default."""

    def __init__(
        self,
        path: str | Path,
        *,
        fps: float | None = None,
        loop: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = Path(path)
        self.name = f"video {self.path.name}"
        self.loop = loop
        self._fps = fps
        self._clock, self._sleep = clock, sleep
        self._cap: cv2.VideoCapture | None = None
        self._pacer: _Pacer | None = None

    def open(self) -> None:
        self.close()
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise SourceUnavailable(f"{self.path} cannot be opened as a video")
        fps = self._fps or cap.get(cv2.CAP_PROP_FPS) or 30.0
        self._cap = cap
        self._pacer = _Pacer(fps if 0 < fps < 1000 else 30.0, self._clock, self._sleep)

    def read(self) -> np.ndarray | None:
        if self._cap is None or self._pacer is None:
            raise SourceUnavailable(f"{self.name} is not open")
        self._pacer.wait()
        ok, frame = self._cap.read()
        if not ok and self.loop:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
        return frame if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class ImageFolderSource:
    """Still images replayed like a camera: each barcode image for ``hold_s``, then the
    empty scene (``00-empty.*``) for ``gap_s``, so every tag is a fresh scan.

    Images are taken in name order. Without an ``00-empty.*`` image the gap shows a plain
    grey frame of the first image's size. The frame shown depends on the time since
    ``open()``, so a slow consumer skips frames as it would with a real camera.
    """

    def __init__(
        self,
        folder: str | Path,
        *,
        hold_s: float = 2.0,
        gap_s: float = 2.5,
        fps: float = 15,
        loop: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.folder = Path(folder)
        self.name = f"images {self.folder}"
        self.hold_s, self.gap_s, self.fps, self.loop = hold_s, gap_s, fps, loop
        self._clock, self._sleep = clock, sleep
        self._schedule: list[tuple[float, np.ndarray]] = []  # (end time, frame)
        self._start = 0.0
        self._pacer: _Pacer | None = None

    def open(self) -> None:
        files = (
            sorted(p for p in self.folder.glob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
            if self.folder.is_dir()
            else []
        )
        empty: np.ndarray | None = None
        frames: list[np.ndarray] = []
        for path in files:
            img = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if img is None:
                log.warning("skipping unreadable image %s", path.name)
                continue
            img.setflags(write=False)
            if path.name.startswith(_EMPTY_PREFIX):
                empty = img
            else:
                frames.append(img)
        if not frames and empty is None:
            raise SourceUnavailable(f"no readable images in {self.folder}")
        if empty is None:
            empty = np.full_like(frames[0], 128)
            empty.setflags(write=False)
        schedule: list[tuple[float, np.ndarray]] = []
        t = 0.0
        for img in frames:
            t += self.hold_s
            schedule.append((t, img))
            t += self.gap_s
            schedule.append((t, empty))
        if not frames:
            schedule.append((max(self.gap_s, 1e-3), empty))
        self._schedule = schedule
        self._start = self._clock()
        self._pacer = _Pacer(self.fps, self._clock, self._sleep)

    @property
    def cycle_s(self) -> float:
        """Length of one pass over the folder, in seconds."""
        return self._schedule[-1][0] if self._schedule else 0.0

    def read(self) -> np.ndarray | None:
        if self._pacer is None:
            raise SourceUnavailable(f"{self.name} is not open")
        self._pacer.wait()
        # Snap to the frame grid so float drift never shows a frame one tick early or late.
        elapsed = round((self._clock() - self._start) * self.fps) / self.fps + 1e-9
        cycle = self.cycle_s
        if elapsed >= cycle:
            if not self.loop:
                return None
            elapsed %= cycle
        for end, frame in self._schedule:
            if elapsed < end:
                return frame
        return self._schedule[-1][1]

    def close(self) -> None:
        self._pacer = None


_DEVICE_PATH = re.compile(r"^/dev/video\d+$")


def open_source(spec: str, *, width: int = 1280, height: int = 720, fps: int = 30) -> FrameSource:
    """Build (not open) the source named by ``spec``.

    ``"demo"`` replays :func:`demo_frames_dir`; ``"0"`` or ``/dev/video0`` is a camera;
    a folder replays its images; any other existing file is played as a video.
    """
    spec = spec.strip()
    if spec == "demo":
        return ImageFolderSource(demo_frames_dir())
    if spec.lstrip("-").isdigit():
        return CameraSource(int(spec), width=width, height=height, fps=fps)
    if _DEVICE_PATH.match(spec) or spec.startswith("/dev/v4l/"):
        return CameraSource(spec, width=width, height=height, fps=fps)
    path = Path(spec).expanduser()
    if path.is_dir():
        return ImageFolderSource(path)
    if path.is_file():
        return VideoFileSource(path)
    raise ValueError(
        f"frame source {spec!r} is neither 'demo', a camera index, /dev/video*, "
        "a folder of images nor a video file"
    )
