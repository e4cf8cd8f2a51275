"""What FastAPI cannot say by itself in ``/openapi.json``, added so the document is exact.

The published schema must describe what the service enforces, no more and no less
(schemathesis checks both ways: ``tests/service/test_contract.py``). FastAPI gets most of
it from the routes' types; this module fixes the rest once the routes exist:

- error answers are always JSON ``ErrorBody``: a route whose success is CSV or HTML has its
  error responses documented as ``application/json``, not as the route's media type, and
  a CSV or HTML success is not also documented as JSON;
- the ``X-Actor`` header may not name the service or a key (``audit_chain``): a ``not``
  pattern says so;
- a report over ``since``/``until`` carries ``x-max-period-days`` (366);
- OpenAPI links from what creates a thing to what reads or changes it (an order, a fetch
  request, a style from a search), so a client (and schemathesis' stateful phase) can
  follow them.

Hooked in by one call in ``create_app``; routes added later are covered, because the
document is built on the first request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI

from inventory_service.demand_report import MAX_PERIOD

JSON = "application/json"
ERROR_REF = "#/components/schemas/ErrorBody"


def install_openapi_contract(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the adjusted document (built once, then cached)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            adjust(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override


def adjust(schema: dict[str, Any]) -> None:
    for operation in _operations(schema):
        _parameters_are_never_null(operation)
        _text_bodies_are_bytes(operation)
        _errors_are_json(operation)
        _one_success_media_type(operation)
        _reserved_actor_names(operation)
        _period_limit(operation)
    _add_links(schema)


def _operations(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            if method in {"get", "put", "post", "delete", "patch", "options", "head"}:
                yield operation


def _parameters_are_never_null(operation: dict[str, Any]) -> None:
    """``X | None`` on a header, query or path parameter means "may be left out", which
    ``required: false`` already says; FastAPI also writes a ``null`` alternative, which a
    client would send as the text ``null`` (and get a 422)."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
        if "anyOf" in schema and len(options) == 1:
            del schema["anyOf"]
            schema.update(options[0])


def _text_bodies_are_bytes(operation: dict[str, Any]) -> None:
    """A CSV upload is any bytes (``format: binary``): the service reads and reports on
    whatever arrives, so no text is "of the wrong type" for it."""
    for media, content in operation.get("requestBody", {}).get("content", {}).items():
        schema = content.get("schema", {})
        if "json" not in media and schema.get("type") == "string":
            schema.setdefault("format", "binary")


def _errors_are_json(operation: dict[str, Any]) -> None:
    for status, response in operation.get("responses", {}).items():
        if status.startswith(("4", "5")):
            content = response.get("content", {})
            schemas = [c.get("schema", {}) for c in content.values()]
            if any(s.get("$ref") == ERROR_REF for s in schemas):
                response["content"] = {JSON: {"schema": {"$ref": ERROR_REF}}}


def _one_success_media_type(operation: dict[str, Any]) -> None:
    """A route answering CSV or HTML does not also answer (empty-schema) JSON."""
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if (
            status.startswith("2")
            and JSON in content
            and len(content) > 1
            and not content[JSON].get("schema")
        ):
            del content[JSON]


def _reserved_actor_names(operation: dict[str, Any]) -> None:
    from inventory_service import audit_chain  # the service's own names for itself

    prefixes = getattr(audit_chain, "_RESERVED_PREFIXES", ())
    names = [_any_case(audit_chain.SERVICE_ACTOR) + "$", *(_any_case(p) for p in prefixes)]
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter.get("name") == "X-Actor":
            schema = parameter["schema"]
            target = next((s for s in schema.get("anyOf", []) if s.get("type") == "string"), schema)
            target["not"] = {"pattern": "^(?:" + "|".join(names) + ")"}


def _period_limit(operation: dict[str, Any]) -> None:
    """A report over [since, until) states its longest period where a client can read it
    (OpenAPI cannot relate two parameters; the descriptions say it in words too)."""
    names = {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}
    if {"since", "until"} <= names:
        operation["x-max-period-days"] = MAX_PERIOD.days


def _any_case(text: str) -> str:
    """``ab:`` -> ``[Aa][Bb]:``: ECMA patterns have no inline case-insensitive flag."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in text)


# (from path, method, status) -> [(link name, to path, method, {parameter: expression})]
LINKS: dict[tuple[str, str, str], list[tuple[str, str, str, dict[str, str]]]] = {
    ("/v1/orders", "post", "201"): [
        ("GetOrder", "/v1/orders/{order_id}", "get", {"order_id": "$response.body#/id"}),
        (
            "ChangeOrderStatus",
            "/v1/orders/{order_id}/status",
            "post",
            {"order_id": "$response.body#/id"},
        ),
        (
            "GetOrderByNumber",
            "/v1/orders/by-number/{number}",
            "get",
            {"number": "$response.body#/number"},
        ),
    ],
    ("/v1/fetch-requests", "post", "201"): [
        (
            "GetFetchRequest",
            "/v1/fetch-requests/{request_id}",
            "get",
            {"request_id": "$response.body#/id"},
        ),
        (
            "UpdateFetchRequest",
            "/v1/fetch-requests/{request_id}",
            "patch",
            {"request_id": "$response.body#/id"},
        ),
    ],
    ("/v1/catalogue/search", "get", "200"): [
        (
            "GetVariant",
            "/v1/variants/{gtin}",
            "get",
            {"gtin": "$response.body#/0/variants/0/gtin"},
        ),
        (
            "GetStyleStock",
            "/v1/styles/{style_id}/stock",
            "get",
            {"style_id": "$response.body#/0/style/id"},
        ),
    ],
    ("/v1/variants/{gtin}", "get", "200"): [
        (
            "GetAvailability",
            "/v1/variants/{gtin}/availability",
            "get",
            {"gtin": "$response.body#/variant/gtin"},
        ),
    ],
}


def _add_links(schema: dict[str, Any]) -> None:
    """Links whose both ends exist (a route renamed or removed drops its links)."""
    paths = schema.get("paths", {})
    for (path, method, status), links in LINKS.items():
        response = paths.get(path, {}).get(method, {}).get("responses", {}).get(status)
        if response is None:
            continue
        for name, to_path, to_method, parameters in links:
            target = paths.get(to_path, {}).get(to_method)
            if target is None or "operationId" not in target:
                continue
            response.setdefault("links", {})[name] = {
                "operationId": target["operationId"],
                "parameters": parameters,
            }
