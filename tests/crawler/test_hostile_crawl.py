"""A whole crawl pass over an outlet whose every listing and page is hostile (tests/hostile.py): the pass
finishes, the good stories are stored, every failure leaves a FetchRecord saying why, and memory stays
bounded by max_bytes, not by what the server sends."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import resource
import signal
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import (
    HostileServer,
    answer,
    bad_gzip,
    drip,
    gzip_bomb,
    gzipped,
    huge,
    never_answer,
    redirect,
    reset_connection,
    truncated,
)
from pages import PARAGRAPHS, article_html
from sqlalchemy import select

from newsprism.crawler.config import CrawlConfig, parse_config
from newsprism.crawler.crawl import crawl_outlets
from newsprism.crawler.workers import ExtractedPage, Extractor
from newsprism.storage.database import Database
from newsprism.storage.models import Article, FetchRecord

MAX_BYTES = 4_000_000
RSS_TYPE = "application/rss+xml"
URL = "https://news.example/2024/05/01/story"
SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

# path -> (what the server does, the reason its FetchRecord must give); `None`: stored.
ARTICLES = {
    "/2024/05/01/good-story": (answer(200, article_html("Good story")), None),
    "/2024/05/01/lying-charset-story": (
        answer(200, article_html("Lying charset", PARAGRAPHS[::-1]), "text/html; charset=rot13"),
        None,
    ),
    "/2024/05/01/gateway-down": (answer(502), r"^HTTP 502$"),
    "/2024/05/01/rate-limited": (answer(429), r"^HTTP 429$"),
    "/2024/05/01/rate-limited-for-hours": (answer(429, Retry_After="7200"), r"^HTTP 429$"),
    "/2024/05/01/never-answers": (never_answer(), r"^timed out"),
    "/2024/05/01/drips": (drip(b"<html><body>" + b"x" * 100, every=1.0), r"^timed out"),
    "/2024/05/01/resets": (reset_connection(), r"RemoteProtocolError|ReadError"),
    "/2024/05/01/truncated": (truncated(b"<html><body><p>half", declared=50_000), r"RemoteProtocolError"),
    "/2024/05/01/bad-gzip": (gzipped(bad_gzip()), r"^broken gzip body"),
    "/2024/05/01/gzip-bomb": (gzipped(gzip_bomb(64 << 20)), rf"^larger than {MAX_BYTES} bytes"),
    "/2024/05/01/fifty-megabytes": (huge(50 << 20, declare_length=False), rf"^larger than {MAX_BYTES}"),
    # A million nested elements (3 MB): lxml caps the depth, trafilatura finds no text, no crash.
    "/2024/05/01/million-deep": (answer(200, "<html><body>" + "<i>" * 1_000_000 + "deep"), "^no article"),
    "/2024/05/01/redirect-loop": (redirect("/2024/05/01/redirect-loop"), r"^more than 5 redirects$"),
}
LAUGHS = (
    '<?xml version="1.0"?><!--'
    + "padding " * 10_000
    + '--><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    + ']><rss version="2.0"><channel><item><title>&i;</title><link>/laughs</link></item></channel></rss>'
)


def rss(server: HostileServer, paths: list[str], doctype: str = "") -> str:
    items = "".join(f"<item><title>Story</title><link>{server.url(path)}</link></item>" for path in paths)
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
    )


def index(server: HostileServer, *children: str) -> str:
    listed = "".join(f"<sitemap><loc>{server.url(child)}</loc></sitemap>" for child in children)
    return f'<?xml version="1.0"?><sitemapindex {SITEMAP_NS}>{listed}</sitemapindex>'


def build_hostile_outlet(server: HostileServer) -> dict[str, str]:
    """Routes for every hostile page and listing; the listings that must be refused, with why."""
    for path, (behaviour, _) in ARTICLES.items():
        server.route(path, behaviour)
    server.route("/rss.xml", answer(200, rss(server, list(ARTICLES)), RSS_TYPE))
    server.route("/laughs.xml", answer(200, LAUGHS, RSS_TYPE))
    server.route("/laughs-utf16.xml", answer(200, LAUGHS.encode("utf-16"), RSS_TYPE))
    # An external DTD names a URL of our own server: a parser that fetched it would show up in requests.
    external = f'<!DOCTYPE rss SYSTEM "{server.url("/evil.dtd")}">'
    server.route("/external-dtd.xml", answer(200, rss(server, [], external), RSS_TYPE))
    for name, children in {
        "self": ["self"],
        "a": ["b"],
        "b": ["a"],
        **{f"chain{n}": [f"chain{n + 1}"] for n in range(10)},
    }.items():
        server.route(f"/{name}.xml", answer(200, index(server, *(f"/{c}.xml" for c in children)), "text/xml"))
    server.route("/bomb.xml.gz", answer(200, gzip_bomb(64 << 20), "application/gzip"))
    # Each of these once ended the whole pass: a bracket urljoin raises on, a newline httpx refuses,
    # a date past the last UTC datetime.
    odd = (
        f'<?xml version="1.0"?><sitemapindex {SITEMAP_NS}><sitemap><loc>//[</loc></sitemap>'
        f"<sitemap><loc>{server.url('/odd')}&#10;child.xml</loc></sitemap></sitemapindex>"
    )
    server.route("/odd-index.xml", answer(200, odd, "text/xml"))
    late = "<lastmod>9999-12-31T23:59:59-14:00</lastmod>"
    late = f"<url><loc>{server.url('/2024/05/01/good-story')}</loc>{late}</url>"
    server.route("/late.xml", answer(200, f"<urlset {SITEMAP_NS}>{late}</urlset>", "text/xml"))
    server.route("/broken.xml.gz", answer(200, bad_gzip(), "application/gzip"))
    section = '<html><body><a href="/2024/05/02/section-story-here">S</a></body></html>'
    server.route("/world/", answer(200, section, "text/html; charset=base64"))
    deep_section = "<html><body>" + "<div>" * 500_000 + '<a href="/2024/05/02/buried-story-link">B</a>'
    server.route("/deep/", answer(200, deep_section))
    server.route("/2024/05/02/section-story-here", answer(200, article_html("Section story", PARAGRAPHS[1:])))
    return {
        "/laughs.xml": "refused: the document declares XML entities",
        "/laughs-utf16.xml": "refused: the document declares XML entities",
        "/bomb.xml.gz": f"refused: decompresses past {MAX_BYTES} bytes",
        "/broken.xml.gz": "refused: broken gzip",
    }


def hostile_config(server: HostileServer) -> CrawlConfig:
    feeds = [server.url(p) for p in ("/rss.xml", "/laughs.xml", "/laughs-utf16.xml", "/external-dtd.xml")]
    sitemaps = [server.url(p) for p in ("/self.xml", "/a.xml", "/chain0.xml", "/bomb.xml.gz")]
    sitemaps += [server.url(p) for p in ("/broken.xml.gz", "/odd-index.xml", "/late.xml")]
    lines = [
        "[crawler]",
        "allow_private_networks = true",
        'timeout = "2s"',
        f"max_bytes = {MAX_BYTES}",
        "retries = 1",
        "",
        "[[outlet]]",
        'name = "Hostile Wire"',
        f'homepage = "{server.url("/")}"',
        'delay = "0s"',
        "concurrency = 6",
        f"feeds = {feeds}",
        f"sitemaps = {sitemaps}",
        f'sections = ["{server.url("/world/")}", "{server.url("/deep/")}"]',
    ]
    return parse_config("\n".join(lines).replace("'", '"') + "\n", "hostile.toml")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.slow
def test_a_crawl_of_a_hostile_outlet_finishes_with_every_failure_explained(
    hostile: HostileServer, database: Database
) -> None:
    refused_listings = build_hostile_outlet(hostile)
    rss_before = peak_rss_mb()
    tracemalloc.start()
    # Extraction on the process pool, as a real crawl runs it: the million-deep page costs a worker,
    # not the event loop (in-process, its second of parsing would stall every fetch in flight).
    try:
        with Extractor(workers=1) as pool:
            # Started beforehand: a pool's first start holds the event loop ~2 s (forkserver preload),
            # as long as this test's timeouts.
            pool.extract_now("<html></html>", hostile.url("/"))
            summary = crawl_outlets(hostile_config(hostile), database, extractor=pool)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The 50 MB page and the 64 MB bombs never reach memory: the crawl holds the few bodies in flight
    # (here the bomb, the 50 MB page and the million-deep page), each cut at max_bytes. RSS is a
    # process high-water mark (earlier tests may have set it higher), so its growth is an upper
    # bound of what this crawl added.
    assert peak < 6 * MAX_BYTES, f"{peak / 1e6:.0f} MB traced at peak"
    assert peak_rss_mb() - rss_before < 200
    total = summary.total()
    # The million-deep page has no article text: skipped with its reason, not a failure to retry.
    assert (total.new, total.failed, total.skipped) == (3, len(ARTICLES) - 3, 1)
    assert all(problem.reason for problem in total.problems)
    with database.session() as session:
        titles = sorted(title or "" for title in session.scalars(select(Article.title)))
        records = session.execute(select(FetchRecord.url, FetchRecord.purpose, FetchRecord.error)).all()
    assert titles == ["Good story", "Lying charset", "Section story"]
    # The last record of a URL says how it ended (earlier ones are retried attempts).
    reasons = {(url.removeprefix(hostile.base), purpose): error for url, purpose, error in records}
    for path, (_, reason) in ARTICLES.items():
        if reason is not None:
            assert re.search(reason, reasons.get((path, "article")) or ""), (
                path,
                reasons.get((path, "article")),
            )
    for path, reason in refused_listings.items():
        purpose = "sitemap" if ".xml.gz" in path else "feed"
        assert (reasons.get((path, purpose)) or "").startswith(reason), (path, reasons.get((path, purpose)))
    assert "/evil.dtd" not in hostile.requests and "/laughs" not in hostile.requests
    # Sitemap index loops: each index read once; a chain of indexes stops at the depth limit.
    assert all(hostile.requests.count(f"/{name}.xml") == 1 for name in ("self", "a", "b", "chain0"))
    assert "/chain5.xml" not in hostile.requests


def stall_once(page: ExtractedPage) -> str | None:
    """A page preparation that stalls the worker the first time it sees a page titled "Stall <flag
    file>", long enough to be killed in it, and passes straight through on the next try."""
    if page.title and page.title.startswith("Stall "):
        flag = Path(page.title.removeprefix("Stall "))
        if not flag.exists():
            flag.touch()
            time.sleep(60)
    return page.title


