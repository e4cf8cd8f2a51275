"""Every route x every role x store (issue 15 item 2), on both engines.

The routes come from ``app.routes`` (``roles.route_roles``): a route that declares no role
fails here, and so does one whose role docs/API.md states differently. Callers: no key, a
bad key, kiosk 1 of store A, kiosk 2 of store A, staff of A, staff of B, head office.

For each route and caller:

- a caller whose role the route does not let in gets 401 (no key / bad key: one body for
  every bad key) or 403 (one body per route);
- a caller it lets in gets the route's success on its own things (``PROBES``), and another
  store's thing (for a kiosk also another kiosk's) answers EXACTLY like a thing that does
  not exist: same status, same body;
- a public phone page (``/m/...``, reached by token or cookie) gives every caller, with
  any key or none, the same answer (``Probe.same_for_every_caller``).

A new route needs a probe here (``PROBES``); ``NOT_YET_PROBED`` names the routes whose
probe is still to be written (their role refusals are walked all the same).
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from support.api import Api, order_body

from inventory_client.handoff import kiosk_reference, status_token
from inventory_service import rules
from inventory_service.app import create_app
from inventory_service.launcher import ServiceProcess
from inventory_service.mobile.pages import SESSION_COOKIE
from inventory_service.roles import BUILTIN_PUBLIC_PATHS, Role, RouteRoles, route_roles
from inventory_service.storage import KeyScope

from .db_helpers import open_storage, rows

BACKENDS = ["sqlite", "postgresql"]  # as conftest: every engine

API_DOC = Path(__file__).resolve().parents[2] / "docs" / "API.md"
STORE_A, STORE_B, NO_STORE = "berlin-mitte", "potsdam", "no-such-store"
#: GTINs with pairs in both stores and many at the warehouse (demo catalogue).
GTINS = ("2400074150003", "2400184100004", "2400074200005")
MISSING_ID = "no-such-thing-0000"
#: A phone page's token that looks right but names nothing (hand-off; status link).
MISSING_TOKEN, MISSING_STATUS_TOKEN = "walk-no-such-token-".ljust(32, "0"), "0" * 32


@dataclass(frozen=True)
class Caller:
    name: str
    role: Role | None  # None: no key or a bad key
    key: str | None
    store: str | None = None
    kiosk: str | None = None


@dataclass
class World:
    url: str
    db: str | Path
    callers: dict[str, Caller]
    kiosk_b: Caller
    session: requests.Session = field(default_factory=requests.Session)
    gtins: Iterator[str] = field(default_factory=lambda: itertools.cycle(GTINS))
    #: The status link of one order of kiosk A1 (``status_link_of``): one page for all.
    status_link: str | None = None

    def call(self, caller: Caller | None, method: str, path: str, **kw: Any) -> requests.Response:
        headers = dict(kw.pop("headers", {}))
        if caller is not None and caller.key is not None:
            headers["Authorization"] = f"Bearer {caller.key}"
        try:
            return self.session.request(method, self.url + path, headers=headers, timeout=30, **kw)
        finally:  # a phone page's cookie must not ride along on the next call
            self.session.cookies.clear()

    def made(self, caller: Caller, method: str, path: str, **kw: Any) -> dict[str, Any]:
        resp = self.call(caller, method, path, **kw)
        assert resp.status_code in (200, 201, 202), (path, resp.status_code, resp.text)
        body: dict[str, Any] = resp.json()
        return body

    def kiosk_of(self, store: str, other: bool = False) -> Caller:
        """A kiosk caller of ``store`` (``other``: a second kiosk of store A)."""
        if store == STORE_B:
            return self.kiosk_b
        return self.callers["kiosk A2" if other else "kiosk A1"]

    def order_of(self, kiosk: Caller, idempotency_key: str | None = None) -> str:
        gtin = next(self.gtins)  # spread the orders over the warehouse's pairs
        body = order_body(gtin, kiosk_id=str(kiosk.kiosk), store_id=str(kiosk.store))
        headers = {"Idempotency-Key": idempotency_key or uuid.uuid4().hex}
        return str(self.made(kiosk, "POST", "/v1/orders", json=body, headers=headers)["id"])

    def handoff_of(self, kiosk: Caller) -> dict[str, Any]:
        """A new hand-off of ``kiosk`` (its ``id`` and single-use ``token``)."""
        body = {"kiosk_id": kiosk.kiosk, "store_id": kiosk.store, "gtin": GTINS[0]}
        return self.made(kiosk, "POST", "/v1/handoffs", json={**body, "language": "en"})

    def status_link_of(self) -> str:
        """The status page's token of one order of kiosk A1, made once."""
        if self.status_link is None:
            key = uuid.uuid4().hex
            self.order_of(self.kiosk_of(STORE_A), idempotency_key=key)
            self.status_link = status_token(key)
        return self.status_link

    def fetch_of(self, kiosk: Caller) -> str:
        body = {"kiosk_id": kiosk.kiosk, "store_id": kiosk.store, "gtin": GTINS[0]}
        return str(self.made(kiosk, "POST", "/v1/fetch-requests", json=body)["id"])


