"""The demo newsroom on the wire: a loopback HTTP server the crawler reaches like any outlet's site.

`newsprism demo` and the tests need real HTTP (feeds, sitemaps, robots.txt, conditional GET) without the
internet, so the bundled newsroom is served by the standard library's threading HTTP server on a free
port of 127.0.0.1, in a background thread, for the life of a `with serve_newsroom()` block. The server
only looks paths up in the pages rendered at start; it writes nothing.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from newsprism.demo.content import DemoArticle, DemoOutlet, Newsroom, load_newsroom
from newsprism.demo.pages import Resource, article_path, outlet_path, render_site

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
_NOT_FOUND = (
    b"<!DOCTYPE html>\n<html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>\n"
)
_FORBIDDEN = b"Staff only.\n"


@dataclass(frozen=True, slots=True)
class OutletSite:
    """Where one demo outlet lives on the running server."""

    outlet: DemoOutlet
    homepage: str
    feed_url: str
    sitemap_url: str

    @property
    def name(self) -> str:
        return self.outlet.name

    @property
    def slug(self) -> str:
        return self.outlet.slug


@dataclass(frozen=True, slots=True)
class DemoNewsroom:
    """The newsroom while it is being served: its base URL, its outlets' URLs and its articles."""

    base_url: str
    outlets: tuple[OutletSite, ...]
    newsroom: Newsroom

    def article_url(self, article: DemoArticle) -> str:
        """The absolute URL of an article page on this server."""
        return self.base_url + article_path(article)

    def write_article_pages(self, folder: Path) -> dict[str, Path]:
        """Write every article page, as this server serves it, under `folder` at its own path.

        Returns the file of each article URL: the demo's reports link there, since the server and its
        URLs are gone once the demo ends.
        """
        site = render_site(self.newsroom, self.base_url)
        written = {}
        for article in self.newsroom.articles:
            target = folder / article_path(article).lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(site[article_path(article)].body)
            written[self.article_url(article)] = target
        return written

    def outlet_config(self, *, feeds: bool = True, sitemaps: bool = False, every: str = "15m") -> str:
        """The outlet configuration (TOML, as INTERFACE.md fixes it) that crawls this newsroom.

        Loopback is allowed and there is no delay between requests. With neither feeds nor sitemaps,
        the crawler has only the homepages and discovers the feeds they announce.
        """
        tables = ["[crawler]\nallow_private_networks = true\n"]
        tables += [_outlet_table(site, feeds=feeds, sitemaps=sitemaps, every=every) for site in self.outlets]
        return "\n".join(tables)

    def write_outlet_config(
        self, path: Path, *, feeds: bool = True, sitemaps: bool = False, every: str = "15m"
    ) -> Path:
        """Write `outlet_config(...)` to `path` (overwriting it) and return the path."""
        path.write_text(self.outlet_config(feeds=feeds, sitemaps=sitemaps, every=every), encoding="utf-8")
        return path


