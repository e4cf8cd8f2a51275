"""The test PostgreSQL server starts however root must start it, also where nobody cannot
reach anything (a build root whose ``/`` is mode 0700, as in a fresh debootstrap chroot)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import psycopg
import pytest

from inventory_service import pg_sandbox

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the launch modes are root's")


@pytest.fixture
def initdb() -> str:
    try:
        return pg_sandbox.find_binary("initdb")
    except pg_sandbox.SandboxUnavailable:
        if os.environ.get("CI"):
            raise
        pytest.skip("no PostgreSQL server binaries here")


def _answers(pg: pg_sandbox.PostgresSandbox) -> str:
    url = pg.create_database("launch_mode")
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT current_user").fetchone()
    assert row is not None
    return str(row[0])


@pytest.mark.parametrize("mode", ["nobody", "nobody-searching"])
def test_a_server_started_either_way_answers(
    mode: str, initdb: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_sandbox, "_launch_mode", lambda _initdb: mode)
    with pg_sandbox.PostgresSandbox() as pg:
        assert _answers(pg) == "postgres"
    assert pg.dir is None  # stopped and removed


def test_behind_a_directory_nobody_cannot_enter_the_server_still_starts(
    initdb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)  # what / is in a debootstrap root made under mktemp -d
    monkeypatch.setattr(tempfile, "tempdir", str(closed))
    monkeypatch.setattr(pg_sandbox, "_launch_mode", lambda _initdb: "nobody")
    with pytest.raises(RuntimeError, match="failed"):
        pg_sandbox.PostgresSandbox().start()  # plain nobody is locked out: the case exists
    monkeypatch.setattr(pg_sandbox, "_launch_mode", lambda _initdb: "nobody-searching")
    with pg_sandbox.PostgresSandbox() as pg:
        assert _answers(pg) == "postgres"


def test_root_uses_plain_nobody_where_nobody_can_reach_the_binaries(initdb: str) -> None:
    reachable = os.stat("/").st_mode & 0o001  # others may search the root directory
    assert pg_sandbox._launch_mode(initdb) == ("nobody" if reachable else "nobody-searching")
