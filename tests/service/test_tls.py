"""Transport (issue 15 item 6), service side: ``make-cert`` and ``serve --tls-cert/--tls-key``.

The certificate files are checked as a TLS client would read them (cryptography); the
service is the real one on loopback, over HTTPS, one worker and several. TLS sits in front
of the storage, so these run on SQLite only (the engines share every byte above it).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_address
from pathlib import Path

import pytest
import requests
from cryptography import x509
from support.tls import https_service

from inventory_service.launcher import ServiceError, ServiceProcess
from inventory_service.tls import CertError, make_cert, run_make_cert, tls_options


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_service", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cert") / "tls"
    result = _cli(
        "make-cert",
        "--hostname",
        "inventory.store.lan",
        "--hostname",
        "localhost",
        "--ip",
        "192.168.1.10",
        "--ip",
        "127.0.0.1",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "store-ca.pem" in result.stdout and "server.key" in result.stdout
    return out


def _load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_make_cert_writes_a_ca_and_a_server_certificate_with_every_name(made: Path) -> None:
    ca, server = _load(made / "store-ca.pem"), _load(made / "server.pem")
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert server.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    server.verify_directly_issued_by(ca)
    sans = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sans.get_values_for_type(x509.DNSName) == ["inventory.store.lan", "localhost"]
    assert sans.get_values_for_type(x509.IPAddress) == [
        ip_address("192.168.1.10"),
        ip_address("127.0.0.1"),
    ]
    usage = server.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.SERVER_AUTH in usage
    now = datetime.now(UTC)
    assert server.not_valid_before_utc <= now < server.not_valid_after_utc
    assert server.not_valid_after_utc - server.not_valid_before_utc <= timedelta(days=825)
    assert ca.not_valid_after_utc - now > timedelta(days=3000)


def test_make_cert_keys_are_private_and_never_overwritten(
    made: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("store-ca.key", "server.key"):
        assert stat.S_IMODE((made / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(made.stat().st_mode) & 0o077 == 0
    before = (made / "server.key").read_bytes()
    assert run_make_cert(["--hostname", "x.lan", "--out", str(made)]) == 2
    assert "will not overwrite" in capsys.readouterr().err
    assert (made / "server.key").read_bytes() == before


def test_make_cert_keys_are_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        files = make_cert(tmp_path / "tls", [], ["10.0.0.5"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(files.server_key.stat().st_mode) == 0o600
    assert stat.S_IMODE(files.ca_key.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ip", "300.1.1.1"], "not an IP address"),
        (["--hostname", "bad name"], "not a host name"),
        ([], "at least one --hostname or --ip"),
    ],
)
def test_make_cert_bad_input_is_a_clear_message(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_make_cert([*args, "--out", str(tmp_path / "tls")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "tls" / "server.key").exists()
    with pytest.raises(CertError):
        make_cert(tmp_path / "tls2", ["ok.lan"], ["1.2.3"])


# --- serving HTTPS ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServiceProcess, Path]]:
    with https_service(tmp_path_factory.mktemp("https")) as pair:
        yield pair


def test_service_serves_https_with_the_made_certificate(
    https: tuple[ServiceProcess, Path],
) -> None:
    service, ca = https
    assert service.url.startswith("https://127.0.0.1:")
    answer = requests.get(
        f"{service.url}/v1/locations",
        headers={"Authorization": f"Bearer {service.kiosk_key}"},
        verify=str(ca),
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()


def test_https_without_the_ca_is_refused_and_plain_http_gets_nothing(
    https: tuple[ServiceProcess, Path],
) -> None:
    service, _ = https
    with pytest.raises(requests.exceptions.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        requests.get(f"{service.url}/v1/health", verify=True, timeout=10)
    # The TLS port does not speak plain HTTP: no key or order can be sent in clear text.
    plain = service.url.replace("https://", "http://")
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(
            f"{plain}/v1/locations",
            headers={"Authorization": f"Bearer {service.kiosk_key}"},
            timeout=10,
        )


def test_several_workers_serve_https_too(tmp_path: Path) -> None:
    with https_service(tmp_path, extra_args=["--workers", "2"]) as (service, ca):
        answer = requests.get(f"{service.url}/v1/health", verify=str(ca), timeout=10)
    assert answer.status_code == 200


def test_bad_tls_options_are_clear_messages(made: Path, tmp_path: Path) -> None:
    with pytest.raises(CertError, match="--tls-cert and --tls-key go together"):
        tls_options(made / "server.pem", None)
    with pytest.raises(CertError, match="no such file"):
        tls_options(made / "server.pem", tmp_path / "missing.key")
    with pytest.raises(CertError, match="are not a certificate and its key"):
        tls_options(made / "server.pem", made / "store-ca.key")
    assert tls_options(None, None) == {}


def test_a_wrong_key_stops_the_start_with_a_clear_message(made: Path, tmp_path: Path) -> None:
    args = ["--tls-cert", str(made / "server.pem"), "--tls-key", str(made / "store-ca.key")]
    service = ServiceProcess(tmp_path / "inventory.db", seed=None, extra_args=args)
    with pytest.raises(ServiceError) as failed:
        service.start(timeout=60)
    message = str(failed.value)
    assert "are not a certificate and its key" in message and "Traceback" not in message
