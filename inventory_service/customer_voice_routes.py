"""Routes of the customer voice (issue 17): kiosks post fit votes and voice events and
read a style's fit; staff read the customer-voice report (JSON and CSV).

Thin, like ``app.py``: validate, authorise, call the storage and the pure report module.
Roles (``inventory_service.roles``): posting and reading a style's fit is the kiosk's
(``KioskKey``: its own store and kiosk); the report is store staff's, for their own store,
and head office's, for any stores of the chain (all of them when none is named).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Response
from fastapi import Path as PathParam

from inventory_client.fit_verdict import MIN_VOTES, fit_verdict, size_shift
from inventory_client.models import ErrorBody, Identifier, LocationKind
from inventory_client.voice_models import (
    CustomerVoiceReport,
    FitSummary,
    FitVoteCreate,
    FitVoteResult,
    VoiceEventCreate,
    VoiceRecorded,
)
from inventory_client.wire_time import UtcTime
from inventory_service import customer_voice_report as report
from inventory_service.admin_routes import _period as report_period
from inventory_service.deps import (
    KioskKey,
    SettingsDep,
    StorageDep,
    allow,
    for_kiosk,
    for_store,
)
from inventory_service.errors import InvalidRequest, NotFound
from inventory_service.roles import Role
from inventory_service.storage import ApiKey, KeyScope, Storage
from inventory_service.storage.customer_voice import BurstLimit, CustomerVoiceSql

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)
}
#: Stores one report may cover (a chain's head office lists them).
MAX_REPORT_STORES = 500


def voice_sql(storage: Storage) -> CustomerVoiceSql:
    """The storage's customer-voice queries (``SqlStorage`` has them on both engines)."""
    if not isinstance(storage, CustomerVoiceSql):
        raise TypeError(f"{type(storage).__name__} keeps no customer voice")
    return storage


StaffOrHeadOfficeKey = Annotated[ApiKey, allow(Role.STAFF, Role.HEAD_OFFICE)]


def _report_stores(key: ApiKey, asked: list[str], storage: Storage) -> list[str]:
    """The stores a report covers: staff their own; head office those asked, or all."""
    if key.scope == KeyScope.HEAD_OFFICE:
        stores = sorted(set(asked)) if asked else voice_sql(storage).store_ids()
    else:
        stores = sorted(set(asked)) or [key.store_id]
        for one in stores:
            for_store(key, one)
    if len(stores) > MAX_REPORT_STORES:
        raise InvalidRequest(f"At most {MAX_REPORT_STORES} stores in one report.")
    for one in stores:
        location = storage.get_location(one)
        if location is None or location.kind != LocationKind.STORE:
            raise NotFound(f"No store {one!r}.")
    return stores


def customer_voice(
    storage: StorageDep,
    key: StaffOrHeadOfficeKey,
    settings: SettingsDep,
    since: Annotated[
        UtcTime | None, Query(description="RFC 3339 time; default until - 28 days")
    ] = None,
    until: Annotated[UtcTime | None, Query(description="RFC 3339 time; default now")] = None,
    staff_check_minutes: Annotated[
        float, Query(gt=0, le=60, description="A staff stock check, in minutes")
    ] = report.DEFAULT_STAFF_CHECK_MINUTES,
    store_id: Annotated[
        list[Identifier] | None,
        Query(description="Repeatable; staff: their store (default); head office: any (all)"),
    ] = None,
) -> CustomerVoiceReport:
    """The report both customer-voice routes serve (JSON and CSV)."""
    stores = _report_stores(key, list(store_id or []), storage)
    when = settings.clock()
    start, end = report_period(since, until, when)
    sql = voice_sql(storage)
    today_start, _ = report.today_period(start, end)
    return report.build_customer_voice(
        store_ids=stores,
        since=start,
        until=end,
        facts=sql.style_voice_facts(stores, start, end),
        answers=sql.answer_times_ms(stores, start, end),
        answers_today=sql.answer_times_ms(stores, today_start, end),
        staff_check_minutes=staff_check_minutes,
        generated_at=when,
    )


CustomerVoiceDep = Annotated[CustomerVoiceReport, Depends(customer_voice)]


def add_customer_voice_routes(app: FastAPI, *, burst: BurstLimit | None = None) -> None:
    limit = burst or BurstLimit()

    def now() -> datetime:
        moment: datetime = app.state.settings.clock()
        return moment

    @app.post(
        "/v1/fit-votes",
        response_model=FitVoteResult,
        status_code=202,
        responses=ERRORS,
        tags=["customer voice"],
    )
    def record_fit_vote(body: FitVoteCreate, storage: StorageDep, key: KioskKey) -> FitVoteResult:
        """One shopper's "how does it fit?"; ``outcome`` says whether it was counted."""
        for_kiosk(key, body.store_id, body.kiosk_id)
        outcome = voice_sql(storage).record_fit_vote(body, received_at=now(), burst=limit)
        return FitVoteResult(outcome=outcome)

    @app.get(
        "/v1/styles/{style_id}/fit",
        response_model=FitSummary,
        responses=ERRORS,
        tags=["customer voice"],
    )
    def style_fit(
        style_id: Annotated[Identifier, PathParam()], storage: StorageDep, key: KioskKey
    ) -> FitSummary:
        """What shoppers of every store said about the style's fit, with the verdict."""
        if storage.get_style(style_id) is None:
            raise NotFound(f"No style {style_id!r}.")
        counts = voice_sql(storage).fit_counts([style_id])[style_id]
        verdict = fit_verdict(counts.small, counts.true_to_size, counts.large)
        return FitSummary(
            style_id=style_id,
            small=counts.small,
            true_to_size=counts.true_to_size,
            large=counts.large,
            votes=counts.small + counts.true_to_size + counts.large,
            verdict=verdict,
            size_shift=size_shift(verdict),
            min_votes=MIN_VOTES,
        )

    @app.post(
        "/v1/voice-events",
        response_model=VoiceRecorded,
        status_code=202,
        responses=ERRORS,
        tags=["customer voice"],
    )
    def record_voice_event(
        body: VoiceEventCreate, storage: StorageDep, key: KioskKey
    ) -> VoiceRecorded:
        """Why a shopper left, a size the style lacks, or a scan answered at the kiosk."""
        for_kiosk(key, body.store_id, body.kiosk_id)
        recorded = voice_sql(storage).record_voice_event(body, received_at=now())
        return VoiceRecorded(recorded=recorded)

    @app.get(
        "/v1/reports/customer-voice",
        response_model=CustomerVoiceReport,
        responses=ERRORS,
        tags=["reports"],
    )
    def customer_voice_json(voice: CustomerVoiceDep) -> CustomerVoiceReport:
        return voice

    @app.get(
        "/v1/reports/customer-voice.csv",
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}}, **ERRORS},
        tags=["reports"],
    )
    def customer_voice_csv(voice: CustomerVoiceDep) -> Response:
        stores = voice.store_ids[0] if len(voice.store_ids) == 1 else "stores"
        name = f"customer-voice-{stores}-{voice.since:%Y%m%d}-{voice.until:%Y%m%d}.csv"
        return Response(
            content=report.to_csv(voice),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