#: "own": the caller's own thing; "other kiosk": a thing of another kiosk of its store;
#: "other store": a thing of store B (for store B's staff: of store A); "missing": none.
TARGETS = ("own", "other kiosk", "other store", "missing")
Request = tuple[str, str, dict[str, Any]]  # method, path, requests kwargs
#: The first caller's answer (``_page_answer``) per phone page (method, path, target).
Pages = dict[tuple[str, str, str], tuple[str, tuple[int, str | None, str]]]


@dataclass(frozen=True)
class Probe:
    """How to call one route as ``caller`` about ``target``, and what success is."""

    build: Callable[[World, Caller, str], Request]
    ok: int = 200
    #: The targets this route distinguishes (a catalogue read has only "own").
    targets: tuple[str, ...] = ("own",)
    #: A public phone page: every caller (any key or none) gets the same answer per target.
    same_for_every_caller: bool = False


def _store(w: World, c: Caller, target: str) -> str:
    if target == "missing":
        return NO_STORE
    if target == "other store":
        return STORE_A if c.store == STORE_B else STORE_B
    return str(c.store)


def _thing_owner(w: World, c: Caller, target: str) -> Caller:
    """The kiosk whose thing the target is."""
    if target == "other store":
        return w.kiosk_of(STORE_A if c.store == STORE_B else STORE_B)
    if target == "other kiosk" and c.store == STORE_A:
        return w.kiosk_of(STORE_A, other=(c.kiosk != "kiosk-2"))
    if c.role == Role.KIOSK:
        return c
    return w.kiosk_of(str(c.store))


def _order_id(w: World, c: Caller, target: str) -> str:
    return MISSING_ID if target == "missing" else w.order_of(_thing_owner(w, c, target))


def _fetch_id(w: World, c: Caller, target: str) -> str:
    return MISSING_ID if target == "missing" else w.fetch_of(_thing_owner(w, c, target))


def _handoff_id(w: World, c: Caller, target: str) -> str:
    if target == "missing":
        return MISSING_ID
    return str(w.handoff_of(_thing_owner(w, c, target))["id"])


def _handoff_token(w: World, target: str) -> str:
    """A fresh hand-off token of kiosk A1 (single use) or, for "missing", an unknown one."""
    return MISSING_TOKEN if target == "missing" else str(w.handoff_of(w.kiosk_of(STORE_A))["token"])


def _phone_session(w: World) -> dict[str, str]:
    """The cookie of a phone that opened a fresh hand-off of kiosk A1 (no key involved)."""
    token = w.handoff_of(w.kiosk_of(STORE_A))["token"]
    opened = w.call(None, "GET", f"/m/h/{token}", allow_redirects=False)
    session = opened.cookies.get(SESSION_COOKIE)
    assert opened.status_code == 303 and session, (opened.status_code, opened.text)
    return {SESSION_COOKIE: session}


def _kiosk_body(w: World, c: Caller, target: str) -> dict[str, Any]:
    """``store_id``/``kiosk_id`` of a body a kiosk posts about itself."""
    if target == "other kiosk":
        return {"store_id": c.store, "kiosk_id": "kiosk-2" if c.kiosk != "kiosk-2" else "kiosk-1"}
    if target in ("other store", "missing"):
        return {"store_id": _store(w, c, target), "kiosk_id": "kiosk-1"}
    return {"store_id": c.store, "kiosk_id": c.kiosk or "kiosk-1"}


def _now() -> str:
    return "2026-01-01T12:00:00+00:00"


