"""Properties of report building on arbitrary coverage: `build_report` never raises, every claim points
at the text it quotes inside its own article, the JSON is serialisable and both renderers finish."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.reports.report import build_report, render_html, render_markdown
from newsprism.compare.types import CoverageArticle

_SENTENCE_WORDS = st.lists(
    st.sampled_from(
        [
            "said",
            "Kozlov",
            "Alexander",
            "according",
            "to",
            "TASS",
            "Reuters",
            "“",
            "”",
            '"',
            "five",
            "six",
            "drones",
            "12",
            "killed",
            "people",
            "on",
            "Sunday",
            "Monday",
            "he",
            "told",
            "reporters",
            ",",
            ".",
            "\n\n",
            "about",
            "1.5",
            "million",
            "per",
            "cent",
            "minister",
            "the",
            "defence",
            "Vladivostok",
            "visited",
            "Kim",
            "Jong",
            "Un",
            "denied",
            "Kremlin",
            "<script>",
            "[x](javascript:1)",
            "|",
            "*",
            "September",
            "13",
            "2023",
            "rose",
            "by",
            "a",
            "third",
            "at",
            "least",
            "four",
            "—",
            "(",
            ")",
        ]
    ),
    min_size=3,
    max_size=60,
).map(" ".join)
# Sentences that make outlets diverge (figures, speakers, dates, sources), with hostile pieces in them.
_STORY_SENTENCES = st.builds(
    "{0} {1}".format,
    st.sampled_from(
        [
            "The governor handed Kim {n} kamikaze drones in Vladivostok, TASS reported.",
            "“We will rebuild every house,” {speaker} said on {day}.",
            "At least {n} people were killed in the strike on {day}, according to {source}.",
            "{speaker} told reporters that {n} drones had been delivered.",
            "The Kremlin denied the visit, Reuters said on {day}.",
        ]
    ),
    st.just(""),
).flatmap(
    lambda template: st.builds(
        template.format,
        n=st.sampled_from(["five", "six", "12", "1.5 million", "a third of", "<b>7</b>"]),
        speaker=st.sampled_from(
            ["Alexander Kozlov", "Sergei Shoigu", "he", "<img src=x>Voss", "[a](javascript:b)"]
        ),
        day=st.sampled_from(["Sunday", "Monday", "September 13", "13 September 2023"]),
        source=st.sampled_from(["TASS", "Reuters", "officials", "RIA Novosti"]),
    )
)
_TEXTS = st.lists(st.one_of(_STORY_SENTENCES, _SENTENCE_WORDS), min_size=1, max_size=6).map(" ".join)
_OUTLETS = st.sampled_from(["Harbour Wire", "Eastern Daily", "TASS", "<b>Sneaky</b> | Times", "Лента", "*"])


@st.composite
def coverage(draw: st.DrawFn) -> list[CoverageArticle]:
    texts = draw(st.lists(_TEXTS, min_size=1, max_size=4))
    articles = []
    for number, text in enumerate(texts):
        published = datetime(2023, 9, 13, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 72)))
        articles.append(
            CoverageArticle(
                id=str(number),
                outlet=draw(_OUTLETS),
                url=f"https://{number}.example/story",
                title=draw(st.sampled_from(["Kim visits", "", "<script>", "Drones | count"])),
                text=text,
                published=draw(st.one_of(st.none(), st.just(published))),
                analysis=analyze_article(text, published.date()),
                outlet_kind=draw(st.sampled_from(["agency", "state_media", "newspaper", "other"])),
            )
        )
    return articles


@settings(max_examples=60, deadline=None)
@given(coverage())
def test_a_report_on_any_coverage_is_honest_about_where_its_claims_are(
    articles: list[CoverageArticle],
) -> None:
    report = build_report("1", "Event", articles)
    texts = {article.url: article.text for article in articles}
    for divergence in report.divergences:
        assert 0.0 <= divergence.severity <= 1.0
        for claim in divergence.claims:
            text = texts[claim.article_url]
            assert 0 <= claim.start <= claim.end <= len(text)
            assert text[claim.start : claim.end] == claim.text
    json.dumps(report.to_json())
    event(f"divergences: {min(len(report.divergences), 3)}")
    assert render_markdown(report).startswith("# Event\n")
    assert "</html>" in render_html(report, articles)
