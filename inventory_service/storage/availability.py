"""The one read behind a scan (``GET /v1/variants/{gtin}/availability``).

The variant lookup and the two stock reports used to cost a kiosk three requests and the
service some fifteen queries; here they are four queries on one connection: the variant
with its style and sizes, the locations, and the stock of the whole style in one join.
"""

from __future__ import annotations

from inventory_service.storage.base import AvailabilityFacts, StockLevel
from inventory_service.storage.catalogue import CatalogueSql


class AvailabilitySql(CatalogueSql):
    def variant_availability(self, gtin: str) -> AvailabilityFacts | None:
        detail = self.get_variant_detail(gtin)
        if detail is None:
            return None
        rows = self.db.all(
            "SELECT s.location_id, s.gtin, s.on_hand, s.reserved FROM stock s "
            "JOIN variants v ON v.gtin = s.gtin WHERE v.style_id = ?",
            (detail.style.id,),
        )
        levels = [
            StockLevel(r["location_id"], r["gtin"], r["on_hand"], r["reserved"]) for r in rows
        ]
        return AvailabilityFacts(detail=detail, locations=self.list_locations(), levels=levels)
