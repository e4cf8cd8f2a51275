"""Before the service listens: seed what ``--seed`` asks for, and refuse to serve a
store network while a published demo key would let anyone in.

The demo keys (``seed.DEMO_KEYS``) are printed in the source and the docs; they exist so
``make demo`` and the tests work on one machine. On any address but loopback they would
open the store to everyone on its LAN, so the service will not start there with one.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

from inventory_service.catalogue import DEMO_CATALOGUE
from inventory_service.seed import demo_keys_installed, seed_catalogue, seed_demo
from inventory_service.storage.backends import backend_for


def seed_for_serving(db: str | Path, seed: str, catalogue: Path | None) -> None:
    """``--seed demo [--catalogue FILE]``: a catalogue and the demo keys;
    ``--seed FILE``: that catalogue only."""
    if seed == "demo":
        seed_demo(db, catalogue or DEMO_CATALOGUE)
    else:
        seed_catalogue(db, Path(seed))


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def refuse_demo_keys_off_loopback(db: str | Path, host: str) -> str | None:
    """Why the service must not listen on ``host`` with this database, or None."""
    if is_loopback(host):
        return None
    backend = backend_for(db)
    backend.initialise()
    try:
        with backend.open() as storage:
            labels = demo_keys_installed(storage)
    finally:
        backend.dispose()
    if not labels:
        return None
    return (
        f"refusing to listen on {host}: the database holds the published demo keys "
        f"({', '.join(labels)}), which would let anyone on the network in. Revoke them "
        "('python -m inventory_service keys list' / 'keys revoke ID') and add real ones "
        "('keys add'), or listen on 127.0.0.1."
    )
