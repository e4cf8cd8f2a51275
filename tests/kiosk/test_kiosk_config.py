"""kiosk.config: one schema, one-line errors, and the example file generated from it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk import config as cfg
from kiosk.config import ConfigError, example_toml, load_config, parse_config

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "deploy" / "kiosk.example.toml"
KEY_ENV = {"EA_SERVICE__API_KEY": "secret-kiosk-key"}

MINIMAL = {
    "kiosk": {"id": "mitte-kiosk-1", "store_id": "berlin-mitte"},
    "service": {"url": "http://127.0.0.1:8765/"},
}


def parse_error(data: dict, env: dict | None = None) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(data, KEY_ENV if env is None else env)
    message = str(info.value)
    assert "\n" not in message
    return message


def with_key(section: str, name: str, value: object) -> dict:
    data = {k: dict(v) for k, v in MINIMAL.items()}
    data.setdefault(section, {})[name] = value
    return data


def test_minimal_config_gets_every_default() -> None:
    config = parse_config(MINIMAL, KEY_ENV)
    assert config.kiosk.id == "mitte-kiosk-1"
    assert config.service.url == "http://127.0.0.1:8765"  # trailing slash dropped
    assert config.service.api_key == "secret-kiosk-key"
    assert config.service.connect_timeout_s == 2.0
    assert config.ui.idle_timeout_s == 60
    assert config.ui.still_there_s == 10
    assert config.ui.language == "en"
    assert config.ui.fullscreen is True
    assert config.camera.source == "0"
    assert config.paths.outbox_path == Path("/var/lib/endless-aisle/outbox.sqlite")


def test_api_key_is_not_in_repr() -> None:
    config = parse_config(MINIMAL, KEY_ENV)
    assert "secret-kiosk-key" not in repr(config)


def test_schema_and_dataclasses_agree() -> None:
    declared = {s.key for s in cfg.SCHEMA}
    fields = {
        f"{section}.{f.name}"
        for section, cls in cfg.SECTION_CLASSES.items()
        for f in dataclasses.fields(cls)
    }
    assert declared == fields
    assert all(s.description for s in cfg.SCHEMA)


def test_bad_type_names_key_value_and_allowed() -> None:
    message = parse_error(with_key("ui", "idle_timeout_s", "sixty"))
    assert message == (
        'ui.idle_timeout_s: "sixty" is a string, expected an integer; '
        "allowed: an integer from 10 to 3600"
    )


def test_bool_is_not_an_integer() -> None:
    message = parse_error(with_key("camera", "fps", True))
    assert message.startswith("camera.fps: true is a boolean")


def test_out_of_range() -> None:
    message = parse_error(with_key("ui", "still_there_s", 1))
    assert message == "ui.still_there_s: 1 is not allowed; allowed: an integer from 3 to 120"


def test_unknown_key_lists_known_keys() -> None:
    message = parse_error(with_key("ui", "idle_timeout", 60))
    assert message.startswith("ui.idle_timeout: unknown key; keys in [ui]: idle_timeout_s,")


def test_unknown_section() -> None:
    message = parse_error({**MINIMAL, "printer": {"x": 1}})
    assert message.startswith("[printer]: unknown section; allowed sections: kiosk, service")


def test_bad_enum() -> None:
    message = parse_error(with_key("ui", "language", "klingon"))
    assert message == 'ui.language: "klingon" is not allowed; allowed: one of "en", "de", "fr"'


def test_bad_identifier_and_url() -> None:
    assert parse_error(with_key("kiosk", "id", "no spaces")).startswith(
        'kiosk.id: "no spaces" is not allowed; allowed: 1-64 letters'
    )
    assert parse_error(with_key("service", "url", "ftp://x")).endswith(
        "allowed: an http:// or https:// URL"
    )


def test_missing_required_key() -> None:
    message = parse_error({"kiosk": {"id": "k1"}, "service": MINIMAL["service"]})
    assert message == ("kiosk.store_id: missing; set it in the config file or EA_KIOSK__STORE_ID")


def test_missing_secret() -> None:
    message = parse_error(MINIMAL, env={})
    assert message.startswith("service.api_key: missing; set EA_SERVICE__API_KEY or")


def test_secret_from_file(tmp_path: Path) -> None:
    key_file = tmp_path / "kiosk.key"
    key_file.write_text("from-file\n", encoding="utf-8")
    config = parse_config(with_key("service", "api_key_file", str(key_file)), env={})
    assert config.service.api_key == "from-file"


def test_unreadable_secret_file(tmp_path: Path) -> None:
    message = parse_error(with_key("service", "api_key_file", str(tmp_path / "nope")), env={})
    assert message.startswith("service.api_key_file: cannot read")


def test_secret_value_is_never_echoed() -> None:
    message = parse_error(with_key("service", "api_key", 12345), env={})
    assert "12345" not in message
    assert message.startswith("service.api_key: <hidden> is an integer, expected a string")


def test_environment_overrides_file() -> None:
    env = KEY_ENV | {
        "EA_UI__IDLE_TIMEOUT_S": "90",
        "EA_UI__FULLSCREEN": "no",
        "EA_CAMERA__SOURCE": "/dev/video2",
    }
    config = parse_config(with_key("ui", "idle_timeout_s", 30), env)
    assert config.ui.idle_timeout_s == 90
    assert config.ui.fullscreen is False
    assert config.camera.source == "/dev/video2"


def test_bad_environment_value() -> None:
    message = parse_error(MINIMAL, KEY_ENV | {"EA_UI__FULLSCREEN": "maybe"})
    assert message == (
        "ui.fullscreen: 'maybe' from EA_UI__FULLSCREEN is not a boolean; allowed: true or false"
    )


def test_camera_index_may_be_an_integer() -> None:
    assert parse_config(with_key("camera", "source", 1), KEY_ENV).camera.source == "1"


def test_load_reports_bad_toml_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[kiosk\nid = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, KEY_ENV)
    assert str(info.value).startswith(f"{path}: not valid TOML")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "missing.toml", KEY_ENV)


def test_committed_example_is_generated_from_the_schema() -> None:
    assert EXAMPLE.read_text(encoding="utf-8") == example_toml(), (
        "deploy/kiosk.example.toml is stale: run "
        "`python -m kiosk config-example > deploy/kiosk.example.toml`"
    )


def test_example_parses_and_documents_every_key() -> None:
    text = example_toml()
    config = load_config(EXAMPLE, KEY_ENV)
    assert config.kiosk.store_id == "berlin-mitte"
    assert tomllib.loads(text)  # plain TOML
    for setting in cfg.SCHEMA:
        assert setting.env_var in text
        assert f"{setting.name} = " in text


def test_config_example_command_prints_the_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "config-example"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert result.stdout == example_toml()


def test_defaults_are_read_from_the_schema() -> None:
    ui = cfg.defaults("ui")
    for setting in (s for s in cfg.SCHEMA if s.section == "ui"):
        assert getattr(ui, setting.name) == setting.default
    read = next(s for s in cfg.SCHEMA if s.key == "service.read_timeout_s")
    assert cfg.default("service.read_timeout_s") == read.default
    with pytest.raises(KeyError, match=r"kiosk\.id"):
        cfg.default("kiosk.id")
    with pytest.raises(KeyError, match=r"\[kiosk\]"):
        cfg.defaults("kiosk")  # required keys have no default
