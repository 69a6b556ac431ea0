"""The demo newsroom: served over real loopback HTTP, crawlable, and its manifest a trustworthy answer key.

The server is exercised as the crawler meets it (httpx, feedparser, protego, trafilatura). The manifest
is checked against the article texts, so that a test comparing the demo's report with the planted
divergences compares with something that is really in the articles.
"""

from __future__ import annotations

import json
import re
import socket
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
import trafilatura
from protego import Protego

from newsprism.demo import DemoNewsroom, Newsroom, load_newsroom, serve_newsroom

NEWSROOM = Path(str(files("newsprism.demo").joinpath("newsroom")))
MANIFEST: dict[str, Any] = json.loads((NEWSROOM / "manifest.json").read_text(encoding="utf-8"))
OUTLETS: list[dict[str, Any]] = MANIFEST["outlets"]
ARTICLES: list[dict[str, Any]] = MANIFEST["articles"]
DIVERGENCES: list[dict[str, Any]] = MANIFEST["divergences"]
KIM_EVENT = "kim-russia-visit"
OUTLET_KINDS = {"agency", "state_media", "newspaper", "broadcaster", "online", "other"}
DIVERGENCE_TYPES = {
    "numeric_conflict",
    "speaker_conflict",
    "quote_wording",
    "omission",
    "unique_claim",
    "source_reliance",
    "date_conflict",
    "time_conflict",
    "custody_conflict",
    "polarity_conflict",
}
NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PACKAGES = ("newsprism", "crawler", "compare", "storage")
REPO = Path(__file__).resolve().parents[2]


def _ids(entries: list[dict[str, Any]], key: str) -> list[str]:
    return [str(entry[key]) for entry in entries]


def _body(article: dict[str, Any]) -> str:
    return NEWSROOM.joinpath(str(article["file"])).read_text(encoding="utf-8")


def _event_texts(event: str) -> dict[str, str]:
    """The text of each outlet's article about one event (one article per outlet and event)."""
    return {article["outlet"]: _body(article) for article in ARTICLES if article["event"] == event}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _port_is_closed(base_url: str) -> bool:
    port = int(base_url.rsplit(":", 1)[1])
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except OSError:
        return True


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoNewsroom]:
    with serve_newsroom() as served:
        yield served
    assert _port_is_closed(served.base_url), "the demo newsroom still listens after the block ended"


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as opened:
        yield opened
    assert opened.is_closed


# The server, as the crawler meets it.


