"""No time and no text sent to any route makes a 500 (issue 15, item 4), on both engines.

The routes come from the running service's own ``/openapi.json``, so a route added later
is covered without touching this file. For each operation a valid-looking request is
built from its schema (seeded demo ids where a name says what is meant); then one time
or one text field at a time (body, query, path or header) is replaced:

- a sweep sends every operation's every such field the values that used to break the
  service (the ends of the datetime range with an offset, NUL, a bidi override);
- hypothesis then draws operations, fields and values freely (any offset and instant,
  any text) for a bounded number of examples.

Every answer must be below 500, and every 4xx an ``ErrorBody``. One service per engine
for the whole module; the request is sent with the first key (kiosk, staff, head
office) that the operation does not refuse outright, so validation is reached.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory_service.launcher import ServiceProcess

from .engine_service import engine_service  # noqa: F401  (the `service` fixture)

GTIN = "2400013600002"
STYLE_ID = "nordhain-fjord-hiker"
TIMEOUT = (5, 30)

#: Values that broke the service before (issue 15), sent to every field of their kind.
SWEEP_TIMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-05T00:00:00"]
SWEEP_TEXTS = ["a\x00b", "abc\u202etxt.exe", "line\nbreak"]
#: Answers that mean "this key may not do this at all" (then the next key is tried).
REFUSED = {401, 403}
SKIP_PATHS = re.compile(r"^/(openapi\.json|docs|redoc)")


@dataclass
class Operation:
    method: str
    path: str
    spec: dict[str, Any]
    body_schema: dict[str, Any] | None
    targets: list[tuple[str, tuple[str | int, ...], str]] = field(default_factory=list)
    key: str | None = None

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


class Schema:
    """The OpenAPI document, with ``$ref`` resolution and example values."""

    def __init__(self, document: dict[str, Any], service: ServiceProcess) -> None:
        self.document = document
        self.known: dict[str, Any] = {
            "store_id": service.store_id,
            "location_id": service.store_id,
            "kiosk_id": service.kiosk_id,
            "gtin": GTIN,
            "style_id": STYLE_ID,
            "email": "shopper@example.org",
            "phone": "+4930123456",
            "language": "de",
            "currency": "EUR",
            "country": "DE",
            "postcode": "10115",
            "quantity": 1,
            "action": "note.test",
        }

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def example(self, schema: dict[str, Any], name: str = "") -> Any:
        schema = self.resolve(schema)
        if name in self.known:
            return self.known[name]
        for combinator in ("anyOf", "oneOf", "allOf"):
            if combinator in schema:
                options = [s for s in schema[combinator] if self.resolve(s).get("type") != "null"]
                return self.example(options[0], name) if options else None
        if "enum" in schema:
            return schema["enum"][0]
        if "default" in schema and schema["default"] is not None:
            return schema["default"]
        kind = schema.get("type")
        if kind == "object":
            required = schema.get("required", [])
            props = schema.get("properties", {})
            return {k: self.example(v, k) for k, v in props.items() if k in required}
        if kind == "array":
            return [self.example(schema.get("items", {}), name)] * max(1, schema.get("minItems", 1))
        if kind == "integer" or kind == "number":
            return max(schema.get("minimum", 1), min(1, schema.get("maximum", 1)))
        if kind == "boolean":
            return True
        if schema.get("format") == "date-time":
            return "2026-05-01T10:00:00Z"
        return self._string(schema)

    @staticmethod
    def _string(schema: dict[str, Any]) -> str:
        candidates = ["abcdefgh1", "shopper@example.org", "de", "EUR", "note.test", "42", GTIN]
        pattern = schema.get("pattern")
        for text in candidates:
            if pattern is None or re.search(pattern, text):
                low, high = schema.get("minLength", 0), schema.get("maxLength", 64)
                if low <= len(text) <= high:
                    return text
        return "x" * max(1, schema.get("minLength", 1))

    def string_fields(
        self, schema: dict[str, Any], where: tuple[str | int, ...] = ()
    ) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every string field in a body schema: (path, "time" or "text")."""
        schema = self.resolve(schema)
        for combinator in ("anyOf", "oneOf", "allOf"):
            for option in schema.get(combinator, []):
                yield from self.string_fields(option, where)
        if schema.get("type") == "object":
            for name, sub in schema.get("properties", {}).items():
                yield from self.string_fields(sub, (*where, name))
        elif schema.get("type") == "array" and where:
            yield from self.string_fields(schema.get("items", {}), (*where, 0))
        elif schema.get("type") == "string" and where and "enum" not in schema:
            yield where, "time" if schema.get("format") == "date-time" else "text"


def _operations(schema: Schema) -> list[Operation]:
    found = []
    for path, item in schema.document["paths"].items():
        if SKIP_PATHS.match(path):
            continue
        for method, spec in item.items():
            content = spec.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {}).get("schema")
            op = Operation(method, path, spec, body)
            for parameter in spec.get("parameters", []):
                sub = schema.resolve(parameter.get("schema", {}))
                kinds = [sub, *[schema.resolve(s) for s in sub.get("anyOf", [])]]
                for kind in kinds:
                    if kind.get("type") == "string" and "enum" not in kind:
                        what = "time" if kind.get("format") == "date-time" else "text"
                        op.targets.append((parameter["in"], (parameter["name"],), what))
                        break
            if body is not None:
                op.targets += [("body", where, what) for where, what in schema.string_fields(body)]
            found.append(op)
    return found


