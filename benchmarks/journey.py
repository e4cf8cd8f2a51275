"""Shopper-journey benchmark: scan-to-grid latency, cold start, memory over many journeys.

Usage (from the repository root)::

    .venv/bin/python benchmarks/journey.py [--scans 200] [--runs 5] [--journeys 5000]

Everything is the real product except the camera: the reference service runs on loopback
(``ServiceProcess``, demo seed), the kiosk is :class:`kiosk.assembly.Kiosk` with the real client,
scanner thread, decoder, session, window and theme, drawn by Qt's ``offscreen`` platform
(``QT_QPA_PLATFORM=offscreen`` unless set). Prints one Markdown table, each figure beside
the target of issue 5:

1. *Scan to size grid painted.* :class:`ScriptedCamera` stands in for the camera: it plays
   the demo's camera frames (``assets/demo/frames``) at 30 fps, the empty shelf between two
   tags, and notes the moment ``read()`` first hands the scanner the frame holding the
   code. The end is the first paint of the new size tiles (an event filter on the tiles),
   taken when that paint pass has finished (a zero-delay timer queued from the filter).
   Between scans the shopper taps Start over, so each scan starts on the scan screen.
   Break-down: *decode + confirm* (frame handed over -> the session gets the code, on
   the GUI thread; two frames, since a code is reported once two frames agree),
   *round trip* (-> the last client call of the lookup returned, on the worker thread),
   *render* (-> result delivered, screen filled, grid painted). Also the round trip's
   share of the p50 (round-trip p50 / scan p50) and the GET requests a scan sends (the
   lookup and the picture; counted on the client's Session, so the kiosk's POSTs of
   demand events and heartbeats are left out).
2. *Cold start to ready-to-scan.* ``benchmarks/_coldstart.py`` runs ``python -m kiosk run``
   with a config file pointing at the (already running) service and the demo frames as
   the camera, and reports the first paint of a preview frame on the scan screen.
3. *Resident memory over many journeys.* In this process, after the scans above: the
   session is handed each code with ``session.scan(code)`` (as the keypad and the USB
   scanner do; camera frames would take ~0.3 s a journey), waits for the grid to be
   painted, then taps the Start over button. RSS (``/proc/self/statm``) after a
   ``gc.collect()``, at journey 100 and at the end.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness
from _harness import ROOT, markdown_table, median, percentile, rss_bytes, verdict

_harness.use_offscreen_qt()

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk import theme  # noqa: E402
from kiosk.assembly import Kiosk  # noqa: E402
from kiosk.scanning.sources import demo_frames_dir  # noqa: E402
from kiosk.session import State  # noqa: E402

# Targets of issue 5.
TARGET_P50_MS = 100.0
TARGET_P95_MS = 200.0
TARGET_COLD_START_S = 2.0
TARGET_RSS_GROWTH_MB = 10.0

DEBOUNCE_S = 2.0  # Kiosk's default: a code is new again 2 s after it left the view
CAMERA_FPS = 30.0
GAP_FRAMES = 6  # empty-shelf frames between two tags: the hand bringing the next shoe
WARMUP_SCANS = 3  # first scans (first connection, first paint of the product screen)
WARM_JOURNEY = 100
STEP_TIMEOUT_S = 15.0
COLD_START_TIMEOUT_S = 60.0
COLD_START_SCRIPT = Path(__file__).resolve().parent / "_coldstart.py"


# --- the one fake: a camera --------------------------------------------------------------


class ScriptedCamera:
    """A :class:`~kiosk.scanning.sources.FrameSource` the benchmark points at the shelf.

    ``read()`` is paced at ``fps`` like a camera. After :meth:`present` it shows the empty
    shelf for at least ``gap_frames`` frames (longer if the same code was in view less
    than ``clear_s`` ago, so the scanner counts it as a new scan), then the frame holding
    the code until the next :meth:`present` or :meth:`withdraw`. :attr:`shown_at` is the
    ``time.monotonic()`` at which ``read()`` first returned that frame.
    """

    name = "scripted camera"

    def __init__(
        self,
        empty: np.ndarray,
        *,
        fps: float = CAMERA_FPS,
        gap_frames: int = GAP_FRAMES,
        clear_s: float = DEBOUNCE_S + 0.3,
    ) -> None:
        self._empty = empty
        self._interval = 1.0 / fps
        self._gap_frames = gap_frames
        self._clear_s = clear_s
        self._lock = threading.Lock()
        self._key: str | None = None
        self._frame: np.ndarray | None = None
        self._showing = False
        self._empties = 0
        self._not_before = 0.0
        self._shown_at: float | None = None
        self._hidden_at: dict[str, float] = {}
        self._next_tick = 0.0
        self.frames_read = 0

    def open(self) -> None:
        self._next_tick = time.monotonic()

    def close(self) -> None:
        pass

    def read(self) -> np.ndarray:
        self._pace()
        with self._lock:
            self.frames_read += 1
            if self._frame is not None and not self._showing:
                ready = self._empties >= self._gap_frames
                if ready and time.monotonic() >= self._not_before:
                    self._showing = True
            if not self._showing or self._frame is None:
                self._empties += 1
                return self._empty
            frame = self._frame
            if self._shown_at is None:
                self._shown_at = time.monotonic()
            return frame

    def present(self, key: str, frame: np.ndarray) -> None:
        """Take the current tag away and hold ``frame`` (the tag ``key``) up next."""
        with self._lock:
            self._hide()
            self._key, self._frame = key, frame
            self._not_before = self._hidden_at.get(key, float("-inf")) + self._clear_s

    def withdraw(self) -> None:
        """Only the empty shelf from now on."""
        with self._lock:
            self._hide()
            self._key, self._frame = None, None

    @property
    def shown_at(self) -> float | None:
        with self._lock:
            return self._shown_at

    def _hide(self) -> None:
        if self._showing and self._key is not None:
            self._hidden_at[self._key] = time.monotonic()
        self._showing = False
        self._empties = 0
        self._shown_at = None

    def _pace(self) -> None:
        now = time.monotonic()
        if self._next_tick > now:
            time.sleep(self._next_tick - now)
            self._next_tick += self._interval
        else:
            self._next_tick = now + self._interval


def demo_camera_frames(gtins: list[str]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The empty shelf and, per GTIN, the demo camera frame holding its tag."""
    folder = demo_frames_dir()
    empty = cv2.imread(str(folder / "00-empty.jpg"), cv2.IMREAD_COLOR)
    if empty is None:
        raise SystemExit(f"no empty-shelf frame in {folder}")
    frames: dict[str, np.ndarray] = {}
    for path in sorted(folder.glob("*.jpg")):
        code = path.stem.partition("-")[2]
        if code in gtins:
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is not None:
                frames[code] = image
    missing = [g for g in gtins if g not in frames]
    if missing:
        raise SystemExit(f"no camera frame in {folder} for {', '.join(missing)}")
    for image in (empty, *frames.values()):
        image.setflags(write=False)
    return empty, frames


# --- instruments on the real kiosk --------------------------------------------------------


@dataclass
class Marks:
    """``time.monotonic()`` readings of one scan; None where it did not happen."""

    code_at: float | None = None  # the session was handed the code (GUI thread)
    fetched_at: float | None = None  # the last client call of the lookup returned
    gets: int = 0  # GET requests the client sent since the code arrived
    ready_at: float | None = None  # product_ready handled (screen filled)
    first_paint_at: float | None = None  # first Paint event of a new size tile
    painted_at: float | None = None  # that paint pass finished


class GridProbe(QObject):
    """Watches one kiosk: when the session got a code, when the client answered, when the
    new size tiles were painted. Emits ``painted`` once per :meth:`arm`.

    The client's ``lookup``/``size_run``/``image`` are wrapped on the instance (the same
    way the end-to-end test records the lookup thread) to note when the last one returned.
    """

    painted = Signal()

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self._kiosk = kiosk
        self._grid = kiosk.window.product_screen.grid
        self._watched: list[QObject] = []
        self.marks = Marks()
        kiosk.session.looking_up.connect(self._on_looking_up)
        kiosk.session.product_ready.connect(self._on_product_ready)
        for name in ("lookup", "size_run", "image", "availability"):
            if hasattr(kiosk.client, name):  # availability: the one read of issue 16
                self._wrap_client_call(name)
        self._count_gets()

    def arm(self) -> None:
        self.marks = Marks()

    @property
    def done(self) -> bool:
        return self.marks.painted_at is not None

    def _wrap_client_call(self, name: str) -> None:
        client = self._kiosk.client
        call: Callable[..., Any] = getattr(client, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            try:
                return call(*args, **kwargs)
            finally:
                self.marks.fetched_at = time.monotonic()

        setattr(client, name, timed)

    def _count_gets(self) -> None:
        # The client's Session is private; a benchmark may look (the product never does).
        session = self._kiosk.client._transport.session
        send = session.request
        lock = threading.Lock()

        def counted(method: str, *args: Any, **kwargs: Any) -> Any:
            if method.upper() == "GET":
                with lock:
                    self.marks.gets += 1
            return send(method, *args, **kwargs)

        session.request = counted  # type: ignore[method-assign]

    def _on_looking_up(self, _gtin: str) -> None:
        if self.marks.code_at is None:
            self.marks.code_at = time.monotonic()

    def _on_product_ready(self, _product: object) -> None:
        # Connected after MainWindow's slot, so the new tiles exist already.
        self.marks.ready_at = time.monotonic()
        self._watched = list(self._grid.buttons())
        for button in self._watched:
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.marks.first_paint_at is None
            and self.marks.ready_at is not None
            and watched in self._watched
        ):
            self.marks.first_paint_at = time.monotonic()
            QTimer.singleShot(0, self._pass_done)  # runs once this paint pass is over
        return False

    def _pass_done(self) -> None:
        self.marks.painted_at = time.monotonic()
        for button in self._watched:
            button.removeEventFilter(self)
        self._watched = []
        self.painted.emit()


