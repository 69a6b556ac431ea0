"""A loopback HTTP server that misbehaves on purpose, for the crawler's hostile-server tests.

`tests/loopback.py` speaks correct HTTP through http.server, which cannot drip, reset or lie about a
body's length. This one writes raw bytes on the socket: each route is a behaviour that gets the
connection and writes whatever it likes, as slowly as it likes. Behaviours stop when the server
closes, so a test never waits on a drip. `unanswered_port` gives a port whose connections never
complete (a connect timeout without leaving loopback).
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache

Behaviour = Callable[[socket.socket, "HostileServer"], None]
_CHUNK = b"<p>" + b"filler text " * 5460 + b"</p>\n"  # ~64 KiB, reused for every big body


@dataclass
class HostileServer:
    """Raw-socket HTTP/1.1 on 127.0.0.1, one thread per connection, every connection closed after one
    answer. Unknown paths are 404. `requests` lists the paths asked for; `sent` counts body bytes."""

    routes: dict[str, Behaviour] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)
    closing: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def route(self, path: str, behaviour: Behaviour) -> None:
        self.routes[path] = behaviour

    def count(self, path: str, size: int) -> None:
        with self._lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def close(self) -> None:
        self.closing.set()
        self._acceptor.join(timeout=5)
        self.listener.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket) -> None:
        with connection, suppress(OSError):  # clients that give up reset: that is the test, not news
            connection.settimeout(5)
            path = _request_path(connection)
            with self._lock:
                self.requests.append(path)
            behaviour = self.routes.get(path) or self.routes.get(path.split("?", 1)[0]) or answer(404)
            behaviour(connection, self)


def _request_path(connection: socket.socket) -> str:
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536:
        data = connection.recv(4096)
        if not data:
            break
        head += data
    parts = head.split(b" ", 2)
    return parts[1].decode("latin-1") if len(parts) > 1 else ""


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} Status", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# --- behaviours ------------------------------------------------------------------------------------


def answer(
    status: int = 200, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8", **headers: str
) -> Behaviour:
    """A correct reply (headers given as keywords, `_` for `-`: `Retry_After="3"`)."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def behave(connection: socket.socket, server: HostileServer) -> None:
        named = {name.replace("_", "-"): value for name, value in headers.items()}
        fields = {"Content-Type": content_type, "Content-Length": str(len(data)), **named}
        connection.sendall(_head(status, fields) + data)

    return behave


def never_answer() -> Behaviour:
    """Read the request, then say nothing until the server closes (a read timeout)."""

    def behave(connection: socket.socket, server: HostileServer) -> None:
        server.closing.wait()

    return behave


def drip(body: bytes, every: float = 1.0) -> Behaviour:
    """Headers at once, then the body one byte every `every` seconds: each read is quick, the whole slow."""

    def behave(connection: socket.socket, server: HostileServer) -> None:
        connection.sendall(_head(200, {"Content-Type": "text/html", "Content-Length": str(len(body))}))
        for byte in body:
            if server.closing.wait(every):
                return
            connection.sendall(bytes([byte]))

    return behave


def reset_connection(after_headers: bool = False) -> Behaviour:
    """Close with a TCP reset (SO_LINGER 0), before any answer or after the headers."""

    def behave(connection: socket.socket, server: HostileServer) -> None:
        if after_headers:
            connection.sendall(_head(200, {"Content-Type": "text/html", "Content-Length": "5000"}))
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return behave


def truncated(body: bytes, declared: int) -> Behaviour:
    """A Content-Length of `declared` and fewer bytes than that before the connection closes."""

    def behave(connection: socket.socket, server: HostileServer) -> None:
        connection.sendall(_head(200, {"Content-Type": "text/html", "Content-Length": str(declared)}) + body)

    return behave


def huge(size: int, *, declare_length: bool) -> Behaviour:
    """`size` bytes of page, with its Content-Length or chunked; writes until the client stops reading."""

    def behave(connection: socket.socket, server: HostileServer) -> None:
        framing = {"Content-Length": str(size)} if declare_length else {"Transfer-Encoding": "chunked"}
        connection.sendall(_head(200, {"Content-Type": "text/html", **framing}))
        path = "huge-length" if declare_length else "huge-chunked"
        written = 0
        while written < size and not server.closing.is_set():
            piece = _CHUNK[: size - written]
            connection.sendall(piece if declare_length else b"%x\r\n%s\r\n" % (len(piece), piece))
            written += len(piece)
            server.count(path, len(piece))
        if not declare_length:
            connection.sendall(b"0\r\n\r\n")

    return behave


def gzipped(body: bytes, content_type: str = "text/html") -> Behaviour:
    """`body` sent with Content-Encoding: gzip (a bomb when `body` is `gzip_bomb(...)`)."""
    return answer(200, body, content_type, Content_Encoding="gzip")


@cache
def gzip_bomb(inflated: int) -> bytes:
    """A gzip stream of `inflated` bytes of spaces; about a thousandth of that compressed."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    parts = [packer.compress(block) for _ in range(inflated >> 20)]
    return b"".join([*parts, packer.flush()])


def bad_gzip() -> bytes:
    """A gzip header followed by bytes that are no deflate stream."""
    return gzip.compress(b"<html>fine</html>")[:10] + b"\xff\x00 not deflate at all" * 20


def redirect(location: str, status: int = 302) -> Behaviour:
    return answer(status, b"", Location=location)


@contextmanager
def unanswered_port() -> Iterator[int]:
    """A loopback port that accepts no connection: its backlog is full, so a SYN is never answered."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
