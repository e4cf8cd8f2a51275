"""Persistence for the inventory service: the ``Storage`` interface and its two engines.

All SQL lives in this package, one module per subject (``catalogue``, ``orders``,
``fetch_requests``, ``stock_adjustments``, ``csv_imports``, ``keys_and_audit``,
``search_and_demand``, ``kiosk_heartbeats``, ``back_in_stock``), written once for both
engines; ``dialect`` holds the few differences. Business rules are in
``inventory_service.rules``.
"""

from inventory_service.storage.base import (
    ApiKey,
    AuditStamp,
    Idempotency,
    ImportCounts,
    KeyScope,
    StockLevel,
    StockRecord,
    Storage,
)
from inventory_service.storage.sql_storage import SqlStorage
from inventory_service.storage.sqlite import SqliteStorage, connect, initialise

__all__ = [
    "ApiKey",
    "AuditStamp",
    "Idempotency",
    "ImportCounts",
    "KeyScope",
    "SqlStorage",
    "SqliteStorage",
    "StockLevel",
    "StockRecord",
    "Storage",
    "connect",
    "initialise",
]
