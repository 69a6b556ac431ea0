"""Discovery parsers on strings: feeds, sitemaps (index, gzip, news), robots.txt, sections, homepages."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.crawler.discovery import (
    HostileDocumentError,
    feed_links,
    gunzip_bounded,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
    section_links,
)

BASE = "https://news.example/"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title>
<item><title>Older story</title><link>https://news.example/2024/05/01/older-story</link>
<pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate></item>
<item><title>Newer story</title><link>/2024/05/03/newer-story?utm_source=rss</link>
<pubDate>Fri, 03 May 2024 09:30:00 +0200</pubDate></item>
<item><title>Undated story</title><link>https://news.example/undated-story-here</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Atom one</title><link rel="alternate" href="https://news.example/a/one"/>
<id>tag:news.example,2024:1</id><updated>2024-05-02T10:00:00Z</updated></entry>
<entry><title>Atom two</title><link href="https://news.example/a/two"/>
<id>tag:news.example,2024:2</id><published>2024-05-04T10:00:00Z</published></entry>
</feed>"""


def test_rss_links_dates_and_titles_newest_first() -> None:
    links = parse_feed(RSS, BASE)
    assert [link.url for link in links] == [
        "https://news.example/2024/05/03/newer-story?utm_source=rss",
        "https://news.example/2024/05/01/older-story",
        "https://news.example/undated-story-here",
    ]
    assert links[0].published == datetime(2024, 5, 3, 7, 30, tzinfo=UTC)
    assert links[0].title == "Newer story" and links[2].published is None


def test_atom_entries() -> None:
    links = parse_feed(ATOM, BASE)
    assert [(link.url, link.title) for link in links] == [
        ("https://news.example/a/two", "Atom two"),
        ("https://news.example/a/one", "Atom one"),
    ]


def test_a_malformed_feed_is_read_as_far_as_it_goes() -> None:
    truncated = RSS[: RSS.index(b"<item><title>Undated")] + b"<item><title>Broken <link>"
    links = parse_feed(truncated, BASE)
    assert {link.url for link in links} >= {"https://news.example/2024/05/01/older-story"}


def test_garbage_is_no_links() -> None:
    assert parse_feed(b"\x00\xff not a feed at all", BASE) == []


def test_a_feed_with_entities_is_refused_never_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<rss>&b;</rss>"
    )
    with pytest.raises(HostileDocumentError):
        parse_feed(laughs, BASE)
    with pytest.raises(HostileDocumentError):
        parse_sitemap(laughs, BASE)


def test_a_string_that_looks_like_a_url_is_parsed_not_fetched() -> None:
    assert parse_feed("https://news.example/rss.xml", BASE) == []


SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-1.xml.gz</loc><lastmod>2024-05-03</lastmod></sitemap>
<sitemap><loc>/sitemap-news.xml</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/2024/05/01/first</loc><lastmod>2024-05-01T10:00:00+02:00</lastmod></url>
<url><loc>https://news.example/2024/05/02/second</loc><lastmod>2024-05-02</lastmod></url>
<url><loc>javascript:alert(1)</loc></url>
</urlset>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/world/port-strike</loc>
<news:news><news:publication><news:name>News</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-05-03T18:19:08Z</news:publication_date>
<news:title>Port strike enters third day</news:title></news:news></url>
</urlset>"""


def test_sitemap_index_names_its_children() -> None:
    sitemap = parse_sitemap(SITEMAP_INDEX, BASE)
    assert sitemap.urls == []
    assert sitemap.child_sitemaps == [
        "https://news.example/sitemap-1.xml.gz",
        "https://news.example/sitemap-news.xml",
    ]


def test_gzipped_urlset_newest_first_without_unsafe_urls() -> None:
    sitemap = parse_sitemap(gzip.compress(URLSET), BASE)
    assert [link.url for link in sitemap.urls] == [
        "https://news.example/2024/05/02/second",
        "https://news.example/2024/05/01/first",
    ]
    assert sitemap.urls[1].published == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def test_google_news_sitemap_date_and_title() -> None:
    (link,) = parse_sitemap(NEWS_SITEMAP, BASE).urls
    assert link.title == "Port strike enters third day"
    assert link.published == datetime(2024, 5, 3, 18, 19, 8, tzinfo=UTC)


def test_a_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"<" * 2_000_000)
    with pytest.raises(HostileDocumentError, match="decompresses past"):
        gunzip_bounded(bomb, limit=1_000_000)


def test_robots_txt_sitemaps() -> None:
    robots = "User-agent: *\nDisallow: /x/\nSitemap: https://news.example/sitemap.xml\nSitemap: /news.xml"
    assert robots_sitemaps(robots, "https://news.example/robots.txt") == [
        "https://news.example/sitemap.xml",
        "https://news.example/news.xml",
    ]


SECTION = """<html><head><title>World</title></head><body>
<header class="site-header"><a href="/2024/05/03/header-promo-story">Promo</a></header>
<nav><a href="/world/">World</a><a href="/sport/">Sport</a><a href="/2024/05/03/nav-story-link">x</a></nav>
<div class="main-menu"><a href="/business/markets-and-more-news">Markets</a></div>
<main>
  <a href="/2024/05/03/port-strike-enters-third-day">Port strike enters third day</a>
  <a href="/world/ministers-meet-over-grain-deal#comments">Ministers meet</a>
  <a href="https://news.example/story/1234567">Numbered story</a>
  <a href="/news/articles/clymn8zyrp9o">Opaque id</a>
  <a href="/news/business">Section with a short name</a>
  <a href="/tag/port-strike-news-today">Tag page</a>
  <a href="/world/">World again</a>
  <a href="https://other.example/2024/05/03/someone-elses-story">Elsewhere</a>
  <a href="mailto:desk@news.example">Mail</a>
</main>
<footer><a href="/about/our-editorial-standards-page">About</a></footer>
</body></html>"""


def test_section_pages_give_article_links_not_navigation() -> None:
    links = section_links(SECTION, "https://news.example/world/")
    assert [link.url for link in links] == [
        "https://news.example/2024/05/03/port-strike-enters-third-day",
        "https://news.example/world/ministers-meet-over-grain-deal",
        "https://news.example/story/1234567",
        "https://news.example/news/articles/clymn8zyrp9o",
    ]
    assert links[0].title == "Port strike enters third day"


HOMEPAGE = """<html><head>
<link rel="alternate" type="application/rss+xml" title="All" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://news.example/atom.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="stylesheet" href="/style.css">
</head><body></body></html>"""


def test_homepage_feed_discovery() -> None:
    assert feed_links(HOMEPAGE, BASE) == ["https://news.example/rss.xml", "https://news.example/atom.xml"]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_parsers_never_raise_on_arbitrary_bytes(data: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        try:
            parse(data, BASE)
        except HostileDocumentError:
            pass
    section_links(data.decode("utf-8", "replace"), BASE)
    feed_links(data.decode("utf-8", "replace"), BASE)