@dataclass
class Client:
    service: ServiceProcess
    schema: Schema
    session: requests.Session

    def send(self, op: Operation, key: str | None, change: tuple[str, tuple, Any] | None) -> Any:
        path_values: dict[str, Any] = {}
        query: dict[str, Any] = {}
        headers: dict[str, str] = {}
        for parameter in op.spec.get("parameters", []):
            name, where = parameter["name"], parameter["in"]
            if not parameter.get("required") and not (change and change[1] == (name,)):
                continue
            value = self.schema.example(parameter.get("schema", {}), name)
            if name == "Idempotency-Key":
                value = uuid.uuid4().hex
            {"path": path_values, "query": query, "header": headers}.get(where, {})[name] = value
        body = self.schema.example(op.body_schema) if op.body_schema is not None else None
        if change is not None:
            where, at, value = change
            if where == "body":
                body = _set(body, at, value)
            elif where == "path":
                path_values[at[0]] = value
            elif where == "query":
                query[at[0]] = value
            elif where == "header":
                headers[at[0]] = value
        url = self.service.url + re.sub(
            r"\{(\w+)\}", lambda m: requests.utils.quote(str(path_values[m[1]]), safe=""), op.path
        )
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        if "Content-Type" not in headers and op.body_schema is None and op.method != "get":
            headers["Content-Type"] = "text/csv" if "requestBody" in op.spec else "application/json"
        try:
            return self.session.request(
                op.method.upper(), url, params=query, json=body, headers=headers, timeout=TIMEOUT
            )
        except (UnicodeEncodeError, requests.exceptions.InvalidHeader):
            return None  # a header no HTTP client sends (not latin-1, a line break)


def _set(body: Any, at: tuple[str | int, ...], value: Any) -> Any:
    body = body if isinstance(body, dict) else {}
    node: Any = body
    for step, following in itertools.pairwise(at):
        if isinstance(node, list):
            node = node[int(step)]
            continue
        if step not in node or node[step] is None:
            node[step] = [{}] if isinstance(following, int) else {}
        node = node[step]
    if isinstance(node, dict):
        node[at[-1]] = value
    return body


def assert_no_server_error(answer: Any, what: str) -> None:
    if answer is None:
        return
    assert answer.status_code < 500, (what, answer.status_code, answer.text[:300])
    if 400 <= answer.status_code < 500 and "json" in answer.headers.get("content-type", ""):
        assert set(answer.json()) == {"error"}, (what, answer.text[:300])


@pytest.fixture(scope="module")
def client(service: ServiceProcess) -> Iterator[Client]:
    with requests.Session() as session:
        document = session.get(f"{service.url}/openapi.json", timeout=TIMEOUT).json()
        yield Client(service, Schema(document, service), session)


@pytest.fixture(scope="module")
def operations(client: Client) -> list[Operation]:
    """Every operation with the first key it does not refuse (or none: a public route)."""
    service = client.service
    keys = [service.kiosk_key, service.staff_key, getattr(service, "head_office_key", None)]
    ops = _operations(client.schema)
    for op in ops:
        for key in [k for k in keys if k]:
            answer = client.send(op, key, None)
            assert_no_server_error(answer, op.label)
            if answer is not None and answer.status_code not in REFUSED:
                op.key = key
                break
    return ops


def test_every_route_is_reached_with_some_key(operations: list[Operation]):
    reached = [op.label for op in operations if op.key]
    assert len(reached) >= 20, reached  # the walk really reaches the routes
    times = [op.label for op in operations for t in op.targets if t[2] == "time"]
    assert {"POST /v1/demand-events", "POST /v1/kiosks/heartbeat", "POST /v1/back-in-stock",
            "GET /v1/reports/lost-demand"} <= set(times)  # fmt: skip


def test_old_breakers_in_every_time_and_text_field_are_no_server_error(
    client: Client, operations: list[Operation]
):
    sent = 0
    for op in operations:
        for where, at, what in op.targets:
            for value in SWEEP_TIMES if what == "time" else SWEEP_TEXTS:
                answer = client.send(op, op.key, (where, at, value))
                assert_no_server_error(answer, f"{op.label} {where} {at} = {value!r}")
                sent += 1
    assert sent > 50


def _rfc3339(moment: datetime, minutes: int, fraction: bool) -> str:
    zone = timezone(timedelta(minutes=minutes))
    text = moment.replace(tzinfo=zone).isoformat(timespec="microseconds" if fraction else "seconds")
    return text.replace("+00:00", "Z") if minutes == 0 else text


times = st.one_of(
    st.builds(_rfc3339, st.datetimes(), st.integers(-14 * 60, 14 * 60), st.booleans()),
    st.sampled_from(["2026-05-01", "1700000000", "", "2026-13-01T00:00:00Z"]),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
)
texts = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300),
    st.sampled_from([*SWEEP_TEXTS, "\u2066x\u2069", "\x85", "\r\n", " " * 5, "x" * 5000]),
)


@given(data=st.data())
@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_time_or_text_in_any_route_is_no_server_error(
    client: Client, operations: list[Operation], data: st.DataObject
):
    op = data.draw(st.sampled_from([o for o in operations if o.targets]), label="operation")
    where, at, what = data.draw(st.sampled_from(op.targets), label="field")
    value = data.draw(times if what == "time" else texts, label="value")
    answer = client.send(op, op.key, (where, at, value))
    assert_no_server_error(answer, f"{op.label} {where} {at} = {value!r}")


def test_utc_now_is_accepted_where_a_time_is_asked(client: Client, operations: list[Operation]):
    """The sweep's control: a sane time gets past validation on the time routes."""
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    for op in operations:
        for where, at, what in op.targets:
            if what == "time" and op.label == "POST /v1/demand-events":
                answer = client.send(op, op.key, (where, at, now))
                assert answer is not None and answer.status_code == 202, answer.text
