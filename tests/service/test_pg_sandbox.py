"""The test PostgreSQL server starts however root must start it (as nobody, or namespaced)."""

from __future__ import annotations

import os

import psycopg
import pytest

from inventory_service import pg_sandbox

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the launch modes are root's")


@pytest.mark.parametrize("mode", ["nobody", "namespace"])
def test_a_server_started_either_way_answers_as_an_ordinary_user(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        pg_sandbox.find_binary("initdb")
    except pg_sandbox.SandboxUnavailable:
        if os.environ.get("CI"):
            raise
        pytest.skip("no PostgreSQL server binaries here")
    monkeypatch.setattr(pg_sandbox, "_launch_mode", lambda _initdb: mode)
    with pg_sandbox.PostgresSandbox() as pg:
        url = pg.create_database("launch_mode")
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT current_user, current_setting('data_directory')").fetchone()
    assert row is not None and row[0] == "postgres"
    assert pg.dir is None  # stopped and removed


def test_root_uses_nobody_where_nobody_can_reach_the_binaries() -> None:
    try:
        initdb = pg_sandbox.find_binary("initdb")
    except pg_sandbox.SandboxUnavailable:
        pytest.skip("no PostgreSQL server binaries here")
    reachable = os.stat("/").st_mode & 0o001  # others may traverse the root
    assert pg_sandbox._launch_mode(initdb) == ("nobody" if reachable else "namespace")
