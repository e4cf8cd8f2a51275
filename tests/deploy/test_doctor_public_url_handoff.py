"""The doctor's ``public_url`` check: the phone pages answer where phones are sent."""

from __future__ import annotations

import requests

from kiosk.system.doctor import Status
from kiosk.system.service_checks import check_public_url

TIMEOUT = (1.0, 3.0)


def test_public_url_is_checked(live_service) -> None:
    with requests.Session() as session:
        ok = check_public_url(live_service.url + "/", session=session, timeout=TIMEOUT)
        assert ok.status is Status.OK and live_service.url in ok.detail
        unset = check_public_url("", session=session, timeout=TIMEOUT)
        assert unset.status is Status.SKIP
        refused = check_public_url("http://127.0.0.1:9", session=session, timeout=TIMEOUT)
        assert refused.status is Status.FAIL and "--phone-host" in refused.fix
        elsewhere = check_public_url(live_service.url + "/v1", session=session, timeout=TIMEOUT)
        assert elsewhere.status is Status.FAIL and "HTTP 404" in elsewhere.detail
