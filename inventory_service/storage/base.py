"""The storage interface the HTTP layer programs against.

``SqliteStorage`` is the reference backend; a PostgreSQL backend for a chain's central
service implements the same ``Storage`` protocol and the routes stay untouched. Methods
take and return the wire models from ``inventory_client.models`` plus the few records
below, and raise the errors from ``inventory_service.errors``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from inventory_client.models import (
    AuditEvent,
    AuditEventCreate,
    BackInStockCreate,
    BackInStockRequest,
    DemandEventCreate,
    FetchRequest,
    FetchRequestCreate,
    FetchStatus,
    Heartbeat,
    ImportLineError,
    Location,
    Order,
    OrderCreate,
    OrderStatusChange,
    StockAdjustment,
    StockAdjustmentCreate,
    Style,
    StyleSummary,
    Variant,
    VariantDetail,
)


class KeyScope(StrEnum):
    KIOSK = "kiosk"
    STAFF = "staff"
    #: The chain's catalogue and prices; its ``store_id`` is ``CHAIN_STORE_ID``.
    HEAD_OFFICE = "head_office"


#: The ``store_id`` of a head-office key: it acts for the chain, never for one store.
CHAIN_STORE_ID = "*"


@dataclass(frozen=True)
class ApiKey:
    """A stored API key (the key itself is never stored, only its sha256)."""

    id: int
    scope: KeyScope
    store_id: str
    kiosk_id: str | None
    label: str
    created_at: datetime | None = None
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable_at(self, now: datetime) -> bool:
        """Neither revoked nor expired at ``now``."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or now < self.expires_at


@dataclass(frozen=True)
class Idempotency:
    """An ``Idempotency-Key`` header and the hash of the body it came with."""

    key: str
    body_hash: str


@dataclass(frozen=True)
class StockLevel:
    location_id: str
    gtin: str
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return max(0, self.on_hand - self.reserved)


@dataclass(frozen=True)
class StockRecord:
    """Initial stock from a catalogue file."""

    location_id: str
    gtin: str
    on_hand: int


@dataclass(frozen=True)
class ImportCounts:
    """What an import actually inserted or changed (all zero when run again)."""

    locations: int = 0
    styles: int = 0
    variants: int = 0
    stock: int = 0
    api_keys: int = 0

    def __add__(self, other: ImportCounts) -> ImportCounts:
        return ImportCounts(
            self.locations + other.locations,
            self.styles + other.styles,
            self.variants + other.variants,
            self.stock + other.stock,
            self.api_keys + other.api_keys,
        )

    @property
    def total(self) -> int:
        return self.locations + self.styles + self.variants + self.stock + self.api_keys


@dataclass(frozen=True)
class AuditStamp:
    """Who makes a change, for the audit row written in the same transaction."""

    store_id: str
    actor: str
    key_label: str


@dataclass(frozen=True)
class DemandFacts:
    """Raw counts for one variant at one store over a period (the report derives the rest)."""

    gtin: str
    style_id: str
    style_name: str
    brand: str
    size_eu: str
    scanned: int
    size_viewed: int
    not_in_store: int
    notify_me: int
    orders: int
    on_hand: int


@dataclass(frozen=True)
class CatalogueRow:
    """One parsed catalogue CSV line: a variant with its style."""

    line: int
    style: Style
    variant: Variant


@dataclass(frozen=True)
class StockRow:
    """One parsed stock CSV line: set ``on_hand`` of ``gtin`` at ``location_id``."""

    line: int
    location_id: str
    gtin: str
    on_hand: int


@dataclass(frozen=True)
class ImportOutcome:
    """What the storage did (or, when not applied, would have done) with parsed rows."""

    applied: bool
    created: int
    updated: int
    unchanged: int
    errors: list[ImportLineError]


@dataclass(frozen=True)
class AvailabilityFacts:
    """What one scan needs first: the variant with its style and sizes, and every location
    (to choose the ones the answer lists; their stock is ``style_stock``)."""

    detail: VariantDetail
    locations: list[Location]


@dataclass(frozen=True)
class KioskSeen:
    """A kiosk the store knows (by key or by heartbeat) and its latest heartbeat."""

    kiosk_id: str
    store_id: str
    heartbeat: Heartbeat | None
    received_at: datetime | None


