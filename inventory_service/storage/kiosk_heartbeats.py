"""SQL for kiosk heartbeats: the newest few per kiosk, and which kiosks a store has."""

from __future__ import annotations

from datetime import datetime

from inventory_client.models import Heartbeat
from inventory_service.storage._text import iso, parse_at, parse_dt
from inventory_service.storage.base import KioskSeen
from inventory_service.storage.dialect import Row
from inventory_service.storage.sql_base import SqlBase


def _heartbeat(row: Row) -> Heartbeat:
    return Heartbeat(
        kiosk_id=row["kiosk_id"],
        version=row["version"],
        uptime_s=row["uptime_s"],
        camera_ok=bool(row["camera_ok"]),
        last_scan_at=parse_dt(row["last_scan_at"]),
        outbox_backlog=row["outbox_backlog"],
        at=parse_at(row["at"]),
    )


class KioskHeartbeatsSql(SqlBase):
    def record_heartbeat(
        self, heartbeat: Heartbeat, *, store_id: str, received_at: datetime, keep: int
    ) -> None:
        def run() -> None:
            self.db.run(
                "INSERT INTO kiosk_heartbeats (kiosk_id, store_id, version, uptime_s, "
                "camera_ok, last_scan_at, outbox_backlog, at, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    heartbeat.kiosk_id,
                    store_id,
                    heartbeat.version,
                    heartbeat.uptime_s,
                    int(heartbeat.camera_ok),
                    iso(heartbeat.last_scan_at) if heartbeat.last_scan_at else None,
                    heartbeat.outbox_backlog,
                    iso(heartbeat.at),
                    iso(received_at),
                ),
            )
            self.db.run(
                "DELETE FROM kiosk_heartbeats WHERE store_id = ?1 AND kiosk_id = ?2 AND id NOT "
                "IN (SELECT id FROM kiosk_heartbeats WHERE store_id = ?1 AND kiosk_id = ?2 "
                "ORDER BY id DESC LIMIT ?3)",
                (store_id, heartbeat.kiosk_id, keep),
            )

        self.db.transact(run)

    def list_kiosks(self, store_id: str) -> list[KioskSeen]:
        latest = {
            r["kiosk_id"]: r
            for r in self.db.all(
                "SELECT * FROM kiosk_heartbeats WHERE id IN (SELECT MAX(id) FROM "
                "kiosk_heartbeats WHERE store_id = ? GROUP BY kiosk_id)",
                (store_id,),
            )
        }
        keyed = {
            r["kiosk_id"]
            for r in self.db.all(
                "SELECT DISTINCT kiosk_id FROM api_keys WHERE store_id = ? AND scope = 'kiosk' "
                "AND kiosk_id IS NOT NULL",
                (store_id,),
            )
        }
        out = []
        for kiosk_id in sorted(keyed | set(latest)):
            row = latest.get(kiosk_id)
            out.append(
                KioskSeen(
                    kiosk_id=kiosk_id,
                    store_id=store_id,
                    heartbeat=_heartbeat(row) if row else None,
                    received_at=parse_dt(row["received_at"]) if row else None,
                )
            )
        return out

    def heartbeat_history(self, store_id: str, kiosk_id: str, limit: int) -> list[Heartbeat]:
        rows = self.db.all(
            "SELECT * FROM kiosk_heartbeats WHERE store_id = ? AND kiosk_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (store_id, kiosk_id, limit),
        )
        return [_heartbeat(r) for r in rows]
