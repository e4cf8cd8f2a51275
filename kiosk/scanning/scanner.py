"""The scanner worker: read frames, decode, debounce, emit signals, on its own thread.

:class:`ScanLoop` is the loop in plain Python (no Qt) so its rules can be tested directly;
:class:`Scanner` runs it on a ``QThread`` and turns its callbacks into Qt signals, which
Qt delivers to the GUI thread as queued calls. The GUI thread never waits on the camera
or the decoder: :meth:`Scanner.stop` only sets a flag and joins with a bounded wait.

Camera outages: when opening or reading fails the loop reports ``"unavailable"`` once,
closes the source and retries ``open()`` with exponential backoff (0.5 s doubling up to
5 s), then reports ``"ok"`` when frames flow again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from kiosk.scanning.debounce import Debouncer
from kiosk.scanning.decoder import Decoder, Scan
from kiosk.scanning.frames import to_gray
from kiosk.scanning.sources import FrameSource, SourceUnavailable
from kiosk.scanning.stream import StreamDecoder

__all__ = ["ScanLoop", "Scanner", "frame_to_qimage"]

log = logging.getLogger(__name__)

#: Mean absolute difference (grey levels, on a 64x36 thumbnail) under which a frame
#: counts as unchanged and is not decoded again. Sensor noise stays well below 2 after
#: the area-averaging downscale; a hand moving a tag into view is far above it.
UNCHANGED_THRESHOLD = 2.0
#: Mean absolute difference (same thumbnail) under which a frame still shows the scene
#: of the frame decoded before it (a tag held with a shaky hand), so the retry views
#: spread over frames keep adding up (:mod:`kiosk.scanning.stream`).
SAME_SCENE_THRESHOLD = 12.0
_THUMB = (64, 36)


def frame_to_qimage(frame: np.ndarray, max_width: int = 640) -> QImage | None:
    """A downscaled, owned (copied) QImage of a BGR/BGRA/grey frame, or None for garbage."""
    if not isinstance(frame, np.ndarray) or frame.ndim not in (2, 3) or frame.size == 0:
        return None
    if frame.dtype != np.uint8:
        gray = to_gray(frame)
        if gray is None:
            return None
        frame = gray
    if frame.ndim == 3:
        if frame.shape[2] == 4:
            frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
        elif frame.shape[2] == 1:
            frame = frame[:, :, 0]
        elif frame.shape[2] != 3:
            return None
    h, w = frame.shape[:2]
    if w > max_width:
        frame = cv2.resize(
            frame, (max_width, max(1, h * max_width // w)), interpolation=cv2.INTER_AREA
        )
        h, w = frame.shape[:2]
    frame = np.ascontiguousarray(frame)
    fmt = QImage.Format.Format_BGR888 if frame.ndim == 3 else QImage.Format.Format_Grayscale8
    return QImage(frame.data, w, h, frame.strides[0], fmt).copy()


class ScanLoop:
    """Frames in, callbacks out. ``run()`` returns when ``stop_event`` is set."""

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        decoder: Decoder,
        *,
        on_scan: Callable[[Scan], None],
        on_frame: Callable[[np.ndarray], None],
        on_state: Callable[[str], None],
        stop_event: threading.Event,
        debounce_s: float = 2.0,
        preview_fps: float = 12.0,
        clock: Callable[[], float] = time.monotonic,
        retry_initial_s: float = 0.5,
        retry_max_s: float = 5.0,
    ) -> None:
        self._factory = source_factory
        self._stream = StreamDecoder(decoder)
        self._on_scan, self._on_frame, self._on_state = on_scan, on_frame, on_state
        self._stop = stop_event
        self._clock = clock
        self._debouncer = Debouncer(debounce_s, clock)
        self._preview_interval = 1.0 / preview_fps if preview_fps > 0 else float("inf")
        self._retry_initial, self._retry_max = retry_initial_s, retry_max_s
        self._state: str | None = None
        self._last_preview = float("-inf")
        self._last_thumb: np.ndarray | None = None
        self._last_scans: list[Scan] = []
        self.frames_read = 0
        self.frames_decoded = 0

    def run(self) -> None:
        backoff = self._retry_initial
        while not self._stop.is_set():
            try:
                source = self._factory()
                source.open()
            except Exception as exc:  # SourceUnavailable, or a factory that blew up
                self._set_state("unavailable", exc)
                if self._stop.wait(backoff):
                    return
                backoff = min(backoff * 2, self._retry_max)
                continue
            backoff = self._retry_initial
            try:
                if self._pump(source):
                    return  # a finite source ended
            except SourceUnavailable as exc:
                self._set_state("unavailable", exc)
            except Exception as exc:
                log.exception("frame source failed")
                self._set_state("unavailable", exc)
            finally:
                _close_quietly(source)

    def _pump(self, source: FrameSource) -> bool:
        """Read until stopped (False) or the source ended (True)."""
        first = True
        while not self._stop.is_set():
            frame = source.read()
            if frame is None:
                return True
            if first:
                self._set_state("ok", None)
                self._debouncer.reset()
                first = False
            self.process(frame)
        return False

    def process(self, frame: np.ndarray) -> None:
        """Handle one frame: maybe a preview, maybe a decode, maybe a scan."""
        self.frames_read += 1
        now = self._clock()
        # Grid-based cap with 1 ms slack, so 30 fps input and a 10 fps cap give exactly
        # every third frame despite timestamp jitter.
        if now - self._last_preview >= self._preview_interval - 1e-3:
            self._last_preview = now
            self._on_frame(frame)
        # Grey once: the thumbnail and the decoder both start from it (to_gray hands a
        # grey frame back as it is).
        gray = to_gray(frame)
        thumb = _thumbnail(gray)
        change = (
            float(cv2.absdiff(thumb, self._last_thumb).mean())
            if thumb is not None
            and self._last_thumb is not None
            and thumb.shape == self._last_thumb.shape
            else float("inf")
        )
        if change < UNCHANGED_THRESHOLD and not self._debouncer.pending and not self._stream.busy:
            scans = self._last_scans  # same picture, same codes: keeps them "in view"
        else:
            scans = self._stream.feed(
                gray if gray is not None else frame, same_scene=change < SAME_SCENE_THRESHOLD
            )
            self.frames_decoded += 1
            self._last_thumb = thumb
            self._last_scans = scans
        for scan in self._debouncer.feed(scans):
            log.info("scanned %s %s", scan.symbology, scan.code)
            self._on_scan(scan)

    def _set_state(self, state: str, reason: object) -> None:
        if state != self._state:
            self._state = state
            if reason is not None:
                log.warning("camera %s: %s", state, reason)
            else:
                log.info("camera %s", state)
            self._on_state(state)


def _thumbnail(gray: np.ndarray | None) -> np.ndarray | None:
    if gray is None:
        return None
    return cv2.resize(gray, _THUMB, interpolation=cv2.INTER_AREA)


def _close_quietly(source: FrameSource) -> None:
    try:
        source.close()
    except Exception:
        log.exception("closing the frame source failed")


class _LoopThread(QThread):
    def __init__(self, target: Callable[[], None]) -> None:
        super().__init__()
        self._target = target

    def run(self) -> None:
        try:
            self._target()
        except Exception:  # pragma: no cover - ScanLoop already guards its body
            log.exception("scanner thread crashed")


class Scanner(QObject):
    """Camera scanning on a worker thread.

    Signals:
        scanned(str): a sure, debounced code: the GTIN-13 for retail codes, else the text.
        preview(QImage): a downscaled frame, at most ``preview_fps`` per second.
        camera_state(str): ``"ok"`` or ``"unavailable"``, on every change.
    """

    scanned = Signal(str)
    preview = Signal(QImage)
    camera_state = Signal(str)

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        decoder: Decoder | None = None,
        *,
        parent: QObject | None = None,
        debounce_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        preview_fps: float = 12.0,
        preview_width: int = 640,
        retry_initial_s: float = 0.5,
        retry_max_s: float = 5.0,
    ) -> None:
        super().__init__(parent)
        self._retry = (retry_initial_s, retry_max_s)
        self._factory = source_factory
        self._decoder = decoder if decoder is not None else Decoder()
        self._debounce_s = debounce_s
        self._clock = clock
        self._preview_fps = preview_fps
        self._preview_width = preview_width
        self._stop_event = threading.Event()
        self._thread: _LoopThread | None = None
        self.loop: ScanLoop | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self) -> None:
        """Start the worker thread (no-op when already running)."""
        if self.running:
            return
        self._stop_event = threading.Event()
        self.loop = ScanLoop(
            self._factory,
            self._decoder,
            on_scan=lambda scan: self.scanned.emit(scan.code),
            on_frame=self._emit_preview,
            on_state=self.camera_state.emit,
            stop_event=self._stop_event,
            debounce_s=self._debounce_s,
            preview_fps=self._preview_fps,
            clock=self._clock,
            retry_initial_s=self._retry[0],
            retry_max_s=self._retry[1],
        )
        self._thread = _LoopThread(self.loop.run)
        self._thread.start()

    def stop(self, timeout_ms: int = 3000) -> bool:
        """Ask the worker to stop and join it; False if it did not finish in time.

        A camera stuck inside a driver call can outlive the wait; the thread object is
        then kept (destroying a running QThread aborts the process) and exits later.
        """
        self._stop_event.set()
        thread = self._thread
        if thread is None:
            return True
        finished = thread.wait(timeout_ms)
        if finished:
            self._thread = None
        else:
            log.warning("scanner thread did not stop within %d ms", timeout_ms)
        return finished

    def _emit_preview(self, frame: np.ndarray) -> None:
        image = frame_to_qimage(frame, self._preview_width)
        if image is not None:
            self.preview.emit(image)
