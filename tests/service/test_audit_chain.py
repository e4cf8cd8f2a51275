"""The audit trail is a hash chain the service writes itself (issue 15 item 3).

- ``verify`` names a changed, deleted, inserted or blanked row (pure, on sealed rows);
- on both engines the database refuses UPDATE and DELETE of audit rows (triggers), a
  client cannot set the actor or the time, ``audit verify`` passes on a real trail and
  names the row a database owner changed behind the triggers' back, and concurrent
  writers (threads, each its own connection) still write one chain without gaps.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.api import Api, assert_error, new_key

from inventory_client.models import AuditEventCreate
from inventory_service import audit_chain
from inventory_service.__main__ import main
from inventory_service.audit_chain import GENESIS, Head, verify
from inventory_service.launcher import ServiceProcess
from inventory_service.storage.audit import chain_rows, stored_head
from inventory_service.storage.backends import backend_for, database_errors
from inventory_service.storage.base import AuditStamp

from .db_helpers import open_storage

T0 = datetime(2026, 1, 1, tzinfo=UTC)


# --- verify, pure -------------------------------------------------------------------


def _chain(n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        fields = {
            "id": f"id-{seq}",
            "store_id": "store-a",
            "actor": "Anna",
            "key_label": "staff",
            "action": "privacy.erase" if seq == n else "order.status",
            "detail": f"order EA-{seq:06d}: paid -> shipped",
            "at": (T0 + timedelta(minutes=seq)).isoformat(),
            "received_at": (T0 + timedelta(minutes=seq)).isoformat(),
        }
        seal = audit_chain.seal(fields, seq=seq, prev_hash=prev)
        rows.append(
            {
                **fields,
                "seq": seq,
                "detail_nonce": seal.detail_nonce,
                "detail_hash": seal.detail_hash,
                "prev_hash": prev,
                "row_hash": seal.row_hash,
                "redacted_by": None,
            }
        )
        prev = seal.row_hash
    return rows


def _head(rows: list[dict[str, Any]]) -> Head:
    return Head(rows[-1]["seq"], rows[-1]["row_hash"])


def _kinds(rows: list[dict[str, Any]], head: Head | None) -> list[tuple[int | None, str]]:
    return [(p.seq, p.kind) for p in verify(rows, head).problems]


def test_an_intact_chain_verifies_and_reports_its_head() -> None:
    rows = _chain(5)
    verdict = verify(rows, _head(rows))
    assert verdict.ok and verdict.rows == 5 and verdict.head == _head(rows)
    assert Head.parse(str(verdict.head)) == verdict.head


def test_each_kind_of_tampering_is_named_with_its_row() -> None:
    rows = _chain(5)
    head = _head(rows)
    changed = [dict(r) for r in rows]
    changed[1]["actor"] = "system"
    assert _kinds(changed, head) == [(2, "changed")]

    detail = [dict(r) for r in rows]
    detail[2]["detail"] = "order EA-000003: paid -> cancelled"
    assert _kinds(detail, head) == [(3, "detail-changed")]

    assert _kinds(rows[:2] + rows[3:], head) == [(4, "deleted"), (4, "inserted")]
    assert _kinds(rows[:4], head) == [(None, "head")]  # the last row deleted

    forged = {**rows[1], "id": "forged", "seq": None, "row_hash": None}
    assert _kinds([forged, *rows], head) == [(None, "inserted")]
    relinked = [dict(r) for r in rows]
    relinked[3]["prev_hash"] = relinked[1]["row_hash"]  # skip a row, keep the numbers
    assert (4, "inserted") in _kinds(relinked, head)


def test_a_blanked_detail_verifies_only_when_a_later_erasure_row_names_it() -> None:
    rows = _chain(5)  # row 5 is a privacy.erase row
    erased = [dict(r) for r in rows]
    erased[1].update(detail="", detail_nonce=None, redacted_by=5)
    verdict = verify(erased, _head(rows))
    assert verdict.ok and verdict.redacted == 1
    hidden = [dict(r) for r in rows]
    hidden[1].update(detail="", detail_nonce=None, redacted_by=3)  # row 3 is no erasure
    assert _kinds(hidden, _head(rows)) == [(2, "blanked")]


def test_expected_head_finds_a_rewritten_chain() -> None:
    rows = _chain(4)
    anchor = Head(2, rows[1]["row_hash"])
    assert verify(rows, _head(rows), expect_head=anchor).ok
    rewritten = _chain(4)  # same content, new nonces: a chain sealed again from scratch
    assert [p.kind for p in verify(rewritten, _head(rewritten), expect_head=anchor).problems] == [
        "changed"
    ]


@pytest.mark.parametrize("name", ["system", "System", "kiosk:k1", "staff:demo", "head-office:x"])
def test_a_person_cannot_claim_the_services_names(name: str) -> None:
    assert audit_chain.is_reserved_actor(name)


def test_people_may_have_ordinary_names() -> None:
    assert not any(map(audit_chain.is_reserved_actor, ["Anna", "Systemov", "cem", "K. Iosk"]))


# --- both engines ---------------------------------------------------------------------


def _verify_cli(db: str | Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", str(db), *extra])
    return code, capsys.readouterr().out


def _tamper(db: str | Path, sql: str) -> None:
    """What a database owner can do: run SQL with the append-only triggers dropped."""
    with open_storage(db) as storage:
        if storage.db.name == "sqlite":
            storage.db.run("DROP TRIGGER IF EXISTS audit_events_redact_only")
            storage.db.run("DROP TRIGGER IF EXISTS audit_events_no_delete")
        else:
            storage.db.run("ALTER TABLE audit_events DISABLE TRIGGER USER")
        storage.db.run(sql)


def test_the_service_writes_the_trail_and_a_forged_actor_or_time_is_refused(
    fresh_service: ServiceProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    svc = fresh_service
    with Api(svc.url, svc.staff_key) as staff:
        forged = {"id": new_key(), "action": "admin.login", "actor": "system"}
        assert_error(staff.post("/v1/audit", json=forged), 422, "invalid_request")
        dated = {"id": new_key(), "action": "admin.login", "at": "2020-01-01T00:00:00Z"}
        assert_error(staff.post("/v1/audit", json=dated), 422, "invalid_request")
        claim = staff.post(
            "/v1/audit",
            json={"id": new_key(), "action": "admin.login"},
            headers={"X-Actor": "system"},
        )
        assert_error(claim, 400, "invalid_request")  # as any bad X-Actor
        before = datetime.now(UTC)
        made = staff.post("/v1/audit", json={"id": new_key(), "action": "admin.login"})
        assert made.status_code == 201, made.text
        assert made.json()["actor"] == "staff:demo staff"  # from the key
        assert datetime.fromisoformat(made.json()["at"]) >= before - timedelta(seconds=5)
        for n in range(3):
            body = {"id": new_key(), "action": "admin.note", "detail": f"reason {n}"}
            assert staff.post("/v1/audit", json=body, headers={"X-Actor": "Anna"}).ok

    code, out = _verify_cli(svc.db_path, capsys)
    assert code == 0, out
    assert "audit chain OK: 4 rows" in out
    head = out.rsplit("head ", 1)[1].strip()

    with open_storage(svc.db_path) as storage, pytest.raises(database_errors()):
        storage.db.run("UPDATE audit_events SET actor = 'system' WHERE seq = 2")
    with open_storage(svc.db_path) as storage, pytest.raises(database_errors()):
        storage.db.run("DELETE FROM audit_events WHERE seq = 2")

    _tamper(svc.db_path, "UPDATE audit_events SET actor = 'Cem' WHERE seq = 2")
    code, out = _verify_cli(svc.db_path, capsys, "--expect-head", head)
    assert code == 1
    assert "BROKEN seq 2" in out and "changed" in out
    _tamper(svc.db_path, "DELETE FROM audit_events WHERE seq = 3")
    code, out = _verify_cli(svc.db_path, capsys)
    assert code == 1 and "BROKEN seq 4" in out and "deleted" in out


def test_concurrent_writers_make_one_chain_without_gaps(
    service_db: str | Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backend = backend_for(service_db)
    backend.initialise()
    backend.dispose()
    writers, each = 4, 8
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with open_storage(service_db) as storage:
                for i in range(each):
                    event = AuditEventCreate(id=uuid.uuid4().hex, action="test.race")
                    stamp = AuditStamp(store_id="store-a", actor=f"writer {n}", key_label="t")
                    storage.record_audit(event, stamp=stamp, now=T0 + timedelta(seconds=i))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_storage(service_db) as storage:
        rows = chain_rows(storage.db)
        head = stored_head(storage.db)
    assert [r["seq"] for r in rows] == list(range(1, writers * each + 1))
    assert verify(rows, head).ok
    code, out = _verify_cli(service_db, capsys)
    assert code == 0, out
