"""Catalogue and shopper text is never drawn as rich text (issue 15, item 4).

A style named ``<span style="font-size:90px;color:red">FREE SHOES</span>`` must show
those characters, small and black, on the product screen; every label of the kiosk
window and of the admin panel is plain text (``kiosk.widgets.plain_label``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from inventory_client import InventoryClient
from inventory_client.models import SizeAvailability, SizeRun, Style, Variant
from kiosk.admin.panel import AdminSettings, open_admin
from kiosk.admin.pin import hash_pin
from kiosk.journey.product import Product
from kiosk.screens.product import ProductScreen
from kiosk.workers import TaskRunner

SHOUT = '<span style="font-size:90px;color:red">FREE SHOES</span>'


def _rich_or_auto(root: QWidget) -> list[str]:
    """Every label under ``root`` that could draw its text as HTML."""
    return [
        f"{label.objectName() or type(label).__name__}: {label.text()[:40]!r}"
        for label in root.findChildren(QLabel)
        if label.textFormat() != Qt.TextFormat.PlainText
    ]


def _product() -> Product:
    style = Style(
        id="shout", name=SHOUT, brand=f"<b>{SHOUT}</b>", colour="<i>red</i>",
        price=Decimal("10.00"), currency="EUR", image="shout.png",
    )  # fmt: skip
    variant = Variant(gtin="2400013600002", style_id="shout", size_eu="42", size_uk="8",
                      size_us="9")  # fmt: skip
    run = SizeRun(
        style=style, store_id="berlin-mitte", scanned_gtin=variant.gtin,
        sizes=[SizeAvailability(variant=variant, in_store=2, warehouse=0)],
        as_of=datetime(2026, 5, 1, tzinfo=UTC),
    )  # fmt: skip
    return Product(size_run=run, image=None)


@pytest.fixture
def plain_style(qapp: QApplication) -> Iterator[None]:
    """The sizes checked are the default font's: a kiosk built earlier in the run (the tour
    at 4K) leaves its style sheet, with its big fonts, on the application."""
    kept = qapp.styleSheet()
    qapp.setStyleSheet("")
    yield
    qapp.setStyleSheet(kept)


def test_a_style_name_in_html_shows_literally_on_the_product_screen(qtbot, plain_style):
    screen = ProductScreen()
    qtbot.addWidget(screen)
    screen.resize(1080, 1920)
    screen.show_product(_product())
    screen.show()
    qtbot.waitExposed(screen)

    shown = [label for label in screen.findChildren(QLabel) if label.text() == SHOUT]
    assert shown, "the style name is not on the screen as typed"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText
        # Drawn as text, the tags take room and the line is body-sized, not 90 px tall.
        metrics = QFontMetrics(label.font())
        assert label.sizeHint().height() < 90
        assert metrics.horizontalAdvance("<span style=") < label.sizeHint().width() or (
            label.wordWrap()
        )
    assert _rich_or_auto(screen) == []


def test_every_label_of_the_kiosk_window_is_plain_text(live_service, journey_kiosk):
    kiosk = journey_kiosk(live_service)
    assert kiosk.window.findChildren(QLabel)  # the walk sees the screens' labels
    assert _rich_or_auto(kiosk.window) == []


def test_every_label_of_the_admin_panel_is_plain_text(qtbot, live_service, tmp_path: Path):
    client = InventoryClient(
        live_service.url, live_service.kiosk_key, kiosk_id=live_service.kiosk_id,
        store_id=live_service.store_id, outbox_path=tmp_path / "outbox.sqlite",
        staff_key=live_service.staff_key,
    )  # fmt: skip
    runner = TaskRunner()
    staff: list[dict[str, Any]] = [{"id": "anna", "name": SHOUT, "pin_hash": hash_pin("582039")}]
    panel = open_admin(
        None, client, live_service.staff_key or "", staff, data_dir=tmp_path / "admin",
        runner=runner, settings=AdminSettings(idle_timeout_s=60),
    )  # fmt: skip
    qtbot.addWidget(panel)
    try:
        assert len(panel.findChildren(QLabel)) > 5
        assert _rich_or_auto(panel) == []
    finally:
        panel.shutdown()
        assert runner.shutdown()
        client.close()
