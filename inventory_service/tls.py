"""``make-cert``: a store CA and a server certificate for a LAN without a PKI of its own.

    python -m inventory_service make-cert --hostname inventory.store.lan --ip 192.168.1.10 \\
        --out /etc/endless-aisle/tls

writes into ``--out``:

- ``store-ca.pem`` / ``store-ca.key``: the store's own CA (10 years, path length 0: it
  can sign server certificates, not other CAs). Copy ``store-ca.pem`` to every kiosk
  (``[service] ca_bundle``); keep ``store-ca.key`` offline once the server certificate
  is made (it is only needed to make the next one).
- ``server.pem`` / ``server.key``: the service's certificate (825 days, the longest
  lifetime Apple's and the CA/B forum's clients accept for a private CA) with every
  ``--hostname`` and ``--ip`` as a subject alternative name (clients check SANs, never the
  common name), for ``serve --tls-cert server.pem --tls-key server.key``.

Keys are EC P-256 (small, fast on a Raspberry Pi, accepted by every TLS 1.2+ client), and
every key file is created 0600 (never world-readable, not even for a moment). Existing
files are never overwritten: a second run refuses and says which file is in the way.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypedDict

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "CertError",
    "CertFiles",
    "UvicornTls",
    "add_tls_arguments",
    "make_cert",
    "make_cert_parser",
    "run_make_cert",
    "tls_options",
]

CA_LIFETIME = timedelta(days=3650)
SERVER_LIFETIME = timedelta(days=825)
#: Allow for kiosk clocks a little behind the service's host.
BACKDATE = timedelta(minutes=5)

CA_CERT, CA_KEY = "store-ca.pem", "store-ca.key"
SERVER_CERT, SERVER_KEY = "server.pem", "server.key"


class CertError(Exception):
    """make-cert cannot go on (bad name or address, a file already there)."""


@dataclass(frozen=True)
class CertFiles:
    ca_cert: Path
    ca_key: Path
    server_cert: Path
    server_key: Path


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` 0600 (O_EXCL: never over an existing file, never briefly 0644)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)  # a umask cannot widen it, but make it exact


def _write_public(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _sans(hostnames: list[str], ips: list[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = []
    for name in hostnames:
        cleaned = name.strip().lower().rstrip(".")
        if not cleaned or len(cleaned) > 253 or any(c.isspace() or c == "/" for c in cleaned):
            raise CertError(f"not a host name: {name!r}")
        names.append(x509.DNSName(cleaned))
    for ip in ips:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(ip.strip())))
        except ValueError as exc:
            raise CertError(f"not an IP address: {ip!r}") from exc
    if not names:
        raise CertError("give at least one --hostname or --ip (the names kiosks connect to)")
    return names


def make_cert(
    out: Path,
    hostnames: list[str],
    ips: list[str],
    *,
    organisation: str = "Endless Aisle store",
    now: datetime | None = None,
) -> CertFiles:
    """Create the CA and the server certificate in ``out`` (see the module docstring)."""
    sans = _sans(hostnames, ips)
    if not 1 <= len(organisation.strip()) <= 60:
        raise CertError("--organisation must be 1-60 characters")
    files = CertFiles(out / CA_CERT, out / CA_KEY, out / SERVER_CERT, out / SERVER_KEY)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    in_the_way = [str(p) for p in vars(files).values() if p.exists()]
    if in_the_way:
        raise CertError(f"will not overwrite {', '.join(in_the_way)}")
    start = (now or datetime.now(UTC)) - BACKDATE

    ca_key = _new_key()
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} CA"),
        ]
    )
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    server_key = _new_key()
    first = sans[0].value
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, str(first)[:64]),
                ]
            )
        )
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + SERVER_LIFETIME)
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(server_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )

    _write_private(files.ca_key, _key_pem(ca_key))
    _write_public(files.ca_cert, ca_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(files.server_key, _key_pem(server_key))
    # The chain a client needs besides its CA: the server certificate alone (the CA is
    # the trust anchor the kiosk already has).
    _write_public(files.server_cert, server_cert.public_bytes(serialization.Encoding.PEM))
    return files


def make_cert_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service make-cert",
        description="Create a store CA and a server certificate for the service (for a LAN "
        "without its own CA). Copy store-ca.pem to the kiosks ([service] ca_bundle); serve "
        "with --tls-cert server.pem --tls-key server.key. Key files are created 0600.",
    )
    p.add_argument(
        "--hostname",
        action="append",
        default=[],
        metavar="NAME",
        help="a DNS name kiosks use for the service (repeatable)",
    )
    p.add_argument(
        "--ip", action="append", default=[], metavar="ADDRESS", help="an IP address (repeatable)"
    )
    p.add_argument("--out", type=Path, required=True, help="folder for the four files")
    p.add_argument("--organisation", default="Endless Aisle store", help="name in the certificates")
    return p


def run_make_cert(argv: list[str]) -> int:
    """The ``make-cert`` command: prints what it wrote; 2 on a bad request."""
    args = make_cert_parser().parse_args(argv)
    try:
        files = make_cert(args.out, args.hostname, args.ip, organisation=args.organisation)
    except CertError as exc:
        print(f"make-cert: {exc}", file=sys.stderr)
        return 2
    print(f"store CA (copy to each kiosk, [service] ca_bundle): {files.ca_cert}")
    print(f"store CA key (keep offline, 0600): {files.ca_key}")
    print(f"server certificate (--tls-cert): {files.server_cert}")
    print(f"server key (--tls-key, 0600): {files.server_key}")
    return 0


# --- serving over TLS ------------------------------------------------------------------


def add_tls_arguments(parser: argparse.ArgumentParser) -> None:
    """``--tls-cert`` and ``--tls-key`` on the serve command."""
    parser.add_argument(
        "--tls-cert",
        type=Path,
        metavar="FILE.pem",
        help="serve HTTPS with this certificate (chain) file; needs --tls-key (see make-cert)",
    )
    parser.add_argument(
        "--tls-key", type=Path, metavar="FILE.key", help="the certificate's private key"
    )


class UvicornTls(TypedDict, total=False):
    """The keyword arguments of ``uvicorn.Config`` that turn on TLS."""

    ssl_certfile: str
    ssl_keyfile: str


def tls_options(cert: Path | None, key: Path | None) -> UvicornTls:
    """uvicorn's ``ssl_certfile``/``ssl_keyfile`` for the serve options (empty: plain HTTP).

    Loads the pair once here, so a wrong file fails at start with a clear message instead
    of in every worker.
    """
    if cert is None and key is None:
        return UvicornTls()
    if cert is None or key is None:
        raise CertError("--tls-cert and --tls-key go together")
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as exc:
        raise CertError(f"no such file: {exc.filename}") from exc
    except PermissionError as exc:
        raise CertError(f"cannot read {exc.filename}") from exc
    except ssl.SSLError as exc:
        raise CertError(
            f"{cert} and {key} are not a certificate and its key ({exc.reason})"
        ) from exc
    return UvicornTls(ssl_certfile=str(cert), ssl_keyfile=str(key))
