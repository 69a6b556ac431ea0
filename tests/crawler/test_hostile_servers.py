"""The fetcher against servers that misbehave on purpose (tests/hostile.py): every fault ends in a Page
with a reason, quickly, in bounded memory, through the same client and transport a crawl uses."""

from __future__ import annotations

import gzip
import re
import time
import tracemalloc
from collections.abc import AsyncIterator

import httpx
import pytest
from hostile import (
    Behaviour,
    HostileServer,
    answer,
    bad_gzip,
    drip,
    gzip_bomb,
    gzipped,
    huge,
    never_answer,
    reset_connection,
    truncated,
    unanswered_port,
)
from pages import article_html

from newsprism.crawler.config import CrawlerSettings
from newsprism.crawler.crawl import new_client
from newsprism.crawler.fetch import Fetcher, Politeness

MAX_BYTES = 1_000_000
HOSTILE_OK = CrawlerSettings(
    allow_private_networks=True, timeout=1.0, retries=1, backoff=0.01, max_bytes=MAX_BYTES
)
# Python-level allocation peak allowed while one hostile page is fetched: a few times max_bytes, never
# the 50 MB page or the 64 MB the gzip bomb inflates to.
PEAK_BOUND = 4 * MAX_BYTES
PAGE = article_html("A fine story").encode()
ONE_AT_A_TIME = Politeness(delay=0, concurrency=1)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with new_client(HOSTILE_OK) as made:
        yield made


# (behaviour, the reason the Page gives (a regex), requests the server saw for the page)
CASES: dict[str, tuple[Behaviour, str, int]] = {
    "5xx": (answer(502, "bad gateway"), r"^HTTP 502$", 2),
    "429-without-retry-after": (answer(429), r"^HTTP 429$", 2),
    "429-retry-after-too-long": (answer(429, Retry_After="3600"), r"Retry-After 3600s is too long", 1),
    "read-timeout": (never_answer(), r"^timed out", 1),
    "drip-one-byte-a-second": (drip(PAGE, every=1.0), r"^timed out", 1),
    "reset-before-answer": (reset_connection(), r"RemoteProtocolError|ReadError", 1),
    "reset-mid-body": (reset_connection(after_headers=True), r"RemoteProtocolError|ReadError", 1),
    "truncated-body": (truncated(PAGE[:200], declared=len(PAGE)), r"RemoteProtocolError", 1),
    "bad-gzip": (gzipped(bad_gzip()), r"^broken gzip body", 1),
    "truncated-gzip": (gzipped(gzip.compress(PAGE)[:600]), r"body ends early", 1),
    "gzip-bomb": (gzipped(gzip_bomb(64 << 20)), rf"^larger than {MAX_BYTES} bytes", 1),
    "50mb-declared": (huge(50 << 20, declare_length=True), rf"^larger than {MAX_BYTES} bytes", 1),
    "50mb-chunked": (huge(50 << 20, declare_length=False), rf"^larger than {MAX_BYTES} bytes", 1),
    "unsupported-encoding": (answer(200, PAGE, Content_Encoding="br"), r"unsupported Content-Encoding", 1),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
async def test_a_hostile_page_ends_in_a_reason_quickly_and_in_bounded_memory(
    hostile: HostileServer, client: httpx.AsyncClient, case: str
) -> None:
    behaviour, reason, requests = CASES[case]
    hostile.route("/story", behaviour)
    fetcher = Fetcher(client, HOSTILE_OK)
    tracemalloc.start()
    started = time.monotonic()
    try:
        page = await fetcher.fetch(hostile.url("/story"), "article", politeness=Politeness(0, 2))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    assert page.error is not None and re.search(reason, page.error), page.error
    assert not page.ok and page.body == b""
    assert hostile.requests.count("/story") == requests
    assert elapsed < HOSTILE_OK.timeout * requests + 1.5
    assert peak < PEAK_BOUND, f"{case}: {peak / 1e6:.1f} MB traced at peak"
    (log,) = [log for log in fetcher.drain_logs() if log.purpose == "article"][-1:]
    # What storage keeps as the FetchRecord of the last attempt (a give-up note may follow it).
    assert log.error is not None and page.error.startswith(log.error)


async def test_a_huge_page_is_abandoned_not_downloaded(
    hostile: HostileServer, client: httpx.AsyncClient
) -> None:
    hostile.route("/story", huge(50 << 20, declare_length=False))
    page = await Fetcher(client, HOSTILE_OK).fetch(
        hostile.url("/story"), "article", politeness=Politeness(0, 1)
    )
    assert page.error is not None and page.error.startswith("larger than")
    hostile.close()  # the sender stops once the client has hung up
    # What the server got out: max_bytes plus what the socket buffers held, far from 50 MB.
    assert hostile.sent["huge-chunked"] < 12 * MAX_BYTES


async def test_a_host_that_never_accepts_costs_one_timeout(client: httpx.AsyncClient) -> None:
    with unanswered_port() as port:
        fetcher = Fetcher(client, HOSTILE_OK)
        started = time.monotonic()
        pages = [await fetcher.fetch(f"http://127.0.0.1:{port}/{n}", "article") for n in range(3)]
    # A connect timeout is a timeout, not retried: its robots.txt is unreachable, so the host is
    # given up for the pass and its other pages are refused at once.
    assert {page.error for page in pages} == {
        f"robots.txt unreachable (timed out after {HOSTILE_OK.timeout:g}s), nothing fetched from this host"
    }
    assert time.monotonic() - started < HOSTILE_OK.timeout + 1
    assert [log.purpose for log in fetcher.drain_logs()] == ["robots", "article", "article", "article"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=rot13",
        "text/html; charset=base64",
        "text/html; charset=utf-16",
        "text/html; charset=utf-7",
        "text/html; charset=no-such-charset",
    ],
    ids=["byte-transform", "base64", "utf-16-without-zero-bytes", "utf-7", "unknown"],
)
async def test_a_lying_charset_is_not_believed(
    hostile: HostileServer, client: httpx.AsyncClient, content_type: str
) -> None:
    text = "Le ministre a déclaré que la réunion à Genève était « très utile »."
    hostile.route("/story", answer(200, f"<html><body><p>{text}</p></body></html>", content_type))
    page = await Fetcher(client, HOSTILE_OK).fetch(
        hostile.url("/story"), "article", politeness=Politeness(0, 1)
    )
    assert page.ok and text in page.text()
