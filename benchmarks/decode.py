"""Decoder benchmark: our decoder vs plain pyzbar vs zxing-cpp on the shared photo corpus.

Usage (from the repository root):

    .venv/bin/python benchmarks/decode.py [--corpus ../shared/barcode-corpus] [--seconds 20]

Prints, as Markdown tables:

1. per corpus set: images, correct and wrong reads, median and p95 ms per image for
   ours (``Decoder(ALL_SYMBOLOGIES)``: gate on, default per-frame budget, exactly what the
   live scanner runs, with all six symbologies enabled), plain pyzbar and zxing-cpp
   (each with its defaults on the grayscale image);
2. ms per 1280x720 frame holding no barcode (scenes from ``_scenes.py``);
3. CPU of the scanner loop at 30 fps on an ImageFolderSource (process time / wall time);
4. generated camera scenes (``kiosk/dev/barcode_scenes.py``, seeded, made on the fly):
   stills for ours, pyzbar and zxing-cpp (correct / wrong / no answer, time per image
   p50 / p95 / max), and the live scanner on tags held still and moving past
   (``--scenes N``, ``--live N``; see ``_scene_tables.py``).

Counting rule (the same for all three decoders): a decoder's *answer* for an image is what a
single-tag kiosk would act on, so reads are compared as codes (retail codes as GTIN-13, so
a UPC-A read as a 0-prefixed EAN-13 is the same code; QR text with CRLF = LF) and:

- exactly one distinct code read: that code is the answer;
- no code, or several different codes: no answer ("hold one tag up"; the live scanner
  never guesses which of two tags the shopper meant).

*Correct*: the answer is the expected code. *Wrong*: there is an answer and it is not the
expected code (on the false-positive sets: any answer). A second table gives the retail
totals under the looser *any-read* rule too (correct: the expected code is among the
reads; wrong: any read that is not the expected code), the rule of the corpus's
SOURCE.md figures; ``--list-wrong`` lists each wrong answer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from pyzbar import pyzbar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scene_tables import live_table, stills_table  # noqa: E402
from _scenes import blurred_noise, shop_scene  # noqa: E402

from kiosk.scanning.cli import UnreadableImage, load_image  # noqa: E402
from kiosk.scanning.decoder import ALL_SYMBOLOGIES, Decoder  # noqa: E402
from kiosk.scanning.frames import to_gray  # noqa: E402
from kiosk.scanning.gtin import gtin_for_scan, normalize_gtin  # noqa: E402
from kiosk.scanning.scanner import ScanLoop, frame_to_qimage  # noqa: E402
from kiosk.scanning.sources import ImageFolderSource, demo_frames_dir  # noqa: E402

try:
    import zxingcpp
except ImportError:  # pragma: no cover
    sys.exit("zxing-cpp is needed for the benchmark: pip install zxing-cpp")

RETAIL = {"ean13": "EAN13", "ean8": "EAN8", "upca": "UPCA", "upce": "UPCE"}
_ZX_NAMES = {"EAN13": "EAN13", "EAN8": "EAN8", "UPCA": "UPCA", "UPCE": "UPCE"}


def result_key(symbology: str, text: str) -> str:
    """Comparable form of a read: GTIN-13 for retail codes, else text with LF newlines."""
    if symbology in ("EAN8", "UPCE") and len(text) == 8:
        gtin = gtin_for_scan(symbology, text)
        if gtin:
            return gtin
    if text.isdigit() and len(text) in (12, 13):
        gtin = normalize_gtin(text)
        if gtin:
            return gtin
    return text.replace("\r\n", "\n").strip()


def expected_key(set_name: str, text: str) -> str:
    kind = set_name.split("-")[0]
    return result_key(RETAIL.get(kind, ""), text.strip())


def ours_factory() -> Callable[[np.ndarray], list[str]]:
    decoder = Decoder(ALL_SYMBOLOGIES)
    return lambda img: [result_key(s.symbology, s.text) for s in decoder.decode(img)]


def pyzbar_read(img: np.ndarray) -> list[str]:
    gray = to_gray(img)
    if gray is None:
        return []
    return [result_key(r.type, r.data.decode("utf-8", "replace")) for r in pyzbar.decode(gray)]


def zxing_read(img: np.ndarray) -> list[str]:
    gray = to_gray(img)
    if gray is None:
        return []
    return [
        result_key(_ZX_NAMES.get(r.format.name, ""), r.text) for r in zxingcpp.read_barcodes(gray)
    ]


def answer(keys: list[str]) -> str | None:
    """The single-tag answer: the one distinct code read, else None (nothing or several)."""
    distinct = set(keys)
    return distinct.pop() if len(distinct) == 1 else None


@dataclass
class Tally:
    images: int = 0
    correct: int = 0
    wrong: int = 0
    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    correct_any: int = 0  # the looser any-read rule, for comparison
    wrong_any: int = 0

    def count(self, expected: str | None, keys: list[str]) -> bool:
        """Count one image; True when its answer is wrong under the single-answer rule."""
        self.images += 1
        got = answer(keys)
        self.correct += expected is not None and got == expected
        wrong = got is not None and got != expected
        self.wrong += wrong
        self.correct_any += expected is not None and expected in keys
        self.wrong_any += any(k != expected for k in keys)
        return wrong

    def add(self, other: Tally) -> None:
        self.images += other.images
        self.correct += other.correct
        self.wrong += other.wrong
        self.ms += other.ms
        self.cpu_ms += other.cpu_ms
        self.correct_any += other.correct_any
        self.wrong_any += other.wrong_any

    def cells(self) -> str:
        med = statistics.median(self.ms) if self.ms else 0.0
        p95 = float(np.percentile(self.ms, 95)) if self.ms else 0.0
        return f"{self.correct} | {self.wrong} | {med:.1f} | {p95:.1f}"


def corpus_table(corpus: Path, list_wrong: bool = False) -> None:
    decoders = {"ours": ours_factory(), "pyzbar": pyzbar_read, "zxing-cpp": zxing_read}
    totals = {k: Tally() for k in decoders}
    retail_totals = {k: Tally() for k in decoders}
    either = {"single answer": 0, "any read": 0}  # retail images either anchor got right
    wrong_answers: list[str] = []
    print(
        "| set | images | "
        + " | ".join(f"{k} ok | {k} wrong | {k} med ms | {k} p95 ms" for k in decoders)
        + " |"
    )
    print("|---" * (2 + 4 * len(decoders)) + "|")
    for set_dir in sorted(p for p in corpus.iterdir() if p.is_dir()):
        false_pos = set_dir.name.startswith("falsepositives")
        tallies = {k: Tally() for k in decoders}
        images = sorted(
            p for p in set_dir.iterdir() if p.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"}
        )
        for path in images:
            txt = path.with_suffix(".txt")
            if not false_pos and not txt.exists():
                continue
            expected = None if false_pos else expected_key(set_dir.name, txt.read_text("utf-8"))
            try:
                img = load_image(path)
            except UnreadableImage:
                img = None
            answers: dict[str, list[str]] = {}
            for name, read in decoders.items():
                t = tallies[name]
                started, cpu = time.perf_counter(), time.process_time()
                keys = read(img) if img is not None else []
                t.ms.append((time.perf_counter() - started) * 1000)
                t.cpu_ms.append((time.process_time() - cpu) * 1000)
                answers[name] = keys
                if t.count(expected, keys):
                    wrong_answers.append(
                        f"{name}: {set_dir.name}/{path.name} expected {expected}, read {keys}"
                    )
            if set_dir.name.split("-")[0] in RETAIL:
                anchors = [answers["pyzbar"], answers["zxing-cpp"]]
                either["single answer"] += any(answer(k) == expected for k in anchors)
                either["any read"] += any(expected in k for k in anchors)
        row = " | ".join(tallies[k].cells() for k in decoders)
        n = tallies["ours"].images
        print(f"| {set_dir.name} | {n} | {row} |")
        for k in decoders:
            totals[k].add(tallies[k])
            if set_dir.name.split("-")[0] in RETAIL:
                retail_totals[k].add(tallies[k])
    print(
        f"| **retail total** | {retail_totals['ours'].images} | "
        + " | ".join(retail_totals[k].cells() for k in decoders)
        + " |"
    )
    print(
        f"| **all sets** | {totals['ours'].images} | "
        + " | ".join(totals[k].cells() for k in decoders)
        + " |"
    )
    print()
    print("| retail, 168 images | rule | " + " | ".join(f"{k} ok | {k} wrong" for k in decoders))
    print("|---|---" + "|---" * (2 * len(decoders)) + "|")
    for rule, ok, bad in (
        ("single answer", "correct", "wrong"),
        ("any read", "correct_any", "wrong_any"),
    ):
        cells = " | ".join(
            f"{getattr(retail_totals[k], ok)} | {getattr(retail_totals[k], bad)}" for k in decoders
        )
        print(f"| either anchor right: {either[rule]} | {rule} | {cells} |")
    print("\n| time per image, ms | p50 | p95 | max | mean |")
    print("|---|---|---|---|---|")
    for k in decoders:
        for label, tally in (("retail", retail_totals[k]), ("all sets", totals[k])):
            for clock, values in (("wall", tally.ms), ("CPU", tally.cpu_ms)):
                a = np.asarray(values)
                print(
                    f"| {k}, {label}, {clock} | {np.percentile(a, 50):.1f} | "
                    f"{np.percentile(a, 95):.1f} | {a.max():.1f} | {a.mean():.1f} |"
                )
    print(
        "\nwrong images over all sets (any-read rule): "
        + ", ".join(f"{k} {totals[k].wrong_any}" for k in decoders)
    )
    if list_wrong:
        print()
        for line in wrong_answers:
            print(f"- {line}")


def empty_frame_table(frames: int) -> None:
    decoder = Decoder()  # the live default: retail symbologies
    decoder_all = Decoder(ALL_SYMBOLOGIES)
    readers: dict[str, Callable[[np.ndarray], object]] = {
        "ours (retail)": decoder.decode,
        "ours (all 6)": decoder_all.decode,
        "pyzbar": lambda f: pyzbar.decode(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY)),
        "zxing-cpp": lambda f: zxingcpp.read_barcodes(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY)),
    }
    print(
        "| scene (1280x720, no barcode) | "
        + " | ".join(f"{k} med ms | {k} p95 ms" for k in readers)
        + " |"
    )
    print("|---" * (1 + 2 * len(readers)) + "|")
    for scene_name, make in (("shop scene", shop_scene), ("blurred noise", blurred_noise)):
        scenes = [make(seed) for seed in range(frames)]
        cells = []
        for read in readers.values():
            read(scenes[0])  # warm-up
            ms = []
            for scene in scenes:
                started = time.perf_counter()
                read(scene)
                ms.append((time.perf_counter() - started) * 1000)
            cells.append(f"{statistics.median(ms):.1f} | {np.percentile(ms, 95):.1f}")
        print(f"| {scene_name} | " + " | ".join(cells) + " |")


def scanner_cpu(seconds: float) -> None:
    folder = demo_frames_dir()
    tmp = None
    if not any(folder.glob("*.*")):
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
        cv2.imwrite(str(folder / "00-empty.png"), shop_scene(0))
    stop = threading.Event()
    scans: list[str] = []
    loop = ScanLoop(
        lambda: ImageFolderSource(folder, hold_s=2.0, gap_s=2.5, fps=30),
        Decoder(),
        on_scan=lambda s: scans.append(s.code),
        on_frame=lambda f: frame_to_qimage(f),
        on_state=lambda s: None,
        stop_event=stop,
    )
    thread = threading.Thread(target=loop.run)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    thread.start()
    stop.wait(seconds)
    stop.set()
    thread.join()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(
        f"scanner loop on {folder.name or folder}: {loop.frames_read / wall:.1f} fps read, "
        f"{loop.frames_decoded} of {loop.frames_read} frames decoded, {len(scans)} scans, "
        f"CPU {100 * cpu / wall:.1f}% of one core over {wall:.0f} s"
    )
    if tmp is not None:
        tmp.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "barcode-corpus")
    parser.add_argument("--frames", type=int, default=40, help="empty scenes per kind")
    parser.add_argument("--seconds", type=float, default=20.0, help="scanner-loop run time")
    parser.add_argument(
        "--skip",
        choices=["corpus", "empty", "loop", "scenes", "live"],
        action="append",
        default=[],
    )
    parser.add_argument("--scenes", type=int, default=1000, help="generated stills")
    parser.add_argument("--live", type=int, default=40, help="generated live sequences per kind")
    parser.add_argument("--seed", type=int, default=0, help="first seed of the generated scenes")
    parser.add_argument("--list-wrong", action="store_true", help="list each wrong answer")
    args = parser.parse_args()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    if "corpus" not in args.skip:
        if args.corpus.is_dir():
            corpus_table(args.corpus, args.list_wrong)
        else:
            print(f"corpus {args.corpus} not found; skipping the corpus table")
        print()
    if "empty" not in args.skip:
        empty_frame_table(args.frames)
        print()
    if "loop" not in args.skip:
        scanner_cpu(args.seconds)
        print()
    if "scenes" not in args.skip:
        ours = Decoder()
        readers = {
            "ours": lambda img: [s.code for s in ours.decode(img)],
            "pyzbar": pyzbar_read,
            "zxing-cpp": zxing_read,
        }
        stills_table(readers, args.scenes, args.seed, args.list_wrong)
        print()
    if "live" not in args.skip:
        live_table(Decoder, args.live, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
