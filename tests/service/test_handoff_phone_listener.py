"""``--phone-host``: phones get their own socket, which serves the phone pages and their
pictures only; the demo's ``--public`` uses it, so the API and its published demo keys
stay on loopback."""

from __future__ import annotations

from pathlib import Path

import requests
from support.api import Api

from inventory_service.__main__ import main
from kiosk.dev.demo import demo_backend


def test_the_phone_socket_serves_the_pages_only(tmp_path: Path, catalogue: dict) -> None:
    with demo_backend(tmp_path / "demo", public=True) as backend:
        service, phone = backend.service, backend.public_url
        assert phone != service.url and not phone.startswith("http://127.")
        css = requests.get(f"{phone}/m/style.css", timeout=10)
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
        image = catalogue["styles"][0]["image"]
        assert requests.get(f"{phone}/v1/images/{image}", timeout=10).status_code == 200
        for path in ("/v1/locations", "/v1/health", "/docs", "/openapi.json", "/m"):
            answer = requests.get(phone + path, timeout=10, headers={"Authorization": "x"})
            assert answer.status_code == 404 and answer.text == "Not found.\n", path
        with Api(phone, service.kiosk_key) as kiosk:  # the demo key opens nothing here
            assert kiosk.get("/v1/locations").status_code == 404
        with Api(service.url, service.kiosk_key) as kiosk:  # the API is where it was
            assert kiosk.get("/v1/locations").status_code == 200
        assert service.url.startswith("http://127.0.0.1:")


def test_bad_phone_options_are_refused(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "inventory.db")
    args = ["--db", db, "--port", "0", "--phone-host", "127.0.0.1"]
    assert main([*args, "--workers", "2"]) == 2
    assert "--phone-host needs --workers 1" in capsys.readouterr().err
    assert (
        main(["--db", db, "--port", "8471", "--phone-host", "127.0.0.1", "--phone-port", "8471"])
        == 2
    )
    assert "--phone-port must differ from --port" in capsys.readouterr().err
