"""Fixtures for the client tests: clients bound to the real service, and broken servers.

The happy path always runs against the real reference service on loopback
(``live_service`` / ``fresh_service`` from ``tests/conftest.py``). What a real server will
not do on demand (garbage bytes, a 500 page, silence) comes from the small servers and the
requests adapter defined here.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter, HTTPAdapter

from inventory_client import InventoryClient
from inventory_client.models import ShipTo

SHIP_TO = ShipTo(
    name="Erika Mustermann",
    street="Musterstraße 1",
    postcode="10115",
    city="Berlin",
    country="DE",
    email="erika@example.org",
)


def make_client(service: Any, outbox_path: Path, **kwargs: Any) -> InventoryClient:
    options = {
        "kiosk_id": service.kiosk_id,
        "store_id": service.store_id,
        "outbox_path": outbox_path,
        **kwargs,
    }
    api_key = options.pop("api_key", service.kiosk_key)
    return InventoryClient(service.url, api_key, **options)


@pytest.fixture
def client_factory(tmp_path: Path) -> Iterator[Callable[..., InventoryClient]]:
    """Build clients (closed at the end); each gets its own outbox unless one is given."""
    made: list[InventoryClient] = []

    def factory(service: Any, outbox: str = "outbox.sqlite", **kwargs: Any) -> InventoryClient:
        client = make_client(service, tmp_path / outbox, **kwargs)
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def live_client(live_service, client_factory) -> InventoryClient:
    return client_factory(live_service)


@pytest.fixture
def fresh_client(fresh_service, client_factory) -> InventoryClient:
    return client_factory(fresh_service)


# --- broken servers --------------------------------------------------------------------


def canned(
    status: int, body: bytes, content_type: str = "application/json"
) -> Callable[[requests.PreparedRequest], requests.Response]:
    def respond(request: requests.PreparedRequest) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response.headers["Content-Type"] = content_type
        response._content = body
        response.url = request.url or ""
        response.request = request
        return response

    return respond


class ScriptedAdapter(BaseAdapter):
    """A transport adapter answering with whatever a test scripts (no network)."""

    def __init__(self, respond: Callable[[requests.PreparedRequest], requests.Response]) -> None:
        super().__init__()
        self.respond = respond
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):  # type: ignore[override]
        self.requests.append(request)
        return self.respond(request)

    def close(self) -> None:
        pass


class InterceptingAdapter(HTTPAdapter):
    """The real adapter, with a hook that may answer or break chosen requests first."""

    def __init__(self, intercept: Callable[[requests.PreparedRequest], Any]) -> None:
        from inventory_client._retry import make_retry

        super().__init__(max_retries=make_retry())
        self.intercept = intercept
        self.seen: list[requests.PreparedRequest] = []
        self._lock = threading.Lock()

    def send(self, request, **kwargs):  # type: ignore[override]
        with self._lock:
            self.seen.append(request)
        answer = self.intercept(request)
        if answer is not None:
            return answer
        return super().send(request, **kwargs)


def mount(client: InventoryClient, adapter: BaseAdapter) -> None:
    client._transport.session.mount(client._transport.base_url, adapter)


@dataclass
class SilentServer:
    """Accepts TCP connections and never answers (for read timeouts)."""

    url: str
    connections: list[socket.socket] = field(default_factory=list)


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    server = SilentServer(url=f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            server.connections.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server
    stop.set()
    thread.join()
    for conn in server.connections:
        conn.close()
    listener.close()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL on which nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class ScriptedServer:
    """A real HTTP server on loopback answering from a script, one entry per request."""

    url: str
    script: list[tuple[int, bytes]]
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
def scripted_server() -> Iterator[ScriptedServer]:
    state = ScriptedServer(url="", script=[])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            state.seen.append((self.command, self.path, dict(self.headers)))
            status, body = state.script.pop(0) if state.script else (500, b"{}")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()
