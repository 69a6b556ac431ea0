"""A loopback wire service of many outlets, each on its own server, that logs every request it serves.

Each outlet is a real HTTP server on its own port of 127.0.0.1 (so a host of its own to the crawler)
with a sitemap of article pages, answering after `latency` seconds as a far server would. Each
server's log is its own account of when a request arrived and when it was answered, so politeness
is checked from the servers' side, not the crawler's. One page can be made poison: the server
answers it by SIGKILLing the process that asked, as a page that crashes its worker would.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

POISON_PATH = "/poison/story"


@dataclass(frozen=True)
class Served:
    """One request as its server saw it: arrival and answer on the monotonic clock."""

    outlet: int
    path: str
    arrived: float
    answered: float


def article_page(outlet: int, number: int) -> str:
    """A short news article that trafilatura extracts, distinct per outlet and number."""
    paragraphs = [
        f"The mayor of district {number} in province {outlet} said on Monday that {number % 9 + 2} bridges"
        f" had been closed after inspectors found cracks in dispatch {outlet}-{number}.",
        f"Officials told reporters in province {outlet} that repairs to the {number % 7 + 3} damaged"
        " spans would take several weeks, and that ferries would carry commuters in the meantime.",
    ]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Dispatch {outlet}-{number}'
        '</title><meta property="article:published_time" content="2024-05-03T10:00:00+00:00"></head>'
        f"<body><article><h1>Dispatch {outlet}-{number}</h1>{body}</article></body></html>"
    )


class WireOutlet:
    """One outlet's server: `pages` articles listed in /sitemap.xml, each answered after `latency`."""

    def __init__(self, number: int, pages: int, latency: float, poison: bool = False) -> None:
        self.number, self.latency = number, latency
        self.paths = [f"/news/{number}/story-{page}" for page in range(pages)]
        if poison:
            self.paths.append(POISON_PATH)
        self.served: list[Served] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, path: str) -> tuple[int, str, str]:
        if path == "/sitemap.xml":
            locs = "".join(f"<url><loc>{self.base}{p}</loc></url>" for p in self.paths)
            return (
                200,
                "application/xml",
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
            )
        if path == "/robots.txt":
            return 404, "text/plain", ""
        if path in self.paths:
            number = self.paths.index(path)
            return 200, "text/html; charset=utf-8", article_page(self.number, number)
        return 404, "text/plain", "not found"

    def log(self, served: Served) -> None:
        with self._lock:
            self.served.append(served)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _handler(outlet: WireOutlet) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            arrived = time.monotonic()
            if self.path == POISON_PATH:
                kill_the_asker(self.client_address[1], outlet.port)
            if self.path not in ("/robots.txt", "/sitemap.xml"):
                time.sleep(outlet.latency)
            status, kind, text = outlet.answer(self.path)
            body = text.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the asker was killed (the poison page): nobody to answer
            outlet.log(Served(outlet.number, self.path, arrived, time.monotonic()))

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def kill_the_asker(client_port: int, server_port: int) -> None:
    """SIGKILL every process holding the client end of the connection from `client_port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if (
                int(local.rsplit(":", 1)[1], 16) == client_port
                and int(remote.rsplit(":", 1)[1], 16) == server_port
            ):
                inodes.add(f"socket:[{inode}]")
    for pid in _pids_holding(inodes):
        os.kill(pid, signal.SIGKILL)


def _pids_holding(sockets: set[str]) -> set[int]:
    holders = set()
    for process in Path("/proc").iterdir():
        if not process.name.isdigit() or int(process.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in sockets for fd in (process / "fd").iterdir()):
                holders.add(int(process.name))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return holders


class WireService:
    """`outlets` outlets of `pages` articles each (the last one may carry the poison page)."""

    def __init__(self, outlets: int, pages: int, latency: float = 0.0, poison: bool = False) -> None:
        self.outlets = [WireOutlet(n, pages, latency, poison and n == outlets - 1) for n in range(outlets)]

    def article_urls(self) -> list[str]:
        return [f"{o.base}{p}" for o in self.outlets for p in o.paths if p != POISON_PATH]

    def served(self) -> list[Served]:
        return [request for outlet in self.outlets for request in outlet.served]

    def close(self) -> None:
        for outlet in self.outlets:
            outlet.close()

    def config(self, path: Path, *, cluster: str, delay: float, concurrency: int) -> Path:
        """An outlet configuration of these outlets, with a [cluster] on this machine's services."""
        lines = [
            "[crawler]",
            "allow_private_networks = true",
            'timeout = "10s"',
            "",
            "[cluster]",
            f'name = "{cluster}"',
            'broker = "amqp://guest:guest@127.0.0.1:5672//"',
            'coordination = "redis://127.0.0.1:6379/0"',
            "",
        ]
        for outlet in self.outlets:
            lines += [
                "[[outlet]]",
                f'name = "Wire {outlet.number}"',
                f'homepage = "{outlet.base}/"',
                f'sitemaps = ["{outlet.base}/sitemap.xml"]',
                f'delay = "{delay}s"',
                f"concurrency = {concurrency}",
                "",
            ]
        path.write_text("\n".join(lines), encoding="utf-8")
        return path
