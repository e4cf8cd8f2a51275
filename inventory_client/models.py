"""The wire contract between kiosk and inventory service, defined once.

The service publishes these models as its OpenAPI schema; the client validates every
response against them. Both import from here, so the contract cannot drift.

Conventions:
- GTINs travel as 13-digit strings (UPC-A/UPC-E are normalised to GTIN-13 by the kiosk).
- Money is a ``Decimal`` with an ISO 4217 currency code beside it (JSON: a string).
- Times are timezone-aware UTC datetimes.
- Sizes are strings as printed on the box ("42", "42.5"); ``size_sort`` orders them.

Why one module of ~560 lines: it is a contract, not code. Some fifty small declarations
with no logic, read as one document (as the OpenAPI schema they become), imported by the
kiosk, the client, the service and its tests under one name; split by topic they would
import each other (an order holds lines, a size run holds variants and locations) and a
reader would hunt the wire format across files. Sections below go by topic instead.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inventory_client.text_types import (
    DeviceId,
    EmailAddress,
    PhoneNumber,
    ShortText,
    line,
    lines,
)
from inventory_client.wire_time import UtcTime

Gtin13 = Annotated[str, StringConstraints(pattern=r"^\d{13}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class WireModel(BaseModel):
    """Base for every wire model: unknown fields are rejected, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- locations and catalogue -------------------------------------------------------


class LocationKind(StrEnum):
    STORE = "store"
    WAREHOUSE = "warehouse"


class Location(WireModel):
    id: Identifier
    name: ShortText
    kind: LocationKind
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class Style(WireModel):
    id: Identifier
    name: ShortText
    brand: ShortText
    colour: ShortText
    price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)
    currency: CurrencyCode
    image: str = Field(max_length=200, description="Image file name, served at /v1/images/{image}")
    description: Annotated[str, lines(2000)] = ""


class Variant(WireModel):
    gtin: Gtin13
    style_id: Identifier
    size_eu: str = Field(pattern=r"^\d{2}(\.5)?$")
    size_uk: str = Field(max_length=8)
    size_us: str = Field(max_length=8)
    width: str = Field(default="standard", max_length=20)

    @property
    def size_sort(self) -> float:
        return float(self.size_eu)


class VariantDetail(WireModel):
    """GET /v1/variants/{gtin}: the scanned variant, its style and all its sibling sizes."""

    variant: Variant
    style: Style
    variants: list[Variant]


# --- stock -------------------------------------------------------------------------


class StockScope(StrEnum):
    STORES = "stores"
    WAREHOUSES = "warehouses"


class LocationStock(WireModel):
    location_id: Identifier
    location_name: str
    kind: LocationKind
    distance_km: float | None = Field(
        default=None, ge=0, description="From the asking store; null for warehouses"
    )
    on_hand: int = Field(ge=0)
    reserved: int = Field(ge=0)
    available: int = Field(ge=0)


class VariantStock(WireModel):
    gtin: Gtin13
    locations: list[LocationStock]


class StockReport(WireModel):
    """GET /v1/styles/{style_id}/stock?store_id=S&scope=stores|warehouses.

    scope=stores: the asking store first, then other stores ordered by distance.
    scope=warehouses: every warehouse.
    """

    style_id: Identifier
    scope: StockScope
    store_id: Identifier
    as_of: UtcTime
    variants: list[VariantStock]


# --- orders ------------------------------------------------------------------------


class ShipTo(WireModel):
    name: ShortText
    street: ShortText
    postcode: Annotated[str, line(12, min_length=2)]
    city: ShortText
    country: CountryCode
    email: EmailAddress | None = None
    phone: PhoneNumber | None = None


class OrderLineRequest(WireModel):
    gtin: Gtin13
    quantity: int = Field(default=1, ge=1, le=10)


class OrderCreate(WireModel):
    """POST /v1/orders, with an ``Idempotency-Key`` header (required)."""

    kiosk_id: Identifier
    store_id: Identifier
    lines: list[OrderLineRequest] = Field(min_length=1, max_length=20)
    ship_to: ShipTo


class OrderStatus(StrEnum):
    RESERVED = "reserved"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class OrderLine(WireModel):
    gtin: Gtin13
    quantity: int = Field(ge=1)
    style_id: Identifier
    style_name: str
    size_eu: str
    unit_price: Decimal
    fulfilled_from: Identifier


