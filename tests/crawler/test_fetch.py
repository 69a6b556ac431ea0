"""The fetch module against a real loopback server (and MockTransport where loopback cannot reach):
robots, delays, retries, timeouts, size limits, charsets, conditional GET, SSRF refusals."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest
from loopback import LoopbackSite, Reply
from pages import article_html

from newsprism.crawler.config import CrawlerSettings
from newsprism.crawler.fetch import Fetcher, FetchErrorKind, Politeness, Validator, is_public_address

LOOPBACK_OK = CrawlerSettings(allow_private_networks=True, timeout=2.0, retries=3, backoff=0.1)


class FakeTime:
    """A monotonic clock that only sleeping moves, and a record of every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False) as made:
        yield made


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(client: httpx.AsyncClient, fake_time: FakeTime) -> Callable[..., Fetcher]:
    # The options are Fetcher's own keywords (now, resolver, turns), passed through as each test sets them.
    def make(settings: CrawlerSettings = LOOPBACK_OK, **options: Any) -> Fetcher:
        return Fetcher(
            client, settings, clock=fake_time.clock, sleep=fake_time.sleep, jitter=lambda: 0.5, **options
        )

    return make


async def test_robots_exclusions_are_obeyed(site: LoopbackSite, make_fetcher: Callable[..., Fetcher]) -> None:
    site.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.route("/news/story-one", Reply(body=article_html("One")))
    fetcher = make_fetcher()
    refused = await fetcher.fetch(site.url("/private/secret-story"), "article")
    allowed = await fetcher.fetch(site.url("/news/story-one"), "article")
    assert refused.error == "disallowed by robots.txt" and allowed.ok
    assert refused.error_kind is FetchErrorKind.DISALLOWED and allowed.error_kind is None
    assert not [path for path in site.paths() if path.startswith("/private")]
    assert site.paths().count("/robots.txt") == 1  # cached per host
    logs = fetcher.drain_logs()
    assert [(log.purpose, log.status, log.error) for log in logs] == [
        ("robots", 200, None),
        ("article", None, "disallowed by robots.txt"),
        ("article", 200, None),
    ]


async def test_user_agent_names_newsprism(site: LoopbackSite, make_fetcher: Callable[..., Fetcher]) -> None:
    site.route("/a", Reply(body=article_html("A")))
    await make_fetcher().fetch(site.url("/a"), "article")
    assert all("newsprism" in request.headers["User-Agent"] for request in site.requests)


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [(Reply(404), True), (Reply(503), False), (Reply(body="", content_type="text/plain"), True)],  # RFC 9309
    ids=["missing-allows", "unreachable-disallows", "empty-allows"],
)
async def test_robots_txt_status(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], robots: Reply, allowed: bool
) -> None:
    site.route("/robots.txt", robots)
    site.route("/a", Reply(body=article_html("A")))
    page = await make_fetcher().fetch(site.url("/a"), "article")
    assert page.ok is allowed
    assert ("/a" in site.paths()) is allowed


