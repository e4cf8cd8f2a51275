"""The demo catalogue: invented brands and styles, sizes, GTINs, locations and stock.

Everything here is deterministic: the stock spread comes from one seeded ``random.Random``
so that regenerating the catalogue gives byte-identical JSON.

The shape of the output is fixed by the catalogue contract (``catalogue.json``):
``version``, ``home_store_id``, ``locations``, ``styles`` (with ``variants``), ``stock``,
``scenarios`` and ``demo_scans``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from stdnum import ean

SEED = 20240603
HOME_STORE_ID = "berlin-mitte"
WAREHOUSE_ID = "wh-central"

# (id, name, kind, latitude, longitude): real city coordinates, invented shops.
LOCATIONS: tuple[tuple[str, str, str, float, float], ...] = (
    ("berlin-mitte", "Berlin Mitte", "store", 52.5243, 13.4105),
    ("berlin-kreuzberg", "Berlin Kreuzberg", "store", 52.4990, 13.4181),
    ("potsdam", "Potsdam", "store", 52.3989, 13.0657),
    ("leipzig", "Leipzig", "store", 51.3406, 12.3747),
    ("hamburg-altona", "Hamburg Altona", "store", 53.5503, 9.9357),
    (WAREHOUSE_ID, "Central warehouse (Bad Hersfeld)", "warehouse", 50.8681, 9.7075),
)

# One size table for the whole catalogue: EU -> UK, and US derived from UK
# (men's = UK + 1, women's = UK + 2.5, the usual retail rule). Half sizes exist
# only where the UK step between whole EU sizes is a full size, so every EU size
# maps to a distinct UK size.
_EU_TO_UK: dict[str, Decimal] = {
    "36": Decimal("3.5"),
    "37": Decimal("4"),
    "37.5": Decimal("4.5"),
    "38": Decimal("5"),
    "38.5": Decimal("5.5"),
    "39": Decimal("6"),
    "40": Decimal("6.5"),
    "41": Decimal("7"),
    "41.5": Decimal("7.5"),
    "42": Decimal("8"),
    "42.5": Decimal("8.5"),
    "43": Decimal("9"),
    "44": Decimal("9.5"),
    "45": Decimal("10.5"),
    "46": Decimal("11"),
    "47": Decimal("12"),
}
WHOLE_SIZES: tuple[str, ...] = tuple(str(n) for n in range(36, 48))
HALF_SIZES: tuple[str, ...] = ("37.5", "38.5", "41.5", "42.5")
_US_OFFSET = {"men": Decimal("1"), "women": Decimal("2.5")}


def _fmt_size(value: Decimal) -> str:
    """42 -> "42", 8.5 -> "8.5" (as printed on a box)."""
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def size_equivalents(size_eu: str, us_system: str) -> tuple[str, str]:
    """UK and US sizes for an EU size; ``us_system`` is "men" or "women"."""
    uk = _EU_TO_UK[size_eu]
    return _fmt_size(uk), _fmt_size(uk + _US_OFFSET[us_system])


@dataclass(frozen=True)
class StyleSpec:
    """One style as authored; ``kind`` picks the drawing, ``rgb`` the upper's colour."""

    id: str
    name: str
    brand: str
    kind: str
    colour: str
    rgb: tuple[int, int, int]
    sole_rgb: tuple[int, int, int]
    price: str
    blurb: str
    us_system: str = "men"
    width: str = "standard"
    half_sizes: bool = False

    @property
    def sizes(self) -> tuple[str, ...]:
        sizes = WHOLE_SIZES + (HALF_SIZES if self.half_sizes else ())
        return tuple(sorted(sizes, key=float))


_WHITE = (242, 240, 234)
_GUM = (176, 124, 72)
_DARK = (46, 42, 40)
_BLACK = (28, 28, 30)