class Waiter:
    """Run the event loop until ``signal`` fires and ``done()`` holds, or a timeout passes.

    The signal is connected once: PySide keeps a few dozen bytes per connect/disconnect
    pair, which would show up in the memory figure.
    """

    def __init__(self, signal: SignalInstance) -> None:
        self._loop = QEventLoop()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._loop.quit)
        signal.connect(self._loop.quit)

    def wait(self, done: Callable[[], bool], timeout_s: float) -> bool:
        if done():
            return True
        self._timer.start(int(timeout_s * 1000))
        while not done() and self._timer.isActive():
            self._loop.exec()
        self._timer.stop()
        return done()


def start_over(kiosk: Kiosk) -> None:
    """Tap Start over on the product screen, as the shopper would."""
    kiosk.window.product_screen.nav.start_over_button.click()
    if kiosk.session.state is not State.ATTRACT:
        # Left empty-handed, the first tap asks "why no pair today?"; a second tap
        # starts over (issue 17).
        kiosk.window.product_screen.nav.start_over_button.click()
    if kiosk.session.state is not State.ATTRACT:
        raise RuntimeError(f"Start over left the session in {kiosk.session.state}")


# --- 1. scan to size grid -----------------------------------------------------------------


@dataclass
class ScanResult:
    ok: bool
    total_ms: float = float("nan")
    decode_ms: float = float("nan")
    round_trip_ms: float = float("nan")
    render_ms: float = float("nan")
    gets: int = 0


def _ms(start: float | None, end: float | None) -> float:
    return (end - start) * 1000 if start is not None and end is not None else float("nan")


def measure_scans(
    kiosk: Kiosk,
    probe: GridProbe,
    camera: ScriptedCamera,
    frames: dict[str, np.ndarray],
    gtins: list[str],
    count: int,
) -> list[ScanResult]:
    waiter = Waiter(probe.painted)
    results = []
    for index in range(count):
        gtin = gtins[index % len(gtins)]
        probe.arm()
        camera.present(gtin, frames[gtin])
        painted = waiter.wait(lambda: probe.done, STEP_TIMEOUT_S)
        product = kiosk.session.product
        shown = product.size_run.scanned_gtin if product is not None else None
        m = probe.marks
        if not painted or shown != gtin:
            results.append(ScanResult(ok=False))
        else:
            results.append(
                ScanResult(
                    ok=True,
                    total_ms=_ms(camera.shown_at, m.painted_at),
                    decode_ms=_ms(camera.shown_at, m.code_at),
                    round_trip_ms=_ms(m.code_at, m.fetched_at),
                    render_ms=_ms(m.fetched_at, m.painted_at),
                    gets=m.gets,
                )
            )
        if kiosk.session.state is not State.ATTRACT:
            start_over(kiosk)
    camera.withdraw()
    return results


