"""The cycle collector runs on the GUI thread only while the kiosk runs (kiosk/gui_gc.py)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from kiosk.gui_gc import GuiThreadCollector


class _Cycle:
    """An object in a reference cycle that records which thread finally freed it."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def _make_garbage_on_a_worker(count: int) -> None:
    def work() -> None:
        for _ in range(count):
            _Cycle()
            [[] for _ in range(20)]  # allocations that would trip the collector here

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()


def test_without_it_a_worker_thread_collects_cycles() -> None:
    """The hazard the collector exists for: automatic collection runs on any thread."""
    gc.collect()
    _Cycle.freed_on.clear()
    _make_garbage_on_a_worker(5000)
    gc.collect()
    assert "worker" in _Cycle.freed_on


def test_with_it_cycles_are_freed_on_the_gui_thread(qapp) -> None:
    gc.collect()
    _Cycle.freed_on.clear()
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        _make_garbage_on_a_worker(5000)
        assert _Cycle.freed_on == []  # nothing collected on the worker
        collector.collect_if_due()
        collector.stop()
    finally:
        collector.stop()
    assert gc.isenabled()
    assert len(_Cycle.freed_on) == 5000
    assert set(_Cycle.freed_on) == {threading.current_thread().name}


def test_nothing_is_collected_before_a_threshold_is_passed(qapp) -> None:
    gc.collect()
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert collector.collect_if_due() == 0
    finally:
        collector.stop()
