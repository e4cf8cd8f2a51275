"""The customer voice end to end: real widgets, real client, real service on loopback.

Other shoppers' votes (from another kiosk) make the product screen advise a size and mark
its tile; this shopper's taps ("Tried it on?", a size the style is not made in, why they
leave, how the fetched pair fits) reach the service, read back through the staff report.
The idle reset never answers "why are you leaving".
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import requests
from PySide6.QtCore import Qt

from inventory_client.models import FetchStatus, SizeStatus
from inventory_client.voice_models import FitChoice, LeaveReason
from inventory_service import rules
from inventory_service.launcher import ServiceProcess
from inventory_service.storage import KeyScope
from inventory_service.storage.backends import backend_for
from kiosk.session import FetchPhase, State

TIMEOUT_MS = 15_000
OTHER_KIOSK_KEY = "voice-test-kiosk-2-key"


def add_other_kiosk(service: ServiceProcess) -> None:
    backend = backend_for(service.db_path)
    storage = backend.open()
    try:
        storage.add_api_key(
            rules.hash_api_key(OTHER_KIOSK_KEY), KeyScope.KIOSK, service.store_id, "kiosk-2", "k2"
        )
    finally:
        storage.close()
        backend.dispose()


def other_shoppers_vote(service: ServiceProcess, style: str, fit: str, count: int) -> None:
    for _ in range(count):
        requests.post(
            f"{service.url}/v1/fit-votes",
            json={
                "id": uuid.uuid4().hex,
                "kiosk_id": "kiosk-2",
                "store_id": service.store_id,
                "journey_id": uuid.uuid4().hex,
                "style_id": style,
                "fit": fit,
                "source": "tried",
                "at": datetime.now(UTC).isoformat(),
            },
            headers={"Authorization": f"Bearer {OTHER_KIOSK_KEY}"},
            timeout=5,
        ).raise_for_status()


def report(service: ServiceProcess) -> dict[str, Any]:
    answer = requests.get(
        f"{service.url}/v1/reports/customer-voice",
        headers={"Authorization": f"Bearer {service.staff_key}"},
        timeout=5,
    )
    answer.raise_for_status()
    return answer.json()


def style_row(service: ServiceProcess, style: str) -> dict[str, Any]:
    return next((s for s in report(service)["styles"] if s["style_id"] == style), {})


def click(qtbot, widget: Any) -> None:
    assert widget.isVisible(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def scanned_gtin(catalogue: dict, scenario: str) -> tuple[str, dict]:
    style = next(s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"][scenario])
    return style["variants"][len(style["variants"]) // 2]["gtin"], style


def open_product(qtbot, kiosk: Any, gtin: str) -> None:
    window = kiosk.window
    kiosk.session.scan(gtin)
    qtbot.waitUntil(
        lambda: (
            window.stack.currentWidget() is window.product_screen
            and bool(window.product_screen.grid.buttons())
        ),
        timeout=TIMEOUT_MS,
    )


def test_advice_votes_sizes_and_reasons_reach_the_store(
    qtbot, fresh_service: ServiceProcess, catalogue: dict, journey_kiosk
) -> None:
    gtin, style = scanned_gtin(catalogue, "in_store")
    add_other_kiosk(fresh_service)
    other_shoppers_vote(fresh_service, style["id"], "small", 5)
    kiosk = journey_kiosk(fresh_service)
    window, screen = kiosk.window, kiosk.window.product_screen

    # the advice: five "runs small" votes from another kiosk; the next size up is marked
    open_product(qtbot, kiosk, gtin)
    qtbot.waitUntil(lambda: screen.advice.isVisible(), timeout=TIMEOUT_MS)
    sizes = sorted(style["variants"], key=lambda v: float(v["size_eu"]))
    scanned_at = next(i for i, v in enumerate(sizes) if v["gtin"] == gtin)
    bigger = sizes[scanned_at + 1]
    assert screen.advice.text() == (
        f"Most shoppers say it runs small — consider EU {bigger['size_eu']} (5 votes)"
    )
    marked = [b.tile for b in screen.grid.buttons() if b.tile.suggested]
    assert [t.gtin for t in marked] == [bigger["gtin"]]
    assert marked[0].detail.startswith("★ Shoppers suggest this size")
    window.set_language("de")
    assert screen.advice.text().startswith("Die meisten sagen: fällt klein aus")
    window.set_language("en")

    # "Tried it on?" — one tap opens, one tap answers; a size the style is not made in
    click(qtbot, screen.fit_prompt.open_button)
    click(qtbot, screen.fit_prompt.buttons[FitChoice.SMALL])
    assert screen.fit_prompt.thanks.isVisible()
    wanted = screen.wanted.buttons[-1]
    wanted_size = wanted.text().removeprefix("EU ")
    click(qtbot, wanted)
    qtbot.waitUntil(
        lambda: (
            style_row(fresh_service, style["id"]).get("small") == 6
            and style_row(fresh_service, style["id"]).get("sizes_wanted")
            == [{"size_eu": wanted_size, "count": 1}]
        ),
        timeout=TIMEOUT_MS,
    )

    # Start over from the product, empty-handed: asked why (one tap), then start over
    click(qtbot, screen.nav.start_over_button)
    assert kiosk.session.state is State.PRODUCT and screen.why.isVisible()
    assert not screen.grid.isVisible()
    click(qtbot, screen.why.buttons[LeaveReason.PRICE])
    assert kiosk.session.state is State.ATTRACT
    qtbot.waitUntil(
        lambda: (
            style_row(fresh_service, style["id"]).get("leave_reasons")
            == [{"reason": "price", "count": 1}]
        ),
        timeout=TIMEOUT_MS,
    )

    # a new shopper walks away: the idle reset gives no reason; Start over twice skips
    open_product(qtbot, kiosk, gtin)
    assert not screen.why.isVisible() and screen.fit_prompt.open_button.isVisible()
    window._on_idle_expired()
    assert kiosk.session.state is State.ATTRACT and not screen.why.isVisible()
    open_product(qtbot, kiosk, gtin)
    click(qtbot, screen.nav.start_over_button)
    click(qtbot, screen.nav.start_over_button)  # the second tap starts over, no answer
    assert kiosk.session.state is State.ATTRACT

    # a fetched pair, handed over: how it fits (the journey's vote); no "why" afterwards
    open_product(qtbot, kiosk, gtin)
    fetch = window.fetch_screen
    tile = next(b for b in screen.grid.buttons() if b.tile.status is SizeStatus.IN_STORE)
    click(qtbot, tile)
    click(qtbot, fetch.fetch_button)
    qtbot.waitUntil(lambda: fetch.phase is FetchPhase.OPEN, timeout=TIMEOUT_MS)
    assert not fetch.fit_prompt.isVisible()
    request = kiosk.session.fetch
    assert request is not None
    for status in (FetchStatus.CLAIMED, FetchStatus.DONE):  # a colleague brings the pair
        requests.patch(
            f"{fresh_service.url}/v1/fetch-requests/{request.id}",
            json={"status": status.value},
            headers={"Authorization": f"Bearer {fresh_service.staff_key}"},
            timeout=5,
        ).raise_for_status()
    qtbot.waitUntil(lambda: fetch.phase is FetchPhase.DONE, timeout=TIMEOUT_MS)
    click(qtbot, fetch.fit_prompt.buttons[FitChoice.TRUE_TO_SIZE])
    qtbot.waitUntil(
        lambda: style_row(fresh_service, style["id"]).get("true_to_size") == 1,
        timeout=TIMEOUT_MS,
    )
    click(qtbot, fetch.nav.back_button)
    assert kiosk.session.state is State.PRODUCT
    click(qtbot, screen.nav.start_over_button)  # took the pair: nothing to ask
    assert kiosk.session.state is State.ATTRACT

    final = report(fresh_service)
    row = next(s for s in final["styles"] if s["style_id"] == style["id"])
    assert row["leave_reasons"] == [{"reason": "price", "count": 1}]  # the idle said nothing
    assert (row["small"], row["true_to_size"], row["verdict"]) == (6, 1, "runs_small")
    assert final["today"]["journeys_answered"] >= 4  # each answered scan, timed
    assert final["today"]["median_answer_s"] is not None
