"""Command line of the reference inventory service.

    python -m inventory_service --db PATH|URL [--host 127.0.0.1] [--port 8470]
                                [--seed demo|FILE [--catalogue FILE]] [--images DIR]
                                [--hold-hours 48]
                                [--workers N]
                                [--tls-cert server.pem --tls-key server.key]
    python -m inventory_service make-cert --hostname NAME --ip ADDRESS --out DIR
    python -m inventory_service copy --from sqlite:///store.db --to postgresql://...
    python -m inventory_service keys {add,list,revoke,rotate} --db PATH ...
                                (add-key = keys add; see keys_cli.py)
    python -m inventory_service seed --db PATH [--catalogue FILE]   (never adds keys)
    python -m inventory_service import --db PATH (--catalogue FILE.csv | --stock FILE.csv)
                                [--dry-run] [--location L] [--actor NAME]

``--db`` is a SQLite file (a path, or ``sqlite:///path``) or a PostgreSQL URL
(``postgresql://user@host/dbname``); see ``storage.backends``.

The serving form prints one line, ``inventory service listening on http://HOST:PORT``,
once the socket accepts connections (``--port 0`` picks a free port and prints it).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
from datetime import timedelta
from pathlib import Path

from inventory_service import privacy_cli, retention
from inventory_service.catalogue import DEMO_CATALOGUE, CatalogueError
from inventory_service.mobile.phone_listener import READY_PREFIX as PHONE_READY_PREFIX
from inventory_service.mobile.phone_listener import add_phone_arguments, open_phone_listener
from inventory_service.rate_limits import AUTH_FAILURE_BURST, RateLimitPolicy
from inventory_service.tls import CertError, add_tls_arguments, run_make_cert, tls_options

DEFAULT_PORT = 8470
_DB_HELP = "SQLite file or sqlite:///path (created if missing), or a postgresql:// URL"


def _serve_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service",
        description="Run the reference inventory service. "
        "Other commands: keys (add, list, revoke, rotate; add-key = keys add), seed, "
        "import, copy (see 'python -m inventory_service keys --help').",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes behind the one port (default 1; see docs/DEPLOY.md)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    p.add_argument(
        "--seed",
        metavar="demo|FILE",
        help="load a catalogue file first; 'demo' loads the demo catalogue and the published "
        "demo keys (then the service listens on loopback only)",
    )
    p.add_argument(
        "--catalogue",
        type=Path,
        metavar="FILE",
        help="with --seed demo: this catalogue instead of the demo one",
    )
    p.add_argument("--images", type=Path, help="folder of style images (default: demo images)")
    p.add_argument(
        "--hold-hours", type=float, default=48.0, help="how long an order reserves stock"
    )
    p.add_argument(
        "--heartbeat-interval",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how often kiosks send a heartbeat (default 60)",
    )
    p.add_argument(
        "--stale-after-missed",
        type=int,
        default=3,
        metavar="N",
        help="a kiosk is 'stale' after N missed heartbeats (default 3)",
    )
    p.add_argument(
        "--auth-failure-burst",
        type=int,
        default=AUTH_FAILURE_BURST,
        metavar="N",
        help="failed authentications an address or a key gets before it is answered 429 "
        f"(then one per 3 s; default {AUTH_FAILURE_BURST})",
    )
    add_tls_arguments(p)
    add_phone_arguments(p)  # --phone-host: the phone pages' own socket (mobile/)
    retention.add_arguments(p)
    return p


def _seed_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service seed",
        description="Load a catalogue file into a database (idempotent). Installs no key: "
        "make keys with 'python -m inventory_service keys add'.",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    p.add_argument("--catalogue", type=Path, default=DEMO_CATALOGUE)
    return p


def _import_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service import",
        description="Import a catalogue or stock CSV file, all or nothing. Every bad line "
        "is reported with its number; exit code 1 when there is any (nothing is changed).",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--catalogue", type=Path, metavar="FILE.csv", help="one row per variant")
    what.add_argument("--stock", type=Path, metavar="FILE.csv", help="location_id,gtin,on_hand")
    p.add_argument("--dry-run", action="store_true", help="check everything, change nothing")
    p.add_argument(
        "--location", help="stock only: accept rows for this location only (column optional)"
    )
    p.add_argument("--actor", default="cli", help="who imports, for the audit trail")
    return p


def _copy_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service copy",
        description="Copy a store's data (catalogue, stock, orders, events, keys, audit) "
        "from one database to another, e.g. SQLite to PostgreSQL. Rows already there are "
        "kept, so it is safe to run again; the row counts are checked at the end.",
    )
    p.add_argument("--from", dest="source", required=True, help=_DB_HELP)
    p.add_argument("--to", dest="target", required=True, help=_DB_HELP)
    return p


def _seed(args: argparse.Namespace) -> int:
    from inventory_service.seed import seed_catalogue

    counts = seed_catalogue(args.db, args.catalogue)
    from inventory_service.storage.backends import backend_for

    shown = backend_for(args.db).display
    print(f"seeded {shown}: {counts.total} rows inserted or updated")
    return 0


def _import(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from inventory_client.models import ImportKind
    from inventory_service.csv_import import format_report, run_import
    from inventory_service.storage import AuditStamp
    from inventory_service.storage.backends import backend_for

    kind = ImportKind.CATALOGUE if args.catalogue else ImportKind.STOCK
    path: Path = args.catalogue or args.stock
    if args.location and kind == ImportKind.CATALOGUE:
        print("import: --location applies to --stock only", file=sys.stderr)
        return 2
    actor = args.actor.strip()
    if not actor or len(actor) > 64:
        print("import: --actor must be 1-64 characters", file=sys.stderr)
        return 2
    data = path.read_bytes()
    backend = backend_for(args.db)
    backend.initialise()
    stamp = AuditStamp(store_id=args.location or "*", actor=actor, key_label="command line")
    try:
        with backend.open() as storage:
            report = run_import(
                storage,
                kind,
                data,
                dry_run=args.dry_run,
                audit=stamp,
                now=datetime.now(UTC),
                only_location=args.location,
            )
    finally:
        backend.dispose()
    print(format_report(report, str(path)))
    return 1 if report.errors else 0


def _copy(args: argparse.Namespace) -> int:
    from inventory_service.copy_db import CopyError, copy_database, format_counts

    try:
        counts = copy_database(args.source, args.target)
    except CopyError as exc:
        print(f"copy: {exc}", file=sys.stderr)
        return 1
    print(format_counts(counts))
    return 0


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose
    # proto says TCP; without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from inventory_service.app import create_app
    from inventory_service.kiosk_health import HealthPolicy
    from inventory_service.serve_guard import refuse_demo_keys_off_loopback, seed_for_serving

    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    if args.catalogue and args.seed != "demo":
        print("inventory service: --catalogue goes with --seed demo", file=sys.stderr)
        return 2
    if args.seed:
        seed_for_serving(args.db, args.seed, args.catalogue)
    refusal = refuse_demo_keys_off_loopback(args.db, args.host)
    if refusal:
        print(f"inventory service: {refusal}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("inventory service: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.heartbeat_interval <= 0 or args.stale_after_missed < 1:
        print(
            "inventory service: --heartbeat-interval must be > 0 and --stale-after-missed >= 1",
            file=sys.stderr,
        )
        return 2
    try:
        tls = tls_options(args.tls_cert, args.tls_key)
    except CertError as exc:
        print(f"inventory service: {exc}", file=sys.stderr)
        return 2
    try:
        sweeper = retention.sweeper_for(args.db, retention.policy_from_args(args))
    except ValueError as exc:
        print(f"inventory service: {exc}", file=sys.stderr)
        return 2
    health = HealthPolicy(
        interval=timedelta(seconds=args.heartbeat_interval), missed=args.stale_after_missed
    )
    if args.auth_failure_burst < 1:
        print("inventory service: --auth-failure-burst must be at least 1", file=sys.stderr)
        return 2
    app = create_app(
        args.db,
        args.images,
        hold=timedelta(hours=args.hold_hours),
        health=health,
        rate_limits=RateLimitPolicy.with_auth_failure_burst(args.auth_failure_burst),
    )
    sweeper.start()  # one sweeper per service, in this process, whatever the workers
    try:  # the phones' socket first: a refused option leaves nothing bound
        phone = open_phone_listener(args, _bind, "https" if tls else "http")
    except ValueError as exc:
        print(f"inventory service: {exc}", file=sys.stderr)
        return 2
    sock = _bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if tls else "http"
    ready_line = f"inventory service listening on {scheme}://{shown}:{port}"
    if args.workers > 1:
        from inventory_service.workers import WorkerSettings, serve_workers

        settings = WorkerSettings(
            db=str(args.db),
            images=str(args.images) if args.images else None,
            hold_hours=args.hold_hours,
            heartbeat_interval_s=args.heartbeat_interval,
            stale_after_missed=args.stale_after_missed,
            auth_failure_burst=args.auth_failure_burst,
        )
        # The socket listens already: connections wait in its backlog for a worker.
        print(ready_line, flush=True)
        serve_workers(settings, sock, args.workers, tls)
        return 0

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                print(ready_line, flush=True)
                if phone is not None:
                    print(f"{PHONE_READY_PREFIX}{phone.url}", flush=True)

    served = phone.wrap(app) if phone is not None else app
    config = uvicorn.Config(served, log_level="warning", access_log=False, lifespan="off", **tls)
    asyncio.run(_Server(config).serve(sockets=[sock, *([phone.sock] if phone else [])]))
    return 0


def main(argv: list[str] | None = None) -> int:
    from inventory_service.storage.backends import database_errors

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in ("keys", "add-key"):
            from inventory_service.keys_cli import main as keys_main

            return keys_main(argv[1:] if argv[0] == "keys" else ["add", *argv[1:]])
        if argv and argv[0] == "seed":
            return _seed(_seed_parser().parse_args(argv[1:]))
        if argv and argv[0] == "import":
            return _import(_import_parser().parse_args(argv[1:]))
        if argv and argv[0] == "make-cert":
            return run_make_cert(argv[1:])
        if argv and argv[0] == "copy":
            return _copy(_copy_parser().parse_args(argv[1:]))
        if argv and argv[0] in privacy_cli.COMMANDS:  # audit verify, erase, retention
            return privacy_cli.main(argv)
        return _serve(_serve_parser().parse_args(argv))
    except CatalogueError as exc:
        print(f"inventory service: bad catalogue: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"inventory service: {exc}", file=sys.stderr)
        return 1
    except database_errors() as exc:
        print(f"inventory service: database: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
