"""Catalogue and stock CSV imports: parse, check every line, then hand over to the storage.

The file is checked in two passes. This module checks what the file alone can tell
(encoding, columns, check digits, numbers, duplicates); the storage then checks each
row against the database (unknown location, GTIN not in the catalogue, a count below
the reserved pairs) inside one write transaction, which it commits only for a real
import with no error at all. A dry run takes exactly the same path and rolls back, so
its report is the report the real import would give.

Columns (header names, any order, case-insensitive; ``,`` or ``;`` separated, UTF-8):

- catalogue, one row per variant: style_id, name, brand, colour, price, currency, gtin,
  size_eu, size_uk, size_us; optional description, width (default ``standard``),
  image (default ``<style_id>.png``).
- stock: location_id, gtin, on_hand (the counted pairs; set, not added). location_id may
  be left out when the import is limited to one location.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from inventory_client.models import (
    ImportKind,
    ImportLineError,
    ImportReport,
    Style,
    Variant,
)
from inventory_service import csv_fields as check
from inventory_service.csv_fields import LineProblem
from inventory_service.storage.base import (
    AuditStamp,
    CatalogueRow,
    ImportOutcome,
    StockRow,
    Storage,
)

#: Largest CSV file accepted (bytes); about 40 000 catalogue rows.
MAX_IMPORT_BYTES = 4 * 1024 * 1024
#: Errors beyond this many are counted in ``errors_omitted`` instead of listed.
MAX_REPORTED_ERRORS = 1000

CATALOGUE_REQUIRED = (
    "style_id",
    "name",
    "brand",
    "colour",
    "price",
    "currency",
    "gtin",
    "size_eu",
    "size_uk",
    "size_us",
)
CATALOGUE_OPTIONAL = ("description", "width", "image")
STOCK_REQUIRED = ("location_id", "gtin", "on_hand")

_STYLE_FIELDS = ("name", "brand", "colour", "price", "currency", "description", "image")


@dataclass
class Parsed:
    """What the file alone says: rows that look right, and every problem found."""

    rows: list[Any] = field(default_factory=list)
    errors: list[ImportLineError] = field(default_factory=list)
    data_rows: int = 0
    readable: bool = True  # False when the file could not be read as a table at all

    def error(self, line: int, column: str | None, message: str) -> None:
        self.errors.append(ImportLineError(line=line, column=column, message=message))


# --- reading the table ----------------------------------------------------------------


def _decode(data: bytes, parsed: Parsed) -> str | None:
    """UTF-8 text (a BOM is fine), or None with one error per undecodable line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            parsed.error(
                number,
                None,
                f"not UTF-8 text (byte 0x{bad:02X}); save the file as 'CSV UTF-8'",
            )
    parsed.readable = False
    return None


def _rows(text: str, parsed: Parsed) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for every record, header included."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            parsed.error(reader.line_num or start, None, f"not a readable CSV line ({exc})")
            parsed.readable = False
            return
        yield start, fields
        start = reader.line_num + 1


def _header(
    line: int, fields: list[str], required: tuple[str, ...], optional: tuple[str, ...], p: Parsed
) -> dict[str, int] | None:
    """Column name -> index, or None (with errors) when a required column is missing."""
    columns: dict[str, int] = {}
    known = set(required) | set(optional)
    for index, raw in enumerate(fields):
        name = raw.strip().lower()
        if not name:
            continue  # spreadsheets add empty trailing columns
        if name not in known:
            p.error(line, name, f"unknown column {name!r}; expected {', '.join(required)}")
        elif name in columns:
            p.error(line, name, f"column {name!r} appears twice")
        else:
            columns[name] = index
    for name in required:
        if name not in columns:
            p.error(line, name, f"missing column {name!r}")
    if any(e.line == line for e in p.errors):
        p.readable = False
        return None
    return columns