@pytest.mark.parametrize("outlet", OUTLETS, ids=_ids(OUTLETS, "slug"))
def test_feed_lists_every_article_of_its_outlet(
    demo: DemoNewsroom, client: httpx.Client, outlet: dict[str, Any]
) -> None:
    site = next(site for site in demo.outlets if site.slug == outlet["slug"])
    response = client.get(site.feed_url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == outlet["name"]
    own = [article for article in ARTICLES if article["outlet"] == outlet["slug"]]
    assert {entry.title for entry in feed.entries} == {article["title"] for article in own}
    for entry in feed.entries:
        assert entry.link.startswith(f"{demo.base_url}/{outlet['slug']}/news/")
        assert entry.id == entry.link
        assert entry.published_parsed is not None


@pytest.mark.parametrize("outlet", OUTLETS, ids=_ids(OUTLETS, "slug"))
def test_homepage_announces_its_feed_and_links_its_articles(
    demo: DemoNewsroom, client: httpx.Client, outlet: dict[str, Any]
) -> None:
    response = client.get(f"{demo.base_url}/{outlet['slug']}/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    feed_link = f'<link rel="alternate" type="application/rss+xml" title="{outlet["name"]}"'
    assert feed_link in response.text.replace("&#x27;", "'")
    assert f'href="/{outlet["slug"]}/rss.xml"' in response.text
    for article in ARTICLES:
        link = f'href="/{article["outlet"]}/news/{article["slug"]}.html"'
        assert (link in response.text) == (article["outlet"] == outlet["slug"])


def test_sitemap_index_leads_to_every_article(demo: DemoNewsroom, client: httpx.Client) -> None:
    index = ET.fromstring(client.get(f"{demo.base_url}/sitemap.xml").content)
    sitemaps = [loc.text or "" for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert sitemaps == [site.sitemap_url for site in demo.outlets]
    found: set[str] = set()
    for sitemap in sitemaps:
        urlset = ET.fromstring(client.get(sitemap).content)
        found |= {loc.text or "" for loc in urlset.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert found == {demo.article_url(article) for article in demo.newsroom.articles}


def test_robots_allows_the_news_and_keeps_out_of_the_staff_area(
    demo: DemoNewsroom, client: httpx.Client
) -> None:
    robots = Protego.parse(client.get(f"{demo.base_url}/robots.txt").text)
    article_url = demo.article_url(demo.newsroom.articles[0])
    assert robots.can_fetch(article_url, "newsprism")
    assert not robots.can_fetch(f"{demo.base_url}/private/drafts.html", "newsprism")
    assert list(robots.sitemaps) == [f"{demo.base_url}/sitemap.xml"]
    assert client.get(f"{demo.base_url}/private/drafts.html").status_code == 403


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES, "slug"))
def test_article_page_gives_trafilatura_its_text_and_metadata(
    demo: DemoNewsroom, client: httpx.Client, article: dict[str, Any]
) -> None:
    url = f"{demo.base_url}/{article['outlet']}/news/{article['slug']}.html"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    extracted = trafilatura.extract(response.text, output_format="json", with_metadata=True, url=url)
    assert extracted is not None
    found = json.loads(extracted)
    assert found["title"] == article["title"]
    assert found["author"] == article["author"]
    assert found["date"] == article["published"][:10]
    expected, got = _words(_body(article)), set(_words(found["text"]))
    recall = sum(word in got for word in expected) / len(expected)
    assert recall >= 0.95, f"trafilatura recovered only {recall:.0%} of the words"
    assert f'<link rel="canonical" href="{url}">' in response.text


def test_conditional_get_answers_not_modified(demo: DemoNewsroom, client: httpx.Client) -> None:
    url = demo.article_url(demo.newsroom.articles[0])
    first = client.get(url)
    by_tag = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    stale_tag = client.get(url, headers={"If-None-Match": '"other"'})
    assert (by_tag.status_code, by_tag.content) == (304, b"")
    assert (by_date.status_code, by_date.content) == (304, b"")
    assert stale_tag.status_code == 200
    assert first.headers["last-modified"] == "Sun, 17 Sep 2023 09:40:00 GMT"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/nowhere.html", 404), ("/meridian-wire", 301), ("/meridian-wire/news/missing.html", 404)],
    ids=["unknown", "outlet-without-slash", "unknown-article"],
)
def test_other_paths(demo: DemoNewsroom, client: httpx.Client, path: str, status: int) -> None:
    assert client.get(demo.base_url + path).status_code == status


def test_head_answers_headers_without_a_body(demo: DemoNewsroom, client: httpx.Client) -> None:
    response = client.head(demo.outlets[0].feed_url)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) > 0
    assert response.content == b""


@pytest.mark.parametrize(
    ("feeds", "sitemaps"), [(True, False), (True, True), (False, False)], ids=["feeds", "both", "homepage"]
)
def test_outlet_config_crawls_the_newsroom_on_loopback(
    demo: DemoNewsroom, tmp_path: Path, feeds: bool, sitemaps: bool
) -> None:
    path = demo.write_outlet_config(tmp_path / "outlets.toml", feeds=feeds, sitemaps=sitemaps)
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    assert config["crawler"] == {"allow_private_networks": True}
    assert [outlet["name"] for outlet in config["outlet"]] == _ids(OUTLETS, "name")
    for entry, site in zip(config["outlet"], demo.outlets, strict=True):
        assert entry["homepage"] == site.homepage
        assert entry.get("feeds", []) == ([site.feed_url] if feeds else [])
        assert entry.get("sitemaps", []) == ([site.sitemap_url] if sitemaps else [])
        assert (entry["delay"], entry["kind"], entry["language"]) == ("0s", site.outlet.kind, "en")


def test_server_shuts_down_at_the_end_of_the_block() -> None:
    with serve_newsroom() as served, httpx.Client() as client:
        assert client.get(served.base_url + "/").status_code == 200
    assert _port_is_closed(served.base_url)


# The loader and the manifest.


