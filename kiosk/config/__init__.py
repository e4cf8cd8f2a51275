"""The kiosk's configuration: one schema, parsed from TOML and the environment, validated once.

Every key is declared once in :data:`SCHEMA` with its type, default, allowed values and
description. :func:`load_config` reads the TOML file, applies ``EA_<SECTION>__<KEY>``
environment overrides (``EA_SERVICE__API_KEY=...``), validates everything and returns a
frozen :class:`Config`. :func:`example_toml` renders ``deploy/kiosk.example.toml`` from the
same schema, so the documented file cannot drift from the code (a test checks it).

Every problem is reported as one :class:`ConfigError` line naming the key, the bad value and
what is allowed, so IT can fix it from a journal line.

Secrets (``service.api_key``) may come from the environment or from a file named by
``service.api_key_file``; they are never required in the config file itself.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_PATH = Path("/etc/endless-aisle/kiosk.toml")
ENV_PREFIX = "EA_"

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
REQUIRED = object()
"""Default marker: the key has no default and must be set (in the file or the environment)."""


class ConfigError(ValueError):
    """A configuration problem, described in one line."""


# --- the schema ----------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One configuration key.

    ``kind`` is the TOML type: ``str``, ``int``, ``float`` or ``bool``. ``check`` validates
    and normalises a value of that type, raising ``ValueError("what is allowed")``.
    """

    section: str
    name: str
    kind: type
    default: Any
    description: str
    allowed: tuple[Any, ...] | None = None
    check: Callable[[Any], Any] | None = None
    allowed_text: str = ""
    example: Any = None
    secret: bool = False

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"

    @property
    def env_var(self) -> str:
        return f"{ENV_PREFIX}{self.section.upper()}__{self.name.upper()}"

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def describe_allowed(self) -> str:
        if self.allowed is not None:
            return "one of " + ", ".join(_toml_value(a) for a in self.allowed)
        return self.allowed_text or f"a {self.kind.__name__}"


