"""``SqlStorage``: the ``Storage`` protocol, written once for both engines.

Each subject keeps its SQL in its own module; this class only puts them together. The
engine (``SqliteDb`` or ``PostgresDb``) is the ``Db`` it is given.
"""

from __future__ import annotations

from types import TracebackType

from inventory_service.storage.audit import AuditSql
from inventory_service.storage.availability import AvailabilitySql
from inventory_service.storage.back_in_stock import BackInStockSql
from inventory_service.storage.catalogue import CatalogueSql
from inventory_service.storage.csv_imports import CsvImportsSql
from inventory_service.storage.customer_voice import CustomerVoiceSql
from inventory_service.storage.fetch_requests import FetchRequestsSql
from inventory_service.storage.handoff import HandoffSql
from inventory_service.storage.keys_and_audit import KeysAndAuditSql
from inventory_service.storage.kiosk_heartbeats import KioskHeartbeatsSql
from inventory_service.storage.orders import OrdersSql
from inventory_service.storage.search_and_demand import SearchAndDemandSql


class SqlStorage(
    AuditSql,  # first: the one audit path (storage.audit)
    AvailabilitySql,
    CatalogueSql,
    OrdersSql,
    FetchRequestsSql,
    CsvImportsSql,
    KeysAndAuditSql,
    SearchAndDemandSql,
    KioskHeartbeatsSql,
    BackInStockSql,
    HandoffSql,
    CustomerVoiceSql,
):
    """The service's storage over one connection, used by one request at a time."""

    def __enter__(self) -> SqlStorage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
