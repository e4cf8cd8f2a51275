"""SQL for the catalogue: locations, styles, variants, stock levels, the catalogue import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inventory_client.models import Location, Style, Variant, VariantDetail
from inventory_service.storage.base import ImportCounts, StockLevel, StockRecord
from inventory_service.storage.sql_base import SqlBase, style_of, variant_of


class CatalogueSql(SqlBase):
    def import_catalogue(
        self,
        locations: list[Location],
        styles: list[Style],
        variants: list[Variant],
        stock: list[StockRecord],
    ) -> ImportCounts:
        def upsert(sql_insert: str, sql_update: str, values: Sequence[Any]) -> int:
            """Insert, or update when something differs; 1 when a row was written.
            ``values`` start with the key; the update names the key last (``?N``)."""
            if self.db.run(sql_insert, values):
                return 1
            return 1 if self.db.run(sql_update, (*values[1:], values[0])) else 0

        def run() -> ImportCounts:
            counts = {"locations": 0, "styles": 0, "variants": 0, "stock": 0}
            for loc in locations:
                counts["locations"] += upsert(
                    "INSERT INTO locations (id, name, kind, latitude, longitude) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE locations SET name = ?1, kind = ?2, latitude = ?3, "
                    "longitude = ?4 WHERE id = ?5 AND NOT (name = ?1 AND kind = ?2 AND "
                    "latitude = ?3 AND longitude = ?4)",
                    (loc.id, loc.name, str(loc.kind), loc.latitude, loc.longitude),
                )
            for st in styles:
                counts["styles"] += upsert(
                    "INSERT INTO styles (id, name, brand, colour, price, currency, "
                    "image, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE styles SET name = ?1, brand = ?2, colour = ?3, price = ?4, "
                    "currency = ?5, image = ?6, description = ?7 WHERE id = ?8 AND NOT ("
                    "name = ?1 AND brand = ?2 AND colour = ?3 AND price = ?4 AND "
                    "currency = ?5 AND image = ?6 AND description = ?7)",
                    (
                        st.id,
                        st.name,
                        st.brand,
                        st.colour,
                        str(st.price),
                        st.currency,
                        st.image,
                        st.description,
                    ),
                )
            for va in variants:
                counts["variants"] += upsert(
                    "INSERT INTO variants (gtin, style_id, size_eu, size_uk, "
                    "size_us, width) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "UPDATE variants SET style_id = ?1, size_eu = ?2, size_uk = ?3, "
                    "size_us = ?4, width = ?5 WHERE gtin = ?6 AND NOT (style_id = ?1 AND "
                    "size_eu = ?2 AND size_uk = ?3 AND size_us = ?4 AND width = ?5)",
                    (va.gtin, va.style_id, va.size_eu, va.size_uk, va.size_us, va.width),
                )
            for rec in stock:
                # Existing stock rows are live data (orders, counts): never overwritten.
                counts["stock"] += self.db.run(
                    "INSERT INTO stock (location_id, gtin, on_hand, reserved) "
                    "VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING",
                    (rec.location_id, rec.gtin, rec.on_hand),
                )
            return ImportCounts(**counts)

        return self.db.transact(run)

    def get_style(self, style_id: str) -> Style | None:
        row = self.db.one("SELECT * FROM styles WHERE id = ?", (style_id,))
        return style_of(row) if row else None

    def get_variant_detail(self, gtin: str) -> VariantDetail | None:
        row = self.db.one("SELECT * FROM variants WHERE gtin = ?", (gtin,))
        if row is None:
            return None
        variant = variant_of(row)
        style = self.get_style(variant.style_id)
        if style is None:  # pragma: no cover - prevented by the foreign key
            return None
        return VariantDetail(
            variant=variant, style=style, variants=self.list_variants(variant.style_id)
        )

    def stock_levels(self, gtins: list[str]) -> list[StockLevel]:
        if not gtins:
            return []
        marks = ",".join("?" * len(gtins))
        rows = self.db.all(
            f"SELECT location_id, gtin, on_hand, reserved FROM stock WHERE gtin IN ({marks})",
            gtins,
        )
        return [StockLevel(r["location_id"], r["gtin"], r["on_hand"], r["reserved"]) for r in rows]
