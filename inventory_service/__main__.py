"""Command line of the reference inventory service.

    python -m inventory_service --db PATH|URL [--host 127.0.0.1] [--port 8470]
                                [--seed demo|FILE] [--images DIR] [--hold-hours 48]
                                [--workers N]
                                [--tls-cert server.pem --tls-key server.key]
    python -m inventory_service make-cert --hostname NAME --ip ADDRESS --out DIR
    python -m inventory_service copy --from sqlite:///store.db --to postgresql://...
    python -m inventory_service add-key --db PATH --scope kiosk|staff --store-id S
                                [--kiosk-id K] [--label TEXT]
    python -m inventory_service seed --db PATH [--catalogue FILE]
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

from inventory_service import rules
from inventory_service.catalogue import DEMO_CATALOGUE, CatalogueError
from inventory_service.tls import CertError, add_tls_arguments, run_make_cert, tls_options

DEFAULT_PORT = 8470
_DB_HELP = "SQLite file or sqlite:///path (created if missing), or a postgresql:// URL"


def _serve_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service",
        description="Run the reference inventory service. "
        "Other commands: add-key, seed, import, copy "
        "(see 'python -m inventory_service add-key --help').",
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
        "--seed", metavar="demo|FILE", help="load the demo catalogue (or a catalogue file) first"
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
    add_tls_arguments(p)
    return p


def _add_key_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service add-key",
        description="Create an API key; prints the key once (only its hash is stored).",
    )
    p.add_argument("--db", required=True, help=_DB_HELP)
    p.add_argument("--scope", choices=["kiosk", "staff"], required=True)
    p.add_argument("--store-id", required=True)
    p.add_argument("--kiosk-id", help="required for --scope kiosk")
    p.add_argument("--label", help="shown as the actor in audit records")
    return p


def _seed_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m inventory_service seed",
        description="Load a catalogue file and the demo keys into a database (idempotent).",
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


def _catalogue_for(seed: str) -> Path:
    return DEMO_CATALOGUE if seed == "demo" else Path(seed)


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


def _add_key(args: argparse.Namespace) -> int:
    from inventory_service.storage import KeyScope
    from inventory_service.storage.backends import backend_for

    if args.scope == "kiosk" and not args.kiosk_id:
        print("add-key: --kiosk-id is required for a kiosk key", file=sys.stderr)
        return 2
    backend = backend_for(args.db)
    backend.initialise()
    key = rules.new_api_key()
    label = args.label or (f"kiosk {args.kiosk_id}" if args.scope == "kiosk" else "staff")
    try:
        with backend.open() as storage:
            storage.add_api_key(
                rules.hash_api_key(key),
                KeyScope(args.scope),
                args.store_id,
                args.kiosk_id if args.scope == "kiosk" else None,
                label,
            )
    finally:
        backend.dispose()
    print(key)
    return 0


def _seed(args: argparse.Namespace) -> int:
    from inventory_service.seed import seed_demo

    counts = seed_demo(args.db, args.catalogue)
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
    from inventory_service.seed import seed_demo

    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    if args.seed:
        seed_demo(args.db, _catalogue_for(args.seed))
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
    health = HealthPolicy(
        interval=timedelta(seconds=args.heartbeat_interval), missed=args.stale_after_missed
    )
    app = create_app(args.db, args.images, hold=timedelta(hours=args.hold_hours), health=health)
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

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **tls)
    asyncio.run(_Server(config).serve(sockets=[sock]))
    return 0


def main(argv: list[str] | None = None) -> int:
    from inventory_service.storage.backends import database_errors

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "add-key":
            return _add_key(_add_key_parser().parse_args(argv[1:]))
        if argv and argv[0] == "seed":
            return _seed(_seed_parser().parse_args(argv[1:]))
        if argv and argv[0] == "import":
            return _import(_import_parser().parse_args(argv[1:]))
        if argv and argv[0] == "make-cert":
            return run_make_cert(argv[1:])
        if argv and argv[0] == "copy":
            return _copy(_copy_parser().parse_args(argv[1:]))
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
