"""SQL for the staff CSV imports (catalogue and stock counts): all rows or none.

Every row is checked against the database inside one write transaction; the transaction
commits only when the import is applied and no row is wrong, so a dry run and a failed
import change nothing.
"""

from __future__ import annotations

from datetime import datetime

from inventory_client.models import AdjustmentKind, ImportLineError, Style, Variant
from inventory_service.storage.base import AuditStamp, CatalogueRow, ImportOutcome, StockRow
from inventory_service.storage.sql_base import style_of, variant_of
from inventory_service.storage.stock_adjustments import StockAdjustmentsSql

IMPORT_REASON = "CSV import"


def _summary(rows: int, counts: dict[str, int]) -> str:
    return (
        f"{rows} rows: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged"
    )


def _restart(errors: list[ImportLineError], counts: dict[str, int]) -> None:
    errors.clear()
    counts.update(created=0, updated=0, unchanged=0)


class CsvImportsSql(StockAdjustmentsSql):
    def import_catalogue_rows(
        self, rows: list[CatalogueRow], *, apply: bool, audit: AuditStamp, now: datetime
    ) -> ImportOutcome:
        errors: list[ImportLineError] = []
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        written_styles: dict[str, str] = {}  # style id -> what happened to it

        def run() -> bool:
            _restart(errors, counts)  # a PostgreSQL retry runs the body again
            written_styles.clear()
            for row in rows:
                style_effect = written_styles.get(row.style.id)
                if style_effect is None:
                    style_effect = self._upsert_style(row.style)
                    written_styles[row.style.id] = style_effect
                owner = self.db.one(
                    "SELECT style_id FROM variants WHERE gtin = ?", (row.variant.gtin,)
                )
                if owner is not None and owner["style_id"] != row.variant.style_id:
                    errors.append(
                        ImportLineError(
                            line=row.line,
                            column="gtin",
                            message=f"GTIN {row.variant.gtin} already belongs to style "
                            f"{owner['style_id']!r}; a GTIN cannot move to another style",
                        )
                    )
                    continue
                effect = self._upsert_variant(row.variant)
                if effect == "unchanged" and style_effect == "updated":
                    effect = "updated"
                counts[effect] += 1
            if errors or not apply:
                return False
            self._insert_audit(audit, "import.catalogue", _summary(len(rows), counts), now)
            return True

        self.db.transact(run, commit_if=bool)
        return ImportOutcome(applied=apply and not errors, errors=errors, **counts)

    def _upsert_style(self, style: Style) -> str:
        values = (
            style.name,
            style.brand,
            style.colour,
            str(style.price),
            style.currency,
            style.image,
            style.description,
            style.id,
        )
        row = self.db.one("SELECT * FROM styles WHERE id = ?", (style.id,))
        if row is None:
            self.db.run(
                "INSERT INTO styles (name, brand, colour, price, currency, image, description, "
                "id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            return "created"
        if style_of(row) == style:
            return "unchanged"
        self.db.run(
            "UPDATE styles SET name = ?, brand = ?, colour = ?, price = ?, currency = ?, "
            "image = ?, description = ? WHERE id = ?",
            values,
        )
        return "updated"

    def _upsert_variant(self, variant: Variant) -> str:
        values = (
            variant.style_id,
            variant.size_eu,
            variant.size_uk,
            variant.size_us,
            variant.width,
            variant.gtin,
        )
        row = self.db.one("SELECT * FROM variants WHERE gtin = ?", (variant.gtin,))
        if row is None:
            self.db.run(
                "INSERT INTO variants (style_id, size_eu, size_uk, size_us, width, gtin) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
            return "created"
        if variant_of(row) == variant:
            return "unchanged"
        self.db.run(
            "UPDATE variants SET style_id = ?, size_eu = ?, size_uk = ?, size_us = ?, "
            "width = ? WHERE gtin = ?",
            values,
        )
        return "updated"

    def import_stock_rows(
        self,
        rows: list[StockRow],
        *,
        apply: bool,
        audit: AuditStamp,
        key_id: int | None,
        now: datetime,
    ) -> ImportOutcome:
        errors: list[ImportLineError] = []
        counts = {"created": 0, "updated": 0, "unchanged": 0}

        def error(row: StockRow, column: str, message: str) -> None:
            errors.append(ImportLineError(line=row.line, column=column, message=message))

        def run() -> bool:
            _restart(errors, counts)
            locations = {r["id"] for r in self.db.all("SELECT id FROM locations")}
            for row in rows:
                if row.location_id not in locations:
                    error(row, "location_id", f"unknown location {row.location_id!r}")
                    continue
                if not self._gtin_known(row.gtin):
                    error(row, "gtin", f"GTIN {row.gtin} is not in the catalogue")
                    continue
                level = self.db.one(
                    "SELECT on_hand, reserved FROM stock WHERE location_id = ? AND gtin = ?",
                    (row.location_id, row.gtin),
                )
                before, reserved = (level["on_hand"], level["reserved"]) if level else (0, 0)
                if row.on_hand < reserved:
                    error(
                        row,
                        "on_hand",
                        f"{reserved} pairs are reserved for orders at {row.location_id}; "
                        "the count cannot be below that",
                    )
                    continue
                if level is None:
                    counts["created"] += 1
                elif before == row.on_hand:
                    counts["unchanged"] += 1
                else:
                    counts["updated"] += 1
                # A count is a fact even when it confirms the number already on record.
                self._write_adjustment(
                    location_id=row.location_id,
                    gtin=row.gtin,
                    kind=AdjustmentKind.SET_COUNT,
                    quantity=row.on_hand,
                    actor=audit.actor,
                    reason=IMPORT_REASON,
                    key_id=key_id,
                    now=now,
                    before=(before, reserved),
                    after=row.on_hand,
                )
            if errors or not apply:
                return False
            self._insert_audit(audit, "import.stock", _summary(len(rows), counts), now)
            return True

        self.db.transact(run, commit_if=bool)
        return ImportOutcome(applied=apply and not errors, errors=errors, **counts)
