"""The kiosk's configuration: one schema, parsed from TOML and the environment, validated once.

Every key is declared once in :data:`SCHEMA` with its type, default, allowed values and
description. :func:`load_config` reads the TOML file, applies ``EA_<SECTION>__<KEY>``
environment overrides (``EA_SERVICE__API_KEY=...``), validates everything and returns a
frozen :class:`Config`. :func:`example_toml` renders ``deploy/kiosk.example.toml`` from the
same schema, so the documented file cannot drift from the code (a test checks it).

Every problem is reported as one :class:`ConfigError` line naming the key, the bad value and
what is allowed, so IT can fix it from a journal line.

The package: :mod:`~kiosk.config.schema` (the table), :mod:`~kiosk.config.sections` (the
typed result and the defaults), :mod:`~kiosk.config.parse` (file, environment, validation),
:mod:`~kiosk.config.example` (the example file). Import everything from ``kiosk.config``.

Secrets (``service.api_key``) may come from the environment or from a file named by
``service.api_key_file``; they are never required in the config file itself.
"""

from kiosk.config.example import example_toml
from kiosk.config.parse import load_config, parse_config
from kiosk.config.schema import (
    DEFAULT_CONFIG_PATH,
    ENV_PREFIX,
    REQUIRED,
    SCHEMA,
    SECTIONS,
    ConfigError,
    Setting,
)
from kiosk.config.sections import (
    SECTION_CLASSES,
    AdminSection,
    CameraSection,
    Config,
    DisplaySection,
    KioskSection,
    LoggingSection,
    PathsSection,
    ScannerSection,
    ServiceSection,
    UiSection,
    default,
    defaults,
)

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "ENV_PREFIX",
    "REQUIRED",
    "SCHEMA",
    "SECTIONS",
    "SECTION_CLASSES",
    "AdminSection",
    "CameraSection",
    "Config",
    "ConfigError",
    "DisplaySection",
    "KioskSection",
    "LoggingSection",
    "PathsSection",
    "ScannerSection",
    "ServiceSection",
    "Setting",
    "UiSection",
    "default",
    "defaults",
    "example_toml",
    "load_config",
    "parse_config",
]
