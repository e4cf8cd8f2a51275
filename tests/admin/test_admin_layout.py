"""Every admin view at every display size the stores use, in every language: no cut text,
no overlapping controls, nothing outside the window, touch targets finger-sized
(``kiosk.dev.layout_check``); and the panel re-translates itself on a language switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QHeaderView

from kiosk import theme
from kiosk.admin.controller import Section
from kiosk.admin.health import KioskChecks
from kiosk.admin.panel import AdminPanel
from kiosk.dev.layout_check import LayoutProblem, check_layout
from kiosk.dev.tour import DisplaySize, parse_sizes
from kiosk.i18n import LANGUAGES, Translations, build

from .conftest import in_store_gtin, log_in

SIZES = parse_sizes(
    "800x480,1024x600,1280x800,720x1280,1080x1920,1920x1080,2560x1440@2,3840x2160@2"
)


@pytest.fixture
def translations(qapp: Any, tmp_path: Path) -> Iterator[Translations]:
    build(out=tmp_path / "qm")  # from the .ts as committed, not a stale local .qm
    made = Translations(qapp, tmp_path / "qm")
    yield made
    made.switch("en")


def settle(qapp: Any) -> None:
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()


def show_at(qapp: Any, panel: AdminPanel, size: DisplaySize) -> None:
    theme.set_display(panel, physical_dpi=size.dpi, dpr=size.dpr)
    for _ in range(2):  # the second pass: minimums shrink once the new metrics are in
        panel.resize(*size.logical)
        settle(qapp)


def problems(panel: AdminPanel, size: DisplaySize) -> list[LayoutProblem]:
    found = check_layout(
        panel, size=QSize(*size.logical), min_touch_px=theme.current_metrics(panel).touch
    )
    # A table's header row reports a scroll area's 68 px minimum hint it never needs:
    # not a control a finger uses, and its text is drawn by the header itself.
    return [p for p in found if QHeaderView.__name__ not in p.widget]


def walk(qapp: Any, panel: AdminPanel, name: str, translations: Translations) -> list[str]:
    found = []
    for size in SIZES:
        show_at(qapp, panel, size)
        for language in LANGUAGES:
            translations.switch(language)
            settle(qapp)
            found += [f"{name} {size.name} {language}: {p}" for p in problems(panel, size)]
        translations.switch("en")
    return found


VIEWS = ("pin", "receiving", "stock", "fetch", "orders", "demand", "import", "health", "quit")


def open_view(qtbot: Any, panel: AdminPanel, client: Any, gtin: str, view: str) -> None:
    """Bring the panel to ``view`` with something in it, as staff would."""
    if view == "pin":
        return
    log_in(qtbot, panel)
    if view == "receiving":
        panel.handle_scan(gtin)
        qtbot.waitUntil(lambda: panel.tally.total == 1, timeout=10_000)
    elif view == "stock":
        panel.show_section(Section.STOCK)
        panel.handle_scan(gtin)
        qtbot.waitUntil(lambda: panel.stock.step_button(gtin, +1) is not None, timeout=10_000)
    elif view == "quit":
        panel.quit_button.click()
    else:
        section = Section[view.upper()]
        loaded = {
            Section.FETCH: lambda: panel.fetch.table.rowCount() > 0,
            Section.ORDERS: lambda: bool(panel.orders.status.text()) or panel.orders.rows == [],
            Section.DEMAND: lambda: bool(panel.demand.status.text()),
            Section.IMPORT: lambda: True,
            Section.HEALTH: lambda: panel.health.table.rowCount() > 0,
        }[section]
        if section is Section.FETCH:
            client.create_fetch_request(gtin)  # a row with its Claim button
        panel.show_section(section)
        qtbot.waitUntil(loaded, timeout=20_000)


@pytest.mark.slow
@pytest.mark.parametrize("view", VIEWS)
def test_admin_view_fits_every_size_in_every_language(
    view: str,
    qtbot: Any,
    qapp: Any,
    panel_factory: Any,
    client: Any,
    fresh_service: Any,
    catalogue: Any,
    tmp_path: Any,
    translations: Any,
) -> None:
    checks = KioskChecks(
        service_url=fresh_service.url,
        api_key=fresh_service.kiosk_key,
        data_dir=tmp_path,
        outbox_backlog=client.outbox.count,
        camera_state=lambda: "ok",
    )
    panel = panel_factory(client, checks=checks, on_quit=lambda: None)
    panel.show()
    open_view(qtbot, panel, client, in_store_gtin(catalogue), view)
    assert walk(qapp, panel, view, translations) == []


def test_the_panel_follows_a_language_switch(
    qtbot: Any, qapp: Any, panel_factory: Any, client: Any, translations: Any
) -> None:
    panel = panel_factory(client)
    languages: list[str] = []
    panel.language_chosen.connect(languages.append)
    panel.pin_pad.languages.buttons["de"].click()
    assert languages == ["de"]  # the launcher switches the app's translator on this

    translations.switch("de")
    settle(qapp)
    assert panel.pin_pad.heading.text() == "Anmeldung für Personal"
    assert panel.pin_pad.keys["clear"].text() == "Löschen"
    log_in(qtbot, panel)
    assert panel.who.text() == "Angemeldet: Anna"
    assert panel.section_bar.buttons[Section.RECEIVING].text() == "Wareneingang"
    assert panel.exit_button.text() == "Admin beenden"
    panel.handle_scan("hello")
    assert panel.receiving.last_scan.text() == "Kein Schuh-Strichcode: hello"

    translations.switch("fr")
    settle(qapp)
    assert panel.receiving.last_scan.text() == "Pas un code-barres de chaussure : hello"
    assert panel.orders.retry_button.text() == "Renvoyer les commandes en attente"
    translations.switch("en")
    settle(qapp)
    assert panel.receiving.last_scan.text() == "Not a shoe barcode: hello"
    assert panel.section_bar.buttons[Section.FETCH].text() == "Fetch requests"
