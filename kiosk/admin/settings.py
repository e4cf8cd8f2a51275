"""What the admin screen takes from the kiosk config: idle logout and its folders.

The defaults live once, in the config schema (:data:`kiosk.config.SCHEMA`);
:meth:`AdminSettings.from_config` maps a loaded config, :meth:`AdminSettings.defaults`
reads the schema's defaults (a launcher built without a config, tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import SCHEMA

if TYPE_CHECKING:
    from kiosk.config import AdminSection

__all__ = ["AdminSettings"]

FETCH_POLL_MS = 3000
"""How often the open fetch queue is reloaded (not a config key: staff see it live)."""
STATUS_POLL_MS = 2000
"""How often the header's connectivity and backlog are refreshed."""


def _schema_default(section: str, name: str) -> object:
    return next(s.default for s in SCHEMA if (s.section, s.name) == (section, name))


@dataclass(frozen=True)
class AdminSettings:
    """Admin behaviour mapped from the kiosk config."""

    idle_timeout_s: float
    export_dir: Path | None = None
    import_dir: Path | None = None
    fetch_poll_ms: int = FETCH_POLL_MS
    status_poll_ms: int = STATUS_POLL_MS

    @classmethod
    def from_config(cls, admin: AdminSection, data_dir: Path) -> AdminSettings:
        """``admin.export_dir`` empty: ``<data_dir>/exports``; import folder optional."""
        return cls(
            idle_timeout_s=float(admin.idle_timeout_s),
            export_dir=Path(admin.export_dir) if admin.export_dir else data_dir / "exports",
            import_dir=Path(admin.import_dir) if admin.import_dir else None,
        )

    @classmethod
    def defaults(cls) -> AdminSettings:
        """The schema's defaults (no export or import folder)."""
        timeout = _schema_default("admin", "idle_timeout_s")
        assert isinstance(timeout, int | float)
        return cls(idle_timeout_s=float(timeout))
