"""Fixtures shared by the deploy tests."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Iterator

import pytest


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """``configure_logging`` changes process-wide state: the root logger, the except hooks
    and faulthandler. Put every bit back for the next test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    faults = faulthandler.is_enabled()
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    if faults:
        faulthandler.enable()  # pytest's own, to stderr
    else:
        faulthandler.disable()