STYLES: tuple[StyleSpec, ...] = (
    # Nordhain: outdoor boots
    StyleSpec(
        "nordhain-fjord-hiker",
        "Fjord Hiker",
        "Nordhain",
        "hiker",
        "Moss green",
        (92, 112, 64),
        _DARK,
        "169.00",
        "Waterproof leather hiking boot with a grippy lugged sole for rocky trails.",
    ),
    StyleSpec(
        "nordhain-tundra-chelsea",
        "Tundra Chelsea",
        "Nordhain",
        "chelsea",
        "Chestnut brown",
        (128, 72, 40),
        _DARK,
        "149.00",
        "Pull-on Chelsea boot in oiled leather with a warm wool lining.",
    ),
    StyleSpec(
        "nordhain-ridge-trail",
        "Ridge Trail Boot",
        "Nordhain",
        "hiker",
        "Slate grey",
        (96, 104, 112),
        _BLACK,
        "189.00",
        "Supportive mid-cut boot for long days on the trail. Wide fit.",
        width="wide",
    ),
    StyleSpec(
        "nordhain-kiefer-winter",
        "Kiefer Winter Boot",
        "Nordhain",
        "hiker",
        "Black",
        (40, 40, 44),
        _GUM,
        "219.00",
        "Insulated winter boot with a cosy collar and an ice-grip rubber sole.",
    ),
    StyleSpec(
        "nordhain-moraine-low",
        "Moraine Low",
        "Nordhain",
        "runner",
        "Stone beige",
        (190, 172, 140),
        _DARK,
        "139.00",
        "Low-cut hiking shoe, light enough for the city and ready for the hills.",
    ),
    # Pacelab: running
    StyleSpec(
        "pacelab-tempo-3",
        "Tempo 3",
        "Pacelab",
        "runner",
        "Electric blue",
        (36, 102, 214),
        _WHITE,
        "139.95",
        "Responsive daily trainer with a breathable mesh upper.",
        half_sizes=True,
    ),
    StyleSpec(
        "pacelab-longrun",
        "Longrun",
        "Pacelab",
        "runner",
        "Coral",
        (236, 108, 92),
        _WHITE,
        "149.95",
        "Max-cushion shoe for long, easy kilometres.",
        us_system="women",
        half_sizes=True,
    ),
    StyleSpec(
        "pacelab-stride-lite",
        "Stride Lite",
        "Pacelab",
        "runner",
        "Lime",
        (168, 204, 52),
        _WHITE,
        "109.95",
        "Featherweight racer for tempo runs and race day.",
    ),
    StyleSpec(
        "pacelab-nightpace",
        "Nightpace",
        "Pacelab",
        "runner",
        "Graphite",
        (64, 66, 74),
        (226, 92, 40),
        "129.95",
        "Reflective running shoe for after-work runs in the dark.",
    ),
    # Urbanek: sneakers
    StyleSpec(
        "urbanek-hofcourt-low",
        "Hofcourt Low",
        "Urbanek",
        "sneaker",
        "Chalk white",
        (236, 234, 226),
        _GUM,
        "89.95",
        "Clean leather court sneaker with a gum rubber cupsole.",
    ),
    StyleSpec(
        "urbanek-canal-street",
        "Canal Street",
        "Urbanek",
        "sneaker",
        "Navy",
        (34, 48, 92),
        _WHITE,
        "79.95",
        "Canvas everyday sneaker with contrast stitching.",
    ),
    StyleSpec(
        "urbanek-tram-court",
        "Tram Court",
        "Urbanek",
        "sneaker",
        "Burgundy",
        (122, 30, 48),
        _WHITE,
        "94.95",
        "Suede court shoe with a padded collar.",
    ),
    StyleSpec(
        "urbanek-kiez-skate",
        "Kiez Skate",
        "Urbanek",
        "sneaker",
        "Mustard",
        (214, 164, 40),
        _BLACK,
        "74.95",
        "Durable suede skate shoe with a vulcanised sole.",
    ),
    StyleSpec(
        "urbanek-ostkreuz-high",
        "Ostkreuz High",
        "Urbanek",
        "hightop",
        "Forest green",
        (36, 92, 64),
        _WHITE,
        "99.95",
        "High-top canvas sneaker with ankle padding.",
    ),
    # Velora: women's fashion
    StyleSpec(
        "velora-ilaria-pump",
        "Ilaria Pump",
        "Velora",
        "heel",
        "Cherry red",
        (188, 28, 44),
        _BLACK,
        "119.95",
        "Classic pointed pump with an 8 cm heel in smooth leather.",
        us_system="women",
    ),
    StyleSpec(
        "velora-bianca-heel",
        "Bianca Heel",
        "Velora",
        "heel",
        "Nude",
        (222, 184, 156),
        (90, 60, 44),
        "109.95",
        "Soft nappa pump with a comfortable block heel.",
        us_system="women",
    ),
    StyleSpec(
        "velora-lucia-flat",
        "Lucia Ballet Flat",
        "Velora",
        "flat",
        "Powder pink",
        (232, 170, 180),
        (120, 80, 70),
        "79.95",
        "Foldable ballet flat with a cushioned insole.",
        us_system="women",
    ),
    StyleSpec(
        "velora-marta-ankle",
        "Marta Ankle Boot",
        "Velora",
        "chelsea",
        "Taupe",
        (150, 128, 110),
        _DARK,
        "139.95",
        "Suede ankle boot with elastic side panels.",
        us_system="women",
    ),
    StyleSpec(
        "velora-nora-loafer",
        "Nora Loafer",
        "Velora",
        "loafer",
        "Ivory",
        (236, 226, 204),
        (110, 76, 52),
        "99.95",
        "Soft leather loafer with a low stacked heel.",
        us_system="women",
        half_sizes=True,
    ),
    # Fennick: men's leather
    StyleSpec(
        "fennick-hollis-derby",
        "Hollis Derby",
        "Fennick",
        "derby",
        "Cognac",
        (150, 78, 34),
        _DARK,
        "159.00",
        "Goodyear-welted derby in burnished calf leather. Wide fit.",
        width="wide",
    ),
    StyleSpec(
        "fennick-whitcombe-oxford",
        "Whitcombe Oxford",
        "Fennick",
        "derby",
        "Black",
        (30, 30, 34),
        (60, 40, 30),
        "179.00",
        "Formal cap-toe oxford for weddings and the office.",
    ),
    StyleSpec(
        "fennick-ashby-loafer",
        "Ashby Loafer",
        "Fennick",
        "loafer",
        "Dark brown",
        (84, 50, 32),
        _DARK,
        "149.00",
        "Penny loafer in polished leather with a leather sole.",
    ),
    StyleSpec(
        "fennick-rowan-chelsea",
        "Rowan Chelsea",
        "Fennick",
        "chelsea",
        "Tan suede",
        (178, 124, 74),
        (60, 44, 36),
        "169.00",
        "Suede Chelsea boot with a slim crepe sole.",
    ),
    # Solvik: casual, recycled materials
    StyleSpec(
        "solvik-strand-slip-on",
        "Strand Slip-On",
        "Solvik",
        "loafer",
        "Sand",
        (214, 196, 160),
        _WHITE,
        "69.95",
        "Recycled canvas slip-on for summer days. Wide fit.",
        width="wide",
    ),
    StyleSpec(
        "solvik-birke-sneaker",
        "Birke Sneaker",
        "Solvik",
        "sneaker",
        "Olive",
        (110, 112, 60),
        _WHITE,
        "89.00",
        "Sneaker made from plant-tanned leather and natural rubber.",
    ),
    StyleSpec(
        "solvik-moor-runner",
        "Moor Runner",
        "Solvik",
        "runner",
        "Sky blue",
        (120, 170, 210),
        _WHITE,
        "99.00",
        "Recycled knit runner, machine washable.",
        us_system="women",
    ),
    StyleSpec(
        "solvik-vika-boot",
        "Vika Boot",
        "Solvik",
        "hiker",
        "Rust",
        (168, 78, 42),
        _GUM,
        "129.00",
        "Lace-up boot with a cork footbed.",
        us_system="women",
    ),
    StyleSpec(
        "solvik-fjara-flat",
        "Fjara Flat",
        "Solvik",
        "flat",
        "Charcoal",
        (62, 62, 66),
        (150, 130, 110),
        "64.95",
        "Knitted flat with a recycled rubber sole.",
        us_system="women",
    ),
)