def kill_on_poison(page: ExtractedPage) -> str | None:
    """A page preparation that kills its worker on the page titled "Poison", as a segfault would."""
    if page.title == "Poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return page.title


def kill_workers() -> None:
    workers = multiprocessing.active_children()
    assert workers
    for worker in workers:
        os.kill(worker.pid or 0, signal.SIGKILL)  # as the OOM killer or a segfault in lxml would


async def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


def page_body(title: str) -> bytes:
    return article_html(title).encode()


@pytest.mark.slow
async def test_a_worker_killed_under_a_page_costs_a_second_try_not_the_page(tmp_path: Path) -> None:
    flag = tmp_path / "stalled"
    title = f"Stall {flag}"
    with Extractor(workers=1, prepare=stall_once) as pool:
        assert pool.extract_now(article_html("Warm-up"), "https://news.example/a") is not None
        in_flight = asyncio.create_task(pool.extract_fetched(page_body(title), "text/html", URL))
        await wait_for(flag.exists)  # the worker is inside the page now
        kill_workers()
        done = await in_flight
        after = await pool.extract_fetched(page_body("After the crash"), "text/html", URL)
    assert done is not None and (done.page.title, done.prepared) == (title, title)
    assert after is not None and after.prepared == "After the crash"


@pytest.mark.slow
async def test_a_page_that_kills_every_worker_is_skipped_and_the_crawl_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with Extractor(workers=1, prepare=kill_on_poison) as pool:
        poisoned = await pool.extract_fetched(page_body("Poison"), "text/html", URL)
        after = await pool.extract_fetched(page_body("After the poison"), "text/html", URL)
    assert poisoned is None
    assert after is not None and after.prepared == "After the poison"
    deaths = [r.getMessage() for r in caplog.records if "extraction worker died" in r.getMessage()]
    assert deaths == [
        f"an extraction worker died while {URL} was in flight; extracting it again",
        f"an extraction worker died again while {URL} was in flight; the page is skipped",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("call", ["async", "sync"])
async def test_a_worker_that_died_idle_costs_no_page(call: str) -> None:
    with Extractor(workers=1) as pool:
        assert pool.extract_now(article_html("Warm-up"), "https://news.example/a") is not None
        kill_workers()
        await wait_for(lambda: not multiprocessing.active_children())
        html = article_html("After an idle death")
        after = await pool.extract(html, URL) if call == "async" else pool.extract_now(html, URL)
    assert after is not None and after.title == "After an idle death"