STORE_TARGETS = ("own", "other store", "missing")
KIOSK_TARGETS = ("own", "other kiosk", "other store", "missing")

PROBES: dict[tuple[str, str], Probe] = {
    ("GET", "/v1/health"): Probe(lambda w, c, t: ("GET", "/v1/health", {})),
    ("GET", "/v1/images/{name}"): Probe(lambda w, c, t: ("GET", "/v1/images/missing.png", {}), 404),
    ("GET", "/v1/locations"): Probe(lambda w, c, t: ("GET", "/v1/locations", {})),
    ("GET", "/v1/variants/{gtin}"): Probe(lambda w, c, t: ("GET", f"/v1/variants/{GTINS[0]}", {})),
    ("GET", "/v1/catalogue/search"): Probe(
        lambda w, c, t: ("GET", "/v1/catalogue/search", {"params": {"q": "a"}})
    ),
    ("GET", "/v1/keys/self"): Probe(lambda w, c, t: ("GET", "/v1/keys/self", {})),
    ("GET", "/v1/variants/{gtin}/availability"): Probe(
        lambda w, c, t: (
            "GET",
            f"/v1/variants/{GTINS[0]}/availability",
            {"params": {"store_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/styles/{style_id}/stock"): Probe(
        lambda w, c, t: (
            "GET",
            f"/v1/styles/{_style_of(w)}/stock",
            {"params": {"store_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("POST", "/v1/orders"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/orders",
            {
                "json": order_body(GTINS[1], **_kiosk_body(w, c, t)),
                "headers": {"Idempotency-Key": uuid.uuid4().hex},
            },
        ),
        201,
        KIOSK_TARGETS,
    ),
    ("GET", "/v1/orders/{order_id}"): Probe(
        lambda w, c, t: ("GET", f"/v1/orders/{_order_id(w, c, t)}", {}), targets=KIOSK_TARGETS
    ),
    ("GET", "/v1/orders"): Probe(
        lambda w, c, t: ("GET", "/v1/orders", {"params": {"store_id": _store(w, c, t)}}),
        targets=STORE_TARGETS,
    ),
    ("POST", "/v1/orders/{order_id}/status"): Probe(
        lambda w, c, t: (
            "POST",
            f"/v1/orders/{_order_id(w, c, t)}/status",
            {"json": {"status": "cancelled"}},
        ),
        targets=KIOSK_TARGETS,
    ),
    ("POST", "/v1/fetch-requests"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/fetch-requests",
            {"json": {"gtin": GTINS[0], **_kiosk_body(w, c, t)}},
        ),
        201,
        KIOSK_TARGETS,
    ),
    ("GET", "/v1/fetch-requests"): Probe(
        lambda w, c, t: ("GET", "/v1/fetch-requests", {"params": {"store_id": _store(w, c, t)}}),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/fetch-requests/{request_id}"): Probe(
        lambda w, c, t: ("GET", f"/v1/fetch-requests/{_fetch_id(w, c, t)}", {}),
        targets=KIOSK_TARGETS,
    ),
    ("PATCH", "/v1/fetch-requests/{request_id}"): Probe(
        lambda w, c, t: (
            "PATCH",
            f"/v1/fetch-requests/{_fetch_id(w, c, t)}",
            {"json": {"status": "cancelled"}},
        ),
        targets=KIOSK_TARGETS,
    ),
    ("POST", "/v1/demand-events"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/demand-events",
            {
                "json": {
                    "id": uuid.uuid4().hex,
                    "kind": "scanned",
                    "gtin": GTINS[0],
                    "at": _now(),
                    **_kiosk_body(w, c, t),
                }
            },
        ),
        202,
        KIOSK_TARGETS,
    ),
    ("POST", "/v1/back-in-stock"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/back-in-stock",
            {
                "json": {
                    "id": uuid.uuid4().hex,
                    "gtin": GTINS[0],
                    "email": "walk@example.org",
                    "language": "de",
                    "at": _now(),
                    **_kiosk_body(w, c, t),
                }
            },
        ),
        201,
        KIOSK_TARGETS,
    ),
    ("GET", "/v1/back-in-stock"): Probe(
        lambda w, c, t: ("GET", "/v1/back-in-stock", {"params": {"store_id": _store(w, c, t)}}),
        targets=STORE_TARGETS,
    ),
    ("POST", "/v1/stock-adjustments"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/stock-adjustments",
            {
                "json": {
                    "location_id": _store(w, c, t),
                    "gtin": GTINS[2],
                    "kind": "receive",
                    "quantity": 1,
                    "actor": "Walk",
                },
                "headers": {"Idempotency-Key": uuid.uuid4().hex},
            },
        ),
        201,
        STORE_TARGETS,
    ),
    ("GET", "/v1/stock-adjustments"): Probe(
        lambda w, c, t: (
            "GET",
            "/v1/stock-adjustments",
            {"params": {"location_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/reports/lost-demand"): Probe(
        lambda w, c, t: (
            "GET",
            "/v1/reports/lost-demand",
            {"params": {"store_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/reports/lost-demand.csv"): Probe(
        lambda w, c, t: (
            "GET",
            "/v1/reports/lost-demand.csv",
            {"params": {"store_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("POST", "/v1/imports/catalogue"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/imports/catalogue",
            {
                "params": {"dry_run": "true"},
                "data": b"x\n",
                "headers": {"Content-Type": "text/csv"},
            },
        )
    ),
    ("POST", "/v1/imports/stock"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/imports/stock",
            {
                "params": {"dry_run": "true"},
                "data": f"gtin,on_hand\n{GTINS[0]},3\n".encode(),
                "headers": {"Content-Type": "text/csv"},
            },
        )
    ),
    ("POST", "/v1/audit"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/audit",
            {"json": {"id": uuid.uuid4().hex, "action": "admin.login", "detail": ""}},
        ),
        201,
    ),
    ("GET", "/v1/audit"): Probe(
        lambda w, c, t: ("GET", "/v1/audit", {"params": {"store_id": _store(w, c, t)}}),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/orders/by-number/{number}"): Probe(
        lambda w, c, t: ("GET", f"/v1/orders/by-number/{_number_of(w, c, t)}", {}),
        targets=KIOSK_TARGETS,
    ),
    ("POST", "/v1/kiosks/heartbeat"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/kiosks/heartbeat",
            {
                "json": {
                    "kiosk_id": _kiosk_body(w, c, t)["kiosk_id"] if t == "other kiosk" else c.kiosk,
                    "version": "1.0",
                    "uptime_s": 1.0,
                    "camera_ok": True,
                    "outbox_backlog": 0,
                    "at": _now(),
                }
            },
        ),
        targets=("own", "other kiosk"),
    ),
    ("GET", "/v1/kiosks"): Probe(
        lambda w, c, t: ("GET", "/v1/kiosks", {"params": {"store_id": _store(w, c, t)}}),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/kiosks/{kiosk_id}/heartbeats"): Probe(
        lambda w, c, t: (
            "GET",
            "/v1/kiosks/kiosk-1/heartbeats",
            {"params": {"store_id": _store(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    ("GET", "/kiosks"): Probe(lambda w, c, t: ("GET", "/kiosks", {})),
    # the customer voice (issue 17)
    ("POST", "/v1/fit-votes"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/fit-votes",
            {
                "json": {
                    "id": uuid.uuid4().hex,
                    "journey_id": uuid.uuid4().hex,
                    "style_id": _style_of(w),
                    "fit": "small",
                    "source": "tried",
                    "at": _now(),
                    **_kiosk_body(w, c, t),
                }
            },
        ),
        202,
        KIOSK_TARGETS,
    ),
    ("POST", "/v1/voice-events"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/voice-events",
            {
                "json": {
                    "id": uuid.uuid4().hex,
                    "kind": "answered",
                    "answer_ms": 900,
                    "style_id": _style_of(w),
                    "at": _now(),
                    **_kiosk_body(w, c, t),
                }
            },
        ),
        202,
        KIOSK_TARGETS,
    ),
    ("GET", "/v1/styles/{style_id}/fit"): Probe(
        lambda w, c, t: ("GET", f"/v1/styles/{_style_of(w)}/fit", {})
    ),
    ("GET", "/v1/reports/customer-voice"): Probe(
        lambda w, c, t: ("GET", "/v1/reports/customer-voice", _voice_params(w, c, t)),
        targets=STORE_TARGETS,
    ),
    ("GET", "/v1/reports/customer-voice.csv"): Probe(
        lambda w, c, t: ("GET", "/v1/reports/customer-voice.csv", _voice_params(w, c, t)),
        targets=STORE_TARGETS,
    ),
    # the phone hand-off (issue 18): the kiosk's side, the staff lookup, the phone pages
    ("POST", "/v1/handoffs"): Probe(
        lambda w, c, t: (
            "POST",
            "/v1/handoffs",
            {"json": {"gtin": GTINS[0], "language": "en", **_kiosk_body(w, c, t)}},
        ),
        201,
        KIOSK_TARGETS,
    ),
    ("GET", "/v1/handoffs/{handoff_id}"): Probe(
        lambda w, c, t: ("GET", f"/v1/handoffs/{_handoff_id(w, c, t)}", {}),
        targets=KIOSK_TARGETS,
    ),
    ("GET", "/v1/order-lookup"): Probe(
        lambda w, c, t: (
            "GET",
            "/v1/order-lookup",
            {"params": {"store_id": _store(w, c, t), "code": _number_of(w, c, t)}},
        ),
        targets=STORE_TARGETS,
    ),
    # Public pages, reached by token or cookie, never by key. "own": a real token or
    # session; "missing": a token that names nothing. Unknown tokens are rate limited per
    # address (20 at once, then one per 5 s; the walk is one address), so the no-session
    # answer of /m/order (the same "link no longer works" page as /m/h's) is not walked.
    ("GET", "/m/style.css"): Probe(
        lambda w, c, t: ("GET", "/m/style.css", {}), same_for_every_caller=True
    ),
    ("GET", "/m/h/{token}"): Probe(
        lambda w, c, t: (
            "GET",
            f"/m/h/{_handoff_token(w, t)}",
            {"allow_redirects": False},
        ),
        303,
        ("own", "missing"),
        same_for_every_caller=True,
    ),
    ("GET", "/m/order"): Probe(
        lambda w, c, t: ("GET", "/m/order", {"cookies": _phone_session(w)}),
        same_for_every_caller=True,
    ),
    ("POST", "/m/order"): Probe(
        lambda w, c, t: (
            "POST",
            "/m/order",
            {  # a form without an address: the form again, with its messages
                "cookies": _phone_session(w),
                "data": {"order_key": "0" * 32, "gtin": GTINS[0]},
                "allow_redirects": False,
            },
        ),
        422,
        same_for_every_caller=True,
    ),
    ("GET", "/m/s/{token}"): Probe(
        lambda w, c, t: (
            "GET",
            f"/m/s/{MISSING_STATUS_TOKEN if t == 'missing' else w.status_link_of()}",
            {},
        ),
        targets=("own", "missing"),
        same_for_every_caller=True,
    ),
}


def _voice_params(w: World, c: Caller, target: str) -> dict[str, Any]:
    """Staff name their store; head office every store by naming none (``own``) and has no
    "other store": it is asked about a missing one there, like for ``missing``."""
    if c.role == Role.HEAD_OFFICE:
        return {} if target == "own" else {"params": {"store_id": NO_STORE}}
    return {"params": {"store_id": _store(w, c, target)}}


#: Routes added by other work whose store probe is still to be written. Their role
#: refusals (no key, bad key, wrong role) are walked like every other route's. Empty: every
#: route has its probe.
NOT_YET_PROBED: frozenset[tuple[str, str]] = frozenset()


def _style_of(w: World) -> str:
    found = w.made(w.callers["staff A"], "GET", f"/v1/variants/{GTINS[0]}")
    return str(found["style"]["id"])


def _number_of(w: World, c: Caller, target: str) -> str:
    if target == "missing":
        return "EA-ZZZZZZ"
    owner = _thing_owner(w, c, target)
    order = w.made(owner, "GET", f"/v1/orders/{w.order_of(owner)}")
    return str(order["number"])


def _app_routes() -> list[RouteRoles]:
    with tempfile.TemporaryDirectory() as folder:
        return route_roles(create_app(Path(folder) / "routes.db"))


# --- the world ------------------------------------------------------------------------


def _add_key(db: str | Path, scope: KeyScope, store: str, kiosk: str | None) -> str:
    secret = rules.new_api_key()
    with open_storage(db) as storage:
        storage.add_api_key(rules.hash_api_key(secret), scope, store, kiosk, f"walk {scope}")
    return secret


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    db: str | Path = tmp_path_factory.mktemp("roles-walk") / "inventory.db"
    if request.param == "postgresql":
        db = request.getfixturevalue("pg_sandbox").create_database()
    with ServiceProcess(db, seed="demo") as svc:
        assert svc.store_id == STORE_A
        callers = [
            Caller("no key", None, None),
            Caller("bad key", None, "bad"),  # replaced by a fresh bad key per request
            Caller("kiosk A1", Role.KIOSK, svc.kiosk_key, STORE_A, "kiosk-1"),
            Caller(
                "kiosk A2",
                Role.KIOSK,
                _add_key(svc.db_path, KeyScope.KIOSK, STORE_A, "kiosk-2"),
                STORE_A,
                "kiosk-2",
            ),
            Caller("staff A", Role.STAFF, svc.staff_key, STORE_A),
            Caller(
                "staff B", Role.STAFF, _add_key(svc.db_path, KeyScope.STAFF, STORE_B, None), STORE_B
            ),
            Caller("head office", Role.HEAD_OFFICE, svc.head_office_key, "*"),
        ]
        kiosk_b = Caller(
            "kiosk B1",
            Role.KIOSK,
            _add_key(svc.db_path, KeyScope.KIOSK, STORE_B, "kiosk-1"),
            STORE_B,
            "kiosk-1",
        )
        w = World(svc.url, svc.db_path, {c.name: c for c in callers}, kiosk_b)
        yield w
        w.session.close()


def _send(w: World, caller: Caller, req: Request) -> requests.Response:
    method, path, kwargs = req
    if caller.name == "bad key":  # a new bad key each time: one bucket each (rate limits)
        caller = Caller("bad key", None, "bad-" + uuid.uuid4().hex)
    return w.call(caller, method, path, **kwargs)


def _answer(resp: requests.Response) -> tuple[int, Any]:
    try:
        return resp.status_code, resp.json()
    except json.JSONDecodeError:
        return resp.status_code, resp.text


def _page_answer(resp: requests.Response) -> tuple[int, str | None, str]:
    """A phone page's answer: status, where it sends the phone, and the page (the order
    form's fresh idempotency key, new on every rendering, masked)."""
    page = re.sub(r'(name="order_key" value=")[0-9a-f]{32}"', r'\1..."', resp.text)
    return resp.status_code, resp.headers.get("Location"), page


# --- the tests ------------------------------------------------------------------------


def test_every_route_declares_a_role_and_api_md_states_it() -> None:
    routes = _app_routes()  # raises, naming them, when a route declares no role
    documented: dict[tuple[str, str], str] = {}
    for line in API_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)]  # "\|" stays in a cell
        if len(cells) > 4 and cells[1] in ("GET", "POST", "PATCH", "PUT", "DELETE"):
            path = cells[2].split()[0].split("?")[0]
            documented[(cells[1], re.sub(r"\{[^}]*\}", "{}", path))] = cells[3]
    wrong = [
        (r.method, r.path, documented[key], r.roles_text)
        for r in routes
        if (key := (r.method, re.sub(r"\{[^}]*\}", "{}", r.path))) in documented
        and documented[key] != r.roles_text
    ]
    assert wrong == []


def test_every_route_has_a_probe() -> None:
    keyed = {(r.method, r.path) for r in _app_routes() if r.path not in BUILTIN_PUBLIC_PATHS}
    assert keyed - set(PROBES) - NOT_YET_PROBED == set()
    assert set(PROBES) - keyed == set()  # no probe for a route that is gone


def test_walk_every_route_role_and_store(world: World) -> None:
    refusals: dict[str, tuple[int, Any]] = {}
    pages: Pages = {}
    problems: list[str] = []
    cells = 0
    for route in _app_routes():
        if route.path in BUILTIN_PUBLIC_PATHS:
            continue
        probe = PROBES.get((route.method, route.path))
        for caller in world.callers.values():
            cells += 1
            allowed = Role.PUBLIC in route.roles or (
                caller.role is not None and caller.role in route.roles
            )
            if not allowed:
                req = (
                    probe.build(world, _stand_in(world, caller), "own")
                    if probe
                    else _bare_request(route)
                )
                status, body = _answer(_send(world, caller, req))
                expected = 401 if caller.role is None else 403
                if status != expected:
                    problems.append(f"{route.method} {route.path} as {caller.name}: {status}")
                # One answer per kind of refusal: no key, a bad key (on every route), a
                # key of another role (per route, whatever the role).
                kind = caller.name if caller.role is None else f"{route.method} {route.path}"
                first = refusals.setdefault(kind, (status, body))
                if first != (status, body):
                    problems.append(f"{route.method} {route.path}: {first} != {body}")
                continue
            if probe is not None and (route.method, route.path) not in NOT_YET_PROBED:
                problems += _probe_targets(world, route, caller, probe, pages)
    assert problems == [], "\n".join(problems)
    assert cells >= 45 * 7  # every route (not FastAPI's own pages) x 7 callers


def _probe_targets(
    world: World, route: RouteRoles, caller: Caller, probe: Probe, pages: Pages
) -> list[str]:
    """A caller the route lets in, on each of the probe's targets; ``pages``: the first
    caller's answer per phone page and target."""
    problems = []
    answers = {}
    for target in probe.targets:
        if target == "other kiosk" and caller.role != Role.KIOSK:
            expect_own = caller.role == Role.STAFF  # staff see every kiosk of theirs
        else:
            expect_own = target == "own"
        resp = _send(world, caller, probe.build(world, caller, target))
        answers[target] = _answer(resp)
        status = answers[target][0]
        if probe.same_for_every_caller:  # a key changes nothing on a phone page
            first_caller, page = pages.setdefault(
                (route.method, route.path, target), (caller.name, _page_answer(resp))
            )
            if page != _page_answer(resp):
                problems.append(
                    f"{route.method} {route.path} on {target}: {caller.name}'s answer "
                    f"{_page_answer(resp)[:2]} is not {first_caller}'s {page[:2]}"
                )
        if expect_own and status != probe.ok:
            problems.append(
                f"{route.method} {route.path} as {caller.name} on {target}: "
                f"{status} {answers[target][1]}"
            )
    return problems + _compare_with_missing(route, caller, answers)


def test_order_lookup_finds_another_stores_order_like_none(world: World) -> None:
    """Staff asking their own store for another store's order number or kiosk reference
    get what an unknown one gets (the walk's "other store" asks for that store's id)."""
    staff_a, kiosk_a, kiosk_b = world.callers["staff A"], world.kiosk_of(STORE_A), world.kiosk_b
    keys = {"A": uuid.uuid4().hex, "B": uuid.uuid4().hex}
    numbers = {}
    for name, kiosk in (("A", kiosk_a), ("B", kiosk_b)):
        order_id = world.order_of(kiosk, idempotency_key=keys[name])
        numbers[name] = str(world.made(kiosk, "GET", f"/v1/orders/{order_id}")["number"])

    def lookup(code: str) -> tuple[int, Any]:
        params = {"store_id": STORE_A, "code": code}
        return _answer(world.call(staff_a, "GET", "/v1/order-lookup", params=params))

    own = [lookup(numbers["A"]), lookup(kiosk_reference(keys["A"]))]
    assert [(status, [o["number"] for o in found]) for status, found in own] == [
        (200, [numbers["A"]]),
        (200, [numbers["A"]]),
    ]
    unknown = lookup("EA-ZZZZZZ")
    assert unknown == (200, [])
    assert lookup(numbers["B"]) == unknown
    assert lookup(kiosk_reference(keys["B"])) == unknown


def _compare_with_missing(
    route: RouteRoles, caller: Caller, answers: dict[str, tuple[int, Any]]
) -> list[str]:
    """Another store's thing answers exactly like a missing one; another kiosk's thing
    (for a kiosk) is refused, and where it is an id (404) exactly like a missing one."""
    where = f"{route.method} {route.path} as {caller.name}"
    problems = []
    missing = answers.get("missing")
    if "other store" in answers and answers["other store"] != missing:
        problems.append(f"{where}: other store {answers['other store']} != missing {missing}")
    other_kiosk = answers.get("other kiosk")
    if other_kiosk is not None and caller.role == Role.KIOSK:
        if other_kiosk[0] not in (403, 404):
            problems.append(f"{where}: other kiosk answered {other_kiosk}")
        if other_kiosk[0] == 404 and other_kiosk != missing:
            problems.append(f"{where}: other kiosk {other_kiosk} != missing {missing}")
    if missing is not None and not 400 <= missing[0] < 500:
        problems.append(f"{where}: missing answered {missing}")
    return problems


def _stand_in(w: World, caller: Caller) -> Caller:
    """Whose things a refused caller asks about: store A's (a refusal must not depend on it)."""
    return caller if caller.store == STORE_A else w.callers["staff A"]


def _bare_request(route: RouteRoles) -> Request:
    path = re.sub(r"\{[^}]*\}", "x", route.path)
    kwargs: dict[str, Any] = {"json": {}} if route.method in ("POST", "PATCH", "PUT") else {}
    return route.method, path, kwargs


def test_store_b_may_reuse_every_id_store_a_used(world: World) -> None:
    """Ids a device makes and idempotency keys are per store: store B using an id store A
    used works for B and tells B nothing about A."""
    db, url, store_a = world.db, world.url, STORE_A
    kiosk_b_key, staff_b_key = str(world.kiosk_b.key), str(world.callers["staff B"].key)
    with (
        Api(url, world.callers["kiosk A1"].key) as kiosk_a,
        Api(url, world.callers["staff A"].key) as staff_a,
        Api(url, kiosk_b_key) as kiosk_b,
        Api(url, staff_b_key) as staff_b,
    ):
        # Demand events: the same id in two stores is two events (was: B's dropped).
        for api, store in ((kiosk_a, store_a), (kiosk_b, STORE_B)):
            event = {"id": "demand-0001", "kind": "scanned", "gtin": GTINS[0], "at": _now()}
            body = {**event, "kiosk_id": "kiosk-1", "store_id": store}
            assert api.post("/v1/demand-events", json=body).status_code == 202
        stored = rows(db, "SELECT store_id FROM demand_events WHERE id = 'demand-0001'")
        assert sorted(r["store_id"] for r in stored) == sorted([store_a, STORE_B])

        # Back in stock: B's request with A's id is B's own (201, not 409 or A's).
        made = []
        for api, store, email in (
            (kiosk_a, store_a, "a@example.org"),
            (kiosk_b, STORE_B, "b@example.org"),
        ):
            body = {
                "id": "bis-00000001",
                "gtin": GTINS[0],
                "email": email,
                "language": "de",
                "at": _now(),
                "kiosk_id": "kiosk-1",
                "store_id": store,
            }
            resp = api.post("/v1/back-in-stock", json=body)
            assert resp.status_code == 201, resp.text
            made.append(resp.json())
        assert [m["email"] for m in made] == ["a@example.org", "b@example.org"]
        listed = staff_b.get("/v1/back-in-stock", params={"store_id": STORE_B}).json()
        emails = [b["email"] for b in listed if b["id"] == "bis-00000001"]
        assert emails == ["b@example.org"]  # B's own, none of A's

        # Orders: one Idempotency-Key, one order per store; a replay still finds A's.
        key = {"Idempotency-Key": "shared-key-0001"}
        order_a = kiosk_a.post(
            "/v1/orders",
            json=order_body(GTINS[0], kiosk_id="kiosk-1", store_id=store_a),
            headers=key,
        )
        assert order_a.status_code == 201, order_a.text
        body_b = order_body(GTINS[0], quantity=2, kiosk_id="kiosk-1", store_id=STORE_B)
        order_b = kiosk_b.post("/v1/orders", json=body_b, headers=key)
        assert order_b.status_code == 201, order_b.text  # not A's 409 (another body)
        assert order_b.json()["id"] != order_a.json()["id"]
        assert order_b.json()["store_id"] == STORE_B
        again = kiosk_a.post(
            "/v1/orders",
            json=order_body(GTINS[0], kiosk_id="kiosk-1", store_id=store_a),
            headers=key,
        )
        assert (again.status_code, again.json()["id"]) == (200, order_a.json()["id"])

        # Stock adjustments and audit entries: the same key / id in each store.
        for api, store in ((staff_a, store_a), (staff_b, STORE_B)):
            adjust = {
                "location_id": store,
                "gtin": GTINS[0],
                "kind": "receive",
                "quantity": 1,
                "actor": "Ann",
            }
            resp = api.post("/v1/stock-adjustments", json=adjust, headers=key)
            assert resp.status_code == 201, resp.text
            entry = {"id": "audit-shared-01", "action": "admin.login", "detail": ""}
            resp = api.post("/v1/audit", json=entry)
            assert resp.status_code == 201, resp.text
            assert resp.json()["store_id"] == store