def test_loader_reads_what_the_manifest_lists() -> None:
    newsroom: Newsroom = load_newsroom()
    assert [outlet.slug for outlet in newsroom.outlets] == _ids(OUTLETS, "slug")
    assert [(a.outlet, a.slug, a.title, a.author) for a in newsroom.articles] == [
        (a["outlet"], a["slug"], a["title"], a["author"]) for a in ARTICLES
    ]
    for loaded, entry in zip(newsroom.articles, ARTICLES, strict=True):
        assert loaded.published == datetime.fromisoformat(entry["published"])
        assert _words(loaded.text) == _words(_body(entry))
        # The answer key stays out of what the product sees.
        assert not hasattr(loaded, "event")


def test_outlets_cover_the_kinds_the_demo_promises() -> None:
    assert len(OUTLETS) >= 5
    assert len(set(_ids(OUTLETS, "slug"))) == len(OUTLETS)
    assert {outlet["kind"] for outlet in OUTLETS} <= OUTLET_KINDS
    kinds = [outlet["kind"] for outlet in OUTLETS]
    assert kinds.count("state_media") >= 2
    assert {"agency", "newspaper", "broadcaster"} <= set(kinds)
    assert all(outlet["language"] == "en" for outlet in OUTLETS)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES, "slug"))
def test_article_entry_is_complete(article: dict[str, Any]) -> None:
    assert article["outlet"] in _ids(OUTLETS, "slug")
    assert article["file"] == f"articles/{article['outlet']}/{article['slug']}.txt"
    assert 300 <= len(_body(article).split()) <= 600
    published = datetime.fromisoformat(article["published"])
    assert published.utcoffset() == timedelta(0)
    assert date(2023, 9, 10) <= published.date() <= date(2023, 9, 20)


def test_events_make_grouping_matter() -> None:
    outlets_by_event: dict[str, set[str]] = {}
    for article in ARTICLES:
        outlets_by_event.setdefault(article["event"], set()).add(article["outlet"])
    assert outlets_by_event[KIM_EVENT] == set(_ids(OUTLETS, "slug"))
    others = [event for event, outlets in outlets_by_event.items() if event != KIM_EVENT and len(outlets) > 1]
    assert len(others) >= 2
    pairs = [(article["event"], article["outlet"]) for article in ARTICLES]
    assert len(pairs) == len(set(pairs)), "one article per outlet and event"


def test_the_issue_s_required_divergences_are_planted() -> None:
    kim_types = [d["type"] for d in DIVERGENCES if d["event"] == KIM_EVENT]
    assert kim_types.count("numeric_conflict") >= 2
    for required in ("speaker_conflict", "quote_wording", "omission", "source_reliance", "date_conflict"):
        assert required in kim_types
    assert len(set(_ids(DIVERGENCES, "id"))) == len(DIVERGENCES)


@pytest.mark.parametrize("divergence", DIVERGENCES, ids=_ids(DIVERGENCES, "id"))
def test_divergence_is_really_in_the_articles(divergence: dict[str, Any]) -> None:
    assert divergence["type"] in DIVERGENCE_TYPES
    texts = _event_texts(divergence["event"])
    assert texts, f"no articles for event {divergence['event']!r}"
    assert set(divergence["outlets"]) <= set(texts), "every outlet involved covers the event"
    assert divergence["description"]
    CHECKS[divergence["type"]](divergence, texts)


