"""A demo-seeded reference service serving HTTPS with a CA made by ``make-cert``.

with https_service(tmp_dir) as (service, ca):   # service.url is https://127.0.0.1:PORT
    requests.get(service.url + "/v1/health", verify=str(ca))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inventory_service.launcher import ServiceProcess
from inventory_service.tls import make_cert

CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE")


@contextmanager
def https_service(
    directory: Path, db: str | Path | None = None, extra_args: list[str] | None = None
) -> Iterator[tuple[ServiceProcess, Path]]:
    """Make a store CA and a certificate for 127.0.0.1/localhost in ``directory``, then run
    the service with it; yields the service and the CA file."""
    files = make_cert(directory / "tls", ["localhost"], ["127.0.0.1", "::1"])
    args = ["--tls-cert", str(files.server_cert), "--tls-key", str(files.server_key)]
    service = ServiceProcess(
        db if db is not None else directory / "inventory.db",
        seed="demo",
        extra_args=args + list(extra_args or []),
        ca_bundle=files.ca_cert,
    )
    with service:
        yield service, files.ca_cert
