"""The config schema: every key once, with its type, default, allowed values and description.

:data:`SCHEMA` is a data table — one :class:`Setting` per key, about ten lines each — so this
module is long by design (the reason it is over 400 lines); the code around it is short.
Adding a key: one ``Setting`` here and one field in its section (:mod:`kiosk.config.sections`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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
            return "one of " + ", ".join(toml_value(a) for a in self.allowed)
        return self.allowed_text or f"a {self.kind.__name__}"


def _identifier(value: str) -> str:
    if not _IDENTIFIER.match(value):
        raise ValueError("1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError("an http:// or https:// URL")
    return value.rstrip("/")


def _optional_url(value: str) -> str:
    return _url(value) if value.strip() else ""


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


def _readable_file_or_empty(value: str) -> str:
    """A CA bundle must be there at start: a missing one would fail every request later."""
    if value.strip() and not Path(value.strip()).is_file():
        raise ValueError("a file that exists (the store CA, store-ca.pem), or empty")
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
        "service",
        "ca_bundle",
        str,
        "",
        "PEM file of the CA(s) that signed the service's certificate (a store's own CA: "
        "'python -m inventory_service make-cert'). Empty: REQUESTS_CA_BUNDLE, SSL_CERT_FILE "
        "or SSL_CERT_DIR if set, else the public CAs.",
        check=_readable_file_or_empty,
        allowed_text="a file path, or empty",
    ),
    Setting(
        "service",
        "allow_plain_http",
        bool,
        False,
        "Accept an http:// service URL that is not loopback (keys and orders then cross the "
        "LAN in clear text). Without it, 'kiosk doctor' fails such a URL.",
    ),
    Setting(
        "service",
        "public_url",
        str,
        "",
        "Base URL at which shoppers' phones reach the service (on the store's Wi-Fi or the "
        "internet), e.g. https://shop.example.com. Set: the product screen and the address "
        "form offer 'Continue on your phone' and the confirmation's QR code opens the "
        "order's status page. Empty: neither ('kiosk doctor' checks that it answers).",
        check=_optional_url,
        allowed_text="an http:// or https:// URL, or empty",
        example="http://192.168.1.20:8765",
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
    Setting(
        "scanner",
        "keyboard",
        str,
        "auto",
        'Which keyboard a USB (keyboard-wedge) scanner types for: "auto" decides per scan '
        '(a code that only makes sense read as US keys is read so), "us" for a scanner set to '
        'US on a store whose layout is German or French, "os" for a scanner set to the '
        "system's own layout.",
        allowed=("auto", "us", "os"),
    ),
    Setting(
        "scanner",
        "terminator",
        str,
        "enter",
        'The key the scanner sends after each code: "enter", "tab", or "enter,tab" '
        "for a mix of scanners.",
        allowed=("enter", "tab", "enter,tab"),
    ),
    Setting(
        "scanner",
        "min_length",
        int,
        6,
        "Shortest scan accepted from a keyboard-wedge scanner; shorter fast bursts are "
        "treated as typing.",
        check=_range(4, 64),
        allowed_text="an integer from 4 to 64",
    ),
)

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(s.section for s in SCHEMA))
BY_KEY: dict[str, Setting] = {s.key: s for s in SCHEMA}


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return repr(value) if not isinstance(value, (int, float)) else str(value)