class OrderEvent(WireModel):
    status: OrderStatus
    at: UtcTime
    actor: str
    note: str | None = None


class Order(WireModel):
    id: str
    number: str = Field(description="Short human-readable order code, e.g. EA-4K7Q9M")
    status: OrderStatus
    kiosk_id: Identifier
    store_id: Identifier
    lines: list[OrderLine]
    total: Decimal
    currency: CurrencyCode
    ship_to: ShipTo
    created_at: UtcTime
    reserved_until: UtcTime | None = None
    history: list[OrderEvent]


class OrderStatusChange(WireModel):
    """POST /v1/orders/{id}/status (staff key)."""

    status: OrderStatus
    note: Annotated[str, lines(500)] | None = None


# --- fetch requests ("bring me this size") -----------------------------------------


class FetchStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    DONE = "done"
    CANCELLED = "cancelled"


class FetchRequestCreate(WireModel):
    """POST /v1/fetch-requests (optional ``Idempotency-Key`` header)."""

    kiosk_id: Identifier
    store_id: Identifier
    gtin: Gtin13


class FetchRequest(WireModel):
    id: str
    ticket: int = Field(ge=1, description="Number shown to the shopper; counts up per store")
    kiosk_id: Identifier
    store_id: Identifier
    gtin: Gtin13
    style_name: str
    size_eu: str
    status: FetchStatus
    created_at: UtcTime
    updated_at: UtcTime
    claimed_by: str | None = None


class FetchRequestUpdate(WireModel):
    """PATCH /v1/fetch-requests/{id}: kiosks may cancel; staff may claim, finish or cancel."""

    status: FetchStatus


# --- demand events -----------------------------------------------------------------


class DemandKind(StrEnum):
    SCANNED = "scanned"
    SIZE_VIEWED = "size_viewed"
    NOT_IN_STORE = "not_in_store"
    ORDERED = "ordered"
    NOTIFY_ME = "notify_me"


class DemandEventCreate(WireModel):
    """POST /v1/demand-events. ``id`` is made by the kiosk, so a resend is recorded once."""

    id: DeviceId
    kind: DemandKind
    gtin: Gtin13
    kiosk_id: Identifier
    store_id: Identifier
    at: UtcTime


# --- stock adjustments -------------------------------------------------------------


class AdjustmentKind(StrEnum):
    RECEIVE = "receive"
    SET_COUNT = "set_count"


class StockAdjustmentCreate(WireModel):
    """POST /v1/stock-adjustments (staff key, ``Idempotency-Key`` header required).

    receive: add ``quantity`` (may be negative to undo, never below zero on hand);
    set_count: set on hand to ``quantity`` (>= 0).
    """

    location_id: Identifier
    gtin: Gtin13
    kind: AdjustmentKind
    quantity: int = Field(ge=-1000, le=10000)
    actor: ShortText
    reason: Annotated[str, line(200, min_length=0)] | None = None


class StockAdjustment(WireModel):
    id: str
    location_id: Identifier
    gtin: Gtin13
    kind: AdjustmentKind
    quantity: int
    actor: str
    reason: str | None
    at: UtcTime
    on_hand: int = Field(ge=0)
    reserved: int = Field(ge=0)


# --- errors and health -------------------------------------------------------------


class ErrorCode(StrEnum):
    INVALID_REQUEST = "invalid_request"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    NO_LONGER_AVAILABLE = "no_longer_available"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INVALID_TRANSITION = "invalid_transition"
    INTERNAL = "internal"
    RATE_LIMITED = "rate_limited"


