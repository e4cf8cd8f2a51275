"""The admin screen over a real shopper window: corner gesture, badge, scans routed to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from kiosk.admin.launcher import AdminLauncher, load_staff_file
from kiosk.admin.pin import new_badge_code
from kiosk.assembly import Kiosk
from kiosk.config import ConfigError

from .conftest import PIN, STAFF_ID, in_store_gtin, log_in, make_client


def _on_hand(service: Any, gtin: str) -> int:
    """This store's on-hand count for ``gtin`` as the service reports it."""
    detail = requests.get(
        f"{service.url}/v1/variants/{gtin}",
        headers={"Authorization": f"Bearer {service.kiosk_key}"},
        timeout=10,
    ).json()
    report = requests.get(
        f"{service.url}/v1/styles/{detail['style']['id']}/stock",
        params={"store_id": service.store_id, "scope": "stores"},
        headers={"Authorization": f"Bearer {service.kiosk_key}"},
        timeout=10,
    ).json()
    for variant in report["variants"]:
        if variant["gtin"] == gtin:
            for location in variant["locations"]:
                if location["location_id"] == service.store_id:
                    return location["on_hand"]
    return 0


def _kiosk_with_admin(qtbot, fresh_service, tmp_path: Path, staff_list):
    client = make_client(fresh_service, tmp_path / "outbox.sqlite")
    kiosk = Kiosk(client, source_factory=None, sound=None, admin_hold_ms=200)
    qtbot.addWidget(kiosk.window)
    launcher = AdminLauncher(
        kiosk.window,
        client,
        staff_key=fresh_service.staff_key,
        staff=staff_list,
        data_dir=tmp_path / "admin",
        runner=kiosk.runner,
    )
    kiosk.start()
    return kiosk, client, launcher


def test_corner_opens_admin_and_scans_go_to_receiving_not_the_shopper(
    qtbot, fresh_service, tmp_path, staff_list, catalogue
):
    kiosk, client, launcher = _kiosk_with_admin(qtbot, fresh_service, tmp_path, staff_list)
    try:
        gtin = in_store_gtin(catalogue)
        before = _on_hand(fresh_service, gtin)
        state_before = kiosk.session.state

        kiosk.window.admin_requested.emit()
        assert launcher.is_open and launcher.panel.isVisible()
        log_in(qtbot, launcher.panel)
        kiosk.window._on_code_scanned(gtin)  # what the scanner's signal calls

        qtbot.waitUntil(lambda: _on_hand(fresh_service, gtin) == before + 1, timeout=15_000)
        assert kiosk.session.state == state_before  # the shopper's journey never saw it

        launcher.panel.exit_button.click()
        qtbot.waitUntil(lambda: not launcher.is_open, timeout=5_000)
    finally:
        launcher.shutdown()
        kiosk.shutdown()
        client.close()


def test_staff_badge_on_a_shopper_screen_opens_the_pin_pad_for_that_person(
    qtbot, fresh_service, tmp_path, staff_list
):
    kiosk, client, launcher = _kiosk_with_admin(qtbot, fresh_service, tmp_path, staff_list)
    try:
        kiosk.window._on_code_scanned(new_badge_code(STAFF_ID))

        assert launcher.is_open
        for digit in PIN:
            launcher.panel.pin_pad.keys[digit].click()
        launcher.panel.pin_pad.ok_button.click()
        qtbot.waitUntil(lambda: launcher.panel.logged_in, timeout=10_000)
    finally:
        launcher.shutdown()
        kiosk.shutdown()
        client.close()


def test_staff_file_is_checked_in_one_line(tmp_path, pin_hash):
    good = tmp_path / "staff.toml"
    good.write_text(f'[[staff]]\nid = "anna"\nname = "Anna"\npin_hash = "{pin_hash}"\n')
    assert load_staff_file(good)[0]["id"] == "anna"

    plain = tmp_path / "plain.toml"
    plain.write_text('[[staff]]\nid = "anna"\nname = "Anna"\npin = "1234"\n')
    for bad in (plain, tmp_path / "missing.toml"):
        try:
            load_staff_file(bad)
        except ConfigError as exc:
            assert "\n" not in str(exc) and str(exc).startswith("admin.staff_file:")
        else:
            raise AssertionError(f"{bad} was accepted")


def test_language_picked_on_the_sign_in_pad_switches_the_whole_kiosk(
    qtbot, fresh_service, tmp_path, staff_list
):
    kiosk, client, launcher = _kiosk_with_admin(qtbot, fresh_service, tmp_path, staff_list)
    try:
        kiosk.window.admin_requested.emit()
        assert launcher.panel is not None
        launcher.panel.pin_pad.languages.buttons["de"].click()
        assert kiosk.window.language == "de"
        launcher.panel.exit_button.click()
        qtbot.waitUntil(lambda: not launcher.is_open, timeout=5_000)
        kiosk.window.admin_requested.emit()
        assert launcher.panel is not None  # opened again: in the language the kiosk shows
        assert launcher.panel.pin_pad.languages.buttons["de"].isChecked()
    finally:
        launcher.shutdown()
        kiosk.shutdown()
        client.close()
