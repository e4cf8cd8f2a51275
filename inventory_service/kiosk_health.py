"""Kiosk health for staff and IT: a status from the latest heartbeat, and an HTML page.

A kiosk is ``stale`` when no heartbeat arrived for more than ``missed`` intervals
(service clock, so a kiosk with a wrong clock is still judged fairly), ``degraded`` when
it reports but its camera does not work, ``never_seen`` when only its key exists.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

from inventory_client.models import KioskHealth, KioskStatus
from inventory_service.storage.base import KioskSeen

DEFAULT_INTERVAL = timedelta(seconds=60)
DEFAULT_MISSED = 3
#: History kept per kiosk (at one a minute: the last ~2 hours).
HEARTBEATS_KEPT = 120
BACKLOG_WARN = 10
SKEW_WARN_S = 120.0


@dataclass(frozen=True)
class HealthPolicy:
    interval: timedelta = DEFAULT_INTERVAL
    missed: int = DEFAULT_MISSED

    @property
    def stale_after(self) -> timedelta:
        return self.interval * self.missed


def _ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def kiosk_health(seen: KioskSeen, now: datetime, policy: HealthPolicy) -> KioskHealth:
    hb, received = seen.heartbeat, seen.received_at
    if hb is None or received is None:
        return KioskHealth(
            kiosk_id=seen.kiosk_id,
            store_id=seen.store_id,
            status=KioskStatus.NEVER_SEEN,
            last_seen=None,
            problems=["no heartbeat received yet"],
        )
    problems: list[str] = []
    silent = now - received
    if silent > policy.stale_after:
        status = KioskStatus.STALE
        problems.append(f"no heartbeat for {_ago(silent)}")
    elif not hb.camera_ok:
        status = KioskStatus.DEGRADED
    else:
        status = KioskStatus.OK
    if not hb.camera_ok:
        problems.append("camera not working")
    if hb.outbox_backlog >= BACKLOG_WARN:
        problems.append(f"{hb.outbox_backlog} orders or requests waiting to be sent")
    skew = (hb.at - received).total_seconds()
    if abs(skew) > SKEW_WARN_S:
        problems.append(f"clock off by {skew:+.0f} s")
    return KioskHealth(
        kiosk_id=seen.kiosk_id,
        store_id=seen.store_id,
        status=status,
        last_seen=received,
        version=hb.version,
        uptime_s=hb.uptime_s,
        camera_ok=hb.camera_ok,
        last_scan_at=hb.last_scan_at,
        outbox_backlog=hb.outbox_backlog,
        clock_skew_s=round(skew, 3),
        problems=problems,
    )


_STATUS_COLOUR = {
    KioskStatus.OK: "#1b7f3a",
    KioskStatus.DEGRADED: "#b36b00",
    KioskStatus.STALE: "#b3261e",
    KioskStatus.NEVER_SEEN: "#666",
}


def render_html(store_id: str, kiosks: list[KioskHealth], now: datetime, refresh_s: int) -> str:
    """A read-only page for IT: one row per kiosk, refreshed by the browser."""
    e = html.escape

    def when(value: datetime | None) -> str:
        return (
            "—"
            if value is None
            else f"{e(value.isoformat(timespec='seconds'))} ({_ago(now - value)} ago)"
        )

    rows = []
    for k in kiosks:
        rows.append(
            "<tr>"
            f"<td>{e(k.kiosk_id)}</td>"
            f'<td style="color:{_STATUS_COLOUR[k.status]};font-weight:bold">{e(str(k.status))}</td>'
            f"<td>{when(k.last_seen)}</td>"
            f"<td>{e(k.version or '—')}</td>"
            f"<td>{'—' if k.uptime_s is None else _ago(timedelta(seconds=k.uptime_s))}</td>"
            f"<td>{'—' if k.camera_ok is None else ('ok' if k.camera_ok else 'NOT OK')}</td>"
            f"<td>{when(k.last_scan_at)}</td>"
            f"<td>{'—' if k.outbox_backlog is None else k.outbox_backlog}</td>"
            f"<td>{e('; '.join(k.problems))}</td>"
            "</tr>"
        )
    body = "\n".join(rows) or '<tr><td colspan="9">No kiosks known for this store.</td></tr>'
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="{int(refresh_s)}">
<title>Kiosks — {e(store_id)}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}</style></head>
<body><h1>Kiosks of store {e(store_id)}</h1>
<p>As of {e(now.isoformat(timespec="seconds"))}; refreshes every {int(refresh_s)} s.</p>
<table><tr><th>kiosk</th><th>status</th><th>last seen</th><th>version</th><th>uptime</th>
<th>camera</th><th>last scan</th><th>outbox</th><th>problems</th></tr>
{body}
</table></body></html>
"""
