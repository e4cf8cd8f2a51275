"""Transport (issue 15 item 6), kiosk side: ``kiosk doctor`` fails a plain-http service URL
that leaves the machine unless ``service.allow_plain_http = true``, checks an https service
against ``service.ca_bundle``, and the kiosk's client takes the CA from the config.

Real service over HTTPS on loopback (CA from make-cert); only the camera is faked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from support.tls import CA_VARIABLES, https_service

from inventory_service.launcher import ServiceProcess
from kiosk.assembly.store import build_client
from kiosk.config import Config, ConfigError, parse_config
from kiosk.system import doctor
from kiosk.system.checks import Status
from kiosk.system.service_checks import is_loopback_url, plain_http_refusal

GTIN = "2400013600002"


class NoCamera:
    """The one fake: a camera that yields no frame (its row is not looked at here)."""

    name = "none"

    def open(self) -> None:
        pass

    def read(self) -> np.ndarray | None:
        return None

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def no_ca_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServiceProcess, Path]]:
    with https_service(tmp_path_factory.mktemp("https")) as pair:
        yield pair


def _config(url: str, key: str, data_dir: Path, **service: Any) -> Config:
    return parse_config(
        {
            "kiosk": {"id": "kiosk-1", "store_id": "berlin-mitte"},
            "service": {
                "url": url,
                "api_key": key,
                "connect_timeout_s": 0.5,
                "read_timeout_s": 5,
                **service,
            },
            "paths": {"data_dir": str(data_dir)},
        }
    )


def _service_row(config: Config) -> doctor.Check:
    checks = doctor.run_doctor(lambda: config, make_source=lambda _: NoCamera())
    return next(c for c in checks if c.name == "service")


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://192.168.1.10:8470", True),
        ("http://inventory.store.lan", True),
        ("http://127.0.0.1:8470", False),
        ("http://127.8.9.10:8470", False),
        ("http://localhost:8470", False),
        ("http://[::1]:8470", False),
        ("https://192.168.1.10:8470", False),
        ("HTTP://10.0.0.2", True),
    ],
)
def test_plain_http_is_refused_only_off_loopback(url: str, refused: bool) -> None:
    refusal = plain_http_refusal(url, allow_plain_http=False)
    assert (refusal is not None) == refused
    if refusal is not None:
        assert refusal.status == Status.FAIL and "clear text" in refusal.detail
        assert "allow_plain_http" in (refusal.fix or "") and "make-cert" in (refusal.fix or "")
    assert plain_http_refusal(url, allow_plain_http=True) is None
    assert is_loopback_url(url) == (not refused and url.startswith("http://"))


def test_doctor_fails_plain_http_off_loopback_unless_the_config_allows_it(
    tmp_path: Path,
) -> None:
    url = "http://192.0.2.10:8470"  # TEST-NET-1: never routed, nothing answers
    row = _service_row(_config(url, "some-key", tmp_path))
    assert row.status == Status.FAIL and "plain http" in row.detail
    allowed = _service_row(_config(url, "some-key", tmp_path, allow_plain_http=True))
    assert allowed.status == Status.FAIL and "plain http" not in allowed.detail  # it tried


def test_doctor_checks_https_against_the_configured_ca(
    https: tuple[ServiceProcess, Path], tmp_path: Path
) -> None:
    service, ca = https
    assert service.kiosk_key is not None
    trusted = _service_row(_config(service.url, service.kiosk_key, tmp_path, ca_bundle=str(ca)))
    assert trusted.status == Status.OK, trusted
    untrusted = _service_row(_config(service.url, service.kiosk_key, tmp_path))
    assert untrusted.status == Status.FAIL
    assert "TLS" in untrusted.detail and "ca_bundle" in (untrusted.fix or "")


def test_the_kiosk_client_takes_the_ca_from_the_config(
    https: tuple[ServiceProcess, Path], tmp_path: Path
) -> None:
    service, ca = https
    assert service.kiosk_key is not None and service.kiosk_id and service.store_id
    config = parse_config(
        {
            "kiosk": {"id": service.kiosk_id, "store_id": service.store_id},
            "service": {"url": service.url, "api_key": service.kiosk_key, "ca_bundle": str(ca)},
            "paths": {"data_dir": str(tmp_path)},
        }
    )
    client = build_client(config)
    try:
        assert client.lookup(GTIN).variant.gtin == GTIN
    finally:
        client.close()


def test_a_missing_ca_bundle_is_a_config_error_at_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"service\.ca_bundle"):
        _config("https://inventory.store.lan", "k", tmp_path, ca_bundle=str(tmp_path / "no.pem"))