def _records(
    data: bytes, required: tuple[str, ...], optional: tuple[str, ...], p: Parsed
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-blank data line as (line, {column: stripped value})."""
    if not data.strip():
        p.error(1, None, "the file is empty")
        p.readable = False
        return
    text = _decode(data, p)
    if text is None:
        return
    rows = _rows(text, p)
    first = next(rows, None)
    if first is None:
        return
    columns = _header(first[0], first[1], required, optional, p)
    if columns is None:
        return
    width = len(first[1])
    for line, fields in rows:
        if not any(f.strip() for f in fields):
            continue
        p.data_rows += 1
        if len(fields) != width:
            p.error(line, None, f"expected {width} fields like the header, found {len(fields)}")
            continue
        yield line, {name: fields[i].strip() for name, i in columns.items()}


class _Row:
    """Checks one record column by column, collecting every problem on the line."""

    def __init__(self, line: int, values: dict[str, str], parsed: Parsed) -> None:
        self.line = line
        self.values = values
        self.parsed = parsed
        self.ok = True

    def get(self, column: str, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return check(self.values.get(column, ""), *args, **kwargs)
        except LineProblem as exc:
            self.parsed.error(self.line, column, str(exc))
            self.ok = False
            return None


# --- the two file kinds ---------------------------------------------------------------


def parse_catalogue_csv(data: bytes) -> Parsed:
    parsed = Parsed()
    seen_gtins: dict[str, int] = {}
    styles: dict[str, tuple[int, Style]] = {}
    for line, values in _records(data, CATALOGUE_REQUIRED, CATALOGUE_OPTIONAL, parsed):
        row = _Row(line, values, parsed)
        style_id = row.get("style_id", check.identifier, "style_id")
        name = row.get("name", check.text, "name", limit=200)
        brand = row.get("brand", check.text, "brand", limit=200)
        colour = row.get("colour", check.text, "colour", limit=200)
        price = row.get("price", check.price)
        currency = row.get("currency", check.currency)
        description = row.get("description", check.text, "description", limit=2000, required=False)
        image = row.get("image", check.text, "image", limit=200, required=False)
        gtin = row.get("gtin", check.gtin)
        size_eu = row.get("size_eu", check.size_eu)
        size_uk = row.get("size_uk", check.text, "size_uk", limit=8, required=False)
        size_us = row.get("size_us", check.text, "size_us", limit=8, required=False)
        width = row.get("width", check.text, "width", limit=20, required=False)
        if gtin is not None:
            if gtin in seen_gtins:
                parsed.error(
                    line, "gtin", f"duplicate GTIN {gtin} (also on line {seen_gtins[gtin]})"
                )
                row.ok = False
            else:
                seen_gtins[gtin] = line
        if not row.ok:
            continue
        try:
            style = Style(
                id=style_id,
                name=name,
                brand=brand,
                colour=colour,
                price=price,
                currency=currency,
                image=image or f"{style_id}.png",
                description=description or "",
            )
            variant = Variant(
                gtin=gtin,
                style_id=style_id,
                size_eu=size_eu,
                size_uk=size_uk or "",
                size_us=size_us or "",
                width=width or "standard",
            )
        except ValidationError as exc:  # pragma: no cover - the checks above are stricter
            err = exc.errors()[0]
            parsed.error(line, str(err["loc"][0]) if err["loc"] else None, err["msg"])
            continue
        if style.id in styles:
            first_line, first = styles[style.id]
            differing = [f for f in _STYLE_FIELDS if getattr(first, f) != getattr(style, f)]
            if differing:
                parsed.error(
                    line,
                    differing[0],
                    f"{differing[0]} differs from line {first_line} of the same style "
                    f"{style.id!r}; every row of a style must agree",
                )
                continue
        else:
            styles[style.id] = (line, style)
        parsed.rows.append(CatalogueRow(line=line, style=style, variant=variant))
    return parsed


def parse_stock_csv(data: bytes, *, only_location: str | None = None) -> Parsed:
    """``only_location``: rows for other locations are errors, and the location_id
    column may be left out (every row is then for that location)."""
    parsed = Parsed()
    required = STOCK_REQUIRED if only_location is None else ("gtin", "on_hand")
    optional = () if only_location is None else ("location_id",)
    seen: dict[tuple[str, str], int] = {}
    for line, values in _records(data, required, optional, parsed):
        if only_location is not None and not values.get("location_id"):
            values = {**values, "location_id": only_location}
        row = _Row(line, values, parsed)
        location = row.get("location_id", check.identifier, "location_id")
        gtin = row.get("gtin", check.gtin)
        on_hand = row.get("on_hand", check.count)
        if only_location is not None and location is not None and location != only_location:
            parsed.error(
                line, "location_id", f"this import is limited to location {only_location!r}"
            )
            row.ok = False
        if location is not None and gtin is not None:
            if (location, gtin) in seen:
                parsed.error(
                    line,
                    "gtin",
                    f"duplicate: GTIN {gtin} at {location} is also on line "
                    f"{seen[(location, gtin)]}",
                )
                row.ok = False
            else:
                seen[(location, gtin)] = line
        if row.ok:
            parsed.rows.append(
                StockRow(line=line, location_id=location, gtin=gtin, on_hand=on_hand)
            )
    return parsed


def run_import(
    storage: Storage,
    kind: ImportKind,
    data: bytes,
    *,
    dry_run: bool,
    audit: AuditStamp,
    now: datetime,
    key_id: int | None = None,
    only_location: str | None = None,
) -> ImportReport:
    """Parse, check against the database, and apply all or nothing; the full report."""
    if kind == ImportKind.CATALOGUE:
        parsed = parse_catalogue_csv(data)
    else:
        parsed = parse_stock_csv(data, only_location=only_location)
    apply = not dry_run and not parsed.errors
    if not parsed.readable:
        outcome = ImportOutcome(applied=False, created=0, updated=0, unchanged=0, errors=[])
    elif kind == ImportKind.CATALOGUE:
        outcome = storage.import_catalogue_rows(parsed.rows, apply=apply, audit=audit, now=now)
    else:
        outcome = storage.import_stock_rows(
            parsed.rows, apply=apply, audit=audit, key_id=key_id, now=now
        )
    errors = sorted(
        [*parsed.errors, *outcome.errors], key=lambda e: (e.line, e.column or "", e.message)
    )
    return ImportReport(
        kind=kind,
        dry_run=dry_run,
        applied=outcome.applied,
        rows=parsed.data_rows,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        errors=errors[:MAX_REPORTED_ERRORS],
        errors_omitted=max(0, len(errors) - MAX_REPORTED_ERRORS),
    )


def format_report(report: ImportReport, source: str) -> str:
    """The report as plain text for the command line."""
    mode = "dry run" if report.dry_run else "import"
    head = (
        f"{report.kind} {mode} of {source}: {report.rows} rows, "
        f"{report.created} new, {report.updated} changed, {report.unchanged} unchanged"
    )
    if report.applied:
        verdict = "applied."
    elif report.errors:
        verdict = f"{len(report.errors) + report.errors_omitted} errors; nothing was changed."
    else:
        verdict = "no errors; nothing was changed (dry run)."
    lines = [head, verdict]
    for err in report.errors:
        where = f"line {err.line}" + (f", {err.column}" if err.column else "")
        lines.append(f"  {where}: {err.message}")
    if report.errors_omitted:
        lines.append(f"  ... and {report.errors_omitted} more errors")
    return "\n".join(lines)
