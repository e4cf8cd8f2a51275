"""The one read behind a scan (``GET /v1/variants/{gtin}/availability``).

The variant lookup and the two stock reports used to cost a kiosk three requests and the
service some fifteen queries; here they are five on one connection: the variant, its
style, its sizes, the locations, and the stock of the whole style at the locations the
answer lists (the store, its nearest stores, the warehouses), in one join. Only those:
in a chain of 300 stores the rest would be thousands of rows read for nothing.
"""

from __future__ import annotations

from inventory_service.storage.base import AvailabilityFacts, StockLevel
from inventory_service.storage.catalogue import CatalogueSql


class AvailabilitySql(CatalogueSql):
    def variant_availability(self, gtin: str) -> AvailabilityFacts | None:
        detail = self.get_variant_detail(gtin)
        if detail is None:
            return None
        return AvailabilityFacts(detail=detail, locations=self.list_locations())

    def style_stock(self, style_id: str, location_ids: list[str]) -> list[StockLevel]:
        if not location_ids:
            return []
        marks = ",".join("?" * len(location_ids))
        rows = self.db.all(
            "SELECT s.location_id, s.gtin, s.on_hand, s.reserved FROM stock s "
            "JOIN variants v ON v.gtin = s.gtin "
            f"WHERE v.style_id = ? AND s.location_id IN ({marks})",
            (style_id, *location_ids),
        )
        return [StockLevel(r["location_id"], r["gtin"], r["on_hand"], r["reserved"]) for r in rows]
