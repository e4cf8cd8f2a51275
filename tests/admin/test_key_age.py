"""The admin Health view's key row (issue 15 item 1): the kiosk key's age and expiry as
the real service reports them, a warning while there is time to rotate."""

from __future__ import annotations

from datetime import UTC, datetime

import requests

from inventory_service.__main__ import main
from kiosk.system.doctor import Status
from kiosk.system.key_checks import KEY_CHECK, check_key_age

TIMEOUT = (3.0, 10.0)


def _add_kiosk_key(service, capsys, expires: str) -> str:
    argv = ["keys", "add", "--db", str(service.db_path), "--scope", "kiosk"]
    argv += ["--store-id", str(service.store_id), "--kiosk-id", "kiosk-9", "--expires", expires]
    assert main(argv) == 0
    return capsys.readouterr().out.strip()


def test_key_age_ok_warn_and_skip(fresh_service, capsys) -> None:
    url = fresh_service.url
    soon = _add_kiosk_key(fresh_service, capsys, "5d")
    later = _add_kiosk_key(fresh_service, capsys, "200d")
    with requests.Session() as session:

        def check(key: str):  # type: ignore[no-untyped-def]
            return check_key_age(url, key, session=session, timeout=TIMEOUT)

        demo = check(str(fresh_service.kiosk_key))
        assert (demo.name, demo.status) == (KEY_CHECK, Status.OK)
        assert demo.detail == "kiosk key, less than a day old, never expires"

        fine = check(later)
        assert fine.status is Status.OK and "(in 199 days)" in fine.detail

        warned = check(soon)
        assert warned.status is Status.WARN and "rotate it soon" in warned.detail
        assert "(in 4 days)" in warned.detail and "keys rotate" in warned.fix
        expires = datetime.now(UTC).date().toordinal() + 5
        assert datetime.fromordinal(expires).strftime("%Y-%m-%d") in warned.detail

        refused = check("not-a-key")
        assert refused.status is Status.SKIP and "401" in refused.detail
    unreachable = check_key_age(
        "http://127.0.0.1:9", "k", session=requests.Session(), timeout=TIMEOUT
    )
    assert unreachable.status is Status.SKIP
