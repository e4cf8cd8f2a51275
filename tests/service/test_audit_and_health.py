"""Admin audit trail and kiosk heartbeats: stored, listed, computed status, HTML view."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from support.api import Api, assert_error, new_key

from inventory_client.models import Heartbeat, KioskHealth, KioskStatus
from inventory_service.__main__ import main
from inventory_service.kiosk_health import HealthPolicy, kiosk_health
from inventory_service.launcher import ServiceProcess
from inventory_service.storage.base import KioskSeen

from .db_helpers import open_storage


def _audit_body(**extra) -> dict:
    return {"id": new_key(), "action": "admin.login", "detail": "PIN accepted", **extra}


def _heartbeat(kiosk_id: str, **extra) -> dict:
    return {
        "kiosk_id": kiosk_id,
        "version": "0.3.0",
        "uptime_s": 3600.5,
        "camera_ok": True,
        "last_scan_at": datetime.now(UTC).isoformat(),
        "outbox_backlog": 0,
        "at": datetime.now(UTC).isoformat(),
        **extra,
    }


def test_audit_events_are_stored_once_and_listed(fresh_service) -> None:
    svc = fresh_service
    with Api(svc.url, svc.staff_key) as staff:
        body = _audit_body()
        first = staff.post("/v1/audit", json=body, headers={"X-Actor": "Anna"})
        assert first.status_code == 201, first.text
        assert first.json()["actor"] == "Anna" and first.json()["key_label"] == "demo staff"
        resend = staff.post("/v1/audit", json=body, headers={"X-Actor": "Anna"})
        assert resend.status_code == 200 and resend.json() == first.json()
        later = _audit_body(action="admin.logout", detail="")
        assert staff.post("/v1/audit", json=later).status_code == 201
        listed = staff.get("/v1/audit", params={"store_id": svc.store_id, "limit": 10}).json()
        assert [a["action"] for a in listed] == ["admin.logout", "admin.login"]
        assert (
            len(staff.get("/v1/audit", params={"store_id": svc.store_id, "limit": 1}).json()) == 1
        )


@pytest.mark.parametrize(
    "change",
    [
        {"id": "short"},
        {"action": "Admin Login"},
        {"action": ""},
        {"detail": "x" * 1001},
        {"at": "2025-03-01T09:00:00Z"},  # the service's clock, never the client's
        {"actor": "system"},  # the service writes who, never the client's body
        {"extra": 1},
    ],
)
def test_bad_audit_bodies_are_422(live_service, change) -> None:
    with Api(live_service.url, live_service.staff_key) as staff:
        assert_error(staff.post("/v1/audit", json=_audit_body(**change)), 422, "invalid_request")


def test_staff_changes_are_audited_automatically(fresh_service) -> None:
    svc = fresh_service
    gtin = "2400103800008"  # 3 in the store
    with Api(svc.url, svc.kiosk_key) as kiosk, Api(svc.url, svc.staff_key) as staff:
        fetch = kiosk.post(
            "/v1/fetch-requests",
            json={"kiosk_id": svc.kiosk_id, "store_id": svc.store_id, "gtin": gtin},
        ).json()
        claim = staff.patch(
            f"/v1/fetch-requests/{fetch['id']}",
            json={"status": "claimed"},
            headers={"X-Actor": "Cem"},
        )
        assert claim.status_code == 200
        assert (
            staff.patch(f"/v1/fetch-requests/{fetch['id']}", json={"status": "done"}).status_code
            == 200
        )
        other = kiosk.post(
            "/v1/fetch-requests",
            json={"kiosk_id": svc.kiosk_id, "store_id": svc.store_id, "gtin": gtin},
        ).json()
        assert kiosk.patch(f"/v1/fetch-requests/{other['id']}", json={"status": "cancelled"}).ok
        adjust = {
            "location_id": svc.store_id,
            "gtin": gtin,
            "kind": "receive",
            "quantity": 2,
            "actor": "Dana",
            "reason": "delivery",
        }
        assert staff.post("/v1/stock-adjustments", json=adjust, idempotency_key=new_key()).ok
        audit = staff.get("/v1/audit", params={"store_id": svc.store_id}).json()
    ticket = fetch["ticket"]
    assert [(a["actor"], a["action"], a["detail"]) for a in audit] == [
        ("Dana", "stock.receive", f"{svc.store_id} GTIN {gtin}: on hand 3 -> 5; reason: delivery"),
        ("staff:demo staff", "fetch.done", f"ticket {ticket} (GTIN {gtin}): claimed -> done"),
        ("Cem", "fetch.claimed", f"ticket {ticket} (GTIN {gtin}): open -> claimed"),
    ]  # the kiosk's own cancel is not an admin action


def test_heartbeats_stored_listed_and_history(fresh_service) -> None:
    svc = fresh_service
    with Api(svc.url, svc.kiosk_key) as kiosk, Api(svc.url, svc.staff_key) as staff:
        assert staff.get("/v1/kiosks", params={"store_id": svc.store_id}).json() == [
            KioskHealth(
                kiosk_id=svc.kiosk_id,
                store_id=svc.store_id,
                status=KioskStatus.NEVER_SEEN,
                last_seen=None,
                problems=["no heartbeat received yet"],
            ).model_dump(mode="json")
        ]
        answer = kiosk.post("/v1/kiosks/heartbeat", json=_heartbeat(svc.kiosk_id))
        assert answer.status_code == 200, answer.text
        assert answer.json()["status"] == "ok" and answer.json()["problems"] == []
        second = _heartbeat(svc.kiosk_id, camera_ok=False, outbox_backlog=12, uptime_s=3700)
        health = KioskHealth.model_validate(kiosk.post("/v1/kiosks/heartbeat", json=second).json())
        assert health.status == KioskStatus.DEGRADED
        assert health.problems == ["camera not working", "12 orders or requests waiting to be sent"]
        [listed] = staff.get("/v1/kiosks", params={"store_id": svc.store_id}).json()
        assert listed["status"] == "degraded" and listed["uptime_s"] == 3700
        assert listed["version"] == "0.3.0" and listed["outbox_backlog"] == 12
        assert abs(listed["clock_skew_s"]) < 60
        history = staff.get(
            f"/v1/kiosks/{svc.kiosk_id}/heartbeats", params={"store_id": svc.store_id}
        ).json()
        assert [h["camera_ok"] for h in history] == [False, True]  # newest first
        # Auth: only this kiosk for itself; listing is for staff.
        assert_error(
            kiosk.post("/v1/kiosks/heartbeat", json=_heartbeat("kiosk-99")), 403, "forbidden"
        )
        assert_error(kiosk.get("/v1/kiosks", params={"store_id": svc.store_id}), 403, "forbidden")
        assert_error(staff.get("/v1/kiosks", params={"store_id": "potsdam"}), 403, "forbidden")


@pytest.mark.parametrize(
    "change",
    [
        {"uptime_s": -1},
        {"outbox_backlog": -1},
        {"camera_ok": "maybe"},
        {"version": ""},
        {"kiosk_id": "../x"},
        {"at": None},
        {"last_scan_at": "yesterday"},
    ],
)
def test_bad_heartbeats_are_422(live_service, change) -> None:
    with Api(live_service.url, live_service.kiosk_key) as kiosk:
        body = {**_heartbeat(live_service.kiosk_id), **change}
        assert_error(kiosk.post("/v1/kiosks/heartbeat", json=body), 422, "invalid_request")


def test_a_silent_kiosk_becomes_stale_and_a_keyed_one_is_listed(tmp_path, capsys) -> None:
    args = ["--heartbeat-interval", "0.2", "--stale-after-missed", "2"]
    svc = ServiceProcess(tmp_path / "db.sqlite", extra_args=args)
    with svc, Api(svc.url, svc.kiosk_key) as kiosk, Api(svc.url, svc.staff_key) as staff:
        add_key = ["add-key", "--db", str(svc.db_path), "--scope", "kiosk"]
        assert main([*add_key, "--store-id", svc.store_id, "--kiosk-id", "kiosk-2"]) == 0
        capsys.readouterr()
        assert kiosk.post("/v1/kiosks/heartbeat", json=_heartbeat(svc.kiosk_id)).ok
        deadline = time.monotonic() + 60
        while True:  # poll until 0.4 s without a heartbeat have passed
            kiosks = {
                k["kiosk_id"]: k
                for k in staff.get("/v1/kiosks", params={"store_id": svc.store_id}).json()
            }
            if kiosks[svc.kiosk_id]["status"] == "stale":
                break
            assert time.monotonic() < deadline, kiosks
            time.sleep(0.1)
        assert kiosks[svc.kiosk_id]["problems"][0].startswith("no heartbeat for ")
        assert kiosks["kiosk-2"]["status"] == "never_seen"
        # A new heartbeat makes it fresh again.
        assert (
            kiosk.post("/v1/kiosks/heartbeat", json=_heartbeat(svc.kiosk_id)).json()["status"]
            == "ok"
        )


def test_kiosks_page_for_it(fresh_service) -> None:
    svc = fresh_service
    with Api(svc.url) as anonymous:
        resp = anonymous.get("/kiosks")
        assert resp.status_code == 401
        assert resp.headers["www-authenticate"].startswith("Basic realm=")
        resp = anonymous.get("/kiosks", auth=("it", "wrong"))
        assert resp.status_code == 401
        assert anonymous.get("/kiosks", auth=("it", svc.kiosk_key)).status_code == 403
        with Api(svc.url, svc.kiosk_key) as kiosk:
            assert kiosk.post(
                "/v1/kiosks/heartbeat", json=_heartbeat(svc.kiosk_id, version="<b>1</b>")
            ).ok
        page = anonymous.get("/kiosks", auth=("it", svc.staff_key))
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert svc.kiosk_id in page.text and ">ok<" in page.text
        assert "&lt;b&gt;1&lt;/b&gt;" in page.text and "<b>1</b>" not in page.text
    with Api(svc.url, svc.staff_key) as staff:
        assert staff.get("/kiosks").status_code == 200  # a bearer key works too


def test_status_rules_with_a_fixed_clock() -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    policy = HealthPolicy(interval=timedelta(seconds=60), missed=3)
    hb = Heartbeat.model_validate(
        _heartbeat("kiosk-1", at=(now - timedelta(seconds=300)).isoformat())
    )

    def status(received: datetime, beat: Heartbeat = hb) -> KioskHealth:
        return kiosk_health(KioskSeen("kiosk-1", "s", beat, received), now, policy)

    assert status(now - timedelta(seconds=180)).status == KioskStatus.OK  # exactly 3 intervals
    stale = status(now - timedelta(seconds=181))
    assert stale.status == KioskStatus.STALE and stale.problems[0] == "no heartbeat for 3 min"
    skewed = status(now)
    assert skewed.clock_skew_s == -300.0 and "clock off by -300 s" in skewed.problems


def test_history_keeps_only_the_newest(service_db) -> None:
    db = service_db
    assert main(["seed", "--db", str(db)]) == 0
    with open_storage(db) as storage:
        for uptime in range(5):
            beat = Heartbeat.model_validate(_heartbeat("kiosk-1", uptime_s=uptime))
            storage.record_heartbeat(
                beat, store_id="berlin-mitte", received_at=datetime.now(UTC), keep=3
            )
        history = storage.heartbeat_history("berlin-mitte", "kiosk-1", 10)
    assert [h.uptime_s for h in history] == [4, 3, 2]