def _check_numeric(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    values, phrases = divergence["values"], divergence["phrases"]
    assert set(values) == set(phrases) == set(divergence["outlets"])
    assert len(set(values.values())) >= 2, "a conflict needs two different values"
    includes = divergence.get("includes", {})
    for outlet, phrase in phrases.items():
        assert phrase in texts[outlet]
        # A count that holds someone besides the victims (`including the gunman`) is one more.
        stated = values[outlet] + (1 if outlet in includes else 0)
        numbers = [NUMBER_WORDS.get(word, word) for word in _words(phrase)]
        assert stated in numbers or str(stated) in numbers
        assert (includes.get(outlet, "") in phrase) if outlet in includes else True


def _check_speaker(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    quote, speakers = divergence["quote"], divergence["speakers"]
    assert set(speakers) == set(divergence["outlets"])
    assert len(set(speakers.values())) >= 2
    for outlet, text in texts.items():
        assert (quote in text) == (outlet in speakers)
    for outlet, speaker in speakers.items():
        assert speaker in texts[outlet], "the full name is introduced"
        assert _surname(speaker) in _attributed_quote(texts[outlet], quote)


def _check_wording(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    variants = divergence["variants"]
    assert set(variants) == set(divergence["outlets"])
    assert len(set(variants.values())) == len(variants)
    for outlet, variant in variants.items():
        attributed = _attributed_quote(texts[outlet], variant)
        assert divergence["quote"] in attributed
        assert _surname(divergence["speaker"]) in attributed
        for other in set(variants) - {outlet}:
            assert variant not in texts[other]


def _check_omission(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    omitted_by = set(divergence["omitted_by"])
    assert omitted_by and omitted_by < set(divergence["outlets"])
    for outlet in divergence["outlets"]:
        assert (divergence["fact"] in texts[outlet]) == (outlet not in omitted_by), outlet


def _check_unique_claim(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    claimed_by = set(divergence["claimed_by"])
    for outlet, text in texts.items():
        assert (divergence["keyword"] in text) == (outlet in claimed_by), outlet
    for outlet in claimed_by:
        assert divergence["claim"] in texts[outlet]


def _check_sources(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    sources: dict[str, list[str]] = divergence["sources"]
    assert set(sources) == set(divergence["outlets"])
    every_source = {source for cited in sources.values() for source in cited}
    for outlet, cited in sources.items():
        for source in every_source:
            named = re.search(rf"\b{re.escape(source)}\b", texts[outlet]) is not None
            assert named == (source in cited), f"{outlet} and {source}"


def _check_dates(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    dates, phrases = divergence["dates"], divergence["phrases"]
    assert set(dates) == set(phrases) == set(divergence["outlets"])
    assert len(set(dates.values())) >= 2
    published = {a["outlet"]: a["published"] for a in ARTICLES if a["event"] == divergence["event"]}
    for outlet, phrase in phrases.items():
        assert phrase in texts[outlet]
        weekday = next(day for day in WEEKDAYS if day in phrase)
        resolved = _last_weekday(datetime.fromisoformat(published[outlet]).date(), WEEKDAYS.index(weekday))
        assert resolved.isoformat() == dates[outlet], outlet


def _check_times(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    times, phrases = divergence["times"], divergence["phrases"]
    assert set(times) == set(phrases) == set(divergence["outlets"])
    assert len(set(times.values())) >= 2
    for outlet, phrase in phrases.items():
        assert phrase in texts[outlet] and times[outlet] in phrase


def _check_custody(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    held, free = set(divergence["in_custody"]), set(divergence["not_in_custody"])
    assert held and free and not held & free and held | free == set(divergence["outlets"])
    for outlet, phrase in divergence["phrases"].items():
        assert phrase in texts[outlet]
    for outlet in free:
        assert "arrested" not in texts[outlet]


def _check_polarity(divergence: dict[str, Any], texts: dict[str, str]) -> None:
    likely, unlikely = set(divergence["likely"]), set(divergence["unlikely"])
    assert likely and unlikely and not likely & unlikely and likely | unlikely == set(divergence["outlets"])
    for outlet, phrase in divergence["phrases"].items():
        assert phrase in texts[outlet]
        assert ("unlikely" in phrase or " not " in phrase) is (outlet in unlikely)


CHECKS = {
    "numeric_conflict": _check_numeric,
    "speaker_conflict": _check_speaker,
    "quote_wording": _check_wording,
    "omission": _check_omission,
    "unique_claim": _check_unique_claim,
    "source_reliance": _check_sources,
    "date_conflict": _check_dates,
    "time_conflict": _check_times,
    "custody_conflict": _check_custody,
    "polarity_conflict": _check_polarity,
}


def _surname(full_name: str) -> str:
    return full_name.split()[-1]


def _attributed_quote(text: str, fragment: str) -> str:
    """The quotation holding `fragment` and its sentence's attribution: `"...," Kozlov said.`"""
    at = text.index(fragment)
    opening = text.rindex('"', 0, at)
    closing = text.index('"', at)
    return text[opening : text.index(".", closing) + 1]


def _last_weekday(published: date, weekday: int) -> date:
    """The day a weekday named in an article means: that weekday on or before publication."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def test_the_product_never_reads_the_answer_key() -> None:
    readers = [
        path.relative_to(REPO).as_posix()
        for package in PACKAGES
        for path in (REPO / package).rglob("*.py")
        if "manifest.json" in path.read_text(encoding="utf-8") or "MANIFEST_NAME" in path.read_text("utf-8")
    ]
    assert readers == ["newsprism/demo/content.py"]
    loader = (REPO / "newsprism/demo/content.py").read_text(encoding="utf-8")
    assert '"divergences"' not in loader
    assert '"event"' not in loader