SCENARIO_STYLES = {
    "in_store": "urbanek-hofcourt-low",
    "warehouse_only": "pacelab-nightpace",
    "other_store_only": "fennick-whitcombe-oxford",
    "sold_out": "velora-ilaria-pump",
    "mixed": "nordhain-fjord-hiker",
}
LAST_PAIR_STYLE, LAST_PAIR_SIZE = "pacelab-nightpace", "42"

# The mixed style: which EU sizes fall into which case at the home store.
_MIXED_CASES = {
    "in_store": ("40", "41", "42", "43"),
    "warehouse": ("38", "39", "44"),
    "other_store": ("37", "45"),
    "sold_out": ("36", "46", "47"),
}


def gtin_for(style_number: int, size_eu: str) -> str:
    """A GTIN-13 in the restricted-circulation range 20-29 (prefix 24), check digit included."""
    body = f"24{style_number:04d}{int(float(size_eu) * 10):03d}000"
    assert len(body) == 12
    return body + ean.calc_check_digit(body)


def style_by_id(style_id: str) -> StyleSpec:
    return next(s for s in STYLES if s.id == style_id)


def _stores() -> list[str]:
    return [loc[0] for loc in LOCATIONS if loc[2] == "store"]


def _regular_stock(rng: random.Random, size_eu: str) -> dict[str, int]:
    """Plausible stock for one size: middle sizes sell best and are stocked deepest."""
    centrality = 1.0 - min(abs(float(size_eu) - 41.5) / 6.0, 1.0)  # 1 at 41.5, ~0 at edges
    counts: dict[str, int] = {}
    for store in _stores():
        p = (0.35 + 0.45 * centrality) if store == HOME_STORE_ID else 0.25 + 0.3 * centrality
        if rng.random() < p:
            counts[store] = rng.randint(1, 3 if store == HOME_STORE_ID else 2)
    if rng.random() < 0.6 + 0.4 * centrality:
        counts[WAREHOUSE_ID] = rng.randint(2, 6 + int(18 * centrality))
    return counts


