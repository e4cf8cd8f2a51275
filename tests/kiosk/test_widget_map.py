"""The widget map (kiosk/widget_map.py): what is on screen, written to a file on request.

Field contents never leave the process (only their length does), and the log line names
the file, not the texts.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.widget_map import ScreenLogger, WidgetMapWriter, describe_window

SECRET = "Jana Testerin"


class Page(QWidget):
    pass


class OtherPage(QWidget):
    pass


def build(qtbot: QtBot) -> tuple[QWidget, QStackedWidget, QPushButton, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    stack = QStackedWidget()
    QVBoxLayout(window).addWidget(stack)
    page = Page()
    layout = QVBoxLayout(page)
    button = QPushButton("Place order")
    button.setObjectName("primary")
    button.setProperty("status", "warehouse")
    edit = QLineEdit(SECRET)
    edit.setObjectName("field_name")
    layout.addWidget(QLabel("Where shall we send it?"))
    layout.addWidget(button)
    layout.addWidget(edit)
    hidden_page = OtherPage()
    hidden_edit = QLineEdit("hidden text")
    hidden_edit.setObjectName("field_email")
    QVBoxLayout(hidden_page).addWidget(hidden_edit)
    stack.addWidget(page)
    stack.addWidget(hidden_page)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, stack, button, edit


def test_describe_window_lists_buttons_with_centres_and_fields_by_length_only(
    qtbot: QtBot,
) -> None:
    window, _stack, button, _edit = build(qtbot)
    described = describe_window(window)

    [place] = [b for b in described["buttons"] if b["name"] == "primary"]
    assert place["text"] == "Place order"
    assert place["status"] == "warehouse"
    centre = button.mapToGlobal(button.rect().center())
    assert place["center"] == [centre.x(), centre.y()]

    fields = {f["name"]: f for f in described["fields"]}
    assert fields["field_name"]["chars"] == len(SECRET)
    assert fields["field_name"]["visible"]
    assert fields["field_email"] == {**fields["field_email"], "chars": 11, "visible": False}
    assert SECRET not in json.dumps(described["fields"])
    assert "Where shall we send it?" in described["labels"]


def test_writer_writes_the_file_on_sigusr1_and_logs_only_its_path(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    window, *_ = build(qtbot)
    path = tmp_path / "widget-map.json"
    writer = WidgetMapWriter(path, window)
    previous = signal.getsignal(signal.SIGUSR1)
    try:
        writer.install()
        with caplog.at_level(logging.INFO, logger="kiosk.widget_map"):
            os.kill(os.getpid(), signal.SIGUSR1)
            qtbot.waitUntil(lambda: path.exists())
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert path.stat().st_mode & 0o777 == 0o600  # it may hold what a shopper typed
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["seq"] == 1
    assert any(w["class"] == "QWidget" for w in data["windows"])
    [record] = [r for r in caplog.records if r.msg == "widget map written"]
    assert vars(record)["path"] == str(path)
    assert SECRET not in caplog.text


def test_screen_logger_names_each_page_shown(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window, stack, *_ = build(qtbot)
    ScreenLogger(window)
    with caplog.at_level(logging.INFO, logger="kiosk.widget_map"):
        stack.setCurrentIndex(1)
        stack.setCurrentIndex(0)
    shown = [vars(r)["screen"] for r in caplog.records if r.msg == "screen shown"]
    assert shown == ["OtherPage", "Page"]
