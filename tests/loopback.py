"""A real HTTP server on a loopback address for tests: routes set per test, every request recorded.

Tests import `Reply` and `LoopbackSite` from here (`from loopback import Reply`); the `site` and
`loopback_site` fixtures in conftest.py start and close the servers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What a route answers: status, body, headers; `etag` answers a matching If-None-Match with 304;
    `delay` waits before answering (the wait ends when the site closes)."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0
    content_type: str = "text/html; charset=utf-8"


@dataclass(frozen=True)
class SeenRequest:
    """One request the site received."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


Route = Reply | list[Reply] | Callable[[SeenRequest], Reply]


class LoopbackSite:
    """A real HTTP server on a loopback address and a free port, answering the routes a test sets.

    A route is a Reply, a list of Replies served in turn (the last one repeats), or a function of the
    request. Unknown paths are 404. Every request is recorded in `requests`.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self.closing = threading.Event()
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self.server = _QuietServer((host, 0), _make_handler(self))
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()
        self.closed = False

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"  # an IPv4 server's address: (str, int), never bytes

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def reply_for(self, request: SeenRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            # Like most servers, a path with an unknown query string is still the same page.
            route = self.routes.get(request.path) or self.routes.get(request.path.split("?", 1)[0])
            if route is None:
                return Reply(404, b"not found")
            if callable(route):
                return route(request)
            if isinstance(route, list):
                turn = self._served.get(request.path, 0)
                self._served[request.path] = turn + 1
                return route[min(turn, len(route) - 1)]
            return route

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.closed = True


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that give up (timeouts, abandoned bodies) reset connections; that is the test, not news.
        pass


def _make_handler(site: LoopbackSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            request = SeenRequest("GET", self.path, dict(self.headers.items()), time.monotonic())
            reply = site.reply_for(request)
            if reply.delay and site.closing.wait(reply.delay):
                return
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            status = reply.status
            if reply.etag is not None and self.headers.get("If-None-Match") == reply.etag:
                status, body = 304, b""
            try:
                self.send_response(status)
                headers = {"Content-Type": reply.content_type, "Content-Length": str(len(body))}
                headers.update(reply.headers)
                if reply.etag is not None:
                    headers["ETag"] = reply.etag
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (a timeout test): nothing to answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
