"""A fault-injecting HTTP/TCP proxy on 127.0.0.1, between the client and the real service.

It relays one request per connection (it reads the request, opens a fresh upstream
connection with ``Connection: close``, reads the whole answer, then delivers it), so a
fault hits exactly one request, whatever the client's connection pool does. Faults are
queued with ``push(...)``; each request takes the next one, or passes untouched when none
is queued. The proxy's own address never changes, so the service behind it may be killed
and restarted on another port (``retarget``).

Faults (``Fault``):

- ``REFUSE``: reset the connection before reading anything (the service sees nothing).
- ``RESET_MID_RESPONSE``: the service answers; the client gets half the bytes, then a reset.
- ``DELAY``: the service answers; the client gets it after ``delay`` seconds (longer than
  its read timeout, so it has given up by then).
- ``GARBAGE``: random bytes instead of an answer; ``after_forward`` says whether the
  service got (and acted on) the request first.
- ``HTTP_500`` / ``HTTP_503``: an error page instead of an answer, before or after the
  service acted.
- ``SLOW_DRIP``: the service's answer, a few bytes at a time.
- ``KILL``: forward the request, then call ``on_kill`` (the test SIGKILLs the service) and
  reset the client: whether the service committed is a race, as in real life.
- ``HOLD``: keep the request until ``release()``; with ``after_forward`` the service has
  acted and only the answer is held.
"""

from __future__ import annotations

import collections
import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Fault", "FaultKind", "FaultProxy"]

_IO_TIMEOUT = 10.0
_MAX_HEAD = 64 * 1024


class FaultKind(StrEnum):
    REFUSE = "refuse"
    RESET_MID_RESPONSE = "reset_mid_response"
    DELAY = "delay"
    GARBAGE = "garbage"
    HTTP_500 = "http_500"
    HTTP_503 = "http_503"
    SLOW_DRIP = "slow_drip"
    KILL = "kill"
    HOLD = "hold"


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    after_forward: bool = True  # GARBAGE, HTTP_5xx, HOLD: did the service get it first?
    delay: float = 0.8  # DELAY: seconds before the answer is delivered
    seed: int = 0  # GARBAGE: which bytes


def _page(status: str, content_type: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


_ERROR_PAGES = {
    FaultKind.HTTP_500: _page("500 Internal Server Error", "text/html", b"<h1>Server Error</h1>"),
    FaultKind.HTTP_503: _page(
        "503 Service Unavailable",
        "application/json",
        b'{"error":{"code":"internal","message":"busy"}}',
    ),
}


class FaultProxy:
    """Threaded proxy; ``close()`` (or the context manager) stops it."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.on_kill: Callable[[], None] = lambda: None
        self.counts: collections.Counter[str] = collections.Counter()
        self.requests = 0
        self.forwarded: list[str] = []  # request lines the service received
        self._faults: collections.deque[Fault] = collections.deque()
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._held = threading.Event()
        self._closing = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    # -- control ------------------------------------------------------------------------

    def push(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
        self.release()

    def queued(self) -> int:
        with self._lock:
            return len(self._faults)

    def retarget(self, target: tuple[str, int]) -> None:
        self.target = target

    def wait_held(self, timeout: float) -> bool:
        """Wait until a HOLD fault has caught a request."""
        return self._held.wait(timeout)

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self._closing.set()
        self.release()
        self._acceptor.join()
        self._listener.close()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- relay --------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
            thread.start()

    def _next_fault(self) -> Fault | None:
        with self._lock:
            self.requests += 1
            fault = self._faults.popleft() if self._faults else None
            if fault is not None:
                self.counts[fault.kind] += 1
            return fault

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(_IO_TIMEOUT)
        try:
            request = _read_request(conn)
            if request is None:
                return
            fault = self._next_fault()
            kind = fault.kind if fault else None
            if kind == FaultKind.REFUSE:
                _reset(conn)
                return
            if kind in (FaultKind.GARBAGE, FaultKind.HTTP_500, FaultKind.HTTP_503) and not (
                fault and fault.after_forward
            ):
                self._answer_instead(conn, fault)
                return
            if kind == FaultKind.HOLD and fault and not fault.after_forward:
                self._hold()
            answer = self._forward(request)
            if answer is None:  # the service is down
                _reset(conn)
                return
            if kind == FaultKind.KILL:
                self.on_kill()
                _reset(conn)
                return
            if kind == FaultKind.HOLD:
                self._hold()
            if kind in (FaultKind.GARBAGE, FaultKind.HTTP_500, FaultKind.HTTP_503):
                self._answer_instead(conn, fault)
            elif kind == FaultKind.RESET_MID_RESPONSE:
                conn.sendall(answer[: max(1, len(answer) // 2)])
                _reset(conn)
            elif kind == FaultKind.DELAY:
                assert fault is not None
                self._closing.wait(fault.delay)
                _send_quietly(conn, answer)
            elif kind == FaultKind.SLOW_DRIP:
                for start in range(0, len(answer), 48):
                    if not _send_quietly(conn, answer[start : start + 48]):
                        break
                    time.sleep(0.004)
            else:
                _send_quietly(conn, answer)
        except OSError:
            pass
        finally:
            conn.close()

    def _hold(self) -> None:
        self._released.clear()
        self._held.set()
        self._released.wait(_IO_TIMEOUT * 3)
        self._held.clear()

    def _answer_instead(self, conn: socket.socket, fault: Fault | None) -> None:
        assert fault is not None
        if fault.kind == FaultKind.GARBAGE:
            rng = random.Random(fault.seed)
            _send_quietly(conn, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        else:
            _send_quietly(conn, _ERROR_PAGES[fault.kind])

    def _forward(self, request: bytes) -> bytes | None:
        try:
            upstream = socket.create_connection(self.target, timeout=_IO_TIMEOUT)
        except OSError:
            return None
        with upstream:
            try:
                upstream.sendall(request)
                with self._lock:
                    self.forwarded.append(request.split(b"\r\n", 1)[0].decode("latin-1"))
                chunks = []
                while chunk := upstream.recv(65536):
                    chunks.append(chunk)
            except OSError:
                return None
        return b"".join(chunks) or None


def _read_request(conn: socket.socket) -> bytes | None:
    """One HTTP/1.1 request (head + Content-Length body), rewritten to ``Connection: close``."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > _MAX_HEAD:
            return None
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = 0
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"content-length":
            length = int(value.strip())
        if lowered in (b"connection", b"keep-alive"):
            continue
        kept.append(line)
    kept.append(b"Connection: close")
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


def _reset(conn: socket.socket) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a crashed peer or a middlebox would."""
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _send_quietly(conn: socket.socket, data: bytes) -> bool:
    try:
        conn.sendall(data)
    except OSError:
        return False
    return True