class Storage(Protocol):
    """Everything the service persists. One instance per request (one connection)."""

    def close(self) -> None: ...

    # --- keys ---------------------------------------------------------------------
    def add_api_key(
        self,
        key_hash: str,
        scope: KeyScope,
        store_id: str,
        kiosk_id: str | None,
        label: str,
        *,
        expires_at: datetime | None = None,
    ) -> bool:
        """Store a key hash; False when that hash exists already."""
        ...

    def find_api_key(self, key_hash: str) -> ApiKey | None:
        """The key with this hash, also when revoked or expired (``ApiKey.usable_at``)."""
        ...

    def list_api_keys(self) -> list[ApiKey]: ...

    def get_api_key(self, key_id: int) -> ApiKey | None: ...

    def set_api_key_expiry(self, key_id: int, expires_at: datetime | None) -> None: ...

    def revoke_api_key(self, key_id: int, now: datetime) -> bool:
        """Revoke a key; False when it was revoked already (or does not exist)."""
        ...

    def rotate_api_key(
        self, key_id: int, new_hash: str, *, expires_at: datetime | None, now: datetime
    ) -> ApiKey | None:
        """In one transaction: a new key like ``key_id`` (scope, store, kiosk, label) with
        ``new_hash``, and the old one revoked. None when ``key_id`` is not usable."""
        ...

    def touch_api_key(self, key_id: int, now: datetime, every: timedelta) -> None:
        """Record a use, but write at most once per ``every`` for one key."""
        ...

    # --- catalogue ----------------------------------------------------------------
    def import_catalogue(
        self,
        locations: list[Location],
        styles: list[Style],
        variants: list[Variant],
        stock: list[StockRecord],
    ) -> ImportCounts:
        """Insert what is missing; existing stock rows are left as they are."""
        ...

    def list_locations(self) -> list[Location]: ...

    def get_location(self, location_id: str) -> Location | None: ...

    def get_style(self, style_id: str) -> Style | None: ...

    def list_variants(self, style_id: str) -> list[Variant]: ...

    def get_variant_detail(self, gtin: str) -> VariantDetail | None: ...

    def stock_levels(self, gtins: list[str]) -> list[StockLevel]: ...

    def variant_availability(self, gtin: str) -> AvailabilityFacts | None:
        """The variant, its style and sizes, and all locations (None: unknown GTIN)."""
        ...

    def style_stock(self, style_id: str, location_ids: list[str]) -> list[StockLevel]:
        """Stock of every size of the style at these locations (rows that exist)."""
        ...

    # --- orders -------------------------------------------------------------------
    def create_order(
        self,
        request: OrderCreate,
        *,
        idempotency: Idempotency,
        actor: str,
        now: datetime,
        hold: timedelta,
    ) -> tuple[Order, bool]:
        """Reserve and create in one transaction; (order, created) — created False on replay."""
        ...

    def get_order(self, order_id: str) -> Order | None: ...

    def list_orders(self, store_id: str, status: str | None, limit: int) -> list[Order]: ...

    def get_order_by_number(self, number: str) -> Order | None: ...

    def change_order_status(
        self,
        order_id: str,
        change: OrderStatusChange,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> Order:
        """Also releases expired holds first, so an expired order cannot be marked paid."""
        ...

    def release_expired_holds(self, now: datetime) -> int:
        """Cancel unpaid orders whose hold ran out (cheap when there are none)."""
        ...

    # --- fetch requests -----------------------------------------------------------
    def create_fetch_request(
        self, request: FetchRequestCreate, *, idempotency: Idempotency | None, now: datetime
    ) -> tuple[FetchRequest, bool]: ...

    def get_fetch_request(self, request_id: str) -> FetchRequest | None: ...

    def list_fetch_requests(
        self, store_id: str, status: FetchStatus | None, limit: int, kiosk_id: str | None = None
    ) -> list[FetchRequest]: ...

    def update_fetch_request(
        self,
        request_id: str,
        status: FetchStatus,
        *,
        actor: str,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> FetchRequest: ...

    # --- demand and stock adjustments ---------------------------------------------
    def record_demand_event(self, event: DemandEventCreate, *, received_at: datetime) -> bool:
        """True when recorded now, False when that event id was recorded before."""
        ...

    def adjust_stock(
        self,
        request: StockAdjustmentCreate,
        *,
        idempotency: Idempotency,
        key_id: int | None,
        now: datetime,
        audit: AuditStamp | None = None,
    ) -> tuple[StockAdjustment, bool]: ...

    def list_stock_adjustments(self, location_id: str, limit: int) -> list[StockAdjustment]: ...

    # --- staff admin --------------------------------------------------------------
    def search_catalogue(self, query: str, limit: int) -> list[StyleSummary]:
        """Styles whose name, brand, colour or id contain every word of ``query``, or
        that have a GTIN starting with ``query`` (digits only)."""
        ...

    def lost_demand_facts(
        self, store_id: str, since: datetime, until: datetime
    ) -> list[DemandFacts]: ...

    def import_catalogue_rows(
        self, rows: list[CatalogueRow], *, apply: bool, audit: AuditStamp, now: datetime
    ) -> ImportOutcome:
        """Check rows against the database; write them in one transaction only when
        ``apply`` and nothing is wrong (otherwise roll back and report)."""
        ...

    def import_stock_rows(
        self,
        rows: list[StockRow],
        *,
        apply: bool,
        audit: AuditStamp,
        key_id: int | None,
        now: datetime,
    ) -> ImportOutcome:
        """As ``import_catalogue_rows``; each row is audited as a set_count adjustment."""
        ...

    def record_audit(
        self, event: AuditEventCreate, *, stamp: AuditStamp, now: datetime
    ) -> tuple[AuditEvent, bool]:
        """Append a client's event with the service's actor and time (``stamp``, ``now``);
        (stored event, created) — created False when that id was recorded before."""
        ...

    def list_audit(self, store_id: str, limit: int) -> list[AuditEvent]: ...

    def record_heartbeat(
        self, heartbeat: Heartbeat, *, store_id: str, received_at: datetime, keep: int
    ) -> None:
        """Store one heartbeat; keep only the newest ``keep`` of that kiosk."""
        ...

    def list_kiosks(self, store_id: str) -> list[KioskSeen]: ...

    def heartbeat_history(self, store_id: str, kiosk_id: str, limit: int) -> list[Heartbeat]: ...

    # --- back in stock ------------------------------------------------------------
    def record_back_in_stock(
        self, request: BackInStockCreate, *, received_at: datetime
    ) -> tuple[BackInStockRequest, bool]:
        """(stored request, created); created False when that id was stored before.
        Raises ``NotFound`` for a GTIN or store not in the catalogue and
        ``IdempotencyConflict`` when the id was stored with other content."""
        ...

    def list_back_in_stock(
        self, store_id: str, gtin: str | None, limit: int
    ) -> list[BackInStockRequest]:
        """A store's requests (for one GTIN, or all), newest first."""
        ...
