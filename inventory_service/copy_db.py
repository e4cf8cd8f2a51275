"""``python -m inventory_service copy --from DB --to DB``: move a store's data across engines.

Every table is copied in foreign-key order inside one transaction on the target (all or
nothing). A row whose key is in the target already is kept as it is, so the copy is safe
to run again and safe into a chain's central database that holds other stores. Tables
whose ``id`` the database numbers (keys, order events, heartbeats) are matched on what
identifies the row instead (a key's hash, an event's order/status/time/actor), get new
ids in the target, and the stock adjustments' ``key_id`` follows its key. At the end each
table's source keys are counted in the target: any missing row is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inventory_service.storage.backends import backend_for
from inventory_service.storage.dialect import Db, Row
from inventory_service.storage.sql_storage import SqlStorage

BATCH = 500


class CopyError(Exception):
    """The copy could not start or did not arrive complete (the message says which)."""


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    #: The database numbers ``id``: match on ``key``, let the target number the copy.
    numbered: bool = False


TABLES: tuple[Table, ...] = (
    Table("locations", ("id",)),
    Table("styles", ("id",)),
    Table("variants", ("gtin",)),
    Table("stock", ("location_id", "gtin")),
    Table("api_keys", ("key_hash",), numbered=True),
    Table("orders", ("id",)),
    Table("order_lines", ("order_id", "line_no")),
    Table("order_events", ("order_id", "status", "at", "actor"), numbered=True),
    Table("idempotency", ("store_id", "route", "key")),
    Table("fetch_requests", ("id",)),
    Table("demand_events", ("store_id", "id")),
    Table("stock_adjustments", ("id",)),
    Table("audit_events", ("store_id", "id")),
    Table("audit_head", ("id",)),  # the chain's last link: audit verify reads it
    Table("kiosk_heartbeats", ("store_id", "kiosk_id", "at"), numbered=True),
    Table("back_in_stock", ("store_id", "id")),
    Table("order_links", ("order_id",)),  # status links and kiosk references (phones)
    Table("handoffs", ("id",)),
    Table("fit_votes", ("id",)),  # the customer voice (issue 17): nothing personal
    Table("voice_events", ("id",)),
)


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    copied: int
    present: int  # source rows found in the target after the copy


def _rows(db: Db, table: Table) -> list[Row]:
    order = "id" if table.numbered else ", ".join(table.key)
    rows = db.all(f"SELECT * FROM {table.name} ORDER BY {order}")
    for row in rows:
        row.pop("rowid", None)  # PostgreSQL's ordering column: the target numbers its own
        if table.numbered:
            row.pop("id")
    return rows


def _keys(db: Db, table: Table) -> set[tuple[Any, ...]]:
    cols = ", ".join(table.key)
    return {tuple(r[c] for c in table.key) for r in db.all(f"SELECT {cols} FROM {table.name}")}


def _batches(rows: list[Row]) -> Iterator[list[Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _copy_table(source: Db, target: Db, table: Table, key_ids: dict[int, int]) -> TableCount:
    rows = _rows(source, table)
    if table.name == "stock_adjustments":
        for row in rows:
            if row["key_id"] is not None:
                row["key_id"] = key_ids.get(row["key_id"])
    have = _keys(target, table)
    new = [r for r in rows if tuple(r[c] for c in table.key) not in have]
    for batch in _batches(new):
        cols = list(batch[0])
        target.many(
            f"INSERT INTO {table.name} ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))}) ON CONFLICT DO NOTHING",
            [tuple(r[c] for c in cols) for r in batch],
        )
    after = _keys(target, table)
    present = sum(1 for r in rows if tuple(r[c] for c in table.key) in after)
    return TableCount(table.name, len(rows), len(new), present)


def _key_id_map(source: Db, target: Db) -> dict[int, int]:
    """Source api_keys.id -> target id, matched on the key's hash."""
    theirs = {r["key_hash"]: r["id"] for r in target.all("SELECT id, key_hash FROM api_keys")}
    return {
        r["id"]: theirs[r["key_hash"]]
        for r in source.all("SELECT id, key_hash FROM api_keys")
        if r["key_hash"] in theirs
    }


def copy_database(source_db: str | Path, target_db: str | Path) -> list[TableCount]:
    """Copy everything from ``source_db`` into ``target_db``; the per-table counts."""
    source_backend, target_backend = backend_for(source_db), backend_for(target_db)
    if source_backend.display == target_backend.display:
        raise CopyError("--from and --to name the same database.")
    if source_backend.kind == "sqlite" and not Path(source_backend.display).is_file():
        raise CopyError(f"no database at {source_backend.display}")
    source_backend.initialise()
    target_backend.initialise()
    source: SqlStorage = source_backend.open()
    target: SqlStorage = target_backend.open()
    try:

        def run() -> list[TableCount]:
            counts: list[TableCount] = []
            key_ids: dict[int, int] = {}
            for table in TABLES:
                counts.append(_copy_table(source.db, target.db, table, key_ids))
                if table.name == "api_keys":
                    key_ids = _key_id_map(source.db, target.db)
            return counts

        counts = target.db.transact(run)
    finally:
        source.close()
        target.close()
        source_backend.dispose()
        target_backend.dispose()
    missing = [c for c in counts if c.present != c.source]
    if missing:
        raise CopyError(
            "rows missing in the target after the copy: "
            + ", ".join(f"{c.table} {c.source - c.present}" for c in missing)
        )
    return counts


def format_counts(counts: list[TableCount]) -> str:
    lines = [f"{'table':<20} {'source':>8} {'copied':>8} {'in target':>10}"]
    lines += [f"{c.table:<20} {c.source:>8} {c.copied:>8} {c.present:>10}" for c in counts]
    lines.append("all rows of the source are in the target")
    return "\n".join(lines)
