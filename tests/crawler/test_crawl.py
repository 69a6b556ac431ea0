"""A whole crawl pass against a loopback outlet: discovery, politeness, dedupe, versions, second pass."""

from __future__ import annotations

import gzip
import socket
import zlib
from datetime import UTC, datetime

import pytest
from loopback import LoopbackSite, Reply
from pages import PARAGRAPHS, article_html
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsprism.crawler.config import CrawlConfig, parse_config
from newsprism.crawler.crawl import CrawlSummary, crawl_outlets
from newsprism.crawler.workers import ExtractedPage, Extractor
from newsprism.storage.articles import StoredArticle
from newsprism.storage.database import Database
from newsprism.storage.models import Article, ArticleVersion, FetchRecord
from newsprism.storage.reading import get_article


def config_for(site: LoopbackSite, **tables: str) -> CrawlConfig:
    lines = ["[crawler]", "allow_private_networks = true", 'timeout = "10s"', "", "[[outlet]]"]
    lines += ['name = "Loopback Wire"', f'homepage = "{site.url("/")}"', 'delay = "0s"', "concurrency = 4"]
    lines += [f"{key} = {value}" for key, value in tables.items()]
    return parse_config("\n".join(lines) + "\n", "test.toml")


def rss(site: LoopbackSite, *paths: str) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{site.url(path)}</link>"
        f"<pubDate>Fri, 0{i + 1} May 2024 10:00:00 GMT</pubDate></item>"
        for i, path in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'


def build_outlet(site: LoopbackSite) -> None:
    """Feed and sitemap name the same stories in different dress, plus things not to fetch or store."""
    site.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    strike, grain = "/2024/05/03/port-strike", "/2024/05/02/grain-deal"
    site.route(strike, Reply(body=article_html("Port strike", canonical=site.url(strike)), etag='"s1"'))
    site.route(grain, Reply(body=article_html("Grain deal", PARAGRAPHS[::-1]), etag='"g1"'))
    site.route("/alias-story", Reply(301, headers={"Location": grain}))
    site.route("/report.pdf", Reply(body=b"%PDF", content_type="application/pdf"))
    site.route("/private/secret-story", Reply(body=article_html("Secret")))
    paths = (
        f"{strike}?utm_source=rss&utm_medium=feed",
        "/private/secret-story",
        "/alias-story",
        "/report.pdf",
    )
    site.route("/rss.xml", Reply(body=rss(site, *paths), content_type="application/rss+xml"))
    urlset = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url(strike)}</loc></url><url><loc>{site.url(grain)}</loc></url></urlset>"
    )
    site.route("/news.xml.gz", Reply(body=gzip.compress(urlset.encode()), content_type="application/gzip"))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/news.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap.xml')}</loc></sitemap></sitemapindex>"
    )
    site.route("/sitemap.xml", Reply(body=index, content_type="application/xml"))


def crawl(config: CrawlConfig, database: Database, extractor: Extractor, **options: object) -> CrawlSummary:
    return crawl_outlets(config, database, extractor=extractor, **options)  # type: ignore[arg-type]


def articles(database: Database) -> list[Article]:
    with database.session() as session:
        return list(session.scalars(select(Article).order_by(Article.url)))


@pytest.fixture
def outlet_site(site: LoopbackSite) -> LoopbackSite:
    build_outlet(site)
    return site


