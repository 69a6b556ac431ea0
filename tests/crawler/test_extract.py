"""Extraction: text and metadata from a page, canonical URLs that make copies one article."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pages import PARAGRAPHS, article_html

from crawler.extract import Extractor, extract_page
from crawler.urls import clean_url
from crawler.versions import version_diff

URL = "https://news.example/2024/05/03/port-strike"


def test_text_title_authors_date_language() -> None:
    page = extract_page(article_html("Port strike", author="Ann Lee; Bo Chan", lang="en-GB"), URL)
    assert page is not None
    assert page.title == "Port strike" and page.authors == ("Ann Lee", "Bo Chan")
    assert page.published == datetime(2024, 5, 3, 10, 0, tzinfo=UTC) and page.language == "en"
    assert PARAGRAPHS[0] in page.text and "About us" not in page.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="/2024/05/03/port-strike?utm_campaign=x">', URL),
        ('<meta property="og:url" content="https://news.example/2024/05/03/port-strike#top">', URL),
        ('<link rel="canonical" href="https://elsewhere.example/their-story">', URL + "?id=7"),
        ("", URL + "?id=7"),
    ],
    ids=["canonical-with-tracking", "og-url", "foreign-canonical-ignored", "none-cleaned-url"],
)
def test_canonical_url(head: str, expected: str) -> None:
    page = extract_page(article_html("T", extra_head=head), URL + "?id=7&utm_source=rss&fbclid=abc")
    assert page is not None and page.canonical_url == expected


def test_tracking_parameters_are_cleaned() -> None:
    assert clean_url("https://News.example/a?utm_source=rss&id=3&utm_medium=x#c") == "https://news.example/a?id=3"


@pytest.mark.parametrize("html", ["", "<html></html>", "<<<>>>", "<html><body><nav>Menu</nav></body></html>"])
def test_pages_without_articles_give_none(html: str) -> None:
    assert extract_page(html, URL) is None


async def test_the_pool_and_in_process_agree() -> None:
    html = article_html("Pool")
    with Extractor(workers=1) as pool:
        assert await pool.extract(html, URL) == extract_page(html, URL)
        assert pool.extract_now(html, URL) == extract_page(html, URL)


def test_identical_texts_have_no_diff() -> None:
    assert version_diff("Same. Text.", "Same. Text.") == ""


def test_json_ld_headline_authors_and_time_win() -> None:
    ld = (
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
        ' "headline": "Strike enters &quot;third&quot; day", "datePublished": "2024-05-03T10:15:00Z",'
        ' "author": [{"@type": "Person", "name": "Ann Lee and Bo Chan"}, {"name": "Cy Dee (cd)"}]}]}</script>'
    )
    page = extract_page(article_html("Strike | The Wire", author="Ann-Lee", extra_head=ld), URL)
    assert page is not None and page.title == 'Strike enters "third" day'
    assert page.authors == ("Ann Lee", "Bo Chan", "Cy Dee")
    assert page.published == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)
