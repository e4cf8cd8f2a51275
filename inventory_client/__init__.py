"""The one way the kiosk reaches stock and orders. Plain Python, no Qt.

Everything the kiosk needs is importable from here; the modules behind it are private::

    from inventory_client import InventoryClient, Unavailable

    with InventoryClient(url, key, kiosk_id="k1", store_id="berlin-mitte",
                         outbox_path="/var/lib/endless-aisle/outbox.sqlite") as client:
        detail = client.lookup("2000000000017")
        run = client.size_run(detail)

Staff screens ask the same client for its staff calls, made with the store's staff key over
the same connection, circuit breaker and error handling::

    staff = client.staff()
    order = staff.order_by_number("EA-4K7Q9M")
    staff.set_order_status(order.id, OrderStatus.PAID, actor="anna")

The wire models (``VariantDetail``, ``SizeRun``, ``Order``, ...) live in
``inventory_client.models``. The errors are drawn in ``inventory_client._errors``.

When things break (see ``docs/RELIABILITY.md``):

- ``Outbox`` / ``BacklogEntry``: every order, fetch request, stock adjustment and demand
  event is written to a durable SQLite outbox before it is sent and kept until the service
  acknowledged it; ``client.outbox.entries()`` / ``.failed()`` are the staff view.
- ``OutboxSender``: the background thread that keeps the outbox draining (the kiosk starts
  it: ``OutboxSender(client).start()``).
- Offline reads: ``lookup``/``size_run`` answer from the last-known cache when the service
  is away (``SizeRun.from_cache``/``as_of``; ``client.last_lookup_cached_at``).
- Orders while offline: ``place_order`` raises ``Unavailable`` with ``queued=True`` ("pending
  confirmation"); a later refusal reaches ``client.notify_unfulfillable(callback)`` as an
  ``UnfulfillableOrder``.
- ``CircuitBreaker`` and ``Connectivity``: ``client.connectivity`` is ``"online"``,
  ``"degraded"`` or ``"offline"``.

Inside, one module a job (all private)::

    _client      InventoryClient: the public face, composes the rest
    _reads       lookup and size_run, with the last-known answer (_cache) behind them
    _outbox      the durable queue (SQLite); _outbox_entries: its rows, kinds and backoff
    _policies    the delivery policy table: per kind, how it is sent, what counts as
                 delivered or refused, what is scrubbed after
    _delivery    the one send path for every outbox kind (Delivery.send / send_now)
    _claims      one entry sent by one thread at a time
    _flush       which pending entries a flush sends, in what order
    _sender      OutboxSender, the background thread that flushes
    _privacy     what of the shopper's details is kept, and for how long
    _notices     refused offline orders reported to the kiosk (UnfulfillableOrder)
    _staff       StaffClient: every call made with the store's staff key
    _transport   one Session, timeouts, the error boundary; _retry: the retry policy
    _breaker     the circuit breaker behind ``connectivity``
    _errors      the error tree; models: the wire contract
"""

from inventory_client._breaker import CircuitBreaker, Connectivity
from inventory_client._client import InventoryClient
from inventory_client._errors import (
    Busy,
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._notices import UnfulfillableOrder
from inventory_client._outbox import BacklogEntry, Outbox, OutboxError
from inventory_client._sender import OutboxSender
from inventory_client._staff import StaffClient
from inventory_client._transport import tls_verify

__all__ = [
    "BacklogEntry",
    "Busy",
    "CircuitBreaker",
    "Connectivity",
    "InvalidResponse",
    "InventoryClient",
    "InventoryError",
    "NoLongerAvailable",
    "NotFound",
    "Outbox",
    "OutboxError",
    "OutboxSender",
    "Rejected",
    "StaffClient",
    "Unauthorized",
    "Unavailable",
    "UnfulfillableOrder",
    "tls_verify",
]

# Public names belong to the package, as in httpx: tracebacks and reprs say
# ``inventory_client.NotFound``, not the private module they happen to live in.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