def test_first_pass_stores_each_story_once_and_obeys_robots(
    outlet_site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    config = config_for(
        outlet_site,
        feeds=f'["{outlet_site.url("/rss.xml")}"]',
        sitemaps=f'["{outlet_site.url("/sitemap.xml")}"]',
    )
    summary = crawl(config, database, extractor)
    (wire,) = summary.outlets
    assert (wire.discovered, wire.new, wire.failed) == (5, 2, 0)  # the utm copy is the sitemap's story
    assert wire.skipped == 2  # robots-disallowed and the PDF
    stored = articles(database)
    assert len(stored) == 2
    assert {a.canonical_url for a in stored} == {
        outlet_site.url("/2024/05/02/grain-deal"),
        outlet_site.url("/2024/05/03/port-strike"),
    }
    assert not [p for p in outlet_site.paths() if p.startswith("/private/")]
    strike = next(a for a in stored if "port-strike" in a.canonical_url)
    assert strike.title == "Port strike" and strike.authors == ["Jane Reporter"]
    assert strike.published == datetime(2024, 5, 3, 10, 0, tzinfo=UTC) and strike.language == "en"
    with database.session() as session:
        # The page as fetched is kept in zlib's format, for any zlib to read back.
        kept = session.scalar(select(ArticleVersion.raw_html).where(ArticleVersion.article_id == strike.id))
        served = article_html("Port strike", canonical=outlet_site.url("/2024/05/03/port-strike"))
        assert kept is not None and zlib.decompress(kept).decode("utf-8") == served
        purposes = set(session.scalars(select(FetchRecord.purpose)))
        assert {"robots", "feed", "sitemap", "article"} <= purposes
        assert session.scalar(select(func.count(FetchRecord.id)).where(FetchRecord.outlet_id.is_(None))) == 0


@pytest.mark.parametrize("parameter", ["articleId", "sid", "newsid", "cid", "n"])
def test_stories_told_apart_only_by_a_query_id_stay_two_articles(
    site: LoopbackSite, database: Database, extractor: Extractor, parameter: str
) -> None:
    # Many regional and state outlets put the story id in the query string: dropping it merged stories.
    one, two = f"/view?{parameter}=1", f"/view?{parameter}=2"
    site.route(one, Reply(body=article_html("Port strike")))
    site.route(two, Reply(body=article_html("Grain deal", PARAGRAPHS[::-1])))
    site.route("/rss.xml", Reply(body=rss(site, one, two), content_type="application/rss+xml"))
    summary = crawl(config_for(site, feeds=f'["{site.url("/rss.xml")}"]'), database, extractor).total()
    assert (summary.discovered, summary.new) == (2, 2)
    assert {a.canonical_url for a in articles(database)} == {site.url(one), site.url(two)}


def test_second_pass_is_conditional_and_stores_nothing_new(
    outlet_site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    config = config_for(outlet_site, feeds=f'["{outlet_site.url("/rss.xml")}"]')
    crawl(config, database, extractor)
    before = len(outlet_site.requests)
    second = crawl(config, database, extractor).total()
    assert (second.new, second.updated) == (0, 0) and second.unchanged == 2
    again = [r for r in outlet_site.requests[before:] if r.path.startswith("/2024/")]
    assert again and all("If-None-Match" in r.headers for r in again)
    with database.session() as session:
        assert session.scalar(select(func.count(ArticleVersion.id))) == 2


def test_a_feed_that_has_not_changed_is_not_read_again(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    site.route("/a-long-story-title", Reply(body=article_html("A")))
    site.route("/rss.xml", Reply(body=rss(site, "/a-long-story-title"), etag='"f1"'))
    config = config_for(site, feeds=f'["{site.url("/rss.xml")}"]')
    crawl(config, database, extractor)
    before = len(site.requests)
    assert crawl(config, database, extractor).total().discovered == 0
    assert [r.path for r in site.requests[before:]] == ["/robots.txt", "/rss.xml"]


def test_a_changed_page_adds_a_version_with_a_diff(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    path = "/2024/05/03/casualty-count"
    site.route(path, Reply(body=article_html("Count", PARAGRAPHS), etag='"v1"'))
    site.route("/rss.xml", Reply(body=rss(site, path)))
    config = config_for(site, feeds=f'["{site.url("/rss.xml")}"]')
    crawl(config, database, extractor)
    changed = [PARAGRAPHS[0].replace("five cargo ships", "seven cargo ships"), *PARAGRAPHS[1:]]
    site.route(path, Reply(body=article_html("Count", changed), etag='"v2"'))
    assert crawl(config, database, extractor).total().updated == 1
    (article,) = articles(database)
    with database.session() as session:
        versions = get_article(session, article.id).versions
        assert [v.number for v in versions] == [1, 2]
        assert article.current_version_id == versions[1].id
    assert "five cargo ships" in versions[0].text and "seven cargo ships" in versions[1].text


def test_after_store_runs_inside_each_articles_transaction(
    outlet_site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    seen: list[tuple[bool, str, int]] = []

    def after_store(session: Session, stored: StoredArticle) -> None:
        version = session.get(ArticleVersion, stored.version_id)
        assert version is not None
        seen.append((session.in_transaction(), stored.status, version.article_id))

    config = config_for(outlet_site, feeds=f'["{outlet_site.url("/rss.xml")}"]')
    crawl(config, database, extractor, after_store=after_store)
    assert sorted(status for _, status, _ in seen) == ["new", "new"]
    assert all(inside for inside, _, _ in seen)


def page_size(page: ExtractedPage) -> tuple[str | None, int]:
    return page.title, len(page.text)


@pytest.mark.parametrize("workers", [0, 1], ids=["in-process", "worker-process"])
def test_each_page_is_prepared_by_the_extractor_and_handed_to_after_store(
    outlet_site: LoopbackSite, database: Database, workers: int
) -> None:
    seen: dict[str, tuple[object, int]] = {}

    def after_store(session: Session, stored: StoredArticle, prepared: object = None) -> None:
        version = session.get(ArticleVersion, stored.version_id)
        assert version is not None
        seen[version.title or ""] = (prepared, len(version.text))

    config = config_for(outlet_site, feeds=f'["{outlet_site.url("/rss.xml")}"]')
    with Extractor(workers=workers, prepare=page_size) as extractor:
        crawl(config, database, extractor, after_store=after_store)
    assert len(seen) == 2
    for title, (prepared, size) in seen.items():
        assert prepared == (title, size)


def test_homepage_feed_discovery_when_nothing_is_configured(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    site.route("/", Reply(body='<html><head><link rel="alternate" type="application/rss+xml" href="/feed">'))
    site.route("/feed", Reply(body=rss(site, "/2024/05/01/found-by-discovery"), content_type="text/xml"))
    site.route("/2024/05/01/found-by-discovery", Reply(body=article_html("Found")))
    summary = crawl(config_for(site), database, extractor).total()
    assert summary.new == 1 and [a.title for a in articles(database)] == ["Found"]


def test_homepage_without_feeds_falls_back_to_robots_sitemaps_and_its_own_links(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    site.route("/robots.txt", Reply(body=f"Sitemap: {site.url('/sm.xml')}\n", content_type="text/plain"))
    urlset = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.url("/s/from-the-sitemap-story")}</loc></url></urlset>'
    site.route("/sm.xml", Reply(body=urlset, content_type="application/xml"))
    home = '<nav><a href="/world/">World</a></nav><main><a href="/2024/05/01/linked-from-home">x</a></main>'
    site.route("/", Reply(body=home))
    site.route("/s/from-the-sitemap-story", Reply(body=article_html("From sitemap")))
    site.route("/2024/05/01/linked-from-home", Reply(body=article_html("From homepage", PARAGRAPHS[1:])))
    crawl(config_for(site), database, extractor)
    assert sorted(a.title or "" for a in articles(database)) == ["From homepage", "From sitemap"]
    assert "/world/" not in site.paths()


def test_section_pages(site: LoopbackSite, database: Database, extractor: Extractor) -> None:
    site.route(
        "/world/",
        Reply(
            body='<nav><a href="/sport/">Sport</a></nav>'
            '<a href="/world/ministers-meet-over-grain">Ministers</a>'
        ),
    )
    site.route("/world/ministers-meet-over-grain", Reply(body=article_html("Ministers meet")))
    crawl(config_for(site, sections=f'["{site.url("/world/")}"]'), database, extractor)
    assert [a.title for a in articles(database)] == ["Ministers meet"]
    assert "/sport/" not in site.paths()


def test_a_failed_page_is_counted_and_the_pass_goes_on(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    site.route("/rss.xml", Reply(body=rss(site, "/2024/05/01/broken-story", "/2024/05/02/good-story")))
    site.route("/2024/05/01/broken-story", Reply(500))
    site.route("/2024/05/02/good-story", Reply(body=article_html("Good")))
    config = config_for(site, feeds=f'["{site.url("/rss.xml")}"]')
    total = crawl(config, database, extractor).total()
    assert (total.new, total.failed) == (1, 1)
    with database.session() as session:
        errors = session.scalars(select(FetchRecord.error).where(FetchRecord.status == 500)).all()
    assert errors and set(errors) == {"HTTP 500"}


def test_the_process_pool_extracts_the_same(outlet_site: LoopbackSite, database: Database) -> None:
    config = config_for(outlet_site, feeds=f'["{outlet_site.url("/rss.xml")}"]')
    with Extractor(workers=2) as pool:
        assert crawl(config, database, pool).total().new == 2
    assert {a.title for a in articles(database)} == {"Port strike", "Grain deal"}


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def troubled_config(site: LoopbackSite, *, allow_private: bool = True) -> CrawlConfig:
    dead = f"http://127.0.0.1:{closed_port()}"
    outlets = {
        "Missing Feed": f'feeds = ["{site.url("/gone.xml")}"]',
        "Dead Host": f'homepage = "{dead}/"\nfeeds = ["{dead}/rss.xml"]',
        "Html Sitemap": f'sitemaps = ["{site.url("/sitemap-page")}"]',
        "Index Pages": f'feeds = ["{site.url("/rss.xml")}"]',
    }
    lines = ["[crawler]", f"allow_private_networks = {str(allow_private).lower()}", "retries = 0"]
    for name, keys in outlets.items():
        homepage = "" if "homepage" in keys else f'homepage = "{site.url("/")}"\n'
        lines += ["[[outlet]]", f'name = "{name}"', f"{homepage}{keys}", 'delay = "0s"']
    return parse_config("\n".join(lines) + "\n", "troubled.toml")


def serve_troubles(site: LoopbackSite) -> None:
    site.route("/sitemap-page", Reply(body="<!DOCTYPE html><html><body><h1>Site map</h1></body></html>"))
    site.route("/rss.xml", Reply(body=rss(site, "/news/", "/2024/05/02/good-story"), content_type="text/xml"))
    site.route("/news/", Reply(body="<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    site.route("/2024/05/02/good-story", Reply(body=article_html("Good")))


def test_the_summary_says_why_each_outlet_yielded_nothing_and_what_to_do(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    serve_troubles(site)
    summary = crawl(troubled_config(site), database, extractor)
    by_name = {outlet.outlet: outlet for outlet in summary.outlets}
    said = "\n".join(summary.explanations())
    for name, reason, todo in [
        ("Missing Feed", "HTTP 404", "check the URL"),
        ("Dead Host", "cannot connect", "nothing answered there"),
        ("Html Sitemap", "an HTML page, not a sitemap", "point sitemaps at the XML sitemap"),
    ]:
        assert by_name[name].yielded_nothing
        lines = by_name[name].explanation()
        assert lines[0] == f"{name}: nothing stored, because", said
        assert reason in lines[1] and "what to do: " in lines[1] and todo in lines[1], said
    # A page that is no article is skipped with its reason, not counted as failed; the outlet is fine.
    index = by_name["Index Pages"]
    assert (index.new, index.failed, index.skipped) == (1, 0, 1)
    assert index.explanation() == [] and "Index Pages" not in said
    assert [str(p) for p in index.problems] == [f"article {site.url('/news/')}: no article text found"]


def test_a_refused_private_address_names_the_setting_that_allows_it(
    site: LoopbackSite, database: Database, extractor: Extractor
) -> None:
    serve_troubles(site)
    summary = crawl(troubled_config(site, allow_private=False), database, extractor)
    assert all(outlet.yielded_nothing for outlet in summary.outlets)
    said = "\n".join(summary.explanations())
    assert said.count(": nothing stored, because") == 4
    assert "is a private or local address" in said and "allow_private_networks = true" in said
    assert not site.requests