def _identifier(value: str) -> str:
    if not _IDENTIFIER.match(value):
        raise ValueError("1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError("an http:// or https:// URL")
    return value.rstrip("/")


def _range(low: float, high: float) -> Callable[[Any], Any]:
    noun = "an integer" if isinstance(low, int) and isinstance(high, int) else "a number"

    def check(value: Any) -> Any:
        if not low <= value <= high:
            raise ValueError(f"{noun} from {low:g} to {high:g}")
        return value

    return check


def _camera_source(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError('"demo", a camera index such as "0", a device path or an image folder')
    return value


def _countries(value: str) -> str:
    from kiosk.journey.address import parse_countries

    return ",".join(parse_countries(value))


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("a non-empty string")
    return value.strip()


SCHEMA: tuple[Setting, ...] = (
    Setting(
        "kiosk",
        "id",
        str,
        REQUIRED,
        "This kiosk's id, as registered at the inventory service.",
        check=_identifier,
        allowed_text="an identifier",
        example="mitte-kiosk-1",
    ),
    Setting(
        "kiosk",
        "store_id",
        str,
        REQUIRED,
        "The store the kiosk stands in.",
        check=_identifier,
        allowed_text="an identifier",
        example="berlin-mitte",
    ),
    Setting(
        "service",
        "url",
        str,
        REQUIRED,
        "Base URL of the inventory service.",
        check=_url,
        allowed_text="an http:// or https:// URL",
        example="http://127.0.0.1:8765",
    ),
    Setting(
        "service",
        "api_key",
        str,
        "",
        "The kiosk's API key. Prefer the environment "
        "(EA_SERVICE__API_KEY) or service.api_key_file over writing it here.",
        allowed_text="a string",
        secret=True,
    ),
    Setting(
        "service",
        "api_key_file",
        str,
        "",
        "File holding the API key (first line), "
        "e.g. a systemd credential. Used when service.api_key is empty.",
        allowed_text="a file path",
    ),
    Setting(
        "service",
        "connect_timeout_s",
        float,
        2.0,
        "Seconds to wait for a connection.",
        check=_range(0.1, 60),
        allowed_text="a number from 0.1 to 60",
    ),
    Setting(
        "service",
        "read_timeout_s",
        float,
        5.0,
        "Seconds to wait for a response.",
        check=_range(0.1, 120),
        allowed_text="a number from 0.1 to 120",
    ),
    Setting(
        "service",
        "heartbeat_interval_s",
        int,
        60,
        "Seconds between the kiosk's heartbeats (version, uptime, camera, last scan, outbox "
        "backlog), listed for IT at GET /v1/kiosks. Match the service's --heartbeat-interval.",
        check=_range(5, 3600),
        allowed_text="an integer from 5 to 3600",
    ),
    Setting(
        "camera",
        "source",
        str,
        "0",
        'Where frames come from: "demo" (replays the demo '
        'barcodes), a camera index ("0"), a device path (/dev/video0), a video file or an '
        "image folder.",
        check=_camera_source,
        allowed_text='"demo", a camera index, a device path, a video file or a folder',
    ),
    Setting(
        "camera",
        "width",
        int,
        1280,
        "Requested frame width in pixels.",
        check=_range(160, 7680),
        allowed_text="an integer from 160 to 7680",
    ),
    Setting(
        "camera",
        "height",
        int,
        720,
        "Requested frame height in pixels.",
        check=_range(120, 4320),
        allowed_text="an integer from 120 to 4320",
    ),
    Setting(
        "camera",
        "fps",
        int,
        30,
        "Requested frames per second.",
        check=_range(1, 120),
        allowed_text="an integer from 1 to 120",
    ),
    Setting(
        "ui",
        "idle_timeout_s",
        int,
        60,
        'Seconds without a touch or scan before the kiosk asks "Still there?".',
        check=_range(10, 3600),
        allowed_text="an integer from 10 to 3600",
    ),
    Setting(
        "ui",
        "still_there_s",
        int,
        10,
        'Seconds the "Still there?" countdown runs '
        "before the kiosk starts over and forgets the shopper.",
        check=_range(3, 120),
        allowed_text="an integer from 3 to 120",
    ),
    Setting(
        "ui", "language", str, "en", "Language the kiosk starts in.", allowed=("en", "de", "fr")
    ),
    Setting(
        "ui",
        "countries",
        str,
        "DE,AT,CH,NL,FR",
        "Countries the ship-to-home form offers, as comma-separated ISO 3166 codes; "
        "the first is preselected. Postcode rules exist for DE, AT, CH, FR, NL, GB, BE, LU, "
        "DK, IT, ES and PL.",
        check=_countries,
        allowed_text="comma-separated two-letter country codes",
    ),
    Setting(
        "ui",
        "delivery_days",
        int,
        4,
        "Working days the review screen promises for home delivery.",
        check=_range(1, 30),
        allowed_text="an integer from 1 to 30",
    ),
    Setting(
        "ui",
        "fullscreen",
        bool,
        True,
        "Fill the screen without window frame (kiosk mode). Turn off for development.",
        allowed_text="true or false",
    ),
    Setting(
        "ui",
        "hide_pointer",
        bool,
        False,
        "Hide the mouse pointer (touch-only hardware).",
        allowed_text="true or false",
    ),
    Setting(
        "admin",
        "staff_file",
        str,
        "",
        "TOML file listing staff as [[staff]] tables with id, name and pin_hash "
        "(make one hash with: python -m kiosk hash-pin). Empty: the admin screen is off.",
        allowed_text="a file path, or empty",
    ),
    Setting(
        "admin",
        "staff_key",
        str,
        "",
        "The store's staff API key for the admin screen. Prefer the environment "
        "(EA_ADMIN__STAFF_KEY) or admin.staff_key_file over writing it here.",
        allowed_text="a string",
        secret=True,
    ),
    Setting(
        "admin",
        "staff_key_file",
        str,
        "",
        "File holding the staff API key (first line). Used when admin.staff_key is empty.",
        allowed_text="a file path",
    ),
    Setting(
        "admin",
        "idle_timeout_s",
        int,
        120,
        "Seconds without a touch before the admin screen logs out.",
        check=_range(15, 3600),
        allowed_text="an integer from 15 to 3600",
    ),
    Setting(
        "admin",
        "import_dir",
        str,
        "",
        "Folder whose .csv files the admin screen offers for import (e.g. a USB stick mount).",
        allowed_text="a directory path, or empty",
    ),
    Setting(
        "admin",
        "export_dir",
        str,
        "",
        "Folder the lost-demand CSV export is written to (default: paths.data_dir/exports).",
        allowed_text="a directory path, or empty",
    ),
    Setting(
        "logging",
        "dir",
        str,
        "",
        "Folder for rotating JSON-lines log files. Empty: log to stderr (journald under systemd).",
        allowed_text="a directory path, or empty",
    ),
    Setting(
        "logging",
        "level",
        str,
        "INFO",
        "Least severe level written to the log.",
        allowed=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    Setting(
        "paths",
        "data_dir",
        str,
        "/var/lib/endless-aisle",
        "Directory for the order outbox and the stock cache; must be writable by the kiosk user.",
        check=_non_empty,
        allowed_text="a directory path",
    ),
    Setting(
        "display",
        "screen",
        str,
        "",
        "The screen the kiosk fills, by output name (as xrandr or the compositor names it, "
        'e.g. "HDMI-1") or by index ("0"). Empty: the primary screen.',
        allowed_text="an output name, an index, or empty",
    ),
    Setting(
        "display",
        "rotation",
        int,
        0,
        "Degrees clockwise to turn the picture (a portrait panel mounted sideways). Applied "
        "at start with xrandr on X and wlr-randr on Wayland.",
        allowed=(0, 90, 180, 270),
    ),
)

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(s.section for s in SCHEMA))
_BY_KEY: dict[str, Setting] = {s.key: s for s in SCHEMA}


# --- the typed result ----------------------------------------------------------------


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
class Config:
    kiosk: KioskSection
    service: ServiceSection
    camera: CameraSection
    ui: UiSection
    admin: AdminSection
    logging: LoggingSection
    paths: PathsSection
    display: DisplaySection


SECTION_CLASSES: dict[str, type] = {
    "kiosk": KioskSection,
    "service": ServiceSection,
    "camera": CameraSection,
    "ui": UiSection,
    "admin": AdminSection,
    "logging": LoggingSection,
    "paths": PathsSection,
    "display": DisplaySection,
}


def default(key: str) -> Any:
    """The schema's default for one key, e.g. ``default("service.read_timeout_s")``."""
    setting = _BY_KEY[key]
    if setting.required:
        raise KeyError(f"{key} has no default")
    return setting.default


def defaults(section: str) -> Any:
    """``section``'s dataclass filled with the schema's defaults, for parts built without a
    config file (tests, tools). The defaults live only in :data:`SCHEMA`; code that needs one
    asks here instead of repeating the number."""
    cls = SECTION_CLASSES[section]
    values = {f.name: _BY_KEY[f"{section}.{f.name}"].default for f in fields(cls)}
    missing = [name for name, value in values.items() if value is REQUIRED]
    if missing:
        raise KeyError(f"[{section}] has no default for {', '.join(missing)}")
    return cls(**values)


# --- parsing -------------------------------------------------------------------------


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Read ``path`` (TOML; ``None`` means environment and defaults only) and validate."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_config(data, os.environ if env is None else env)


def parse_config(data: Mapping[str, Any], env: Mapping[str, str] | None = None) -> Config:
    """Validate already-parsed TOML ``data`` plus environment overrides into a :class:`Config`."""
    env = {} if env is None else env
    raw: dict[str, Any] = {}
    for section, table in data.items():
        if section not in SECTIONS:
            raise ConfigError(
                f"[{section}]: unknown section; allowed sections: {', '.join(SECTIONS)}"
            )
        if not isinstance(table, Mapping):
            raise ConfigError(f"{section}: must be a table ([{section}])")
        for name, value in table.items():
            key = f"{section}.{name}"
            if key not in _BY_KEY:
                known = ", ".join(s.name for s in SCHEMA if s.section == section)
                raise ConfigError(f"{key}: unknown key; keys in [{section}]: {known}")
            raw[key] = value
    for setting in SCHEMA:
        if setting.env_var in env:
            raw[setting.key] = _from_env(setting, env[setting.env_var])

    values: dict[str, Any] = {}
    for setting in SCHEMA:
        if setting.key in raw:
            values[setting.key] = _validate(setting, raw[setting.key])
        elif setting.required:
            raise ConfigError(
                f"{setting.key}: missing; set it in the config file or {setting.env_var}"
            )
        else:
            values[setting.key] = setting.default
    values["service.api_key"] = _resolve_secret(values, "service.api_key", required=True)
    values["admin.staff_key"] = _resolve_secret(
        values, "admin.staff_key", required=bool(values["admin.staff_file"])
    )

    sections = {}
    for section, cls in SECTION_CLASSES.items():
        kwargs = {f.name: values[f"{section}.{f.name}"] for f in fields(cls)}
        sections[section] = cls(**kwargs)
    return Config(**sections)


def _resolve_secret(values: dict[str, Any], key: str, *, required: bool) -> str:
    """A secret from its own key (file or environment), else from ``<key>_file``."""
    secret = values[key]
    if secret:
        return secret
    file_key = f"{key}_file"
    key_file = values[file_key]
    if not key_file:
        if not required:
            return ""
        raise ConfigError(
            f"{key}: missing; set {_BY_KEY[key].env_var} or {file_key} "
            "(keep the key out of the config file)"
        )
    try:
        lines = Path(key_file).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(
            f"{file_key}: cannot read {key_file!r} ({exc.strerror}); "
            "allowed: a readable file holding the key"
        ) from None
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise ConfigError(
            f"{file_key}: {key_file!r} is empty; allowed: a file whose first line is the key"
        )
    return secret


def _from_env(setting: Setting, text: str) -> Any:
    """Turn an environment string into the setting's type (validated later)."""
    if setting.kind is bool:
        lowered = text.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(
            f"{setting.key}: {text!r} from {setting.env_var} is not a boolean; "
            "allowed: true or false"
        )
    if setting.kind in (int, float):
        try:
            return setting.kind(text.strip())
        except ValueError:
            raise ConfigError(
                f"{setting.key}: {text!r} from {setting.env_var} is not a number; "
                f"allowed: {setting.describe_allowed()}"
            ) from None
    return text


def _validate(setting: Setting, value: Any) -> Any:
    shown = "<hidden>" if setting.secret else _toml_value(value)
    value = _coerce_type(setting, value, shown)
    if setting.allowed is not None and value not in setting.allowed:
        raise ConfigError(
            f"{setting.key}: {shown} is not allowed; allowed: {setting.describe_allowed()}"
        )
    if setting.check is not None:
        try:
            value = setting.check(value)
        except ValueError as exc:
            raise ConfigError(f"{setting.key}: {shown} is not allowed; allowed: {exc}") from None
    return value


def _coerce_type(setting: Setting, value: Any, shown: str) -> Any:
    kind = setting.kind
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is str and setting.key == "camera.source" and type(value) is int:
        return str(value)  # camera.source = 0 is a natural thing to write
    if type(value) is not kind:
        raise ConfigError(
            f"{setting.key}: {shown} is {_a_toml_type(type(value))}, expected "
            f"{_a_toml_type(kind)}; allowed: {setting.describe_allowed()}"
        )
    return value


def _a_toml_type(kind: type) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        dict: "a table",
        list: "an array",
    }
    return names.get(kind, f"a {kind.__name__}")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return repr(value) if not isinstance(value, (int, float)) else str(value)


# --- the example file ----------------------------------------------------------------


def example_toml() -> str:
    """The documented example config, generated from :data:`SCHEMA`.

    Required keys are set to an example value; optional keys are commented out at their
    default, so the file parses and documents every default.
    """
    lines = [
        "# Endless Aisle kiosk configuration.",
        "# GENERATED by `python -m kiosk config-example`; do not edit by hand.",
        f"# Default location: {DEFAULT_CONFIG_PATH} (or pass --config FILE).",
        "# Every key can be overridden from the environment as EA_<SECTION>__<KEY>,",
        "# e.g. EA_SERVICE__API_KEY. Keys left commented out take the default shown.",
    ]
    for section in SECTIONS:
        lines += ["", f"[{section}]"]
        for setting in (s for s in SCHEMA if s.section == section):
            lines.append("")
            lines += [f"# {line}" for line in _wrap(setting.description)]
            lines.append(
                f"# Allowed: {setting.describe_allowed()}. Environment: {setting.env_var}."
            )
            if setting.required:
                lines.append("# Required.")
                lines.append(f"{setting.name} = {_toml_value(setting.example)}")
            else:
                lines.append(f"# {setting.name} = {_toml_value(setting.default)}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 88) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines
