"""Transport (issue 15 item 6), client side: the client trusts a store's own CA through its
config (``ca_bundle``) or the standard variables, and without it fails with a clear error,
never falling back to plain HTTP. Against the real service over HTTPS on loopback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.tls import CA_VARIABLES, https_service

from inventory_client import InventoryClient, Unavailable, tls_verify
from inventory_service.launcher import ServiceProcess

GTIN = "2400013600002"


@pytest.fixture(scope="module")
def https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServiceProcess, Path]]:
    with https_service(tmp_path_factory.mktemp("https")) as pair:
        yield pair


@pytest.fixture(autouse=True)
def no_ca_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_client_trusts_the_store_ca_from_its_config(
    https: tuple[ServiceProcess, Path], client_factory: Callable[..., InventoryClient]
) -> None:
    service, ca = https
    client = client_factory(service, ca_bundle=ca)
    assert client.lookup(GTIN).variant.gtin == GTIN


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"])
def test_client_honours_the_standard_ca_variables(
    https: tuple[ServiceProcess, Path],
    client_factory: Callable[..., InventoryClient],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
) -> None:
    service, ca = https
    monkeypatch.setenv(variable, str(ca))
    client = client_factory(service)
    assert client.lookup(GTIN).variant.gtin == GTIN


def test_client_without_the_ca_fails_clearly_and_never_falls_back_to_http(
    https: tuple[ServiceProcess, Path], client_factory: Callable[..., InventoryClient]
) -> None:
    service, _ = https
    client = client_factory(service)
    with pytest.raises(Unavailable) as failed:
        client.lookup(GTIN)
    error = failed.value
    assert error.code == "tls"
    assert "not trusted" in str(error) and "ca_bundle" in str(error)
    # Nothing reached the service in clear text: the only URL the client knows is https.
    assert client._transport.base_url.startswith("https://")


def test_an_http_url_on_the_tls_port_is_refused_not_downgraded(
    https: tuple[ServiceProcess, Path], client_factory: Callable[..., InventoryClient]
) -> None:
    service, ca = https
    plain = SimpleNamespace(
        url=service.url.replace("https://", "http://"),
        kiosk_key=service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
    )
    client = client_factory(plain, ca_bundle=ca)
    with pytest.raises(Unavailable):
        client.lookup(GTIN)


def test_config_wins_over_the_variables_and_verification_is_never_off(tmp_path: Path) -> None:
    env = {"REQUESTS_CA_BUNDLE": "/a.pem", "SSL_CERT_FILE": "/b.pem", "SSL_CERT_DIR": "/c"}
    assert tls_verify(tmp_path / "store.pem", env) == str(tmp_path / "store.pem")
    assert tls_verify(None, env) == "/a.pem"
    assert tls_verify(None, {"SSL_CERT_FILE": "/b.pem", "SSL_CERT_DIR": "/c"}) == "/b.pem"
    assert tls_verify(None, {"SSL_CERT_DIR": "/c"}) == "/c"
    assert tls_verify(None, {"SSL_CERT_FILE": ""}) is True  # empty means unset
