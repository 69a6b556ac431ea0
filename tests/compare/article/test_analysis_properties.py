"""Properties of `analyze_article` on arbitrary text: it never raises and every offset is honest."""

# Typographic quotes and dashes are part of the generated text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.compare.article.analysis import analyze_article

# Text drawn from the characters analysis reacts to, so the rules are exercised, plus anything.
_NEWSY = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzAEKMST0123456789 .,;:!?-–—$%€£“”\"'’()\n")),
    max_size=400,
)
_WORDS = st.lists(
    st.sampled_from(
        [
            "said",
            "Kozlov",
            "Alexander",
            "according",
            "to",
            "TASS",
            "“",
            "”",
            '"',
            "five",
            "drones",
            "$2",
            "billion",
            "on",
            "Sunday",
            "he",
            "told",
            "reporters",
            ",",
            ".",
            "\n",
            "about",
            "1.5",
            "million",
            "per",
            "cent",
            "who",
            "added",
            "that",
            "the",
            "minister",
            "''",
            "as",
            "a",
            "report",
            "in",
            "DW",
            "-",
            "rose",
            "by",
            "between",
            "and",
            "September",
            "13",
            "Mr.",
            "(",
            ")",
        ]
    ),
    max_size=80,
).map(" ".join)


def _check(text: str) -> None:
    analysis = analyze_article(text, date(2024, 1, 10))
    n = len(text)
    for a in analysis.attributions:
        assert 0 <= a.start < a.end <= n and text[a.start : a.end] == a.content
        if a.speaker is not None:
            assert a.speaker_start is not None and a.speaker_end is not None
            assert 0 <= a.speaker_start < a.speaker_end <= n
            assert text[a.speaker_start : a.speaker_end] == a.speaker
        if a.cue_start is not None and a.cue_end is not None:
            assert 0 <= a.cue_start < a.cue_end <= n and text[a.cue_start : a.cue_end] == a.cue
    for q in analysis.quantities:
        assert 0 <= q.start < q.end <= n and text[q.start : q.end] == q.text
    for e in analysis.entities:
        assert 0 <= e.start < e.end <= n and text[e.start : e.end] == e.text
    for d in analysis.dates:
        assert 0 <= d.start < d.end <= n and text[d.start : d.end] == d.text
    assert analysis.to_json().keys() >= {"attributions", "quantities", "entities"}


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_offsets_hold_on_character_soup(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_offsets_hold_on_word_salad(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_offsets_hold_on_any_unicode(text: str) -> None:
    _check(text)


def test_deterministic() -> None:
    text = "“We stay,” Kozlov said on Sunday. He added that five drones arrived, TASS reported."
    assert analyze_article(text).to_json() == analyze_article(text).to_json()


# What scraped pages leave in text: markup, entities, invisible and direction marks, CJK and guillemet
# quotes, combining accents, CRLF; joined without spaces so tokens run into each other.
_SCRAPED = st.lists(
    st.sampled_from(
        [
            "<script>",
            "</p>",
            "&amp;",
            "&#8220;",
            "\u200b",
            "\u202e",
            "\u00a0",
            "\ufeff",
            "「",
            "」",
            "«",
            "»",
            "„",
            "‹",
            "›",
            "‚",
            "‘",
            "’",
            "“",
            "”",
            '"',
            "said",
            " said ",
            "Kozlov",
            " Kozlov",
            "\r\n",
            "\t",
            "five",
            " drones",
            "TASS",
            "e\u0301",
            "\U0001f1f7\U0001f1fa",
            "...",
            " ",
            ",",
            ".",
            "5",
            "%",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_SCRAPED)
@example('"' * 3000 + " Kozlov said.")
@example("“" * 500 + "said" + "”" * 500)
def test_offsets_hold_on_scraped_leftovers(text: str) -> None:
    _check(text)
