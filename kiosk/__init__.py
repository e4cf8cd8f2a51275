"""kiosk package: the touchscreen app (``python -m kiosk``)."""

from importlib import metadata

UNKNOWN_VERSION = "unknown"


def app_version() -> str:
    """The installed release of endless-aisle, or ``"unknown"`` when run from a bare checkout."""
    try:
        return metadata.version("endless-aisle")
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION
