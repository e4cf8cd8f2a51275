"""Debounce rules: sure before reporting, held = one scan, gone then back = new scan."""

from __future__ import annotations

from kiosk.scanning.debounce import Debouncer
from kiosk.scanning.decoder import Scan

A = Scan("EAN13", "4006381333931", "4006381333931")
A_SURE = Scan("EAN13", "4006381333931", "4006381333931", confirmed=True)
B = Scan("UPCA", "036000291452", "0036000291452")


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_single_unconfirmed_read_is_not_reported() -> None:
    d = Debouncer(2.0, Clock())
    assert d.feed([A]) == []
    assert d.pending
    assert d.feed([]) == []  # the one-frame read vanished: it was never sure
    assert d.feed([A]) == []


def test_two_consecutive_reads_report_once() -> None:
    clock = Clock()
    d = Debouncer(2.0, clock)
    assert d.feed([A]) == []
    clock.t += 0.033
    assert d.feed([A]) == [A]
    for _ in range(100):  # held before the camera for 3.3 s
        clock.t += 0.033
        assert d.feed([A]) == []


def test_confirmed_read_reports_at_once() -> None:
    d = Debouncer(2.0, Clock())
    assert d.feed([A_SURE]) == [A_SURE]


def test_short_dropouts_do_not_rescan() -> None:
    clock = Clock()
    d = Debouncer(2.0, clock)
    d.feed([A_SURE])
    for frames in ([], [], [A], [], [A]):
        clock.t += 0.5
        assert d.feed(frames) == []


def test_back_after_leaving_view_is_a_new_scan() -> None:
    clock = Clock()
    d = Debouncer(2.0, clock)
    assert d.feed([A_SURE]) == [A_SURE]
    clock.t += 2.5
    assert d.feed([]) == []
    assert d.feed([A]) == []
    clock.t += 0.033
    assert d.feed([A]) == [A]


def test_two_codes_are_independent() -> None:
    clock = Clock()
    d = Debouncer(2.0, clock)
    assert d.feed([A_SURE, B]) == [A_SURE]
    clock.t += 0.033
    assert d.feed([A, B]) == [B]
