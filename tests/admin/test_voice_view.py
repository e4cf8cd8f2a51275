"""The customer-voice tab of the admin screen against the real service: fit verdicts,
sizes asked for, reasons, the time saved, and the CSV export (audited)."""

from __future__ import annotations

import uuid
from pathlib import Path

from support.api import Api

from inventory_client.voice_models import FitChoice, LeaveReason, VoteSource

from .conftest import log_in


def test_customer_voice_tab_shows_the_report_and_exports_it(
    qtbot, panel_factory, client, fresh_service, catalogue, tmp_path: Path
) -> None:
    style = catalogue["scenarios"]["mixed"]
    voice = client.voice
    for _ in range(5):
        voice.vote(style, FitChoice.LARGE, journey_id=uuid.uuid4().hex, source=VoteSource.TRIED)
    voice.wanted_size(style, "49")
    voice.left(style, LeaveReason.COLOUR)
    voice.answered(style, 1500)

    panel = panel_factory(client)
    log_in(qtbot, panel)
    panel.show_section("Lost demand")
    assert panel.demand_tabs.tabs.tabText(1) == "Customer voice"
    panel.demand_tabs.tabs.setCurrentWidget(panel.voice)  # loads the report
    qtbot.waitUntil(lambda: panel.voice.table.rowCount() == 1, timeout=10_000)
    cells = [panel.voice.table.item(0, c).text() for c in range(5)]
    name = next(s["name"] for s in catalogue["styles"] if s["id"] == style)
    assert cells == [
        name,
        "0 small · 0 true · 5 large",
        "Runs large: one size down",
        "EU 49 ×1",
        "colour 1",
    ]
    assert panel.voice.today.text().startswith("Today: 1 scans answered at the kiosk, median 1.5 s")

    panel.voice.export_button.click()
    qtbot.waitUntil(lambda: panel.voice.status.text().startswith("Saved: "), timeout=10_000)
    path = Path(panel.voice.status.text().removeprefix("Saved: "))
    assert path.parent == tmp_path / "exports"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("style_id,style_name,brand,votes")
    assert lines[1].startswith(f"{style},")
    with Api(fresh_service.url, fresh_service.staff_key) as api:
        audit = api.get("/v1/audit", params={"store_id": fresh_service.store_id}).json()
    assert any(e["action"] == "report.export" for e in audit)
