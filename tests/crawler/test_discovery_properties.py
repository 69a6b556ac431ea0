"""Properties of the crawler's parsers and URL identity on arbitrary input: feeds and sitemaps built from
hostile pieces never raise (but HostileDocumentError) and only ever yield http(s) URLs and aware dates;
URL cleaning keeps an http URL an http URL and is idempotent; the fetcher never raises on any URL."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC
from xml.sax.saxutils import escape

import httpx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.crawler.config import CrawlerSettings
from newsprism.crawler.discovery import (
    DiscoveredLink,
    HostileDocumentError,
    parse_feed,
    parse_sitemap,
    section_links,
)
from newsprism.crawler.fetch import Fetcher
from newsprism.crawler.urls import clean_url, host_key, is_http_url, same_site

BASE = "https://news.example/section/"
FAST = settings(max_examples=150, deadline=None)

_PIECE = st.text(
    alphabet=st.sampled_from(list("aZ09-._~%/?&=#:@!$'()*+,;[] äé\\\"<>^`{|}\n\t\x00\x0c\x1f\x7f\ufffe")),
    max_size=20,
)
_HOST = st.sampled_from(
    [
        "news.example",
        "NEWS.Example",
        "www.news.example",
        "bücher.example",
        "[::1]",
        "127.0.0.1",
        "a..b",
        "news.example.",
        "_x.example",
        "",
        "[fe80::1%25eth0]",
        "1.2.3.4.5",
        "0x7f.1",
    ]
)
_SCHEME = st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", "data", "file", ""])
_PORT = st.sampled_from(["", ":80", ":443", ":8080", ":99999", ":", ":0", ":-1", ":8o"])
URLS = st.one_of(
    st.builds(lambda s, h, p, q: f"{s}://{h}{p}/{q}", _SCHEME, _HOST, _PORT, _PIECE),
    st.builds(lambda q: f"/{q}", _PIECE),  # relative to the document
    st.text(max_size=40),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "2024-05-03",
            "2024-05-03T18:19:08Z",
            "2024-02-30",
            "9999-12-31T23:59:59-14:00",
            "Fri, 03 May 2024 10:00:00 GMT",
            "Mon, 99 Foo 2024",
            "0000-00-00",
            "",
            "yesterday",
        ]
    ),
    st.text(max_size=25),
)
TEXT = st.text(max_size=30)


def _maybe_escaped(value: str, raw: bool) -> str:
    # Raw pieces make malformed XML (the parsers must read what they can); escaped ones valid XML.
    return value if raw else escape(value)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    raw = draw(st.booleans())
    items = draw(st.lists(st.tuples(URLS, DATES, TEXT), max_size=6))
    atom = draw(st.booleans())
    if atom:
        entries = "".join(
            f'<entry><title>{_maybe_escaped(t, raw)}</title><link href="{escape(u, {chr(34): "&quot;"})}"/>'
            f"<id>{_maybe_escaped(u, raw)}</id><updated>{_maybe_escaped(d, raw)}</updated></entry>"
            for u, d, t in items
        )
        document = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
    else:
        entries = "".join(
            f"<item><title>{_maybe_escaped(t, raw)}</title><link>{_maybe_escaped(u, raw)}</link>"
            f"<pubDate>{_maybe_escaped(d, raw)}</pubDate></item>"
            for u, d, t in items
        )
        document = f'<rss version="2.0"><channel>{entries}</channel></rss>'
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return f'<?xml version="1.0" encoding="{encoding}"?>{document}'.encode(encoding, errors="replace")


@st.composite
def sitemaps(draw: st.DrawFn) -> bytes:
    raw = draw(st.booleans())
    entries = draw(st.lists(st.tuples(URLS, DATES, TEXT), max_size=6))
    news = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    if draw(st.booleans()):
        body = "".join(f"<sitemap><loc>{_maybe_escaped(u, raw)}</loc></sitemap>" for u, _, _ in entries)
        document = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    else:
        body = "".join(
            f"<url><loc>{_maybe_escaped(u, raw)}</loc><lastmod>{_maybe_escaped(d, raw)}</lastmod>"
            f"<news:news><news:title>{_maybe_escaped(t, raw)}</news:title>"
            f"<news:publication_date>{_maybe_escaped(d, raw)}</news:publication_date></news:news></url>"
            for u, d, t in entries
        )
        document = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" {news}>{body}</urlset>'
    return document.encode("utf-8")


def _check_links(links: list[DiscoveredLink]) -> None:
    assert len({link.url for link in links}) == len(links)
    for link in links:
        assert is_http_url(link.url), link.url
        assert link.published is None or link.published.tzinfo == UTC


@FAST
@given(feeds())
def test_a_feed_of_hostile_pieces_yields_only_web_links(document: bytes) -> None:
    try:
        _check_links(parse_feed(document, BASE))
    except HostileDocumentError:
        pass


@FAST
@given(sitemaps(), st.booleans())
def test_a_sitemap_of_hostile_pieces_yields_only_web_links(document: bytes, gzipped: bool) -> None:
    try:
        sitemap = parse_sitemap(gzip.compress(document) if gzipped else document, BASE, max_bytes=100_000)
    except HostileDocumentError:
        return
    _check_links(sitemap.urls)
    assert all(is_http_url(child) for child in sitemap.child_sitemaps)


@FAST
@given(st.lists(st.tuples(URLS, TEXT), max_size=8))
@example([("/2024/05/01/a-b-c\x0c\ufffe", "form feed and a non-character")])
def test_section_links_stay_on_the_site(anchors: list[tuple[str, str]]) -> None:
    page = "".join(f'<a href="{escape(u, {chr(34): "&quot;"})}">{escape(t)}</a>' for u, t in anchors)
    for link in section_links(f"<html><body><main>{page}</main></body></html>", BASE):
        assert is_http_url(link.url) and same_site(link.url, BASE) and "#" not in link.url


@settings(max_examples=400, deadline=None)
@given(URLS)
def test_url_cleaning_keeps_web_urls_and_is_idempotent(url: str) -> None:
    cleaned = clean_url(url)
    if is_http_url(url):
        assert is_http_url(cleaned)
        assert clean_url(cleaned) == cleaned  # one article, one key: cleaning a key changes nothing
        assert host_key(cleaned).rsplit(":", 1)[1].isdigit()


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404 if request.url.path == "/robots.txt" else 200, html="<html>public</html>")


async def _public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


@FAST
@given(URLS)
def test_the_fetcher_never_raises_on_any_url(url: str) -> None:
    async def fetch() -> None:
        async with httpx.AsyncClient(
            transport=httpx.MockTransport(_answer), follow_redirects=False
        ) as client:
            fetcher = Fetcher(client, CrawlerSettings(), resolver=_public, sleep=_no_sleep)
            page = await fetcher.fetch(url, "article")
        assert page.ok or page.error

    asyncio.run(fetch())


async def _no_sleep(seconds: float) -> None:
    return None
