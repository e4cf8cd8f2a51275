"""Key lifecycle (issue 15 item 1) on both engines: ``keys add/list/revoke/rotate`` against
a running service, expiry and revocation answering exactly like an unknown key, last use
written at most once a minute, ``seed`` installing no key, and the demo keys refused off
loopback."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from support.api import Api

from inventory_service import rules
from inventory_service.__main__ import main
from inventory_service.keys_cli import KeyCommandError, parse_expiry
from inventory_service.seed import DEMO_KEYS, DEMO_STAFF_KEY
from inventory_service.serve_guard import is_loopback, refuse_demo_keys_off_loopback
from inventory_service.storage import KeyScope

from .db_helpers import open_storage, rows


def _keys(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["keys", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _unknown_401(url: str) -> tuple[int, str]:
    with Api(url, "never-issued-" + rules.new_api_key()) as api:
        resp = api.get("/v1/keys/self")
    return resp.status_code, resp.text


def test_add_list_use_rotate_revoke(fresh_service, capsys) -> None:
    db, url, store = str(fresh_service.db_path), fresh_service.url, fresh_service.store_id
    code, out, err = _keys(
        capsys, "add", "--db", db, "--scope", "kiosk", "--store-id", store,
        "--kiosk-id", "kiosk-7", "--expires", "30d",
    )  # fmt: skip
    assert code == 0 and "not shown again" in err
    secret = out.strip()
    assert len(secret) >= 32 and "\n" not in secret
    stored = rows(db, "SELECT * FROM api_keys WHERE label = 'kiosk kiosk-7'")
    assert [r["key_hash"] for r in stored] == [rules.hash_api_key(secret)]  # only the hash

    with Api(url, secret) as api:
        me = api.get("/v1/keys/self")
        assert me.status_code == 200, me.text
        info = me.json()
        assert (info["scope"], info["store_id"], info["kiosk_id"]) == ("kiosk", store, "kiosk-7")
        assert info["age_days"] == 0 and info["renew_soon"] is False
        expires = datetime.fromisoformat(info["expires_at"])
        assert timedelta(days=29) < expires - datetime.now(UTC) <= timedelta(days=30)
        assert info["last_used_at"] is None  # the use before this one: none
        assert secret not in me.text
        assert api.get("/v1/keys/self").json()["last_used_at"] is not None

    code, listing, _ = _keys(capsys, "list", "--db", db)
    assert code == 0 and "kiosk kiosk-7" in listing and "active" in listing
    assert secret not in listing and rules.hash_api_key(secret) not in listing
    key_id = str(stored[0]["id"])

    unknown = _unknown_401(url)
    assert unknown[0] == 401
    code, out, err = _keys(capsys, "rotate", "--db", db, key_id, "--expires", "never")
    assert code == 0 and f"Key {key_id} is revoked" in err
    new_secret = out.strip()
    assert new_secret != secret
    with Api(url, secret) as old, Api(url, new_secret) as new:
        refused = old.get("/v1/keys/self")
        assert (refused.status_code, refused.text) == unknown  # exactly like an unknown key
        me = new.get("/v1/keys/self").json()
        assert (me["kiosk_id"], me["label"], me["expires_at"]) == ("kiosk-7", "kiosk kiosk-7", None)
        new_id = str(me["id"])
        code, out, _ = _keys(capsys, "revoke", "--db", db, new_id)
        assert code == 0 and "revoked" in out
        refused = new.get("/v1/keys/self")
        assert (refused.status_code, refused.text) == unknown
    code, out, _ = _keys(capsys, "revoke", "--db", db, new_id)
    assert code == 0 and "already" in out
    code, active, _ = _keys(capsys, "list", "--db", db)
    assert "kiosk kiosk-7" not in active
    code, everything, _ = _keys(capsys, "list", "--db", db, "--all")
    assert everything.count("kiosk kiosk-7") == 2 and "revoked" in everything
    code, _, err = _keys(capsys, "rotate", "--db", db, new_id)
    assert code == 2 and "no usable key" in err

    # One service per engine for the whole lifecycle (a service start is the cost here).
    _expired_key_answers_like_an_unknown_one(fresh_service)
    _last_use_is_written_at_most_once_a_minute(fresh_service)


def _expired_key_answers_like_an_unknown_one(fresh_service) -> None:
    secret = rules.new_api_key()
    with open_storage(fresh_service.db_path) as storage:
        storage.add_api_key(
            rules.hash_api_key(secret),
            KeyScope.STAFF,
            str(fresh_service.store_id),
            None,
            "expired staff",
            expires_at=datetime.now(UTC) - timedelta(seconds=1),
        )
    with Api(fresh_service.url, secret) as api:
        refused = api.get("/v1/locations")
    assert (refused.status_code, refused.text) == _unknown_401(fresh_service.url)


def _last_use_is_written_at_most_once_a_minute(fresh_service) -> None:
    with Api(fresh_service.url, fresh_service.staff_key) as api:
        assert api.get("/v1/locations").status_code == 200
        query = "SELECT last_used_at FROM api_keys WHERE key_hash = ?"
        [first] = rows(fresh_service.db_path, query, (rules.hash_api_key(DEMO_STAFF_KEY),))
        assert first["last_used_at"] is not None
        for _ in range(3):
            assert api.get("/v1/locations").status_code == 200
        [later] = rows(fresh_service.db_path, query, (rules.hash_api_key(DEMO_STAFF_KEY),))
    assert later["last_used_at"] == first["last_used_at"]


def test_add_refuses_what_it_cannot_do(service_db, capsys) -> None:
    db = str(service_db)
    cases = [
        (["--scope", "kiosk", "--store-id", "s1"], "--kiosk-id is required"),
        (["--scope", "staff"], "--store-id is required"),
        (["--scope", "head-office", "--store-id", "s1"], "for the chain"),
        (["--scope", "staff", "--store-id", "s1", "--expires", "2001-01-01"], "in the past"),
        (["--scope", "staff", "--store-id", "s1", "--expires", "soon"], "neither"),
    ]
    for args, message in cases:
        code, out, err = _keys(capsys, "add", "--db", db, *args)
        assert (code, out) == (2, "") and message in err, (args, err)
    with open_storage(service_db) as storage:
        assert storage.list_api_keys() == []  # a refusal changes nothing
    code, out, _ = _keys(capsys, "add", "--db", db, "--scope", "head-office")
    assert code == 0
    with open_storage(service_db) as storage:
        [key] = storage.list_api_keys()
    assert (key.scope, key.store_id, key.kiosk_id) == (KeyScope.HEAD_OFFICE, "*", None)
    assert key.expires_at is not None  # 365 days unless told otherwise


def test_expiry_forms() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_expiry("90d", now) == now + timedelta(days=90)
    assert parse_expiry("2027-06-30", now) == datetime(2027, 6, 30, tzinfo=UTC)
    assert parse_expiry("never", now) is None
    for bad in ("0d", "2025-12-31", "tomorrow", "90"):
        with pytest.raises(KeyCommandError):
            parse_expiry(bad, now)


def test_seed_installs_no_key(service_db, capsys) -> None:
    assert main(["seed", "--db", str(service_db)]) == 0
    capsys.readouterr()
    with open_storage(service_db) as storage:
        assert storage.list_api_keys() == []
        assert len(storage.list_locations()) > 1  # the catalogue is there


def test_demo_keys_are_refused_off_loopback(tmp_path) -> None:
    service_db = tmp_path / "inventory.db"  # the refusal is the command's, not the engine's
    cmd = [sys.executable, "-m", "inventory_service", "--db", str(service_db)]
    done = subprocess.run(
        [*cmd, "--seed", "demo", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "refusing to listen on 0.0.0.0" in done.stderr and "demo" in done.stderr
    assert "listening" not in done.stdout
    assert "Traceback" not in done.stderr
    # Once the demo keys are revoked, the same database may serve the network.
    with open_storage(service_db) as storage:
        for secret in DEMO_KEYS:
            key = storage.find_api_key(rules.hash_api_key(secret))
            assert key is not None
            storage.revoke_api_key(key.id, datetime.now(UTC))
    assert refuse_demo_keys_off_loopback(service_db, "0.0.0.0") is None


def test_loopback_is_told_apart() -> None:
    for host in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.10", "no-such-host.invalid"):
        assert not is_loopback(host), host
