"""Persistence for the inventory service: the ``Storage`` interface and its SQLite backend."""

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
from inventory_service.storage.sqlite import SqliteStorage, connect, initialise

__all__ = [
    "ApiKey",
    "AuditStamp",
    "Idempotency",
    "ImportCounts",
    "KeyScope",
    "SqliteStorage",
    "StockLevel",
    "StockRecord",
    "Storage",
    "connect",
    "initialise",
]
