"""The public surface: ``__all__`` is complete, every name imports, no Qt comes along."""

import subprocess
import sys

import inventory_client

EXPECTED = {
    "InventoryClient",
    "InventoryError",
    "Unavailable",
    "NotFound",
    "NoLongerAvailable",
    "Unauthorized",
    "InvalidResponse",
    "Rejected",
    "StaffClient",
    "Outbox",
    "OutboxError",
    "OutboxSender",
    "BacklogEntry",
    "CircuitBreaker",
    "Connectivity",
    "UnfulfillableOrder",
    "Busy",
    "tls_verify",
}


def test_all_lists_the_public_surface():
    assert set(inventory_client.__all__) == EXPECTED


def test_every_exported_name_is_importable_and_owned_by_the_package():
    for name in inventory_client.__all__:
        member = getattr(inventory_client, name)
        assert member.__module__ == "inventory_client", name


def test_no_public_name_is_left_out_of_all():
    public = {
        name
        for name, value in vars(inventory_client).items()
        if not name.startswith("_") and isinstance(value, type)
    }
    assert public <= set(inventory_client.__all__)


def test_importing_the_client_pulls_in_no_qt():
    code = (
        "import sys, inventory_client, inventory_client.models; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'shiboken'))]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
