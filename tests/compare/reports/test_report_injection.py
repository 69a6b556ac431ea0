"""Reports with hostile article content in every field a reader sees: titles, outlet names, speaker
names, article text and URLs. Neither the HTML page nor the Markdown may carry markup, a script or a
`javascript:` link out of them, and a Markdown line break in the content must not start new Markdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from newsprism.compare.findings import ArticleAnalysis, Attribution, Quantity
from newsprism.compare.reports.report import DivergenceReport, build_report, render_html, render_markdown
from newsprism.compare.types import CoverageArticle

SCRIPT = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[click me](javascript:alert(1))"
QUOTE = "\u201cWe will rebuild every house on this street,\u201d"
# Raw markup or a live `javascript:` link, in either format.
FORBIDDEN = [
    re.compile(r"<script", re.I),
    re.compile(r"<img", re.I),
    re.compile(r"href=\"\s*javascript:", re.I),
]
# Markdown that a renderer would turn into a link, an image or raw HTML.
FORBIDDEN_MD = [re.compile(r"(?<!\\)\]\(\s*<?\s*javascript:", re.I), re.compile(r"^\s*<", re.M)]
# A link destination as the renderer writes it; what is inside one is a URL, inert.
DESTINATION = re.compile(r"\]\(<([^<>\n]*)>\)")


def coverage(ident: str, outlet: str, url: str, title: str, speaker: str, drones: str) -> CoverageArticle:
    """An article quoting `speaker` and counting drones, every field as given (hostile or not)."""
    text = (
        f"The governor handed the visitors {drones} drones at the ceremony in the harbour.\n\n"
        f"{QUOTE} {speaker} said, according to {outlet}."
    )
    start, speaker_start = text.index(QUOTE), text.index(speaker)
    quote = Attribution(
        "direct",
        QUOTE,
        start,
        start + len(QUOTE),
        "said",
        speaker,
        speaker_start,
        speaker_start + len(speaker),
        speaker,
        "agency",
    )
    count = text.index(drones)
    value = {"five": 5, "six": 6}[drones]
    quantity = Quantity(f"{drones} drones", count, count + len(drones) + 7, value, "drone", "drones")
    return CoverageArticle(
        id=ident,
        outlet=outlet,
        url=url,
        title=title,
        text=text,
        published=datetime(2023, 9, 16, 12, tzinfo=UTC),
        analysis=ArticleAnalysis(attributions=[quote], quantities=[quantity]),
    )


HOSTILE_FIELDS = {
    "outlet": f"{SCRIPT} Times {IMG}",
    "title": f"{MD_LINK} {SCRIPT}",
    "speaker": f"{IMG}Quiroga",
    "url": "javascript:alert(1)",
    "url-with-newline": "https://evil.example/a\n<script>alert(1)</script>\n[x](javascript:alert(2))",
    "title-with-newline": f"Storm\n\n# Injected heading\n{IMG}\n\n{MD_LINK}",
}


def hostile_report(field: str) -> tuple[DivergenceReport, list[CoverageArticle]]:
    values = {
        "outlet": "Meridian Wire",
        "url": "https://1.example/story",
        "title": "Storm",
        "speaker": "Quiroga",
    }
    key = {"url-with-newline": "url", "title-with-newline": "title"}.get(field, field)
    values[key] = HOSTILE_FIELDS[field]
    hostile = coverage("1", values["outlet"], values["url"], values["title"], values["speaker"], "five")
    other = coverage("2", "Lantern TV", "https://2.example/story", "Storm", "Marta Quiroga", "six")
    articles = [hostile, other]
    return build_report("1", values["title"], articles), articles


@pytest.mark.parametrize("field", list(HOSTILE_FIELDS), ids=list(HOSTILE_FIELDS))
@pytest.mark.parametrize("render", ["markdown", "html"])
def test_hostile_content_comes_out_inert(field: str, render: str) -> None:
    report, articles = hostile_report(field)
    assert report.divergences  # the hostile article takes part in what is shown
    out = render_markdown(report) if render == "markdown" else render_html(report, articles)
    if render == "markdown":
        assert all(url == "#" or url.startswith("https://") for url in DESTINATION.findall(out))
        out = DESTINATION.sub("](<>)", out)
    for forbidden in FORBIDDEN + (FORBIDDEN_MD if render == "markdown" else []):
        assert not forbidden.search(out), (forbidden.pattern, field)


@pytest.mark.parametrize("field", ["title-with-newline", "url-with-newline"])
def test_markdown_content_cannot_start_a_line_of_its_own(field: str) -> None:
    report, _ = hostile_report(field)
    markdown = render_markdown(report)
    assert "\n# Injected heading" not in markdown and "\n<script" not in markdown
    # Every line is the report's own: a heading, a table row, a list item, a label or blank.
    own = re.compile(r"^(#{1,2} |\||\d+\. \*\*|   - |Outlets: |The outlets agree|$)")
    assert all(own.match(line) for line in markdown.splitlines()), markdown


def test_a_markdown_link_in_a_title_stays_text() -> None:
    report, _ = hostile_report("title")
    markdown = render_markdown(report)
    assert "\\[click me\\](javascript:alert(1))" in markdown


def test_only_http_links_reach_the_markdown() -> None:
    report, _ = hostile_report("url")
    destinations = re.findall(r"\]\(<([^>]*)>\)", render_markdown(report))
    assert destinations and all(d == "#" or d.startswith("https://") for d in destinations)
    assert "#" in destinations
