"""What the report pages print, before any HTML: the compared value found in its sentence, a quote's
word diff, divergences grouped by type, the two charts' geometry, the palette's contrast."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any, get_args

import pytest

from newsprism.compare.reports.style import SOURCE_TYPE_STYLES, TYPE_STYLES, contrast_ratio, type_style
from newsprism.compare.reports.view import (
    DivergenceView,
    diff_runs,
    grouped_by_type,
    marked_sentence,
    ranked_divergences,
    reader_time,
    reliance_chart,
    timeline,
    type_choices,
    value_span,
)
from newsprism.compare.types import DivergenceType


@pytest.mark.parametrize(
    ("sentence", "wanted", "found"),
    [
        pytest.param(
            "Kim got five kamikaze drones.", "five kamikaze drones", "five kamikaze drones", id="phrase"
        ),
        pytest.param("At least 15 people died.", "15", "15", id="number"),
        pytest.param("It cost 150 dollars, not 15.", "15", "15", id="whole-number-only"),
        pytest.param(
            '"All of it, was practical," he said.',
            "all of it was practical",
            "All of it, was practical",
            id="quote-across-punctuation",
        ),
        pytest.param("He left on Saturday.", "2023-09-16", None, id="date-not-written"),
        pytest.param("Nothing here.", "", None, id="empty"),
    ],
)
def test_value_is_found_in_its_sentence(sentence: str, wanted: str, found: str | None) -> None:
    span = value_span(sentence, wanted)
    assert (sentence[span[0] : span[1]] if span else None) == found


def test_marked_sentence_prefers_the_phrase_and_keeps_every_character() -> None:
    claim = {
        "text": "Kozhemyako gave Kim five kamikaze drones.",
        "value": "5",
        "phrase": "five kamikaze drones",
    }
    runs = marked_sentence(claim)
    assert "".join(r.text for r in runs) == claim["text"]
    assert [r.text for r in runs if r.value] == ["five kamikaze drones"]
    assert [r.value for r in marked_sentence({"text": "No value.", "value": None})] == [False]


def test_diff_runs_cut_the_static_reports_notation() -> None:
    runs = diff_runs("all of it was [-practical-] {+promising+}, he said")
    assert [(r.op, r.text) for r in runs] == [
        ("equal", "all of it was "),
        ("delete", "practical"),
        ("equal", " "),
        ("insert", "promising"),
        ("equal", ", he said"),
    ]
    assert diff_runs(None) == [] and diff_runs("no change") == [_equal("no change")]


def _equal(text: str) -> Any:
    return diff_runs(text)[0]


def _report(*divergences: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": {"id": "1", "title": "Storm", "outlets": ["A", "B"]},
        "articles": [
            {
                "id": "7",
                "url": "https://a.example/1",
                "outlet": "A",
                "title": "a",
                "published": "2024-05-04T06:00:00+00:00",
            },
            {
                "id": "8",
                "url": "https://b.example/1",
                "outlet": "B",
                "title": "b",
                "published": "2024-05-04T09:00:00+00:00",
            },
        ],
        "divergences": list(divergences),
        "sources": [],
    }


def _divergence(kind: str, severity: float) -> dict[str, Any]:
    claims = [
        {
            "outlet": "A",
            "article_url": "https://a.example/1",
            "text": "Four died.",
            "start": 3,
            "end": 13,
            "value": "4",
            "phrase": "Four",
        },
        {
            "outlet": "B",
            "article_url": "https://elsewhere.example/",
            "text": "Six died.",
            "start": 0,
            "end": 9,
            "value": "6",
            "phrase": "Six",
        },
    ]
    return {"type": kind, "summary": f"{kind} {severity}", "severity": severity, "claims": claims}


def _link(article_id: str, start: int, end: int) -> str:
    return f"/articles/{article_id}#at-{start}-{end}"


def test_divergences_are_ranked_grouped_and_linked() -> None:
    report = _report(
        _divergence("omission", 0.4), _divergence("numeric_conflict", 0.9), _divergence("omission", 0.7)
    )
    ranked = ranked_divergences(report, _link)
    assert [(d.rank, d.type, d.severity_text) for d in ranked] == [
        (1, "numeric_conflict", "0.90"),
        (2, "omission", "0.70"),
        (3, "omission", "0.40"),
    ]
    first = ranked[0].columns
    assert first[0][0].href == "/articles/7#at-3-13"
    assert first[1][0].href is None  # a claim from an article the report does not list links nowhere
    groups = grouped_by_type(ranked)
    assert [(g.style.key, [d.rank for d in g.divergences]) for g in groups] == [
        ("numeric_conflict", [1]),
        ("omission", [2, 3]),
    ]
    assert [g.style.key for g in grouped_by_type(ranked, {"omission"})] == ["omission"]


def test_type_choices_list_the_events_types_with_their_counts() -> None:
    report = _report(
        _divergence("omission", 0.4), _divergence("numeric_conflict", 0.9), _divergence("omission", 0.2)
    )
    choices = type_choices(ranked_divergences(report, _link), {"omission"})
    assert [(c.style.key, c.count, c.checked) for c in choices] == [
        ("numeric_conflict", 1, False),
        ("omission", 2, True),
    ]
    assert all(c.checked for c in type_choices(ranked_divergences(report, _link), None))


def test_a_type_added_later_still_gets_a_group_and_a_name() -> None:
    ranked = ranked_divergences(_report(_divergence("casualty_conflict", 0.5)), _link)
    assert isinstance(ranked[0], DivergenceView) and ranked[0].style.label == "casualty conflict"
    assert [g.style.key for g in grouped_by_type(ranked)] == ["casualty_conflict"]


def test_every_divergence_type_has_its_own_colour_and_name() -> None:
    assert set(get_args(DivergenceType)) <= set(TYPE_STYLES)
    assert len({s.colour for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    assert len({s.label for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    assert type_style("numeric_conflict").label == "numbers differ"


@pytest.mark.parametrize(
    "colour", [s.colour for s in TYPE_STYLES.values()] + list(SOURCE_TYPE_STYLES.values())
)
def test_colours_meet_wcag_aa_with_white(colour: str) -> None:
    # Badges print white text on these; bars sit on white: 4.5:1 is AA for normal text.
    assert contrast_ratio(colour) >= 4.5


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA


def test_reliance_chart_stacks_each_outlets_citations_within_the_width() -> None:
    sources = [
        {"source": "TASS", "source_type": "agency", "cited_by": {"A": 5, "B": 2}},
        {
            "source": "A governor with a name far longer than twenty-eight characters",
            "source_type": "official",
            "cited_by": {"A": 3},
        },
    ]
    chart = reliance_chart(sources, ["A", "B", "C"])
    totals = {row.outlet: row.total for row in chart.rows}
    assert totals == {"A": 8, "B": 2, "C": 0}
    a = chart.rows[0]
    assert [(p.source_type, p.count) for p in a.pieces] == [("agency", 5), ("official", 3)]
    assert a.pieces[-1].x + a.pieces[-1].width == pytest.approx(100)  # the longest bar fills the width
    assert "twenty-eight characters (3)" in a.sources  # names are whole, never cut
    assert [kind for kind, _ in chart.types] == ["agency", "official"]


def test_timeline_places_articles_in_time_and_marks_later_versions() -> None:
    report = _report()
    fetched = datetime(2024, 5, 4, 9, 30, tzinfo=UTC)
    line = timeline(report["articles"], ["A", "B"], {"7": [fetched, fetched + timedelta(hours=3)]})
    a, b = line.rows
    assert [(m.version, m.x) for m in a.marks] == [(1, 2.0), (2, 98.0)]  # 06:00 starts, 12:30 ends the line
    assert [m.version for m in b.marks] == [1] and 2.0 < b.marks[0].x < 98.0
    assert [label for _, label in line.ticks] == ["4 May 2024, 06:00 UTC", "4 May 2024, 12:30 UTC"]


def test_timeline_of_one_moment_has_one_tick_in_the_middle() -> None:
    line = timeline(_report()["articles"][:1], ["A", "B"])
    assert [m.x for m in line.rows[0].marks] == [50.0] and len(line.ticks) == 1 and line.rows[1].marks == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("2023-09-17T09:40:00+00:00", "17 Sep 2023, 09:40 UTC", id="iso-aware"),
        pytest.param(datetime(2024, 5, 3, 12, 0), "3 May 2024, 12:00", id="naive"),
        pytest.param(None, "\u2014", id="unknown"),
        pytest.param("yesterday", "yesterday", id="not-a-time"),
    ],
)
def test_reader_time(value: Any, shown: str) -> None:
    assert reader_time(value) == shown


def test_grouping_keeps_every_divergence_once() -> None:
    report = _report(
        *(_divergence(kind, 0.5) for kind in ["omission", "unique_claim", "omission", "date_conflict"])
    )
    groups = grouped_by_type(ranked_divergences(report, _link))
    assert Counter(d.type for g in groups for d in g.divergences) == Counter(
        d["type"] for d in report["divergences"]
    )