# --- 2. cold start ------------------------------------------------------------------------


def cold_start_config(service: Any, data_dir: Path) -> Path:
    """A kiosk config for ``python -m kiosk run``: this service, demo frames as camera."""
    path = data_dir / "kiosk.toml"
    path.write_text(
        "\n".join(
            [
                "[kiosk]",
                f'id = "{service.kiosk_id}"',
                f'store_id = "{service.store_id}"',
                "[service]",
                f'url = "{service.url}"',
                f'api_key = "{service.kiosk_key}"',
                "[camera]",
                f'source = "{demo_frames_dir()}"',
                "[ui]",
                "fullscreen = false",
                "[paths]",
                f'data_dir = "{data_dir / "kiosk-data"}"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


@dataclass
class ColdStart:
    ready_s: float  # exec -> first preview frame painted on the scan screen
    started_s: float  # exec -> Kiosk.start() called (imports, config, client, window)


def measure_cold_start(config: Path, runs: int) -> list[ColdStart]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryFile() as errors:
            t_exec = time.monotonic()
            proc = subprocess.run(
                [sys.executable, str(COLD_START_SCRIPT), str(config)],
                stdout=subprocess.PIPE,
                stderr=errors,
                cwd=ROOT,
                timeout=COLD_START_TIMEOUT_S,
                check=False,
            )
            ready = [line for line in proc.stdout.decode().splitlines() if line.startswith("READY")]
            if proc.returncode != 0 or not ready:
                errors.seek(0)
                tail = errors.read().decode(errors="replace")[-2000:]
                raise SystemExit(f"cold start run failed (exit {proc.returncode}):\n{tail}")
        _, _first_frame, painted, started = ready[0].split()
        results.append(ColdStart(float(painted) - t_exec, float(started) - t_exec))
    return results


# --- 3. memory over many journeys ---------------------------------------------------------


@dataclass
class MemoryRun:
    journeys: int
    failed: int
    warm_at: int
    warm_rss: int
    end_rss: int
    seconds: float
    samples: list[tuple[int, int]]


def measure_memory(
    kiosk: Kiosk, probe: GridProbe, gtins: list[str], journeys: int, app: QApplication
) -> MemoryRun:
    waiter = Waiter(probe.painted)
    warm_at = min(WARM_JOURNEY, max(1, journeys // 5))
    sample_every = max(1, journeys // 10)
    samples: list[tuple[int, int]] = []
    failed = 0
    warm_rss = 0
    started = time.monotonic()
    for index in range(1, journeys + 1):
        gtin = gtins[index % len(gtins)]
        probe.arm()
        kiosk.session.scan(gtin)
        if not waiter.wait(lambda: probe.done, STEP_TIMEOUT_S):
            failed += 1
        start_over(kiosk)
        app.processEvents()  # the scan screen is drawn again before the next shopper
        if index in (warm_at, journeys) or index % sample_every == 0:
            gc.collect()
            rss = rss_bytes()
            samples.append((index, rss))
            if index == warm_at:
                warm_rss = rss
    seconds = time.monotonic() - started
    return MemoryRun(journeys, failed, warm_at, warm_rss, samples[-1][1], seconds, samples)


# --- report -------------------------------------------------------------------------------


def report(scans: list[ScanResult], colds: list[ColdStart], memory: MemoryRun, runs: int) -> str:
    counted = scans[WARMUP_SCANS:] if len(scans) > WARMUP_SCANS else scans
    ok = [s for s in counted if s.ok]
    totals = [s.total_ms for s in ok]
    p50, p95 = percentile(totals, 50), percentile(totals, 95)
    cold = median([c.ready_s for c in colds])
    growth_mb = (memory.end_rss - memory.warm_rss) / 2**20
    na = "—"

    round_trip_share = percentile([s.round_trip_ms for s in ok], 50) / p50

    def parts(q: float) -> str:
        return " / ".join(
            f"{percentile([getattr(s, f) for s in ok], q):.0f}"
            for f in ("decode_ms", "round_trip_ms", "render_ms")
        )

    rows = [
        ["scan to size grid painted, p50", f"{p50:.0f} ms", "<= 100 ms", verdict(p50, 100)],
        ["scan to size grid painted, p95", f"{p95:.0f} ms", "<= 200 ms", verdict(p95, 200)],
        ["scan to size grid painted, max", f"{max(totals, default=float('nan')):.0f} ms", na, na],
        ["  p50: decode+confirm / round trip / render", f"{parts(50)} ms", na, na],
        ["  p95: decode+confirm / round trip / render", f"{parts(95)} ms", na, na],
        ["  round trip p50 / scan p50 (its share)", f"{round_trip_share:.0%}", na, na],
        ["  GET requests per scan (median)", f"{median([s.gets for s in ok]):.0f}", na, na],
        [
            f"  scans counted (not found or timed out: {len(counted) - len(ok)})",
            f"{len(ok)} of {len(counted)}",
            na,
            "met" if len(ok) == len(counted) else "NOT met",
        ],
        [
            f"cold start to ready-to-scan, median of {runs}",
            f"{cold:.2f} s",
            "<= 2 s",
            verdict(cold, TARGET_COLD_START_S),
        ],
        [
            "  of which exec to Kiosk.start (median)",
            f"{median([c.started_s for c in colds]):.2f} s",
            na,
            na,
        ],
        [
            f"RSS growth, journey {memory.warm_at} to {memory.journeys}",
            f"{growth_mb:+.1f} MB",
            "<= 10 MB",
            verdict(growth_mb, TARGET_RSS_GROWTH_MB),
        ],
        [
            f"  RSS at journey {memory.warm_at} / at the end",
            f"{memory.warm_rss / 2**20:.1f} / {memory.end_rss / 2**20:.1f} MB",
            na,
            na,
        ],
        [
            f"  journeys that did not reach the grid (of {memory.journeys})",
            str(memory.failed),
            "0",
            "met" if memory.failed == 0 else "NOT met",
        ],
    ]
    table = markdown_table(["figure", "measured", "target", "verdict"], rows)
    first = ", ".join(f"{s.total_ms:.0f}" for s in scans[:WARMUP_SCANS] if s.ok)
    notes = [
        f"first {WARMUP_SCANS} scans after start (not counted): {first} ms",
        "cold start runs: " + ", ".join(f"{c.ready_s:.2f}" for c in colds) + " s",
        f"memory journeys: {memory.journeys} in {memory.seconds:.0f} s "
        f"({1000 * memory.seconds / max(1, memory.journeys):.0f} ms each); RSS MB by journey: "
        + ", ".join(f"{i}: {rss / 2**20:.1f}" for i, rss in memory.samples),
    ]
    return table + "\n\n" + "\n".join(f"- {line}" for line in notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=200, help="camera scans timed (200)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts (5)")
    parser.add_argument("--journeys", type=int, default=5000, help="journeys for RSS (5000)")
    args = parser.parse_args(argv)
    if args.scans < 1 or args.runs < 1 or args.journeys < 1:
        parser.error("--scans, --runs and --journeys must be positive")

    gtins = _harness.demo_scans()
    empty, frames = demo_camera_frames(gtins)
    wall = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="journey-bench-") as tmp:
        data_dir = Path(tmp)
        with _harness.demo_service(data_dir / "service") as service:
            print(f"service on {service.url} (demo seed)", file=sys.stderr)
            colds = measure_cold_start(cold_start_config(service, data_dir), args.runs)
            print("cold start done", file=sys.stderr)

            app = QApplication.instance() or QApplication([sys.argv[0]])
            theme.apply(app)
            client = _harness.demo_client(service, data_dir)
            camera = ScriptedCamera(empty)
            kiosk = Kiosk(client, source_factory=lambda: camera, debounce_s=DEBOUNCE_S)
            probe = GridProbe(kiosk)
            try:
                kiosk.start()
                scans = measure_scans(
                    kiosk, probe, camera, frames, gtins, args.scans + WARMUP_SCANS
                )
                print("scans done", file=sys.stderr)
                memory = measure_memory(kiosk, probe, gtins, args.journeys, app)
            finally:
                kiosk.shutdown()
                client.close()
    print(report(scans, colds, memory, args.runs))
    print(f"\n(total {time.monotonic() - wall:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
