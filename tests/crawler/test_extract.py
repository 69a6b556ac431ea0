"""Extraction: text and metadata from a page, canonical URLs that make copies one article."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
import trafilatura
import trafilatura.utils
from lxml import etree
from pages import PARAGRAPHS, article_html
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document

from newsprism.crawler.extract import (
    HANDED_OVER,
    ForbiddenCharacters,
    TrafilaturaGuesses,
    extract_page,
    page_tree,
)
from newsprism.crawler.metadata import DATE_PARAMS
from newsprism.crawler.urls import clean_url
from newsprism.crawler.workers import Extractor

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
    assert (
        clean_url("https://News.example/a?utm_source=rss&id=3&utm_medium=x#c")
        == "https://news.example/a?id=3"
    )


@pytest.mark.parametrize("html", ["", "<html></html>", "<<<>>>", "<html><body><nav>Menu</nav></body></html>"])
def test_pages_without_articles_give_none(html: str) -> None:
    assert extract_page(html, URL) is None


async def test_the_pool_and_in_process_agree() -> None:
    html = article_html("Pool")
    with Extractor(workers=1) as pool:
        assert await pool.extract(html, URL) == extract_page(html, URL)
        assert pool.extract_now(html, URL) == extract_page(html, URL)


def test_a_page_opening_with_a_server_warning_keeps_its_head() -> None:
    # lxml.html takes a page that opens with stray text for a fragment and hands back its body alone;
    # the metadata must still be read from the whole document (libxml2 moves the head into the body).
    html = "Notice: Undefined index: ref in /var/www/header.php on line 3\n" + article_html(
        "Port strike", author="Ann Lee", canonical="https://news.example/2024/05/03/port-strike?utm_source=x"
    ).removeprefix("<!DOCTYPE html>")
    page = extract_page(html, URL + "?id=7")
    assert page is not None and PARAGRAPHS[0] in page.text
    assert page.title == "Port strike" and page.canonical_url == URL
    assert page.published == datetime(2024, 5, 3, 10, 0, tzinfo=UTC)


def test_form_fields_in_the_article_do_not_disturb_extraction() -> None:
    # Elements get their classes from a lookup done in C, without lxml's form-field classes.
    form = (
        '<form action="/subscribe"><label>Mail <input name="mail" value="x"></label>'
        "<select><option>a</option></select><textarea>t</textarea></form>"
    )
    page = extract_page(article_html("Port strike").replace("</article>", form + "</article>"), URL)
    assert page is not None and PARAGRAPHS[-1] in page.text and page.title == "Port strike"


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


def _page(
    head: str = "", *, title: str = "Port strike", h1: str | None = None, author: str | None = None
) -> str:
    """An article page whose head and headline the metadata cases choose."""
    html = article_html(title, author=author, extra_head=head)
    return html if h1 is None else html.replace(f"<h1>{title}</h1>", f"<h1>{h1}</h1>")


def _ld(**article: object) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **article})}</script>'


@pytest.mark.parametrize(
    ("head", "title", "h1", "expected"),
    [
        (
            '<meta property="og:title" content="Dockers strike for a third day">',
            "Port strike",
            None,
            "Dockers strike for a third day",
        ),
        (
            '<meta property="og:site_name" content="The Harbour Post">',
            "Port strike | The Harbour Post",
            "",
            "Port strike",
        ),
        (
            '<meta property="og:site_name" content="The Harbour Post">',
            "THE HARBOUR POST - Port strike",
            "",
            "Port strike",
        ),
        (
            '<link rel="canonical" href="https://www.harbour-post.co.uk/a/1">',
            "Port strike \u2013 Harbour Post",
            "",
            "Port strike",
        ),
        ("", "Port strike - Local news from the coast - Weekly Gazette", "Port strike", "Port strike"),
        (
            '<meta property="og:title" content="Strike - a city holds its breath">',
            "Port strike",
            None,
            "Strike - a city holds its breath",
        ),
        (
            '<meta property="og:title" content="Harbour Post - Port strike">',
            "Port strike",
            '<a href="/">Harbour Post</a>',
            "Harbour Post - Port strike",
        ),
    ],
    ids=[
        "og-title-before-title-tag",
        "site-name-suffix",
        "site-name-prefix",
        "domain-suffix",
        "h1-is-the-head",
        "headline-dash-kept",
        "logo-h1-is-no-headline",
    ],
)
def test_headline_without_the_site_name(head: str, title: str, h1: str | None, expected: str) -> None:
    page = extract_page(_page(head, title=title, h1=h1), URL)
    assert page is not None and page.title == expected


def test_a_canonical_url_no_parser_takes_costs_nothing() -> None:
    page = extract_page(
        _page('<link rel="canonical" href="http://[oops/a">', title="Port strike | Post"), URL
    )
    assert page is not None and page.title == "Port strike | Post"


OG_TITLE = '<meta property="og:title" content="Port strike: what we know">'


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (_ld(headline="Dockers walk out") + OG_TITLE, "Dockers walk out"),
        (_ld(headline="Dockers walk out", name="Dockers walk out") + OG_TITLE, "Dockers walk out"),
        (_ld(headline="Dockers walk out", name="The Harbour Post") + OG_TITLE, "Dockers walk out"),
        (
            _ld(headline="Dockers walk out", name="Port strike: what we know") + OG_TITLE,
            "Port strike: what we know",
        ),
        (
            _ld(headline="Dockers walk out", name="PORT STRIKE: WHAT WE KNOW | The Harbour Post")
            + OG_TITLE
            + '<meta property="og:site_name" content="The Harbour Post">',
            "Port strike: what we know",
        ),
    ],
    ids=[
        "json-ld-before-og-title",
        "name-repeats-headline",
        "name-is-the-site",
        "name-sides-with-og-title",
        "name-with-site-name-sides-with-og-title",
    ],
)
def test_json_ld_headline_before_og_title_unless_its_name_sides_with_it(head: str, expected: str) -> None:
    page = extract_page(_page(head), URL)
    assert page is not None and page.title == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            _ld(author=[{"@type": "Person", "name": "Ann Lee"}, [{"@type": "Person", "name": "Bo Chan"}]]),
            ("Ann Lee", "Bo Chan"),
        ),
        (
            '<meta name="dc.creator" content="Lee, Ann"><meta name="dc.creator" content="Chan, Bo">',
            ("Ann Lee", "Bo Chan"),
        ),
        (_ld(author="By Ann Lee"), ("Ann Lee",)),
        (_ld(author={"name": "Von Ann Lee und Bo Chan"}), ("Ann Lee", "Bo Chan")),
        (_ld(author="Von der Leyen"), ("Von der Leyen",)),
        (_ld(author="Capital von Ann Lee"), ("Ann Lee",)),
        (_ld(author="Carl von Ossietzky"), ("Carl von Ossietzky",)),
        (_ld(author={"@type": "Organization", "name": "The Harbour Post"}), ("Jane Reporter",)),
    ],
    ids=[
        "json-ld-nested-list",
        "family-given-meta",
        "by-lead-in",
        "von-lead-in",
        "lowercase-after-lead-word-kept",
        "section-before-lead-word",
        "von-inside-a-name",
        "organization-gives-way-to-a-person",
    ],
)
def test_bylines(head: str, expected: tuple[str, ...]) -> None:
    page = extract_page(_page(head, author="Jane Reporter"), URL)
    assert page is not None and page.authors == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [("Newsdesk", ("The Harbour Post",)), ("Harbour Post", ("The Harbour Post",))],
    ids=["one-word-desk-is-no-person", "the-site-itself-is-no-person"],
)
def test_an_organization_author_stays_without_a_person(author: str, expected: tuple[str, ...]) -> None:
    head = _ld(author={"@type": "Organization", "name": "The Harbour Post"})
    head += '<meta property="og:site_name" content="Harbour Post">'
    page = extract_page(_page(head, author=author), URL)
    assert page is not None and page.authors == expected


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (
            '<a href="/author/ann-lee">Ann Lee</a> and <a href="/author/bo-chan/">Bo Chan</a>',
            ("Ann Lee", "Bo Chan"),
        ),
        ('<a href="/autoren/name/ann-lee">Dr. Ann Lee</a>', ("Dr. Ann Lee",)),
        ("".join(f'<a href="/author/{n}">Writer Number {n}</a>' for n in range(6)), ()),
        ('<a href="/section/ann-lee">Ann Lee</a>', ()),
    ],
    ids=["two-writers", "author-directory", "a-list-of-writers-is-no-byline", "not-an-author-page"],
)
def test_names_linked_to_author_pages_when_nothing_else_names_them(
    links: str, expected: tuple[str, ...]
) -> None:
    html = article_html("Port strike", author=None).replace("<article>", f"<article><p>{links}</p>")
    page = extract_page(html, URL)
    assert page is not None and page.authors == expected


def test_agencies_in_capitals_are_not_taken_for_family_given() -> None:
    page = extract_page(_page('<meta name="dc.creator" content="REUTERS, AFP">', author=None), URL)
    assert page is not None and "AFP REUTERS" not in page.authors


def test_json_ld_publication_time_wins_over_another_day() -> None:
    # The page's listing date is the print edition's (the next day); JSON-LD has the web publication.
    head = _ld(datePublished="2024-05-02T19:30:00+02:00")
    page = extract_page(article_html("Port strike", published="2024-05-03", extra_head=head), URL)
    assert page is not None and page.published == datetime(2024, 5, 2, 17, 30, tzinfo=UTC)


def test_a_json_ld_day_without_time_does_not_overrule_the_page() -> None:
    head = _ld(datePublished="2024-05-02")
    page = extract_page(
        article_html("Port strike", published="2024-05-03T10:00:00+00:00", extra_head=head), URL
    )
    assert page is not None and page.published == datetime(2024, 5, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "html",
    [
        article_html("Port strike", author="Ann Lee"),
        article_html("Port strike", author="annlee", published=None),  # a one-word handle is no name
        article_html("Port strike | The Wire", author=None, published=None).replace(
            "<h1>", '<p class="byline">By Ann Lee</p><p class="date">Published: 3 May 2024</p><h1>'
        ),
        article_html("T", author=None, extra_head=_ld(headline="Strike", author={"name": "Bo Chan"})),
        article_html("T", extra_head='<script type="application/ld+json">{"headline": broken</script>'),
        article_html("T", extra_head='<meta property="og:title" content=" Strike &amp;amp; lockout ">'),
    ],
    ids=["meta", "handle", "byline-only", "json-ld", "broken-json-ld", "escaped-title"],
)
def test_guesses_are_what_trafilatura_metadata_says(html: str) -> None:
    # Each guess runs only the steps of trafilatura's metadata that decide its field.
    tree = page_tree(html)
    whole = extract_metadata(tree, URL, DATE_PARAMS)
    guesses = TrafilaturaGuesses(tree, URL)
    assert (guesses.title(), guesses.author(), guesses.date()) == (whole.title, whole.author, whole.date)


def test_forbidden_characters_are_those_of_trafilaturas_pattern() -> None:
    pattern = re.compile(ForbiddenCharacters.PATTERN)
    matched = "".join(chr(code) for code in range(0x110000) if pattern.fullmatch(chr(code)))
    assert matched == ForbiddenCharacters.CHARACTERS
    assert isinstance(trafilatura.utils.INVALID_XML_CHARS, ForbiddenCharacters)


@pytest.mark.parametrize(
    "text",
    ["no forbidden character", "form\x0cfeed and \x00 null", "\ufffe\uffff", ""],
    ids=["none", "controls", "non-characters", "empty"],
)
def test_forbidden_characters_removed_as_trafilatura_removes_them(text: str) -> None:
    looked_for_first = trafilatura.utils.INVALID_XML_CHARS
    assert isinstance(looked_for_first, ForbiddenCharacters)
    assert looked_for_first.sub("", text) == looked_for_first.pattern.sub("", text)


def test_page_with_forbidden_characters_extracts_as_without_them() -> None:
    page = article_html("Port strike")
    assert extract_page(page.replace("Port strike", "Port\x0b strike\x1f"), URL) == extract_page(page, URL)


# A reader's comments, which trafilatura prunes from the tree it extracts (in place, on its copy).
COMMENTS = '<div id="comments"><p>First! Great story, thanks for writing it up so quickly.</p></div>'


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "cascade"])
def test_a_handed_over_tree_extracts_as_trafilaturas_copy_of_it(fast: bool) -> None:
    page = article_html("Port strike").replace("</article>", f"</article>{COMMENTS}")
    assert HANDED_OVER.installed  # trafilatura still copies with copy.copy: its copy is skipped
    given, kept = page_tree(page), page_tree(page)
    ours = HANDED_OVER.bare_extraction(given, url=URL, include_comments=False, fast=fast)
    theirs = trafilatura.bare_extraction(kept, url=URL, include_comments=False, fast=fast)
    assert isinstance(ours, Document) and isinstance(theirs, Document)
    assert ours.text is not None and ours.text == theirs.text
    assert PARAGRAPHS[0] in ours.text and "First!" not in ours.text
    # trafilatura left its caller's tree whole, and changed the one handed over to it (not a copy)
    assert etree.tostring(kept) == etree.tostring(page_tree(page))
    assert b"First!" in etree.tostring(kept) and b"First!" not in etree.tostring(given)


def test_a_lone_block_of_a_larger_document_is_copied_as_trafilatura_copies_it() -> None:
    page = article_html("Port strike")
    document = page_tree(page)
    block = document.find(".//article")
    HANDED_OVER.bare_extraction(block, url=URL, include_comments=False, fast=True)
    assert etree.tostring(document) == etree.tostring(page_tree(page))
