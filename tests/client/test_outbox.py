"""The outbox on a real SQLite file: durability settings, states, privacy, threads."""

import json
import sqlite3
import stat
import threading

import pytest

from inventory_client import Outbox, Rejected
from inventory_client._outbox import OutboxKind, OutboxStatus

PAYLOAD = json.dumps({"ship_to": {"name": "Erika Mustermann"}, "lines": [{"gtin": "1" * 13}]})


@pytest.fixture
def outbox(tmp_path):
    with Outbox(tmp_path / "outbox.sqlite") as box:
        yield box


def test_file_is_private_and_durable(tmp_path, outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    for path in tmp_path.iterdir():  # the database and its -wal/-shm companions
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    conn = sqlite3.connect(outbox.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert outbox._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_existing_open_file_is_tightened(tmp_path):
    path = tmp_path / "outbox.sqlite"
    path.touch(mode=0o644)
    path.chmod(0o644)
    Outbox(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_schema_columns(outbox):
    columns = set(outbox._db["outbox"].columns_dict)
    assert columns >= {
        "id",
        "kind",
        "idempotency_key",
        "payload",
        "payload_sha256",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "updated_at",
        "result_id",
        "result_number",
    }


def test_add_then_reopen_keeps_the_entry(tmp_path):
    path = tmp_path / "outbox.sqlite"
    with Outbox(path) as box:
        box.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    with Outbox(path) as box:  # as after a crash: a new process opens the same file
        [entry] = box.pending()
        assert entry.idempotency_key == "key-00000001"
        assert entry.payload == PAYLOAD
        assert entry.status == OutboxStatus.PENDING
        assert entry.attempts == 0
        assert entry.created_at.tzinfo is not None


def test_same_key_same_payload_is_one_entry(outbox):
    first = outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    second = outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    assert first == second
    assert outbox.count() == 1


def test_same_key_other_payload_is_rejected(outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    with pytest.raises(Rejected) as info:
        outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD.replace("Erika", "Max"))
    assert info.value.code == "idempotency_conflict"


def test_mark_sent_deletes_the_personal_payload(outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    outbox.begin_attempt("key-00000001")
    outbox.mark_sent("key-00000001", result_id="ord-1", result_number="EA-ABC123")
    entry = outbox.get("key-00000001")
    assert entry.status == OutboxStatus.SENT
    assert entry.payload is None
    assert (entry.result_id, entry.result_number) == ("ord-1", "EA-ABC123")
    assert entry.attempts == 1
    assert outbox.count() == 0
    for path in outbox.path.parent.iterdir():  # database, -wal and -shm
        assert b"Erika" not in path.read_bytes(), path.name


def test_mark_failed_can_replace_the_payload(outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    outbox.mark_failed("key-00000001", "NoLongerAvailable: 409 no_longer_available", payload="{}")
    entry = outbox.get("key-00000001")
    assert entry.status == OutboxStatus.FAILED
    assert entry.payload == "{}"
    assert entry.last_error.startswith("NoLongerAvailable")
    assert outbox.pending() == []


def test_record_error_keeps_it_pending(outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    outbox.begin_attempt("key-00000001")
    outbox.record_error("key-00000001", "Unavailable: - -")
    [entry] = outbox.pending()
    assert entry.last_error == "Unavailable: - -"
    assert entry.attempts == 1


def test_pending_is_oldest_first_and_filtered_by_kind(outbox):
    outbox.add(OutboxKind.ORDER, "key-00000001", PAYLOAD)
    outbox.add(OutboxKind.DEMAND, "key-00000002", "{}")
    outbox.add(OutboxKind.ORDER, "key-00000003", PAYLOAD)
    assert [e.idempotency_key for e in outbox.pending()] == [
        "key-00000001",
        "key-00000002",
        "key-00000003",
    ]
    assert [e.idempotency_key for e in outbox.pending(OutboxKind.ORDER)] == [
        "key-00000001",
        "key-00000003",
    ]
    assert outbox.count(kind=OutboxKind.DEMAND) == 1


def test_update_of_unknown_key_is_an_inventory_error(outbox):
    from inventory_client._outbox import OutboxError

    with pytest.raises(OutboxError):
        outbox.mark_sent("no-such-key", result_id="x")


def test_many_threads_adding_at_once(outbox):
    errors = []

    def worker(n):
        try:
            for i in range(20):
                outbox.add(OutboxKind.ORDER, f"key-{n:02d}-{i:04d}", PAYLOAD)
                outbox.begin_attempt(f"key-{n:02d}-{i:04d}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outbox.count() == 160
    assert {e.attempts for e in outbox.pending()} == {1}


def test_migrations_run_once(tmp_path):
    path = tmp_path / "outbox.sqlite"
    Outbox(path).close()
    Outbox(path).close()
    conn = sqlite3.connect(path)
    applied = conn.execute("select name from _sqlite_migrations").fetchall()
    conn.close()
    assert applied == [("m001_create_outbox",), ("m002_backoff_ordering_notices",)]
