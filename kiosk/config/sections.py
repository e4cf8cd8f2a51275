"""The typed result of parsing: one frozen dataclass per section, and the schema's defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.config.schema import BY_KEY, REQUIRED


@dataclass(frozen=True)
class KioskSection:
    id: str
    store_id: str


@dataclass(frozen=True)
class ServiceSection:
    url: str
    api_key: str = field(repr=False)
    api_key_file: str
    connect_timeout_s: float
    read_timeout_s: float
    heartbeat_interval_s: int
    ca_bundle: str = ""
    allow_plain_http: bool = False
    public_url: str = ""  # phones reach the service here (issue 18); "" = no phone hand-off


@dataclass(frozen=True)
class CameraSection:
    source: str
    width: int
    height: int
    fps: int


@dataclass(frozen=True)
class UiSection:
    idle_timeout_s: int
    still_there_s: int
    language: str
    countries: str
    delivery_days: int
    fullscreen: bool
    hide_pointer: bool


@dataclass(frozen=True)
class AdminSection:
    staff_file: str
    staff_key: str = field(repr=False)
    staff_key_file: str
    idle_timeout_s: int
    import_dir: str
    export_dir: str

    @property
    def enabled(self) -> bool:
        return bool(self.staff_file)


@dataclass(frozen=True)
class LoggingSection:
    dir: str
    level: str


@dataclass(frozen=True)
class PathsSection:
    data_dir: str

    @property
    def outbox_path(self) -> Path:
        return Path(self.data_dir) / "outbox.sqlite"


@dataclass(frozen=True)
class DisplaySection:
    screen: str
    rotation: int


@dataclass(frozen=True)
class ScannerSection:
    """The keyboard-wedge scanner: its layout mode, end key and shortest code."""

    keyboard: str
    terminator: str
    min_length: int


@dataclass(frozen=True)
class Config:
    kiosk: KioskSection
    service: ServiceSection
    camera: CameraSection
    ui: UiSection
    admin: AdminSection
    logging: LoggingSection
    paths: PathsSection
    display: DisplaySection
    scanner: ScannerSection


SECTION_CLASSES: dict[str, type] = {
    "kiosk": KioskSection,
    "service": ServiceSection,
    "camera": CameraSection,
    "ui": UiSection,
    "admin": AdminSection,
    "logging": LoggingSection,
    "paths": PathsSection,
    "display": DisplaySection,
    "scanner": ScannerSection,
}


def default(key: str) -> Any:
    """The schema's default for one key, e.g. ``default("service.read_timeout_s")``."""
    setting = BY_KEY[key]
    if setting.required:
        raise KeyError(f"{key} has no default")
    return setting.default


def defaults(section: str) -> Any:
    """``section``'s dataclass filled with the schema's defaults, for parts built without a
    config file (tests, tools). The defaults live only in :data:`SCHEMA`; code that needs one
    asks here instead of repeating the number."""
    cls = SECTION_CLASSES[section]
    values = {f.name: BY_KEY[f"{section}.{f.name}"].default for f in fields(cls)}
    missing = [name for name, value in values.items() if value is REQUIRED]
    if missing:
        raise KeyError(f"[{section}] has no default for {', '.join(missing)}")
    return cls(**values)