def _scenario_stock(rng: random.Random, style_id: str, size_eu: str) -> dict[str, int]:
    """Stock for the scenario styles, built so each case holds by construction."""
    others = [s for s in _stores() if s != HOME_STORE_ID]
    if style_id == SCENARIO_STYLES["in_store"]:
        return {
            HOME_STORE_ID: rng.randint(2, 5),
            WAREHOUSE_ID: rng.randint(6, 20),
            rng.choice(others): rng.randint(1, 3),
        }
    if style_id == SCENARIO_STYLES["warehouse_only"]:
        return {WAREHOUSE_ID: 1 if size_eu == LAST_PAIR_SIZE else rng.randint(2, 12)}
    if style_id == SCENARIO_STYLES["other_store_only"]:
        picked = rng.sample(others, k=rng.randint(1, 2))
        return {store: rng.randint(1, 2) for store in sorted(picked)}
    if style_id == SCENARIO_STYLES["sold_out"]:
        return {}
    if style_id == SCENARIO_STYLES["mixed"]:
        if size_eu in _MIXED_CASES["in_store"]:
            return {HOME_STORE_ID: rng.randint(1, 3), WAREHOUSE_ID: rng.randint(3, 10)}
        if size_eu in _MIXED_CASES["warehouse"]:
            return {WAREHOUSE_ID: rng.randint(1, 6), rng.choice(others): 1}
        if size_eu in _MIXED_CASES["other_store"]:
            return {rng.choice(others): rng.randint(1, 2)}
        return {}
    raise KeyError(style_id)


def _demo_scans(gtins: dict[tuple[str, str], str]) -> list[str]:
    """The order the demo frame source shows: a tour of every case."""
    picks = [
        (SCENARIO_STYLES["in_store"], "42"),
        (SCENARIO_STYLES["mixed"], "42"),
        (SCENARIO_STYLES["warehouse_only"], "44"),
        (SCENARIO_STYLES["other_store_only"], "43"),
        (SCENARIO_STYLES["sold_out"], "38"),
        ("pacelab-tempo-3", "41.5"),
        (LAST_PAIR_STYLE, LAST_PAIR_SIZE),
        (SCENARIO_STYLES["mixed"], "46"),
        ("velora-marta-ankle", "39"),
    ]
    return [gtins[pick] for pick in picks]


def build_catalogue() -> dict[str, Any]:
    """The whole catalogue as a JSON-ready dict (see the contract in the module docstring)."""
    rng = random.Random(SEED)
    locations = [
        {"id": i, "name": n, "kind": k, "latitude": lat, "longitude": lon}
        for i, n, k, lat, lon in LOCATIONS
    ]
    styles: list[dict[str, Any]] = []
    stock: list[dict[str, Any]] = []
    gtins: dict[tuple[str, str], str] = {}
    for number, spec in enumerate(STYLES, start=1):
        variants = []
        for size_eu in spec.sizes:
            uk, us = size_equivalents(size_eu, spec.us_system)
            gtin = gtin_for(number, size_eu)
            gtins[(spec.id, size_eu)] = gtin
            variants.append(
                {
                    "gtin": gtin,
                    "size_eu": size_eu,
                    "size_uk": uk,
                    "size_us": us,
                    "width": spec.width,
                }
            )
            if spec.id in SCENARIO_STYLES.values():
                counts = _scenario_stock(rng, spec.id, size_eu)
            else:
                counts = _regular_stock(rng, size_eu)
            for location_id, _n, _k, _lat, _lon in LOCATIONS:
                if counts.get(location_id, 0) > 0:
                    stock.append(
                        {"location_id": location_id, "gtin": gtin, "on_hand": counts[location_id]}
                    )
        us_label = "women's" if spec.us_system == "women" else "men's"
        styles.append(
            {
                "id": spec.id,
                "name": spec.name,
                "brand": spec.brand,
                "colour": spec.colour,
                "price": spec.price,
                "currency": "EUR",
                "image": f"{spec.id}.png",
                "description": f"{spec.blurb} US sizes are {us_label}.",
                "variants": variants,
            }
        )
    scenarios: dict[str, str] = dict(SCENARIO_STYLES)
    scenarios["last_pair"] = gtins[(LAST_PAIR_STYLE, LAST_PAIR_SIZE)]
    return {
        "version": 1,
        "home_store_id": HOME_STORE_ID,
        "locations": locations,
        "styles": styles,
        "stock": stock,
        "scenarios": scenarios,
        "demo_scans": _demo_scans(gtins),
    }
