"""Every status text the admin controller and session can show, marked for translation.

Plain strings (English source texts with ``{name}`` values) under one translation
context; views show them through :class:`kiosk.admin.text.Msg`, so they follow a
language switch. Kept apart from the controller so the list reads in one place.
"""

from __future__ import annotations

from kiosk.journey.marks import QT_TRANSLATE_NOOP

CONTEXT = "AdminMessages"

UNEXPECTED_ERROR = QT_TRANSLATE_NOOP("AdminMessages", "Unexpected error ({kind})")

# receiving and counting
NOT_A_SHOE = QT_TRANSLATE_NOOP("AdminMessages", "Not a shoe barcode: {code}")
ADDING = QT_TRANSLATE_NOOP("AdminMessages", "Adding {gtin}…")
NOT_ADDED = QT_TRANSLATE_NOOP("AdminMessages", "Not added: {error}")
ADDED = QT_TRANSLATE_NOOP("AdminMessages", "+1  {product}  size {size}  →  {count}")
ADDED_QUEUED = QT_TRANSLATE_NOOP(
    "AdminMessages",
    "+1  {product}  size {size}  →  {count} (queued: will be sent when the service is back)",
)
UNDOING = QT_TRANSLATE_NOOP("AdminMessages", "Undoing {product} {size}…")
UNDO_FAILED = QT_TRANSLATE_NOOP("AdminMessages", "Undo failed: {error}")
UNDONE = QT_TRANSLATE_NOOP("AdminMessages", "Undone: {product} {size}")
COUNT_LABEL = QT_TRANSLATE_NOOP("AdminMessages", "{product} size {size}")
COUNT_NOT_SAVED = QT_TRANSLATE_NOOP("AdminMessages", "Count not saved: {error}")
COUNT_SAVED = QT_TRANSLATE_NOOP("AdminMessages", "Count saved: {gtin} = {quantity}")
COUNT_QUEUED = QT_TRANSLATE_NOOP("AdminMessages", "Count saved: {gtin} = {quantity} (queued)")

# stock
SEARCHING = QT_TRANSLATE_NOOP("AdminMessages", "Searching…")
NOT_CHANGED = QT_TRANSLATE_NOOP("AdminMessages", "Not changed: {error}")
STEP_QUEUED = QT_TRANSLATE_NOOP("AdminMessages", "{gtin}: {delta} queued")
STEP_DONE = QT_TRANSLATE_NOOP("AdminMessages", "{gtin}: now {on_hand}")

# orders
ORDER_PAID = QT_TRANSLATE_NOOP("AdminMessages", "Order {number} is paid")
NO_SUCH_ORDER = QT_TRANSLATE_NOOP("AdminMessages", "No order {number} in this store")
NOT_PAID = QT_TRANSLATE_NOOP("AdminMessages", "Not marked paid: {error}")
MARKING_PAID = QT_TRANSLATE_NOOP("AdminMessages", "Marking {number} paid…")
CANCELLED = QT_TRANSLATE_NOOP("AdminMessages", "Order {number} cancelled; its pairs are released")
NOT_CANCELLED = QT_TRANSLATE_NOOP("AdminMessages", "Not cancelled: {error}")
RETRY_SENT = QT_TRANSLATE_NOOP("AdminMessages", "{count} sent")
RETRY_FAILED = QT_TRANSLATE_NOOP("AdminMessages", "Still not sent: {error}")

# lost demand
LOADING = QT_TRANSLATE_NOOP("AdminMessages", "Loading…")
NO_EXPORT_DIR = QT_TRANSLATE_NOOP("AdminMessages", "No export folder is configured")
SAVED = QT_TRANSLATE_NOOP("AdminMessages", "Saved: {path}")
NOT_SAVED = QT_TRANSLATE_NOOP("AdminMessages", "Not saved: {error}")

# import
CHECKING_FILE = QT_TRANSLATE_NOOP("AdminMessages", "Checking…")
IMPORTING = QT_TRANSLATE_NOOP("AdminMessages", "Importing…")
IMPORT_FAILED = QT_TRANSLATE_NOOP("AdminMessages", "Import failed: {error}")

# session and status
PIN_CHECK_FAILED = QT_TRANSLATE_NOOP("AdminMessages", "Could not check the PIN right now")
SERVICE_STATE = QT_TRANSLATE_NOOP("AdminMessages", "Service: {state}")
STATUS_UNKNOWN = QT_TRANSLATE_NOOP("AdminMessages", "status unknown")
NOTHING_WAITING = QT_TRANSLATE_NOOP("AdminMessages", "nothing waiting")
WAITING = QT_TRANSLATE_NOOP("AdminMessages", "{count} waiting to send")
AUDIT_WAITING = QT_TRANSLATE_NOOP(
    "AdminMessages", "{backlog} · {count} audit events not yet at the service"
)
SIGNED_IN = QT_TRANSLATE_NOOP("AdminMessages", "Signed in: {name}")

CONNECTIVITY = {
    "online": QT_TRANSLATE_NOOP("AdminMessages", "online"),
    "degraded": QT_TRANSLATE_NOOP("AdminMessages", "degraded"),
    "offline": QT_TRANSLATE_NOOP("AdminMessages", "offline"),
    "unknown": QT_TRANSLATE_NOOP("AdminMessages", "unknown"),
}
"""The client's connectivity states as the header names them."""