async def test_crawl_delay_is_kept(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    site.route("/robots.txt", Reply(body="User-agent: *\nCrawl-delay: 2\n", content_type="text/plain"))
    for name in ("a", "b", "c"):
        site.route(f"/{name}", Reply(body=article_html(name)))
    fetcher = make_fetcher()
    for name in ("a", "b", "c"):
        assert (await fetcher.fetch(site.url(f"/{name}"), "article", politeness=Politeness(0.1, 1))).ok
    # robots.txt came first at the configured 0.1 s; its Crawl-delay spaces the pages after it.
    assert fake_time.sleeps == [0.1, 2.0, 2.0]


async def test_least_delay_between_requests(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    site.route("/a", Reply(body=article_html("a")))
    fetcher = make_fetcher()
    for _ in range(3):
        await fetcher.fetch(site.url("/a"), "article", politeness=Politeness(0.5, 2))
    # robots.txt, then three pages: each start at least 0.5 s after the one before.
    assert fake_time.sleeps == [0.5, 0.5, 0.5]


async def test_503_then_200_is_retried_with_backoff(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    site.route("/a", [Reply(503), Reply(503), Reply(body=article_html("A"))])
    fetcher = make_fetcher()
    page = await fetcher.fetch(site.url("/a"), "article", politeness=Politeness(0, 1))
    assert page.ok and site.paths().count("/a") == 3
    assert fake_time.sleeps == [0.1, 0.2]  # exponential: backoff * 2**attempt * (0.5 + jitter 0.5)
    assert [log.status for log in fetcher.drain_logs() if log.purpose == "article"] == [503, 503, 200]


async def test_429_honours_retry_after(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    site.route("/a", [Reply(429, headers={"Retry-After": "3"}), Reply(body=article_html("A"))])
    page = await make_fetcher().fetch(site.url("/a"), "article", politeness=Politeness(0, 1))
    assert page.ok and fake_time.sleeps == [3.0]


async def test_an_excessive_retry_after_is_given_up(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], fake_time: FakeTime
) -> None:
    site.route("/a", Reply(429, headers={"Retry-After": "3600"}))
    page = await make_fetcher().fetch(site.url("/a"), "article", politeness=Politeness(0, 1))
    assert page.status == 429 and "too long" in (page.error or "")
    assert page.error_kind is FetchErrorKind.HTTP_STATUS
    assert fake_time.sleeps == [] and site.paths().count("/a") == 1


async def test_persistent_5xx_gives_up_after_the_retries(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/a", Reply(500))
    page = await make_fetcher().fetch(site.url("/a"), "article", politeness=Politeness(0, 1))
    assert page.error == "HTTP 500" and site.paths().count("/a") == 4
    assert page.error_kind is FetchErrorKind.HTTP_STATUS


async def test_a_page_that_never_answers_times_out_once(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/slow", Reply(body="late", delay=30))
    fetcher = make_fetcher(replace(LOOPBACK_OK, timeout=0.3))
    page = await fetcher.fetch(site.url("/slow"), "article")
    assert page.error is not None and "timed out" in page.error
    assert page.error_kind is FetchErrorKind.TIMED_OUT
    assert site.paths().count("/slow") == 1  # a read timeout is not retried
    (log,) = [log for log in fetcher.drain_logs() if log.purpose == "article"]
    assert log.elapsed_ms < 2000


async def test_refused_connections_are_retried_then_reported(make_fetcher: Callable[..., Fetcher]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = make_fetcher()
    page = await fetcher.fetch(f"http://127.0.0.1:{port}/a", "article", politeness=Politeness(0, 1))
    assert page.error is not None and page.error.startswith("robots.txt unreachable (cannot connect")
    assert page.error_kind is FetchErrorKind.ROBOTS_UNREACHABLE
    assert [log.purpose for log in fetcher.drain_logs()] == ["robots"] * 4 + ["article"]


async def test_a_body_past_max_bytes_is_abandoned(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/big", Reply(body=b"<html>" + b"x" * 200_000))
    page = await make_fetcher(replace(LOOPBACK_OK, max_bytes=100_000)).fetch(site.url("/big"), "article")
    assert page.body == b"" and "larger than 100000 bytes" in (page.error or "")
    assert page.error_kind is FetchErrorKind.BAD_BODY


async def test_non_html_articles_are_skipped(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/report.pdf", Reply(body=b"%PDF-1.4 ...", content_type="application/pdf"))
    page = await make_fetcher().fetch(site.url("/report.pdf"), "article")
    assert page.error == "not HTML (application/pdf)" and page.body == b""
    assert page.error_kind is FetchErrorKind.NOT_HTML


RUSSIAN = "Москва заявила, что переговоры продолжатся. «Мы готовы», — сказал министр."


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (f'<head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body>', "text/html"),
        (f"<html><body><p>{RUSSIAN}</p></body></html>", "text/html; charset=windows-1251"),
        (f'<head><meta charset="windows-1251"></head><p>{RUSSIAN}</p>', "text/html; charset=utf-8"),
        (f"<html><body><p>{RUSSIAN} {RUSSIAN} {RUSSIAN}</p></body></html>", "text/html"),
    ],
    ids=["meta", "header", "lying-header", "undeclared"],
)
async def test_windows_1251_pages_are_not_mangled(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], body: str, content_type: str
) -> None:
    site.route("/ru", Reply(body=body.encode("windows-1251"), content_type=content_type))
    page = await make_fetcher().fetch(site.url("/ru"), "article")
    assert RUSSIAN in page.text()


async def test_latin_1_page(site: LoopbackSite, make_fetcher: Callable[..., Fetcher]) -> None:
    text = "Le ministre a déclaré que la réunion à Genève était « très utile »."
    body = f"<html><body><p>{text}</p></body></html>".encode("latin-1")
    site.route("/fr", Reply(body=body, content_type="text/html; charset=ISO-8859-1"))
    assert text in (await make_fetcher().fetch(site.url("/fr"), "article")).text()


@pytest.mark.parametrize(
    "declared",
    ["text/html; charset=ISO-8859-15", "text/html; charset=windows-1252", "text/html"],
    ids=["header-iso-8859-15", "header-windows-1252", "meta-only"],
)
async def test_a_utf8_page_still_declaring_its_old_charset_is_read_as_utf8(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher], declared: str
) -> None:
    # Re-saved as UTF-8, the page kept its old declaration: read with it, "á" would become "Ã¡".
    text = "El ministro de Economía dijo que la reunión en Málaga fue «muy útil»."
    page = f'<html><head><meta charset="iso-8859-15"></head><body><p>{text}</p></body></html>'
    site.route("/es", Reply(body=page.encode("utf-8"), content_type=declared))
    assert text in (await make_fetcher().fetch(site.url("/es"), "article")).text()


async def test_conditional_get_sends_validators_and_reads_304(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    modified = "Fri, 03 May 2024 10:00:00 GMT"
    site.route("/a", Reply(body=article_html("A"), etag='"v1"', headers={"Last-Modified": modified}))
    fetcher = make_fetcher()
    first = await fetcher.fetch(site.url("/a"), "article")
    assert first.validator == Validator('"v1"', modified)
    second = await fetcher.fetch(site.url("/a"), "article", validator=first.validator)
    assert second.not_modified and second.body == b""
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'
    assert site.requests[-1].headers["If-Modified-Since"] == modified


async def test_redirects_are_followed_by_hand_with_a_limit(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/old", Reply(301, headers={"Location": "/new"}))
    site.route("/new", Reply(body=article_html("New")))
    site.route("/loop", Reply(302, headers={"Location": "/loop"}))
    fetcher = make_fetcher()
    page = await fetcher.fetch(site.url("/old"), "article")
    assert page.ok and page.url == site.url("/old") and page.final_url == site.url("/new")
    looped = await fetcher.fetch(site.url("/loop"), "article")
    assert looped.error == "more than 5 redirects" and site.paths().count("/loop") == 6
    assert looped.error_kind is FetchErrorKind.TOO_MANY_REDIRECTS


async def test_loopback_is_refused_by_default(
    site: LoopbackSite, make_fetcher: Callable[..., Fetcher]
) -> None:
    site.route("/a", Reply(body=article_html("A")))
    fetcher = make_fetcher(CrawlerSettings())
    page = await fetcher.fetch(site.url("/a"), "article")
    assert page.error is not None and page.error.startswith("refused:")
    assert page.error_kind is FetchErrorKind.REFUSED
    assert site.requests == []


# --- what loopback cannot show: DNS answers and redirects to other addresses --------------------------


def mock_client(seen: list[str]) -> httpx.AsyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/to-metadata":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        if request.url.path == "/to-rebound":
            return httpx.Response(302, headers={"Location": "http://rebound.example/admin"})
        return httpx.Response(200, html="<html><body>public</body></html>")

    return httpx.AsyncClient(transport=httpx.MockTransport(answer), follow_redirects=False)


DNS = {
    "public.example": ["93.184.216.34"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["93.184.216.34", "10.0.0.7"],
    "rebound.example": ["127.0.0.1"],
    "v6.example": ["::ffff:192.168.1.1"],
}


async def fake_resolver(host: str, port: int) -> list[str]:
    return DNS[host]


@pytest.mark.parametrize(
    "url",
    [
        "http://metadata.example/latest/meta-data/",
        "http://mixed.example/a",
        "http://v6.example/a",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/a",
        "http://10.1.2.3/a",
    ],
    ids=["dns-to-metadata", "one-private-answer", "mapped-ipv6", "metadata-literal", "ipv6-loop", "private"],
)
async def test_private_addresses_in_dns_answers_are_refused(url: str) -> None:
    seen: list[str] = []
    async with mock_client(seen) as client:
        fetcher = Fetcher(client, CrawlerSettings(), resolver=fake_resolver)
        page = await fetcher.fetch(url, "article")
    assert page.error is not None and page.error.startswith("refused:")
    assert page.error_kind is FetchErrorKind.REFUSED
    assert seen == []


@pytest.mark.parametrize("path", ["/to-metadata", "/to-rebound"], ids=["metadata", "dns-rebound"])
async def test_each_redirect_hop_is_checked(path: str) -> None:
    seen: list[str] = []
    async with mock_client(seen) as client:
        fetcher = Fetcher(client, CrawlerSettings(), resolver=fake_resolver)
        page = await fetcher.fetch(f"http://public.example{path}", "article")
    assert page.error is not None and page.error.startswith("refused:")
    assert page.error_kind is FetchErrorKind.REFUSED
    assert seen == ["http://public.example/robots.txt", f"http://public.example{path}"]


async def test_public_addresses_pass() -> None:
    seen: list[str] = []
    async with mock_client(seen) as client:
        page = await Fetcher(client, CrawlerSettings(), resolver=fake_resolver).fetch(
            "http://public.example/a", "article"
        )
    assert page.ok


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("fd00:ec2::254", False),
        ("::ffff:8.8.8.8", True),
        ("224.0.0.1", False),
    ],
    ids=["public", "loopback", "private", "link-local", "cgnat", "ula", "mapped-public", "multicast"],
)
def test_address_classes(address: str, public: bool) -> None:
    assert is_public_address(address) is public
