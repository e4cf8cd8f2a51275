"""Reading a catalogue file (``assets/demo/catalogue.json`` format) into wire models.

Validation uses the wire models themselves, so a catalogue the service accepts is one the
kiosk can display. A bad file raises ``CatalogueError`` naming the entry at fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from endless_aisle_assets import DEMO_CATALOGUE as DEMO_CATALOGUE
from endless_aisle_assets import DEMO_IMAGES as DEMO_IMAGES  # the service's default
from pydantic import Field, ValidationError

from inventory_client.models import (
    Gtin13,
    Identifier,
    Location,
    LocationKind,
    Style,
    Variant,
    WireModel,
)
from inventory_service.storage.base import StockRecord


class CatalogueError(ValueError):
    """The catalogue file cannot be used; the message names the file and the entry."""


class _FileVariant(WireModel):
    gtin: Gtin13
    size_eu: str = Field(pattern=r"^\d{2}(\.5)?$")
    size_uk: str = Field(max_length=8)
    size_us: str = Field(max_length=8)
    width: str = Field(default="standard", max_length=20)


class _FileStock(WireModel):
    location_id: Identifier
    gtin: Gtin13
    on_hand: int = Field(ge=0, le=1_000_000)


@dataclass(frozen=True)
class Catalogue:
    """A validated catalogue, ready for ``Storage.import_catalogue``."""

    home_store_id: str
    locations: list[Location]
    styles: list[Style]
    variants: list[Variant]
    stock: list[StockRecord]
    scenarios: dict[str, str]
    demo_scans: list[str]


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "entry"
    return f"{loc}: {err['msg']}"


def _entry(
    data: dict[str, Any], section: str, index: int, model: type[WireModel], where: Path
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        name = data.get("id") or data.get("gtin") if isinstance(data, dict) else None
        label = f"{section}[{index}]" + (f" ({name!r})" if name else "")
        raise CatalogueError(f"{where}: {label}: {_first_error(exc)}") from exc


def load_catalogue(path: str | Path = DEMO_CATALOGUE) -> Catalogue:
    """Read and validate a catalogue file; raises ``CatalogueError`` with a precise message."""
    where = Path(path)
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogueError(f"{where}: catalogue file not found") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"{where}: not a readable JSON file ({exc})") from exc
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: the top level must be a JSON object")
    for section in ("locations", "styles"):
        if not isinstance(raw.get(section), list) or not raw[section]:
            raise CatalogueError(f"{where}: {section!r} must be a non-empty list")

    locations = [
        _entry(item, "locations", i, Location, where) for i, item in enumerate(raw["locations"])
    ]
    location_ids = {loc.id for loc in locations}
    if len(location_ids) != len(locations):
        raise CatalogueError(f"{where}: locations: duplicate location id")
    home = raw.get("home_store_id")
    stores = {loc.id for loc in locations if loc.kind == LocationKind.STORE}
    if not isinstance(home, str) or home not in stores:
        raise CatalogueError(f"{where}: home_store_id {home!r} is not a store in 'locations'")

    styles: list[Style] = []
    variants: list[Variant] = []
    seen_gtins: set[str] = set()
    for i, item in enumerate(raw["styles"]):
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: styles[{i}]: must be an object")
        fields = {k: v for k, v in item.items() if k != "variants"}
        style = _entry(fields, "styles", i, Style, where)
        if style.id in {s.id for s in styles}:
            raise CatalogueError(f"{where}: styles[{i}] ({style.id!r}): duplicate style id")
        styles.append(style)
        raw_variants = item.get("variants")
        if not isinstance(raw_variants, list) or not raw_variants:
            raise CatalogueError(f"{where}: styles[{i}] ({style.id!r}): no variants")
        for j, v in enumerate(raw_variants):
            fv = _entry(v, f"styles[{i}] ({style.id!r}).variants", j, _FileVariant, where)
            if fv.gtin in seen_gtins:
                raise CatalogueError(
                    f"{where}: styles[{i}] ({style.id!r}).variants[{j}]: duplicate GTIN {fv.gtin}"
                )
            seen_gtins.add(fv.gtin)
            variants.append(Variant(style_id=style.id, **fv.model_dump()))

    stock: list[StockRecord] = []
    for k, item in enumerate(raw.get("stock") or []):
        rec = _entry(item, "stock", k, _FileStock, where)
        if rec.location_id not in location_ids:
            raise CatalogueError(f"{where}: stock[{k}]: unknown location {rec.location_id!r}")
        if rec.gtin not in seen_gtins:
            raise CatalogueError(f"{where}: stock[{k}]: unknown GTIN {rec.gtin}")
        stock.append(StockRecord(rec.location_id, rec.gtin, rec.on_hand))

    scenarios = raw.get("scenarios") or {}
    scans = raw.get("demo_scans") or []
    if not isinstance(scenarios, dict) or not isinstance(scans, list):
        raise CatalogueError(f"{where}: 'scenarios' must be an object, 'demo_scans' a list")
    return Catalogue(
        home_store_id=home,
        locations=locations,
        styles=styles,
        variants=variants,
        stock=stock,
        scenarios={str(k): str(v) for k, v in scenarios.items()},
        demo_scans=[str(s) for s in scans],
    )
