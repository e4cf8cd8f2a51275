"""A second listening socket for phones, which serves the phone pages and nothing else.

Phones reach the service over the store's Wi-Fi (or the internet); kiosks and staff reach
the JSON API over the store's LAN. ``--phone-host ADDRESS [--phone-port N]`` opens the
phones' socket beside the API's: on it only ``/m/...`` (the pages) and ``/v1/images/...``
(their pictures) answer, everything else is a 404, so a phone network never sees the API,
and the demo's published keys are no key to anything from there. ``serve`` prints the
phones' base URL (``service.public_url`` in the kiosk's config).
"""

from __future__ import annotations

import argparse
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: What a phone may ask for: the pages and their pictures.
PHONE_PATHS = ("/m/", "/v1/images/")
READY_PREFIX = "inventory service phone pages on "


def add_phone_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--phone-host",
        metavar="ADDRESS",
        help="also listen here for shoppers' phones: the phone pages only (e.g. 0.0.0.0)",
    )
    parser.add_argument(
        "--phone-port", type=int, default=0, help="port for phones (default: a free one)"
    )


def lan_address() -> str:
    """This machine's address on its default route (no packet is sent), else loopback."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing only, nothing goes out
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


@dataclass
class PhoneListener:
    sock: socket.socket
    url: str  # what phones open: the kiosk's service.public_url

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def wrap(self, app: App) -> App:
        return PhoneOnly(app, self.port)


class PhoneOnly:
    """ASGI wrapper: on the phones' port only the phone paths reach ``app``."""

    def __init__(self, app: App, phone_port: int) -> None:
        self.app = app
        self.phone_port = phone_port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server")
        on_phone_port = server is not None and int(server[1]) == self.phone_port
        if (
            on_phone_port
            and scope["type"] in ("http", "websocket")
            and not str(scope.get("path", "")).startswith(PHONE_PATHS)
        ):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body = b"Not found.\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 404,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                        (b"cache-control", b"no-store"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def open_phone_listener(
    args: argparse.Namespace, bind: Callable[[str, int], socket.socket], scheme: str
) -> PhoneListener | None:
    """The phones' socket when ``--phone-host`` asks for one (``ValueError``: why not)."""
    if not args.phone_host:
        return None
    if args.workers > 1:
        raise ValueError("--phone-host needs --workers 1 (put a proxy in front for more)")
    if args.phone_port and args.phone_port == args.port:
        raise ValueError("--phone-port must differ from --port")
    sock = bind(args.phone_host, args.phone_port)
    host = str(sock.getsockname()[0])
    if host in ("0.0.0.0", "::"):
        host = lan_address()
    shown = f"[{host}]" if ":" in host else host
    return PhoneListener(sock=sock, url=f"{scheme}://{shown}:{sock.getsockname()[1]}")
