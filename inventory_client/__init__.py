"""The one way the kiosk reaches stock and orders. Plain Python, no Qt.

Everything the kiosk needs is importable from here; the modules behind it are private::

    from inventory_client import InventoryClient, Unavailable

    with InventoryClient(url, key, kiosk_id="k1", store_id="berlin-mitte",
                         outbox_path="/var/lib/endless-aisle/outbox.sqlite") as client:
        detail = client.lookup("2000000000017")
        run = client.size_run(detail)

The wire models (``VariantDetail``, ``SizeRun``, ``Order``, ...) live in
``inventory_client.models``. The errors are drawn in ``inventory_client._errors``.
"""

from inventory_client._client import InventoryClient
from inventory_client._errors import (
    InvalidResponse,
    InventoryError,
    NoLongerAvailable,
    NotFound,
    Rejected,
    Unauthorized,
    Unavailable,
)
from inventory_client._outbox import Outbox

__all__ = [
    "InvalidResponse",
    "InventoryClient",
    "InventoryError",
    "NoLongerAvailable",
    "NotFound",
    "Outbox",
    "Rejected",
    "Unauthorized",
    "Unavailable",
]

# Public names belong to the package, as in httpx: tracebacks and reprs say
# ``inventory_client.NotFound``, not the private module they happen to live in.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
