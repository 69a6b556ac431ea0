"""No request reaches a private address unless the configuration allows it: named in the config, a feed,
a sitemap, a redirect or a DNS answer, and not by DNS rebinding either.

Two loopback servers stand for the internet and an intranet. DNS answers come through the resolver
seam (the one part outside this machine's reach): the address checks are told the outlet's name is
public, while the client's network layer routes that name to the "public" loopback server. Every
address the intranet could be reached by is then listed somewhere; the intranet must see no request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
import pytest
from loopback import LoopbackSite, Reply
from pages import article_html
from sqlalchemy import select

from newsprism.crawler.config import CrawlerSettings, parse_config
from newsprism.crawler.crawl import crawl_outlets
from newsprism.crawler.fetch import Fetcher, FetchErrorKind, Politeness, is_public_address
from newsprism.crawler.transport import PinnedTransport
from newsprism.crawler.workers import Extractor
from newsprism.storage.database import Database
from newsprism.storage.models import Article, FetchRecord

PUBLIC_IP = "93.184.216.34"
LIMITS = httpx.Limits(max_connections=8)


def resolver(answers: dict[str, str]) -> Callable[[str, int], Awaitable[list[str]]]:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError(f"no such host {host!r} (test DNS)")
        return [answers[host]]

    return resolve


@pytest.fixture
def intranet(loopback_site: Callable[..., LoopbackSite]) -> LoopbackSite:
    """What must stay unreachable: an admin page and a metadata-like document on 127.0.0.2."""
    made = loopback_site("127.0.0.2")
    for path in ("/admin", "/feed.xml", "/sitemap.xml", "/latest/meta-data/"):
        made.route(path, Reply(body="secret"))
    return made


def private_urls(intranet: LoopbackSite) -> dict[str, str]:
    """Every way a listing can name the intranet (or another private network), by kind."""
    port = intranet.base.rsplit(":", 1)[1]
    return {
        "loopback": intranet.url("/admin"),
        "ipv6-loopback": f"http://[::1]:{port}/admin",
        "ipv4-mapped-ipv6": f"http://[::ffff:127.0.0.2]:{port}/admin",
        "unspecified": f"http://0.0.0.0:{port}/admin",
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "private": "http://10.0.0.7/admin",
        "ipv6-ula": "http://[fd00:ec2::254]/latest/meta-data/",
        "ipv6-link-local": "http://[fe80::1]/admin",
        "nat64-loopback": f"http://[64:ff9b::7f00:2]:{port}/admin",
        "dns-to-intranet": f"http://intranet.test:{port}/admin",
    }


def rss(urls: list[str]) -> str:
    items = "".join(f"<item><title>Story</title><link>{url}</link></item>" for url in urls)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'


def urlset(urls: list[str]) -> str:
    listed = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'


def test_no_listing_or_redirect_reaches_a_private_address(
    site: LoopbackSite, intranet: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    port = site.base.rsplit(":", 1)[1]
    wire = f"http://wire.test:{port}"
    private = private_urls(intranet)
    site.route("/2024/05/01/good-story", Reply(body=article_html("Good story")))
    site.route("/2024/05/01/to-metadata", Reply(302, headers={"Location": private["metadata"]}))
    site.route("/2024/05/01/to-intranet", Reply(302, headers={"Location": private["loopback"]}))
    site.route("/2024/05/01/to-intranet-name", Reply(302, headers={"Location": private["dns-to-intranet"]}))
    listed = [f"{wire}/2024/05/01/{name}" for name in ("good-story", "to-metadata", "to-intranet")]
    site.route("/rss.xml", Reply(body=rss(listed + list(private.values())), content_type="text/xml"))
    sitemap = urlset([f"{wire}/2024/05/01/to-intranet-name", private["ipv4-mapped-ipv6"]])
    site.route("/sitemap.xml", Reply(body=sitemap, content_type="text/xml"))
    index = f"<sitemapindex><sitemap><loc>{intranet.url('/sitemap.xml')}</loc></sitemap></sitemapindex>"
    site.route("/index.xml", Reply(body=index, content_type="text/xml"))
    config = parse_config(
        f'[[outlet]]\nname = "Wire"\nhomepage = "{wire}/"\ndelay = "0s"\nconcurrency = 4\n'
        f'feeds = ["{wire}/rss.xml", "{intranet.url("/feed.xml")}"]\n'
        f'sitemaps = ["{wire}/sitemap.xml", "{wire}/index.xml"]\n',
        "ssrf.toml",
    )
    assert config.settings.allow_private_networks is False  # the default
    # The internet as the network layer sees it: wire.test is the "public" loopback server.
    network = resolver({"wire.test": "127.0.0.1", "intranet.test": "127.0.0.2"})
    # No keep-alive: the crawl's event loop ends with the pass, so no connection may outlive it.
    one_shot = httpx.Limits(max_connections=8, max_keepalive_connections=0)
    transport = PinnedTransport(network, allow_private=True, limits=one_shot)
    client = httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False)
    # What DNS tells the address checks: wire.test is public, intranet.test is not.
    checks = resolver({"wire.test": PUBLIC_IP, "intranet.test": "127.0.0.2"})
    summary = crawl_outlets(config, database, extractor=extractor, client=client, resolver=checks)
    asyncio.run(client.aclose())
    assert intranet.requests == []
    with database.session() as session:
        assert list(session.scalars(select(Article.title))) == ["Good story"]
        records = session.execute(select(FetchRecord.url, FetchRecord.error)).all()
    refused = {url for url, error in records if (error or "").startswith("refused:")}
    expected = set(private.values()) | {intranet.url("/feed.xml"), intranet.url("/sitemap.xml")}
    assert expected <= refused, expected - refused
    total = summary.total()
    assert (total.new, total.failed) == (1, 0)
    assert total.skipped == len(private) + 3  # the listed private URLs and the three redirects


async def test_dns_rebinding_is_refused_at_connect_time(site: LoopbackSite) -> None:
    """The check is told wire.test is public; when the connection resolves it again, it is 127.0.0.1."""
    site.route("/a", Reply(body=article_html("A")))
    port = site.base.rsplit(":", 1)[1]
    transport = PinnedTransport(resolver({"wire.test": "127.0.0.1"}), limits=LIMITS)
    async with httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False) as client:
        fetcher = Fetcher(client, CrawlerSettings(), resolver=resolver({"wire.test": PUBLIC_IP}))
        page = await fetcher.fetch(f"http://wire.test:{port}/a", "article", politeness=Politeness(0, 1))
    assert site.requests == []
    assert page.error == "refused: 'wire.test' is a private or local address (127.0.0.1)"
    assert page.error_kind is FetchErrorKind.REFUSED  # the transport's refusal, told by its type
    # Refused, not retried: one attempt at robots.txt, then the page refused for the same reason.
    assert [(log.purpose, log.error) for log in fetcher.drain_logs()] == [("robots", page.error)] * 1 + [
        ("article", page.error)
    ]


async def test_the_connection_goes_to_the_checked_address(site: LoopbackSite) -> None:
    """The socket is opened to the resolver's answer, never to a second lookup by the system."""
    site.route("/a", Reply(body=article_html("A")))
    port = site.base.rsplit(":", 1)[1]
    network = resolver({"pinned.test": "127.0.0.1"})
    transport = PinnedTransport(network, allow_private=True, limits=LIMITS)
    async with httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False) as client:
        settings = CrawlerSettings(allow_private_networks=True)
        page = await Fetcher(client, settings, resolver=network).fetch(
            f"http://pinned.test:{port}/a", "article", politeness=Politeness(0, 1)
        )
    assert page.ok  # pinned.test exists in no real DNS: only the pinned address could answer
    assert site.requests[-1].headers["Host"] == f"pinned.test:{port}"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("0.0.0.0", False),
        ("::", False),
        ("::1", False),
        ("127.0.0.2", False),
        ("fe80::1%eth0", False),
        ("fd12:3456::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("::127.0.0.1", False),
        ("64:ff9b::7f00:1", False),
        ("64:ff9b:1::a00:1", False),
        ("2002:7f00:1::", False),
        ("fec0::1", False),
        ("192.0.0.170", False),
        ("198.18.0.1", False),
        ("255.255.255.255", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("64:ff9b::808:808", True),
        ("2002:808:808::", True),
        ("2606:4700::1111", True),
    ],
    ids=[
        "unspecified",
        "v6-unspecified",
        "v6-loopback",
        "loopback-2",
        "v6-link-local-scoped",
        "v6-ula",
        "mapped-loopback",
        "mapped-metadata",
        "v4-compatible-loopback",
        "nat64-loopback",
        "nat64-local",
        "6to4-loopback",
        "v6-site-local",
        "nat64-discovery",
        "benchmarking",
        "broadcast",
        "v6-multicast",
        "v6-documentation",
        "nat64-public",
        "6to4-public",
        "v6-public",
    ],
)
def test_address_classes_beyond_the_obvious(address: str, public: bool) -> None:
    assert is_public_address(address) is public
