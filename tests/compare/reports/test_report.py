"""Reports: the INTERFACE JSON shape, Markdown, and an HTML page that escapes everything it shows."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest

from newsprism.compare.findings import ArticleAnalysis, Attribution, Quantity
from newsprism.compare.reports.page import safe_url, segments
from newsprism.compare.reports.report import (
    DivergenceReport,
    build_report,
    md_escape,
    render_html,
    render_markdown,
)
from newsprism.compare.types import CoverageArticle, quoted_excerpt

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def _quote(text: str, words: str, speaker: str) -> Attribution:
    start = text.index(words)
    speaker_start = text.index(speaker)
    return Attribution(
        "direct",
        words,
        start,
        start + len(words),
        "said",
        speaker,
        speaker_start,
        speaker_start + len(speaker),
        speaker,
        "person",
    )


def _article(
    ident: str, outlet: str, text: str, *, title: str = "Storm hits port", drones: str = "five"
) -> CoverageArticle:
    start = text.index(drones)
    value = {"five": 5, "six": 6}[drones]
    quantity = Quantity(f"{drones} drones", start, start + len(drones) + 7, value, "drone", "drones")
    quote = _quote(text, "\u201cWe will rebuild every house on this street,\u201d", "Marta Quiroga")
    return CoverageArticle(
        id=ident,
        outlet=outlet,
        url=f"https://{ident}.example/story",
        title=title,
        text=text,
        published=datetime(2023, 9, 16, 12, tzinfo=UTC),
        analysis=ArticleAnalysis(attributions=[quote], quantities=[quantity]),
    )


TEXT = (
    "The governor handed the visitors {n} drones at the ceremony in the harbour. "
    "\u201cWe will rebuild every house on this street,\u201d Mayor Marta Quiroga said."
)


@pytest.fixture
def articles() -> list[CoverageArticle]:
    return [
        _article("1", "Meridian Wire", TEXT.format(n="five")),
        _article("2", "Lantern TV", TEXT.format(n="six"), drones="six"),
    ]


def test_json_has_exactly_the_interface_shape(articles: list[CoverageArticle]) -> None:
    data = build_report("42", "Storm", articles).to_json()
    assert set(data) == {"event", "articles", "divergences", "sources"}
    assert data["event"] == {"id": "42", "title": "Storm", "outlets": ["Lantern TV", "Meridian Wire"]}
    assert set(data["articles"][0]) == {"id", "url", "outlet", "title", "published"}
    assert data["articles"][0]["published"] == "2023-09-16T12:00:00+00:00"
    divergence = data["divergences"][0]
    assert divergence["type"] == "numeric_conflict"
    assert 0 <= divergence["severity"] <= 1
    claim_keys = {"outlet", "article_url", "text", "start", "end", "value", "speaker"}
    assert set(divergence["claims"][0]) >= claim_keys
    assert data["sources"][0] == {
        "source": "Marta Quiroga",
        "source_type": "person",
        "cited_by": {"Lantern TV": 1, "Meridian Wire": 1},
    }
    json.dumps(data)


def test_claim_offsets_point_at_the_sentence(articles: list[CoverageArticle]) -> None:
    report = build_report("1", "Storm", articles)
    texts = {a.url: a.text for a in articles}
    for divergence in report.divergences:
        for claim in divergence.claims:
            assert texts[claim.article_url][claim.start : claim.end] == claim.text


def test_markdown_lists_the_divergences(articles: list[CoverageArticle]) -> None:
    markdown = render_markdown(build_report("1", "Storm", articles))
    assert markdown.startswith("# Storm\n")
    assert "numeric conflict" in markdown
    assert "Lantern TV" in markdown


def test_an_empty_event_renders() -> None:
    report = build_report("9", "Nothing", [])
    assert "no other account to compare" in render_markdown(report)
    assert "<html" in render_html(report, [])


def test_markdown_evidence_is_quoted_once_and_shows_no_offsets(articles: list[CoverageArticle]) -> None:
    opening = "\u201cWe will rebuild,\u201d the mayor said. "
    quoting = dataclasses.replace(articles[0], text=opening + articles[0].text)
    markdown = render_markdown(build_report("1", "Storm", [quoting, *articles[1:]]))
    assert "characters " not in markdown
    assert "\u201c\u201c" not in markdown and '\u201c"' not in markdown


def test_a_sentence_that_opens_with_a_quote_is_not_quoted_again() -> None:
    assert quoted_excerpt("\u201cI was there,\u201d he said.") == "\u201cI was there,\u201d he said."
    assert quoted_excerpt("He was there.") == "\u201cHe was there.\u201d"


@pytest.mark.parametrize(
    "where",
    [pytest.param("title", id="title"), pytest.param("outlet", id="outlet"), pytest.param("text", id="text")],
)
def test_html_escapes_hostile_content(where: str) -> None:
    fields = {"title": "Storm", "outlet": "Meridian Wire", "text": TEXT.format(n="five")}
    fields[where] = HOSTILE + fields[where]
    hostile = _article("1", fields["outlet"], fields["text"], title=fields["title"])
    other = _article("2", "Lantern TV", TEXT.format(n="six"), drones="six")
    report = build_report("1", fields["title"], [hostile, other])
    page = render_html(report, [hostile, other])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "<script" not in render_markdown(report)


def test_html_is_self_contained_with_an_svg_chart(articles: list[CoverageArticle]) -> None:
    page = render_html(build_report("1", "Storm", articles), articles)
    assert "<svg" in page and "<mark" in page
    assert "cdn" not in page.lower() and "<script" not in page and "<link" not in page
    assert 'href="https://1.example/story"' in page


def test_only_syndicated_articles_are_labelled_wire_copy(articles: list[CoverageArticle]) -> None:
    # "Wire copy" tells a reader an outlet is not an independent source: a false label is an accusation.
    assert "wire copy" not in render_html(build_report("1", "Storm", articles), articles)
    copied = [articles[0], dataclasses.replace(articles[1], syndicated_from=articles[0].id)]
    page = render_html(build_report("1", "Storm", copied), copied)
    assert page.count("wire copy") == 1
    lantern = page[page.index('id="article-2"') :]
    assert "wire copy" in lantern[: lantern.index("</article>")]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        pytest.param("https://a.example/x", "https://a.example/x", id="https"),
        pytest.param("javascript:alert(1)", "#", id="javascript"),
        pytest.param("data:text/html,hi", "#", id="data"),
    ],
)
def test_only_web_links_are_kept(url: str, safe: str) -> None:
    assert safe_url(url) == safe


def test_segments_cover_the_text_and_mark_the_evidence() -> None:
    pieces = segments("abcdefghij", [(2, 5, 1), (4, 8, 2)])
    assert "".join(p.text for p in pieces) == "abcdefghij"
    assert [p.ranks for p in pieces] == [(), (1,), (1, 2), (2,), ()]


def test_markdown_escape_keeps_html_out() -> None:
    assert "<" not in md_escape(HOSTILE)


def test_report_is_a_dataclass_with_to_json() -> None:
    report = DivergenceReport("1", "t", [], [])
    assert report.to_json()["event"] == {"id": "1", "title": "t", "outlets": []}
