"""Authentication flood (issue 15 item 8): random keys against the real service.

Usage (from the repository root)::

    .venv/bin/python benchmarks/auth_flood.py [--keys 1000] [--https]

Starts the reference service on loopback (demo seed, SQLite; ``--https`` with a CA from
``make-cert``), then sends ``--keys`` requests, each with a new random bearer key, from one
client address (127.0.0.2: the service's own 127.0.0.1 is not limited as an address), on
one keep-alive connection. Then one request with the demo kiosk key from the same address
and one from another (127.0.0.3). Prints one Markdown table.

Anchor (issue 15, before the limits): 1,000 random keys in 3.4 s, all 401, no 429.
"""

from __future__ import annotations

import argparse
import http.client
import ssl
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inventory_service.launcher import ServiceProcess


def _connection(url: str, source: str, ca: Path | None) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    if ca is None:
        return http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=30, source_address=(source, 0)
        )
    context = ssl.create_default_context(cafile=str(ca))
    return http.client.HTTPSConnection(
        parts.hostname, parts.port, timeout=30, source_address=(source, 0), context=context
    )


def _status(conn: http.client.HTTPConnection, key: str) -> int:
    conn.request("GET", "/v1/locations", headers={"Authorization": f"Bearer {key}"})
    response = conn.getresponse()
    response.read()
    return response.status


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--keys", type=int, default=1000)
    p.add_argument("--https", action="store_true", help="serve HTTPS (make-cert CA)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        extra: list[str] = []
        ca: Path | None = None
        if args.https:
            from inventory_service.tls import make_cert  # not in trees before issue 15

            files = make_cert(Path(tmp) / "tls", ["localhost"], ["127.0.0.1"])
            extra = ["--tls-cert", str(files.server_cert), "--tls-key", str(files.server_key)]
            ca = files.ca_cert
        service = ServiceProcess(Path(tmp) / "db.sqlite", extra_args=extra)
        service.ca_bundle = ca  # for the health poll over HTTPS
        with service as svc:
            assert svc.kiosk_key is not None
            attacker = _connection(svc.url, "127.0.0.2", ca)
            statuses: list[int] = []
            started = time.perf_counter()
            first_429_s = None
            for _ in range(args.keys):
                statuses.append(_status(attacker, uuid.uuid4().hex + uuid.uuid4().hex))
                if statuses[-1] == 429 and first_429_s is None:
                    first_429_s = time.perf_counter() - started
            seconds = time.perf_counter() - started
            valid_same = _status(attacker, svc.kiosk_key)
            valid_other = _status(_connection(svc.url, "127.0.0.3", ca), svc.kiosk_key)
    counts = Counter(statuses)
    first = statuses.index(429) + 1 if 429 in statuses else None
    print("| keys | scheme | seconds | 401 | 429 | first 429 at | first 429 after s "
          "| valid key, same address | valid key, other address |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {args.keys} | {'https' if args.https else 'http'} | {seconds:.1f} | {counts[401]} "
        f"| {counts[429]} | {first or '-'} | "
        f"{'-' if first_429_s is None else f'{first_429_s:.2f}'} | {valid_same} | {valid_other} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