class ErrorDetail(WireModel):
    code: ErrorCode
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(WireModel):
    """Every non-2xx response body: ``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorDetail


class DatabaseHealth(WireModel):
    """The service's database as ``/v1/health`` sees it (issue 16): never a URL or a secret.

    ``migration`` is the newest applied migration step; ``pending_steps`` counts the steps this
    version knows that the database lacks (0 after a normal start).
    """

    ok: bool
    engine: str  # "sqlite" or "postgresql"
    server_version: str | None = None
    migration: str | None = None
    pending_steps: int = 0
    error: str | None = None  # why it did not answer: the exception's kind, no detail


class Health(WireModel):
    status: str  # "ok", or "unavailable" (with HTTP 503) when the database does not answer
    version: str
    time: UtcTime
    database: DatabaseHealth | None = None  # None from a service older than issue 16


# --- the kiosk's view of one style (composed by the client, not sent on the wire) ---


class SizeStatus(StrEnum):
    IN_STORE = "in_store"  # this store has at least one available pair
    WAREHOUSE = "warehouse"  # not here, but ship-to-home from a warehouse
    OTHER_STORE = "other_store"  # only at other stores
    SOLD_OUT = "sold_out"  # nowhere
    UNKNOWN = "unknown"  # not here, and we could not ask the others


class NearbyStock(WireModel):
    location_id: Identifier
    name: str
    distance_km: float | None
    available: int


class SizeAvailability(WireModel):
    variant: Variant
    in_store: int | None = Field(description="None when the store's stock is unknown")
    warehouse: int | None = Field(description="None when the warehouses could not be asked")
    nearby: list[NearbyStock] = Field(default_factory=list)

    @property
    def status(self) -> SizeStatus:
        if self.in_store:
            return SizeStatus.IN_STORE
        if self.warehouse:
            return SizeStatus.WAREHOUSE
        if any(n.available > 0 for n in self.nearby):
            return SizeStatus.OTHER_STORE
        if self.warehouse is None or self.in_store is None:
            return SizeStatus.UNKNOWN
        return SizeStatus.SOLD_OUT


class SizeRun(WireModel):
    """Everything the product screen shows for one style, with what could not be fetched."""

    style: Style
    store_id: Identifier
    scanned_gtin: Gtin13 | None = None
    sizes: list[SizeAvailability]
    stores_known: bool = True
    warehouses_known: bool = True
    as_of: UtcTime
    from_cache: bool = False


# --- staff admin and kiosk health (appended for issues 6 and 8; existing models unchanged) ---


class StyleSummary(WireModel):
    """GET /v1/catalogue/search: one matching style with all its variants (size order)."""

    style: Style
    variants: list[Variant]


class LostDemandRow(WireModel):
    """One style and size in the lost-demand report (see docs/API.md for every rule).

    ``orders`` counts pairs from real, not cancelled orders made at this store in the
    period (not the kiosks' ``ordered`` events). ``conversion`` = orders / not_in_store,
    null when nothing was missing. ``suggested_restock`` = ceil(not_in_store scaled from
    the period to ``cover_days``) minus this store's on hand, never below zero.
    """

    style_id: Identifier
    style_name: str
    brand: str
    gtin: Gtin13
    size_eu: str
    scanned: int = Field(ge=0)
    size_viewed: int = Field(ge=0)
    not_in_store: int = Field(ge=0)
    notify_me: int = Field(ge=0)
    orders: int = Field(ge=0)
    conversion: float | None = Field(default=None, ge=0)
    on_hand: int = Field(ge=0)
    suggested_restock: int = Field(ge=0)
    fit_shift: int = Field(
        default=0,
        ge=-1,
        le=1,
        description="Shoppers say the style runs small (+1: restock moved a size up) "
        "or large (-1); see docs/CUSTOMER_VOICE.md",
    )


class LostDemandReport(WireModel):
    """GET /v1/reports/lost-demand?store_id=S&since=ISO&until=ISO[&cover_days=28]."""

    store_id: Identifier
    since: UtcTime
    until: UtcTime
    cover_days: int = Field(ge=1)
    generated_at: UtcTime
    rows: list[LostDemandRow]


class ImportKind(StrEnum):
    CATALOGUE = "catalogue"
    STOCK = "stock"


class ImportLineError(WireModel):
    """One problem in an imported CSV file. ``line`` is the physical line (header = 1)."""

    line: int = Field(ge=1)
    column: str | None = None
    message: str


class ImportReport(WireModel):
    """POST /v1/imports/{kind} and ``python -m inventory_service import``.

    ``applied`` is true only when the whole file was written; any error means nothing
    was written. A dry run checks everything (also against the database) and writes
    nothing. ``created``/``updated``/``unchanged`` count styles+variants (catalogue) or
    stock rows (stock) — what was, or in a dry run would be, written.
    """

    kind: ImportKind
    dry_run: bool
    applied: bool
    rows: int = Field(ge=0)
    created: int = Field(ge=0)
    updated: int = Field(ge=0)
    unchanged: int = Field(ge=0)
    errors: list[ImportLineError]
    errors_omitted: int = Field(default=0, ge=0, description="Errors beyond the listed ones")


AuditAction = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.-]{0,63}$")]


class AuditEventCreate(WireModel):
    """POST /v1/audit (staff). ``id`` is made by the device, so a resend is stored once.

    The client says what happened and why; never who or when: the service writes the
    actor (the key, or the ``X-Actor`` person) and its own time, so a body with ``actor``
    or ``at`` is refused (422). ``detail`` must never hold shopper personal data.
    """

    id: DeviceId
    action: AuditAction
    detail: Annotated[str, lines(1000)] = ""


class AuditEvent(WireModel):
    """One audit row: who (``actor``, through which key), what, when."""

    id: str
    store_id: Identifier
    actor: str
    key_label: str
    action: str
    detail: str
    at: UtcTime
    received_at: UtcTime


class Heartbeat(WireModel):
    """POST /v1/kiosks/heartbeat (kiosk key): the kiosk's health, sent every interval."""

    kiosk_id: Identifier
    version: Annotated[str, line(40)]
    uptime_s: float = Field(ge=0, le=10 * 365 * 86400)
    camera_ok: bool
    last_scan_at: UtcTime | None = None
    outbox_backlog: int = Field(ge=0, le=10_000_000)
    at: UtcTime


class KioskStatus(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"  # reporting, but the camera is not working
    STALE = "stale"  # no heartbeat for more than the allowed missed intervals
    NEVER_SEEN = "never_seen"  # a kiosk key exists, no heartbeat ever arrived


class KioskHealth(WireModel):
    """GET /v1/kiosks (staff): the latest heartbeat of each kiosk and a computed status."""

    kiosk_id: Identifier
    store_id: Identifier
    status: KioskStatus
    last_seen: UtcTime | None = Field(description="When the service received the last heartbeat")
    version: str | None = None
    uptime_s: float | None = None
    camera_ok: bool | None = None
    last_scan_at: UtcTime | None = None
    outbox_backlog: int | None = None
    clock_skew_s: float | None = Field(
        default=None, description="Kiosk clock minus service clock at the last heartbeat"
    )
    problems: list[str] = Field(default_factory=list)


# --- back in stock (appended for issue 5; existing models unchanged) -------------------


LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class BackInStockCreate(WireModel):
    """POST /v1/back-in-stock (kiosk): email me when this sold-out size is back.

    ``id`` is made by the kiosk, so a resend from its outbox is stored once. ``email`` is
    personal data: the service keeps it for the store to follow up and never logs it.
    ``language`` is the shopper's language at the kiosk, for the email staff will write.
    """

    id: DeviceId
    gtin: Gtin13
    email: EmailAddress
    language: LanguageTag
    kiosk_id: Identifier
    store_id: Identifier
    at: UtcTime


class BackInStockRequest(WireModel):
    """One stored back-in-stock request, with the size it is for (GET /v1/back-in-stock)."""

    id: str
    gtin: Gtin13
    style_id: Identifier
    style_name: str
    size_eu: str
    email: str
    language: str
    kiosk_id: Identifier
    store_id: Identifier
    at: UtcTime
    received_at: UtcTime


# --- one scan, one read (issue 16): the existing models composed, nothing parallel ---


class VariantAvailability(WireModel):
    """GET /v1/variants/{gtin}/availability?store_id=S: everything a scan needs at once.

    The variant lookup and both stock reports (``scope=stores`` and ``scope=warehouses``)
    the kiosk used to ask for one by one, read together by the service. The answer carries
    a weak ``ETag`` (a hash of it, the reports' ``as_of`` left out); a request with that
    tag in ``If-None-Match`` gets a bare 304 while nothing in it has changed.
    """

    detail: VariantDetail
    stores: StockReport
    warehouses: StockReport


# --- keys (issue 15): a key asks the service about itself ---


class KeyInfo(WireModel):
    """GET /v1/keys/self: the calling key's own record (never its secret), so a kiosk can
    show its key's age and warn before it expires. ``renew_soon`` is true within the
    service's warning period before ``expires_at``."""

    id: int
    scope: str
    store_id: str
    kiosk_id: str | None
    label: str
    created_at: UtcTime | None
    expires_at: UtcTime | None
    last_used_at: UtcTime | None
    age_days: int
    renew_soon: bool
