"""Parse TOML and the environment into a :class:`~kiosk.config.sections.Config`, validated once."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from kiosk.config.schema import BY_KEY, SCHEMA, SECTIONS, ConfigError, Setting, toml_value
from kiosk.config.sections import SECTION_CLASSES, Config


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
            if key not in BY_KEY:
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
    secret: str = values[key]
    if secret:
        return secret
    file_key = f"{key}_file"
    key_file = values[file_key]
    if not key_file:
        if not required:
            return ""
        raise ConfigError(
            f"{key}: missing; set {BY_KEY[key].env_var} or {file_key} "
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
    shown = "<hidden>" if setting.secret else toml_value(value)
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
