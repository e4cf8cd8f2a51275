"""Tables of the decode benchmark on generated camera scenes (kiosk/dev/barcode_scenes.py).

- :func:`stills_table`: seeded stills, one answer per image (the corpus's counting
  rule), ours beside pyzbar and zxing-cpp: correct, wrong, no answer, and the time per
  image as p50 / p95 / max (wall and process CPU: the machine is shared, CPU time moves
  less with the load).
- :func:`live_table`: the live scanner (:class:`~kiosk.scanning.scanner.ScanLoop`, fed
  frame by frame at 30 fps of a stepped clock) on a tag held still for a second and on a
  tag swept past: scans that were right, scans that were wrong, sequences with no scan,
  and the time per decoded frame.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import numpy as np

from kiosk.dev import barcode_scenes
from kiosk.scanning.decoder import Decoder
from kiosk.scanning.scanner import ScanLoop
from kiosk.scanning.sources import FrameSource

__all__ = ["live_table", "stills_table"]

Reader = Callable[[np.ndarray], list[str]]


def _dist(values: list[float]) -> str:
    if not values:
        return "- | - | -"
    a = np.asarray(values)
    return f"{np.percentile(a, 50):.1f} | {np.percentile(a, 95):.1f} | {a.max():.1f}"


def stills_table(
    readers: dict[str, Reader], count: int, first_seed: int = 0, list_wrong: bool = False
) -> None:
    """Decode ``count`` seeded stills with each reader and print the table."""
    ok = dict.fromkeys(readers, 0)
    wrong = dict.fromkeys(readers, 0)
    wall: dict[str, list[float]] = {k: [] for k in readers}
    cpu: dict[str, list[float]] = {k: [] for k in readers}
    either = 0
    wrongs: list[str] = []
    for seed in range(first_seed, first_seed + count):
        scene = barcode_scenes.scene(seed)
        anchors_right = False
        for name, read in readers.items():
            w0, c0 = time.perf_counter(), time.process_time()
            keys = set(read(scene.image))
            wall[name].append((time.perf_counter() - w0) * 1000)
            cpu[name].append((time.process_time() - c0) * 1000)
            if keys == {scene.gtin}:
                ok[name] += 1
                anchors_right |= name != "ours"
            elif len(keys) == 1:
                wrong[name] += 1
                wrongs.append(
                    f"{name}: seed {seed} {scene.symbology} {scene.text} at "
                    f"{scene.angle:.0f} deg, read {keys.pop()}"
                )
        either += anchors_right
    print(
        f"| {count} scenes (seeds {first_seed}-{first_seed + count - 1}) | correct | wrong | "
        "no answer | wall p50 ms | wall p95 ms | wall max ms | CPU p50 ms | CPU p95 ms | "
        "CPU max ms |"
    )
    print("|---" * 10 + "|")
    for name in readers:
        none = count - ok[name] - wrong[name]
        print(
            f"| {name} | {ok[name]} | {wrong[name]} | {none} | {_dist(wall[name])} | "
            f"{_dist(cpu[name])} |"
        )
    print(f"| either anchor right | {either} | | | | | | | | |")
    if list_wrong:
        for line in wrongs:
            print(f"- {line}")


def _no_source() -> FrameSource:
    raise RuntimeError("the live table feeds frames through ScanLoop.process()")


def _run_sequence(
    decoder: Decoder, shots: Iterator[barcode_scenes.Scene]
) -> tuple[list[str], str, list[float], int, int]:
    """(scans, expected code, ms per decoded frame, frames, decoded frames) of one run."""
    t = [0.0]
    scans: list[str] = []
    loop = ScanLoop(
        _no_source,
        decoder,
        on_scan=lambda s: scans.append(s.code),
        on_frame=lambda f: None,
        on_state=lambda s: None,
        stop_event=threading.Event(),
        clock=lambda: t[0],
        preview_fps=0,
    )
    expected = ""
    ms: list[float] = []
    frames = 0
    for shot in shots:
        expected = shot.gtin
        before = loop.frames_decoded
        started = time.perf_counter()
        loop.process(shot.image)
        if loop.frames_decoded > before:
            ms.append((time.perf_counter() - started) * 1000)
        frames += 1
        t[0] += 1 / 30
    return scans, expected, ms, frames, loop.frames_decoded


def live_table(decoder_factory: Callable[[], Decoder], count: int, first_seed: int = 0) -> None:
    """Run the scan loop over ``count`` held-still and ``count`` moving-past sequences."""
    print(
        "| live scanner | sequences | frames | right scans | wrong scans | no scan | "
        "decoded frames | p50 ms/frame | p95 ms/frame | max ms/frame |"
    )
    print("|---" * 10 + "|")
    for label, make in (
        ("tag held still 1 s", barcode_scenes.held_still),
        ("tag moving past", barcode_scenes.moving_past),
    ):
        right = bad = silent = frames = decoded = 0
        ms: list[float] = []
        for seed in range(first_seed, first_seed + count):
            scans, expected, times, n, d = _run_sequence(decoder_factory(), make(seed))
            ms += times
            frames += n
            decoded += d
            right += sum(code == expected for code in scans)
            bad += sum(code != expected for code in scans)
            silent += not scans
        print(
            f"| {label} | {count} | {frames} | {right} | {bad} | {silent} | {decoded} | "
            f"{_dist(ms)} |"
        )
