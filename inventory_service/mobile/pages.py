"""The phone pages under ``/m/``: thin routes that read a token, call the storage, render.

- ``GET /m/h/{token}``: the kiosk's QR code. Opens the hand-off once (single use), gives
  this phone a session cookie bound to the hand-off's shoe and store, and sends it on to
  the order form. The token is then spent: a second phone gets "this link no longer works".
- ``GET /m/order`` / ``POST /m/order``: the shoe, its size run and the address form; the
  post goes through the same idempotent order path as a kiosk's (``Storage.create_order``
  with an ``Idempotency-Key`` made when the form was rendered and kept in a hidden field),
  so a double tap is one order. Then 303 to the status page.
- ``GET /m/s/{token}``: the order's status page (the token derives from the order's
  idempotency key, ``inventory_client.handoff.status_token``; it expires).
- ``GET /m/style.css``: the one stylesheet.

Tokens that do not exist are counted per client address (``rate_limits.RateLimiter``):
probing gets "too many tries". None of these pages is in the OpenAPI contract (HTML, not
the JSON API). Personal data typed here goes to the storage only: never to a log, never to
the kiosk.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from babel.dates import format_datetime
from babel.numbers import format_currency
from fastapi import APIRouter, Cookie, Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, Response

from inventory_client.handoff import status_token
from inventory_client.models import OrderCreate, OrderLineRequest
from inventory_service import rules
from inventory_service.deps import PUBLIC, StorageDep, settings_of
from inventory_service.errors import NoLongerAvailable
from inventory_service.mobile.headers import STATIC, page, secured, see_other
from inventory_service.mobile.i18n import language_of, translator
from inventory_service.mobile.order_form import (
    DEFAULT_COUNTRY,
    FormState,
    Shoe,
    address_input,
    check_order,
    countries,
    read_form,
    shoe_for,
)
from inventory_service.mobile.order_links import (
    handoff_store,
    order_by_status_token,
    record_order_links,
)
from inventory_service.mobile.status import status_view
from inventory_service.mobile.tokens import (
    ORDER_KEY_RE,
    STATUS_TOKEN_RE,
    TOKEN_RE,
    new_order_key,
    new_token,
    token_hash,
)
from inventory_service.rate_limits import RateLimiter, by_address
from inventory_service.storage import Idempotency, Storage
from inventory_service.storage.handoff import HandoffRecord

SESSION_COOKIE = "ea_phone"
#: How long the phone may take to order once it opened the hand-off.
SESSION_TTL = timedelta(minutes=30)

Lang = Annotated[str | None, Query(alias="lang", max_length=5)]
SessionCookie = Annotated[str | None, Cookie(alias=SESSION_COOKIE)]


def add_mobile_pages(app: FastAPI) -> None:
    # Role: public (no key); each page checks its own short-lived token (roles.py).
    router = APIRouter(prefix="/m", include_in_schema=False, dependencies=[PUBLIC])
    # Unknown tokens, per address: 20 at once, then one every 5 s.
    misses = RateLimiter(rate=1 / 5, burst=20)
    # Order posts, per address (a store's Wi-Fi is one address): 30 at once, one per 2 s.
    posts = RateLimiter(rate=1 / 2, burst=30)

    def now() -> datetime:
        moment: datetime = app.state.settings.clock()
        return moment

    def refused(request: Request, lang: str) -> Response | None:
        if misses.peek(by_address(request)) is None:
            return None
        t = translator(lang)
        return page(
            "message.html",
            429,
            t=t,
            lang=lang,
            title=t("Too many tries"),
            text=t("Please wait a minute and try again."),
        )

    def dead_link(request: Request, lang: str) -> Response:
        misses.charge(by_address(request))
        t = translator(lang)
        return page(
            "message.html",
            410,
            t=t,
            lang=lang,
            title=t("This link no longer works"),
            text=t(
                "Each code on the kiosk opens once and only for a few minutes. Scan the code "
                "on the kiosk again to continue."
            ),
        )

    @router.get("/style.css")
    def stylesheet() -> FileResponse:
        return FileResponse(
            STATIC / "style.css",
            media_type="text/css",
            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    @router.get("/h/{token}")
    def open_handoff(
        token: str, request: Request, storage: StorageDep, lang: Lang = None
    ) -> Response:
        language = language_of(lang)
        blocked = refused(request, language)
        if blocked is not None:
            return blocked
        if not TOKEN_RE.match(token):
            return dead_link(request, language)
        session = new_token()
        moment = now()
        opened = handoff_store(storage).open_handoff(
            token_hash(token),
            session_hash=token_hash(session),
            now=moment,
            session_until=moment + SESSION_TTL,
        )
        if opened is None:
            return dead_link(request, language)
        response = see_other(f"/m/order?lang={language_of(lang or opened.language)}")
        response.set_cookie(
            SESSION_COOKIE,
            session,
            max_age=int(SESSION_TTL.total_seconds()),
            path="/m/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return response

    def session_handoff(storage: Storage, session: str | None) -> HandoffRecord | None:
        if session is None or not TOKEN_RE.match(session):
            return None
        return handoff_store(storage).handoff_by_session(token_hash(session), now())

    def order_page(
        storage: Storage, handoff: HandoffRecord, language: str, form: FormState, status: int
    ) -> Response:
        t = translator(language)
        detail = storage.get_variant_detail(handoff.gtin)
        assert detail is not None  # a hand-off is only made for a known GTIN
        shoe = shoe_for(storage, detail)
        return page(
            "order.html",
            status,
            t=t,
            lang=language,
            shoe=shoe,
            price=format_currency(shoe.price, shoe.currency, locale=language),
            form=form,
            chosen=form.gtin or handoff.gtin,
            countries=countries(language),
        )

    @router.get("/order")
    def order_form(
        request: Request, storage: StorageDep, lang: Lang = None, session: SessionCookie = None
    ) -> Response:
        language = language_of(lang)
        handoff = session_handoff(storage, session)
        if handoff is None:
            return dead_link(request, language)
        if handoff.order_key is not None:
            return see_other(f"/m/s/{status_token(handoff.order_key)}?lang={language}")
        values = address_input({"country": DEFAULT_COUNTRY[language]})
        form = FormState(order_key=new_order_key(), values=values)
        return order_page(storage, handoff, language, form, 200)

    @router.post("/order")
    def place_order(
        request: Request,
        storage: StorageDep,
        body: Annotated[bytes, Depends(raw_body)],
        lang: Lang = None,
        session: SessionCookie = None,
    ) -> Response:
        language = language_of(lang)
        if posts.check(by_address(request)) is not None:
            t = translator(language)
            return page(
                "message.html",
                429,
                t=t,
                lang=language,
                title=t("Too many tries"),
                text=t("Please wait a minute and try again."),
            )
        return _place_order_with(storage, request, body, language, session)

    def _place_order_with(
        storage: Storage, request: Request, body: bytes, language: str, session: str | None
    ) -> Response:
        t = translator(language)
        handoff = session_handoff(storage, session)
        if handoff is None:
            return dead_link(request, language)
        fields = read_form(body)
        key = fields.get("order_key", "")
        if not ORDER_KEY_RE.match(key):
            key = new_order_key()
        values = address_input(fields)
        form = FormState(order_key=key, gtin=fields.get("gtin", ""), values=values)
        if handoff.order_key is not None and handoff.order_key != key:
            # Already ordered from this hand-off (with another form): show that order.
            return see_other(f"/m/s/{status_token(handoff.order_key)}?lang={language}")
        detail = storage.get_variant_detail(handoff.gtin)
        assert detail is not None
        shoe: Shoe = shoe_for(storage, detail)
        ship_to, errors = check_order(shoe, form.gtin, values, t, language)
        if ship_to is None:
            errors = {**errors, "form": t("Please check the marked fields.")}
            return order_page(storage, handoff, language, _with(form, errors), 422)
        request_body = OrderCreate(
            kiosk_id=handoff.kiosk_id,
            store_id=handoff.store_id,
            lines=[OrderLineRequest(gtin=form.gtin, quantity=1)],
            ship_to=ship_to,
        )
        idem = Idempotency(key=key, body_hash=rules.body_hash(request_body.model_dump(mode="json")))
        try:
            order, _created = storage.create_order(
                request_body,
                idempotency=idem,
                actor=f"phone:{handoff.kiosk_id}",
                now=now(),
                hold=settings_of(request).hold,
            )
        except NoLongerAvailable:
            sold_out = {"size": t("Sorry, this size is no longer available to order.")}
            return order_page(storage, handoff, language, _with(form, sold_out), 409)
        record_order_links(storage, order, key)
        handoff_store(storage).mark_handoff_ordered(handoff.id, order_id=order.id, order_key=key)
        return see_other(f"/m/s/{status_token(key)}?lang={language}")

    @router.get("/s/{token}")
    def order_status(
        token: str, request: Request, storage: StorageDep, lang: Lang = None
    ) -> Response:
        language = language_of(lang)
        t = translator(language)
        blocked = refused(request, language)
        if blocked is not None:
            return blocked
        order = None
        if STATUS_TOKEN_RE.match(token):
            order = order_by_status_token(storage, token, now())
        if order is None:
            misses.charge(by_address(request))
            text = t(
                "We have no order for this link. An order saved on the kiosk while it was "
                "offline appears here once it reaches us, usually within minutes. Links end "
                "60 days after the order."
            )
            return page(
                "message.html", 404, t=t, lang=language, title=t("Order not found"), text=text
            )
        store = storage.get_location(order.store_id)
        store_name = store.name if store is not None else order.store_id
        view = status_view(order, store_name, t)
        hold = (
            format_datetime(view.hold_until, "EEEE d MMMM, HH:mm z", locale=language)
            if view.hold_until is not None
            else None
        )
        line = order.lines[0]
        return page(
            "status.html",
            t=t,
            lang=language,
            order=order,
            view=view,
            hold=hold,
            store_name=store_name,
            line=line,
            total=format_currency(order.total, order.currency, locale=language),
        )

    app.include_router(router)


async def raw_body(request: Request) -> bytes:
    """The posted form, read before the (sync) route runs in its worker thread."""
    return await request.body()


def _with(form: FormState, errors: dict[str, str]) -> FormState:
    return FormState(order_key=form.order_key, gtin=form.gtin, values=form.values, errors=errors)


__all__ = ["SESSION_COOKIE", "add_mobile_pages", "secured"]
