"""Who may call which route: the roles, and reading back what each route declared.

Every route declares its role exactly once, with the key dependency it takes
(``deps.KioskKey``, ``deps.StaffKey``, ``deps.HeadOfficeKey``, ``deps.AnyKey``, or
``deps.allow(Role..., ...)``) or, when it needs no key, ``dependencies=[deps.PUBLIC]``.
The dependency carries its roles (``ROLES_ATTRIBUTE``), so ``declared_roles`` finds them
on the route itself: the role table in docs/API.md (``role_table``) and the route x role
test read the same source, and a route without a declaration fails that test.

What a role may do inside a route (its own store, its own kiosk) is checked by the route
with ``deps.for_store`` / ``deps.owns``; this module only knows which roles may enter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route

from inventory_service.storage import KeyScope


class Role(StrEnum):
    """Who calls: nobody in particular (no key), or the holder of a key of one scope."""

    PUBLIC = "public"
    KIOSK = "kiosk"
    STAFF = "staff"
    HEAD_OFFICE = "head office"


ROLE_OF_SCOPE: dict[KeyScope, Role] = {
    KeyScope.KIOSK: Role.KIOSK,
    KeyScope.STAFF: Role.STAFF,
    KeyScope.HEAD_OFFICE: Role.HEAD_OFFICE,
}

#: Attribute a role-checking dependency carries: the frozenset of roles it lets in.
ROLES_ATTRIBUTE = "endless_aisle_roles"

#: FastAPI's own pages (the contract and its viewers) need no key.
BUILTIN_PUBLIC_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})

ROLE_ORDER = (Role.PUBLIC, Role.KIOSK, Role.STAFF, Role.HEAD_OFFICE)


class RoleDeclarationError(Exception):
    """A route declares no role, or two different ones."""


@dataclass(frozen=True)
class RouteRoles:
    method: str
    path: str
    roles: frozenset[Role]

    @property
    def roles_text(self) -> str:
        return ", ".join(r.value for r in ROLE_ORDER if r in self.roles)


def _calls(dependant: Dependant) -> Iterable[object]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _roles_of_calls(calls: Iterable[object], where: str) -> frozenset[Role] | None:
    found = {
        frozenset(roles)
        for call in calls
        if (roles := getattr(call, ROLES_ATTRIBUTE, None)) is not None
    }
    if len(found) > 1:
        raise RoleDeclarationError(f"{where} declares more than one role set: {found}")
    return next(iter(found), None)


def declared_roles(route: BaseRoute, inherited: Iterable[object] = ()) -> frozenset[Role] | None:
    """The roles a route lets in, or None when it declares none. ``inherited`` are the
    dependency callables of the routers it was included through."""
    if isinstance(route, APIRoute):
        return _roles_of_calls([*inherited, *_calls(route.dependant)], route.path)
    if isinstance(route, Route) and route.path in BUILTIN_PUBLIC_PATHS:
        return frozenset({Role.PUBLIC})
    return None


def _methods(route: BaseRoute) -> list[str]:
    methods = getattr(route, "methods", None) or {"GET"}
    return sorted(m for m in methods if m != "HEAD")


def _flatten(
    routes: Iterable[BaseRoute], prefix: str = "", inherited: tuple[object, ...] = ()
) -> Iterable[tuple[str, BaseRoute, tuple[object, ...]]]:
    """Every route with its full path, also those of ``app.include_router`` routers (and
    the dependencies those routers add, e.g. ``APIRouter(dependencies=[PUBLIC])``)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:  # FastAPI's _IncludedRouter
            context = getattr(route, "include_context", None)
            extra = [*getattr(context, "dependencies", ()), *included.dependencies]
            calls = tuple(d.dependency for d in extra if d.dependency is not None)
            sub_prefix = prefix + getattr(context, "prefix", "")
            yield from _flatten(included.routes, sub_prefix, inherited + calls)
            continue
        yield prefix + getattr(route, "path", repr(route)), route, inherited


def route_roles(app: FastAPI) -> list[RouteRoles]:
    """Every (method, path) of the app with its roles; raises on an undeclared route."""
    table: list[RouteRoles] = []
    missing: list[str] = []
    for path, route, inherited in _flatten(app.routes):
        roles = declared_roles(route, inherited)
        if roles is None:
            missing.append(path)
            continue
        table += [RouteRoles(method, path, roles) for method in _methods(route)]
    if missing:
        raise RoleDeclarationError("routes without a declared role: " + ", ".join(missing))
    return table


def role_table(app: FastAPI) -> str:
    """The Markdown table of docs/API.md's "Roles" section (FastAPI's own pages left out)."""
    rows = [r for r in route_roles(app) if r.path not in BUILTIN_PUBLIC_PATHS]
    rows.sort(key=lambda r: (r.path, r.method))
    lines = ["| Method | Path | Roles |", "|---|---|---|"]
    lines += [f"| {r.method} | `{r.path}` | {r.roles_text} |" for r in rows]
    return "\n".join(lines)