def _outlet_table(site: OutletSite, *, feeds: bool, sitemaps: bool, every: str) -> str:
    outlet = site.outlet
    lines = [
        "[[outlet]]",
        f"name = {_toml_string(outlet.name)}",
        f"homepage = {_toml_string(site.homepage)}",
        f"feeds = [{_toml_string(site.feed_url)}]" if feeds else "",
        f"sitemaps = [{_toml_string(site.sitemap_url)}]" if sitemaps else "",
        f"every = {_toml_string(every)}",
        'delay = "0s"',
        "concurrency = 4",
        f"kind = {_toml_string(outlet.kind)}",
        f"country = {_toml_string(outlet.country)}",
        f"language = {_toml_string(outlet.language)}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def _toml_string(value: str) -> str:
    # A JSON string with every non-ASCII character escaped is also a valid TOML basic string.
    return json.dumps(value, ensure_ascii=True)


@contextmanager
def serve_newsroom(newsroom: Newsroom | None = None, ports: Sequence[int] = ()) -> Iterator[DemoNewsroom]:
    """Serve the newsroom (the bundled one by default) on a loopback port until the block ends.

    The first free port of `ports` is taken, else any free port. A stable port keeps the articles'
    URLs the same from one demo run to the next, so a second run finds them already stored.

    >>> with serve_newsroom() as demo:
    ...     demo.outlets[0].feed_url  # doctest: +SKIP
    'http://127.0.0.1:41234/meridian-wire/rss.xml'
    """
    newsroom = newsroom if newsroom is not None else load_newsroom()
    server = _bind_server(ports)
    try:
        base_url = f"http://{LOOPBACK}:{server.server_address[1]}"
        server.site = render_site(newsroom, base_url)
        thread = threading.Thread(target=server.serve_forever, name="demo-newsroom", daemon=True)
        thread.start()
        log.info("demo newsroom serving at %s", base_url)
        try:
            yield DemoNewsroom(base_url, _outlet_sites(newsroom, base_url), newsroom)
        finally:
            server.shutdown()
            thread.join()
    finally:
        server.server_close()


def _bind_server(ports: Sequence[int]) -> _NewsroomServer:
    for port in ports:
        try:
            return _NewsroomServer((LOOPBACK, port), _NewsroomHandler)
        except OSError:
            log.info("demo newsroom: port %d is taken", port)
    return _NewsroomServer((LOOPBACK, 0), _NewsroomHandler)


def _outlet_sites(newsroom: Newsroom, base_url: str) -> tuple[OutletSite, ...]:
    return tuple(
        OutletSite(
            outlet=outlet,
            homepage=base_url + outlet_path(outlet),
            feed_url=f"{base_url}{outlet_path(outlet)}rss.xml",
            sitemap_url=f"{base_url}{outlet_path(outlet)}sitemap.xml",
        )
        for outlet in newsroom.outlets
    )


class _NewsroomServer(ThreadingHTTPServer):
    daemon_threads = True
    site: dict[str, Resource]


class _NewsroomHandler(BaseHTTPRequestHandler):
    # HTTP/1.0: every response closes its connection, so shutting the server down never waits on an
    # idle keep-alive client.
    protocol_version = "HTTP/1.0"
    server_version = "NewsprismDemoNewsroom/1.0"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        # The base class prints every request to standard error; the demo's output is its summary.
        message = format % args
        log.debug("demo newsroom: %s", message)

    def _answer(self, *, send_body: bool) -> None:
        path = urlsplit(self.path).path
        site = cast(_NewsroomServer, self.server).site
        resource = site.get(path)
        if resource is not None:
            self._send_resource(resource, send_body=send_body)
        elif path.startswith("/private/"):
            self._send_plain(HTTPStatus.FORBIDDEN, _FORBIDDEN, "text/plain; charset=utf-8", send_body)
        elif f"{path}/" in site:
            self._send_redirect(f"{path}/")
        else:
            self._send_plain(HTTPStatus.NOT_FOUND, _NOT_FOUND, "text/html; charset=utf-8", send_body)

    def _send_resource(self, resource: Resource, *, send_body: bool) -> None:
        fresh = _not_modified(self.headers, resource)
        self.send_response(HTTPStatus.NOT_MODIFIED if fresh else HTTPStatus.OK)
        self.send_header("ETag", resource.etag)
        self.send_header("Last-Modified", format_datetime(resource.last_modified, usegmt=True))
        self.send_header("Cache-Control", "max-age=60")
        if fresh:
            self.end_headers()
            return
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(resource.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(resource.body)

    def _send_plain(self, status: HTTPStatus, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _not_modified(headers: Message, resource: Resource) -> bool:
    """Whether a conditional GET may be answered 304 (RFC 9110: If-None-Match wins over the date)."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or resource.etag in tags
    since = _http_date(headers.get("If-Modified-Since"))
    return since is not None and resource.last_modified.replace(microsecond=0) <= since


def _http_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None
