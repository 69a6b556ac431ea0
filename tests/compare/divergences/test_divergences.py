"""Divergence detectors on hand-built findings: each type, ranges and approximations, and no false alarms."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from rapidfuzz import fuzz

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.article.quantities import find_quantities
from newsprism.compare.article.sentences import sentences
from newsprism.compare.divergences.alignment import (
    ALIGNED,
    AlignedPair,
    ScoreMemo,
    align_articles,
    align_event,
    similarity,
    sorted_words,
    statements_of,
)
from newsprism.compare.divergences.detect import find_divergences
from newsprism.compare.divergences.gaps import coverage_gaps
from newsprism.compare.divergences.numeric import compatible, same_concept
from newsprism.compare.divergences.paraphrase import OutletWording, states_otherwise
from newsprism.compare.divergences.quotes import same_source, word_diff
from newsprism.compare.divergences.ranking import UNIQUE_PER_OUTLET
from newsprism.compare.findings import (
    ArticleAnalysis,
    Attribution,
    AttributionKind,
    DateMention,
    Entity,
    Quantity,
    QuantityChange,
    SourceType,
)
from newsprism.compare.types import CoverageArticle, Divergence, Statement, join_names

WHEN = datetime(2023, 9, 17, 10, tzinfo=UTC)


def quantity(
    text: str,
    phrase: str,
    value: float,
    concept: str,
    change: QuantityChange = "=",
    high: float | None = None,
) -> Quantity:
    start = text.index(phrase)
    return Quantity(phrase, start, start + len(phrase), value, None, concept, change, high)


def said(
    text: str, words: str, speaker: str, kind: AttributionKind = "direct", source_type: SourceType = "person"
) -> Attribution:
    start, at = text.index(words), text.index(speaker)
    return Attribution(
        kind,
        words,
        start,
        start + len(words),
        "said",
        speaker,
        at,
        at + len(speaker),
        speaker,
        source_type,
    )


def article(ident: str, outlet: str, text: str, **findings: list) -> CoverageArticle:  # type: ignore[type-arg]
    return CoverageArticle(
        ident, outlet, f"https://{ident}.example/a", f"Title {ident}", text, WHEN, ArticleAnalysis(**findings)
    )


def drones(
    ident: str,
    outlet: str,
    phrase: str,
    value: float,
    change: QuantityChange = "=",
    high: float | None = None,
) -> CoverageArticle:
    text = f"The governor of Primorye handed Kim {phrase} at the station in Artyom before the train left."
    return article(
        ident, outlet, text, quantities=[quantity(text, phrase, value, "kamikaze drones", change, high)]
    )


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(("five kamikaze drones", 5, "="), ("six kamikaze drones", 6, "="), True, id="five-six"),
        pytest.param(
            ("about five kamikaze drones", 5, "approx"),
            ("six kamikaze drones", 6, "="),
            False,
            id="about-five-six",
        ),
        pytest.param(
            ("more than five kamikaze drones", 5, "up"),
            ("six kamikaze drones", 6, "="),
            False,
            id="more-than-five-six",
        ),
        pytest.param(
            ("at least four kamikaze drones", 4, "up"),
            ("three kamikaze drones", 3, "="),
            True,
            id="at-least-four-three",
        ),
        pytest.param(
            ("fewer than ten kamikaze drones", 10, "down"),
            ("six kamikaze drones", 6, "="),
            False,
            id="fewer-than-ten-six",
        ),
        pytest.param(("five kamikaze drones", 5, "="), ("five kamikaze drones", 5, "="), False, id="same"),
        pytest.param(
            ("about 50 kamikaze drones", 50, "approx"),
            ("six kamikaze drones", 6, "="),
            True,
            id="about-fifty-six",
        ),
        # `about 10` allows a fifth either way, as `about 5` is [4, 6] (docs/comparison.md): 8 and 12 agree
        # with it, 7 and 13 do not.
        pytest.param(
            ("about ten kamikaze drones", 10, "approx"),
            ("eight kamikaze drones", 8, "="),
            False,
            id="about-ten-eight",
        ),
        pytest.param(
            ("about ten kamikaze drones", 10, "approx"),
            ("seven kamikaze drones", 7, "="),
            True,
            id="about-ten-seven",
        ),
        pytest.param(
            ("about ten kamikaze drones", 10, "approx"),
            ("12 kamikaze drones", 12, "="),
            False,
            id="about-ten-twelve",
        ),
        pytest.param(
            ("about ten kamikaze drones", 10, "approx"),
            ("13 kamikaze drones", 13, "="),
            True,
            id="about-ten-thirteen",
        ),
    ],
)
def test_numeric_conflicts_respect_ranges_and_approximations(
    first: tuple[str, float, QuantityChange], second: tuple[str, float, QuantityChange], conflict: bool
) -> None:
    found = find_divergences([drones("a", "Meridian", *first), drones("b", "Lantern", *second)])
    numeric = [d for d in found if d.type == "numeric_conflict"]
    assert bool(numeric) == conflict
    if conflict:
        assert {c.outlet for c in numeric[0].claims} == {"Meridian", "Lantern"}
        assert 0 < numeric[0].severity <= 1


def test_a_range_covers_a_value_inside_it() -> None:
    text = "five to seven"
    assert compatible(quantity(text, "five to seven", 5, "x", high=7), quantity(text, "five", 6, "x"))


def test_three_outlets_against_one_is_one_divergence_naming_the_odd_one() -> None:
    found = find_divergences(
        [
            drones("a", "Meridian", "five kamikaze drones", 5),
            drones("b", "Sever", "five kamikaze drones", 5),
            drones("c", "Ledger", "five kamikaze drones", 5),
            drones("d", "Lantern", "six kamikaze drones", 6),
        ]
    )
    (numeric,) = [d for d in found if d.type == "numeric_conflict"]
    assert numeric.summary.index("Lantern") < numeric.summary.index("Ledger, Meridian and Sever")
    assert len(numeric.claims) == 4


QUOTE = "\u201cHe asked about the smallest details of everything he was shown,\u201d"


def test_the_same_words_given_to_different_people() -> None:
    texts = [f"{QUOTE} Alexander Kozlov said at the station.", f"{QUOTE} Sergei Shoigu said at the station."]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], QUOTE, "Alexander Kozlov")])
    b = article("b", "Ledger", texts[1], attributions=[said(texts[1], QUOTE, "Sergei Shoigu")])
    (conflict,) = [d for d in find_divergences([a, b]) if d.type == "speaker_conflict"]
    assert "Alexander Kozlov" in conflict.summary and "Sergei Shoigu" in conflict.summary
    assert {c.speaker for c in conflict.claims} == {"Alexander Kozlov", "Sergei Shoigu"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Investigators", "Lynisha Carr"),
        ("the warrant", "Investigators"),
        ("Pafford Medical Service", "Pafford Medical Services"),
    ],
    ids=["relayed-by-investigators", "no-name-either-side", "plural-of-one-source"],
)
def test_words_relayed_by_a_speaker_of_no_name_or_one_source_twice_are_no_speaker_conflict(
    first: str, second: str
) -> None:
    texts = [f"{QUOTE} {first} said.", f"{QUOTE} {second} said."]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], QUOTE, first)])
    b = article("b", "Ledger", texts[1], attributions=[said(texts[1], QUOTE, second)])
    assert not [d for d in find_divergences([a, b]) if d.type == "speaker_conflict"]


def test_a_reworded_quote_shows_the_word_difference() -> None:
    quotes = [
        "\u201cA great deal was discussed, and all of it was practical,\u201d",
        "\u201cA great deal was discussed, and all of it was promising,\u201d",
    ]
    texts = [f"{q} Kozlov said." for q in quotes]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], quotes[0], "Kozlov")])
    b = article("b", "Lantern", texts[1], attributions=[said(texts[1], quotes[1], "Kozlov")])
    (wording,) = [d for d in find_divergences([a, b]) if d.type == "quote_wording"]
    assert wording.diff == "a great deal was discussed and all of it was [-practical-] {+promising+}"
    assert "practical" in wording.summary and "promising" in wording.summary


@pytest.mark.parametrize(
    ("first", "second", "reworded"),
    [
        (
            "This isn't about anyone's rights at all, friends.",
            "This is not about anyone's rights at all, friends.",
            False,
        ),
        (
            "This is n't about anyone 's rights at all, friends.",
            "This isn't about anyone's rights at all, friends.",
            False,
        ),
        ("We won't rest until the line is finished.", "We will not rest until the line is finished.", False),
        (
            "This isn't about anyone's rights at all, friends.",
            "This isn't about anyone's guns at all, friends.",
            True,
        ),
        (
            "Our thoughts are with one family of Harlow tonight.",
            "Our thoughts are with 1 family of Harlow tonight.",
            False,
        ),
        (
            "Our thoughts are with the people of Harlow tonight.",
            "Our thoughts are with people of Harlow tonight.",
            False,
        ),
    ],
    ids=["isn't-is-not", "split-tokens", "won't-will-not", "another-word", "number-in-digits", "an-article"],
)
def test_a_contraction_spelled_out_is_no_rewording(first: str, second: str, reworded: bool) -> None:
    """`isn't` and `is not` are one wording: transcripts and style guides differ in them alone."""
    quotes = [f"\u201c{first}\u201d", f"\u201c{second}\u201d"]
    texts = [f"{q} Kozlov said." for q in quotes]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], quotes[0], "Kozlov")])
    b = article("b", "Lantern", texts[1], attributions=[said(texts[1], quotes[1], "Kozlov")])
    found = [d for d in find_divergences([a, b]) if d.type == "quote_wording"]
    assert bool(found) is reworded
    if reworded:
        assert found[0].diff is not None and "[-rights-] {+guns+}" in found[0].diff


def test_a_shorter_excerpt_of_a_quote_is_not_a_rewording() -> None:
    long_quote = (
        "\u201cA great deal was discussed, and all of it was practical and useful for both sides,\u201d"
    )
    short_quote = "\u201cA great deal was discussed, and all of it was practical,\u201d"
    texts = [f"{long_quote} Kozlov said.", f"{short_quote} Kozlov said."]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], long_quote, "Kozlov")])
    b = article("b", "Lantern", texts[1], attributions=[said(texts[1], short_quote, "Kozlov")])
    assert not [d for d in find_divergences([a, b]) if d.type in ("quote_wording", "speaker_conflict")]


KREMLIN = "The Kremlin has said that no agreements were signed during the visit and that none would be."
STORY = [
    "Kim Jong Un left Russia on Sunday aboard his armoured train from the station at Artyom.",
    "The governor of the Primorye region gave the North Korean leader a set of unusual gifts.",
    "Defence minister Sergei Shoigu showed him strategic bombers at an airfield near Vladivostok.",
]


def _with_kremlin(ident: str, outlet: str, include: bool) -> CoverageArticle:
    text = " ".join([*STORY, KREMLIN] if include else STORY)
    findings = (
        [said(text, "no agreements were signed", "The Kremlin", "indirect", "official")] if include else []
    )
    return article(ident, outlet, text, attributions=findings)


def test_a_denial_most_outlets_report_is_an_omission_for_the_one_that_does_not() -> None:
    found = find_divergences(
        [
            _with_kremlin("a", "Meridian", True),
            _with_kremlin("b", "Lantern", True),
            _with_kremlin("c", "Ledger", True),
            _with_kremlin("d", "Chollima", False),
        ]
    )
    (omission,) = [d for d in found if d.type == "omission"]
    assert omission.summary.startswith("Chollima does not report")
    assert omission.extra == {"omitted_by": ["Chollima"], "missing_from": ["Chollima"]}
    assert omission.severity >= 0.7


def kims(text: str) -> list[Entity]:
    """`Kim` wherever it is named, as the person the event is about."""
    return [Entity("Kim", "PERSON", m.start(), m.end(), "Kim Jong Un") for m in re.finditer(r"\bKim\b", text)]


@pytest.mark.parametrize(
    ("extra", "unique"),
    [
        ("Before leaving, Kim met 300 students from his country who study in Vladivostok.", True),
        ("Before leaving, Kim met students from his country who study in Vladivostok.", False),
    ],
    ids=["a-figure-no-one-else-gives", "an-action-of-the-central-person-alone"],
)
def test_only_one_outlet_reporting_something_checkable_is_a_unique_claim(extra: str, unique: bool) -> None:
    """A figure no other outlet gives is news; an unsourced action without one is not: on real coverage
    such sentences were mostly facts the others reword."""
    base = " ".join(STORY)
    found = find_divergences(
        [
            article("a", "Meridian", base, entities=kims(base)),
            article("b", "Lantern", base, entities=kims(base)),
            chollima(f"{base} {extra}"),
        ]
    )
    claims = [d for d in found if d.type == "unique_claim"]
    if not unique:
        assert not claims
        return
    assert len(claims) == 1 and claims[0].claims[0].outlet == "Chollima"
    assert claims[0].claims[0].text == extra
    assert claims[0].to_json()["missing_from"] == ["Lantern", "Meridian"]


def chollima(text: str) -> CoverageArticle:
    """Chollima's article, with its figures read by the real quantity reader."""
    figures = find_quantities(text, sentences(text))
    return article("c", "Chollima", text, entities=kims(text), quantities=figures)


def chollima_alone_reports(extra: str, lantern_adds: str) -> bool:
    """Whether Chollima's added sentence is a unique claim where Lantern adds a sentence of its own,
    its figures read by the real quantity reader."""
    base = " ".join(STORY)
    lantern = f"{base} {lantern_adds}"
    found = find_divergences(
        [
            article("a", "Meridian", base, entities=kims(base)),
            article(
                "b",
                "Lantern",
                lantern,
                entities=kims(lantern),
                quantities=find_quantities(lantern, sentences(lantern)),
            ),
            chollima(f"{base} {extra}"),
        ]
    )
    return any(d.type == "unique_claim" and d.claims[0].outlet == "Chollima" for d in found)


@pytest.mark.parametrize(
    ("other", "unique"),
    [
        ("Officials in Ottawa valued the whole investment at $1.1 billion.", False),
        ("Officials in Ottawa valued the whole investment at $2.4 billion.", True),
    ],
    ids=["the-converted-amount-given-elsewhere", "another-amount"],
)
def test_an_amount_with_its_conversion_is_one_figure(other: str, unique: bool) -> None:
    """`1.5 billion roubles ($1.1bn)` is one amount written two ways: where another outlet gives it in
    dollars, it is no figure of one outlet alone."""
    extra = "Alberta's government put 1.5 billion Canadian dollars ($1.1bn) into the pipeline last year."
    assert chollima_alone_reports(extra, lantern_adds=other) is unique


@pytest.mark.parametrize(
    ("other", "unique"),
    [
        ("The talks over the railway dragged on for more than a decade, officials said.", False),
        ("The talks over the railway dragged on for months, officials said.", True),
    ],
    ids=["a-decade-elsewhere", "no-span-elsewhere"],
)
def test_years_told_as_a_decade_elsewhere_are_no_new_figure(other: str, unique: bool) -> None:
    """`more than 10 years` in one outlet and `more than a decade` in another are one span of time."""
    extra = "After more than 10 years of waiting, the line finally opened to freight, a minister said."
    assert chollima_alone_reports(extra, lantern_adds=other) is unique


def test_colour_no_one_else_reports_is_not_a_unique_claim() -> None:
    """Unattributed, no figure, no entity the event is about: not worth a journalist's look."""
    extra = "The atmosphere on the platform was festive and warm from the beginning to the very end."
    base = " ".join(STORY)
    found = find_divergences(
        [
            article("a", "Meridian", base, entities=kims(base)),
            article("b", "Lantern", base, entities=kims(base)),
            article("c", "Chollima", f"{base} {extra}", entities=kims(base)),
        ]
    )
    assert not [d for d in found if d.type == "unique_claim"]


def test_each_outlet_keeps_only_its_top_unique_claims() -> None:
    """Five different things only one outlet reports, each with a figure: it keeps its top few."""
    extras = [
        "Kim toured a fish cannery employing 300 workers near Nakhodka harbour.",
        "Kim planted a pine sapling in a memorial park beside 40 veterans.",
        "Kim watched a hockey match in which the home team scored 7 goals.",
        "Kim tasted caviar offered by 12 chefs at a seaside restaurant.",
        "Kim received an honorary diploma from 9 professors of marine biology.",
    ]
    base = " ".join(STORY)
    chatty = " ".join([base, *extras])
    found = find_divergences(
        [
            article("a", "Meridian", base, entities=kims(base)),
            article("b", "Lantern", base, entities=kims(base)),
            chollima(chatty),
        ]
    )
    assert len([d for d in found if d.type == "unique_claim"]) == UNIQUE_PER_OUTLET


def test_near_duplicates_of_one_outlet_are_one_unique_claim() -> None:
    extras = [
        "Kim toured a fish cannery employing 300 workers near Nakhodka harbour.",
        "The cannery workers presented Kim with 50 tins of salmon.",
    ]
    base = " ".join(STORY)
    chatty = " ".join([base, *extras])
    found = find_divergences(
        [
            article("a", "Meridian", base, entities=kims(base)),
            article("b", "Lantern", base, entities=kims(base)),
            chollima(chatty),
        ]
    )
    (unique,) = [d for d in found if d.type == "unique_claim"]
    assert [c.text for c in unique.claims] == extras


def test_leaning_on_one_source_is_source_reliance() -> None:
    lines = [f"The train left on time, TASS reported {n}." for n in ("first", "again", "later")]
    tass = " ".join(lines)
    others = "The train left on time, Yonhap reported. Officials confirmed it, AP reported. KCNA agreed."
    a = article(
        "a",
        "Lantern",
        tass,
        attributions=[said(tass, line[:24], "TASS", "according_to", "state_media") for line in lines],
    )
    b = article(
        "b",
        "Ledger",
        others,
        attributions=[
            said(others, "The train left on time", "Yonhap", "according_to", "agency"),
            said(others, "Officials confirmed it", "AP", "according_to", "agency"),
            said(others, "KCNA agreed", "KCNA", "according_to", "state_media"),
        ],
    )
    reliance = [d for d in find_divergences([a, b]) if d.type == "source_reliance"]
    assert any("Lantern" in d.summary and "TASS" in d.summary for d in reliance)


def test_different_days_for_the_same_happening_are_a_date_conflict() -> None:
    texts = [
        "Kim left the station at Artyom on Sunday aboard his special armoured train.",
        "Kim left the station at Artyom on Saturday aboard his special armoured train.",
    ]
    days = [date(2023, 9, 17), date(2023, 9, 16)]
    made = []
    for ident, outlet, text, day in zip("ab", ("Meridian", "Chollima"), texts, days, strict=True):
        word = "Sunday" if "Sunday" in text else "Saturday"
        start = text.index(word)
        made.append(article(ident, outlet, text, dates=[DateMention(word, start, start + len(word), day)]))
    (conflict,) = [d for d in find_divergences(made) if d.type == "date_conflict"]
    assert {c.value for c in conflict.claims} == {"2023-09-16", "2023-09-17"}


def test_identical_copies_and_wire_copies_give_nothing() -> None:
    a = drones("a", "Meridian", "five kamikaze drones", 5)
    twin = drones("b", "Lantern", "five kamikaze drones", 5)
    assert find_divergences([a, twin]) == []
    copy = drones("c", "Reprinter", "six kamikaze drones", 6)
    wire = CoverageArticle(
        copy.id,
        copy.outlet,
        copy.url,
        copy.title,
        copy.text,
        copy.published,
        copy.analysis,
        syndicated_from="a",
    )
    assert find_divergences([a, wire]) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param("Kozlov", "Alexander Kozlov", True, id="surname"),
        pytest.param("Disney", "Walt Disney World", True, id="part-of-name"),
        pytest.param("Sergei Shoigu", "Alexander Kozlov", False, id="different"),
        pytest.param("he", "Alexander Kozlov", False, id="pronoun"),
    ],
)
def test_same_source(a: str, b: str, same: bool) -> None:
    assert same_source(a, b) is same


def test_word_diff_and_names() -> None:
    assert word_diff(["a", "b", "c"], ["a", "x", "c"]) == ("a [-b-] {+x+} c", "b", "x")
    assert join_names(["A", "B", "C"]) == "A, B and C"


def _days(ident: str, outlet: str, text: str, phrase: str, value: float) -> CoverageArticle:
    # As the analysis reads them: `a six-day visit` names what lasted, `lasted six days` does not.
    start = text.index(phrase)
    concept = "visit" if phrase.endswith("-day") else None
    found = Quantity(phrase, start, start + len(phrase), value, "day", concept)
    return article(ident, outlet, text, quantities=[found], entities=kims(text))


def test_one_figure_per_outlet_is_compared_when_the_sentences_do_not_align() -> None:
    lead = "Kim Jong Un set off for Pyongyang on Sunday, closing a {} visit to the Far East of Russia."
    tail = "Officials said the visit lasted {} and was Kim's longest trip abroad in years."
    found = find_divergences(
        [
            _days("a", "Meridian", lead.format("six-day"), "six-day", 6),
            _days("b", "Sever", f"{STORY[1]} {tail.format('six days')}", "six days", 6),
            _days("c", "Ledger", lead.format("five-day"), "five-day", 5),
        ]
    )
    (numeric,) = [d for d in found if d.type == "numeric_conflict"]
    told = {(c.outlet, c.value) for c in numeric.claims}
    assert told == {("Meridian", "6"), ("Sever", "6"), ("Ledger", "5")}
    assert {c.phrase for c in numeric.claims} == {"six-day", "six days", "five-day"}


def test_an_outlet_giving_two_figures_for_one_kind_is_not_compared_at_event_level() -> None:
    first = "The storm killed three people and forced 40 people from their homes, officials said."
    second = "Rescuers in the port said the visit of the storm left the harbour closed for days."
    a_quantities = [
        Quantity("three people", first.index("three"), first.index("three") + 12, 3, "people", None),
        Quantity("40 people", first.index("40"), first.index("40") + 9, 40, "people", None),
    ]
    b_text = f"{second} About 500 people lived near the harbour."
    b_quantities = [
        Quantity(
            "About 500 people",
            b_text.index("About"),
            b_text.index("About") + 16,
            500,
            "people",
            None,
            "approx",
        )
    ]
    found = find_divergences(
        [
            article("a", "Meridian", first, quantities=a_quantities),
            article("b", "Ledger", b_text, quantities=b_quantities),
        ]
    )
    assert not [d for d in found if d.type == "numeric_conflict"]


def test_dated_sentences_worded_differently_still_give_a_date_conflict() -> None:
    texts = [
        "Kim's armoured train pulled out of Artyom, near Vladivostok, on Sunday, according to AP. "
        "On Saturday, the defence minister showed strategic bombers to the visitors at Knevichi airfield.",
        "The respected Comrade Kim left Artyom station on Saturday evening amid an enthusiastic send-off.",
    ]
    made = []
    for ident, outlet, text in zip("ab", ("Ledger", "Chollima"), texts, strict=True):
        dates = [
            DateMention(m.group(), m.start(), m.end(), date(2023, 9, 17 if m.group() == "Sunday" else 16))
            for m in re.finditer(r"Sunday|Saturday", text)
        ]
        made.append(article(ident, outlet, text, dates=dates, entities=kims(text)))
    (conflict,) = [d for d in find_divergences(made) if d.type == "date_conflict"]
    told = {(c.outlet, c.value) for c in conflict.claims}
    assert told == {("Ledger", "2023-09-17"), ("Chollima", "2023-09-16")}


def test_a_month_and_a_day_are_not_a_date_conflict() -> None:
    texts = [
        "Shoigu was in Pyongyang in July, when Kim showed him new weapons.",
        "Kim left Pyongyang with Shoigu on Sunday to see new weapons.",
    ]
    days = [("July", date(2023, 7, 1)), ("Sunday", date(2023, 9, 17))]
    made = [
        article(
            ident,
            outlet,
            text,
            entities=kims(text),
            dates=[DateMention(word, text.index(word), text.index(word) + len(word), day)],
        )
        for ident, outlet, text, (word, day) in zip("ab", ("Ledger", "Meridian"), texts, days, strict=True)
    ]
    assert not [d for d in find_divergences(made) if d.type == "date_conflict"]


def test_outlets_relaying_different_media_is_source_reliance() -> None:
    texts = {
        "Lantern": "The train left Artyom on Sunday, TASS said. The gifts included drones, TASS reported.",
        "Ledger": "The train left Artyom on Sunday, AP said. The gifts included drones, Yonhap reported.",
        "Meridian": "The train left Artyom on Sunday, TASS said. The gifts included drones, KCNA said.",
    }
    made = []
    for ident, (outlet, text) in zip("abc", texts.items(), strict=False):
        sources = re.findall(r"(TASS|AP|Yonhap|KCNA) (?:said|reported)", text)
        attributions = [
            said(text, text.split(".")[n].split(",")[0], source, "indirect", "agency")
            for n, source in enumerate(sources)
        ]
        made.append(article(ident, outlet, text, attributions=attributions))
    media = [d for d in find_divergences(made) if d.type == "source_reliance" and "media" in d.summary]
    (divergence,) = media
    assert "Lantern cites TASS alone" in divergence.summary
    assert {c.outlet for c in divergence.claims} == set(texts)


def test_scores_kept_from_the_alignment_change_nothing_the_coverage_gaps_find() -> None:
    # find_divergences hands coverage_gaps the similarities the event's alignment scored.
    articles = [
        _with_kremlin("a", "Meridian", True),
        _with_kremlin("b", "Lantern", True),
        _with_kremlin("c", "Ledger", False),
        article("d", "Chollima", " ".join(reversed(STORY))),
    ]
    statements = {a.id: statements_of(a) for a in articles}
    memo: ScoreMemo = {}
    assert align_event(articles, statements=statements, memo=memo) == align_event(articles)
    # Scored: the pairs of different articles that share a word or a name; the others cannot align.
    pairs = sum(
        bool((a.terms | a.entities) & (b.terms | b.entities))
        for x, y in itertools.combinations(articles, 2)
        for a in statements[x.id]
        for b in statements[y.id]
    )
    assert 0 < len(memo) == pairs
    assert coverage_gaps(articles, statements, memo) == coverage_gaps(articles, statements)
    assert len(memo) == pairs  # every score it needed was there


def _naming_kim(statements: list[Statement]) -> list[Statement]:
    """The statements, those that speak of Kim (by name, or as `He`) naming him as an entity."""
    return [
        replace(s, entities=frozenset({"kim jong un"})) if s.text.startswith(("Kim", "He")) else s
        for s in statements
    ]


def _best_over_every_pair(left: list[Statement], right: list[Statement], floor: float) -> list[AlignedPair]:
    """Alignment as it was first written: every pair scored, each statement's best match by `max`."""
    scores = [[similarity(a, b) for b in right] for a in left]

    def rank(i: int, j: int) -> tuple[float, float]:
        return scores[i][j], -abs(i / len(left) - j / len(right))

    best_right = [max(range(len(right)), key=lambda j, i=i: rank(i, j)) for i in range(len(left))]  # type: ignore[misc]
    best_left = [max(range(len(left)), key=lambda i, j=j: rank(i, j)) for j in range(len(right))]  # type: ignore[misc]
    return [
        AlignedPair(left[i], right[j], scores[i][j])
        for i, j in enumerate(best_right)
        if best_left[j] == i and scores[i][j] >= floor
    ]


@pytest.mark.parametrize(
    "floor", [0.3, 0.42, 0.45, 0.6], ids=["below-wording", "reported", "aligned", "high"]
)
def test_aligning_only_pairs_that_share_a_word_finds_the_pairs_every_pair_would(floor: float) -> None:
    # A story told in another order, with a sentence repeated (equal scores: the nearer place wins),
    # one that shares nothing and one that names Kim without his name's words (the entity alone);
    # last, sentences worded alike with no word in common (0.35-0.37 from their wording alone), two
    # of them about Kim (0.47 with the entity).
    story = [*STORY, KREMLIN, "He said that was the plan.", "It was the end."]
    retold = [story[2], story[0], story[0], "Pyongyang's envoy waved.", story[3], "He waved again."]
    retold += ["He said that was the plot.", "It was the eve."]
    left = _naming_kim(statements_of(article("a", "Meridian", " ".join(story))))
    right = _naming_kim(statements_of(article("b", "Lantern", " ".join(retold))))
    expected = _best_over_every_pair(left, right, floor)
    assert expected  # the case aligns something
    assert align_articles(left, right, floor) == expected
    assert align_articles(right, left, floor) == _best_over_every_pair(right, left, floor)


def test_of_two_copies_of_a_sentence_as_near_as_each_other_the_first_is_its_match() -> None:
    kim, tie = STORY[0], "Nothing was signed, the Kremlin said."
    left = statements_of(article("a", "Meridian", f"{kim} {tie}"))
    right = statements_of(article("b", "Lantern", f"{STORY[1]} {tie} {STORY[2]} {tie}"))
    (pair,) = align_articles(left, right)
    assert (pair.left.index, pair.right.index, pair.score) == (1, 1, 1.0)
    assert align_articles(left, right) == _best_over_every_pair(left, right, ALIGNED)


def numeric_severity(*outlets_figures: tuple[str, str, float]) -> float:
    """The severity of the one numeric conflict between the drone counts the outlets give."""
    found = find_divergences([drones(f"o{i}", *given) for i, given in enumerate(outlets_figures)])
    (numeric,) = [d for d in found if d.type == "numeric_conflict"]
    return numeric.severity


def drone_severity(first: int, second: int) -> float:
    return numeric_severity(
        ("Meridian", f"{first} kamikaze drones", first), ("Lantern", f"{second} kamikaze drones", second)
    )


def test_a_wider_gap_is_more_severe_until_one_figure_doubles_the_other() -> None:
    # 5 against 6 is a detail; 5 against 10 is as wrong as a figure gets, and 5 against 50 no more so.
    assert drone_severity(5, 6) < drone_severity(6, 10) < drone_severity(5, 10) == drone_severity(5, 50)
    assert drone_severity(5, 50) < 1.0  # the top is kept for figures about people


def test_a_conflict_over_people_outranks_one_over_things_of_the_same_gap() -> None:
    first, second = (f"Police evacuated {n} people from the terminal on Friday." for n in ("five", "six"))
    found = find_divergences(
        [
            article("a", "Meridian", first, quantities=[quantity(first, "five people", 5, "people")]),
            article("b", "Lantern", second, quantities=[quantity(second, "six people", 6, "people")]),
        ]
    )
    (people,) = [d for d in found if d.type == "numeric_conflict"]
    assert drone_severity(5, 6) < people.severity < 1.0


def test_the_summary_says_who_reports_which_figure_in_good_grammar() -> None:
    found = find_divergences(
        [
            drones("a", "Meridian", "five kamikaze drones", 5),
            drones("b", "Sever", "five kamikaze drones", 5),
            drones("c", "Lantern", "six kamikaze drones", 6),
        ]
    )
    (numeric,) = [d for d in found if d.type == "numeric_conflict"]
    assert "for kamikaze drones: Lantern reports “six kamikaze drones”" in numeric.summary
    assert "Meridian and Sever report “five kamikaze drones”" in numeric.summary


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param(("kamikaze drones", None), ("drones", None), True, id="one-concept-inside-the-other"),
        pytest.param(("drones", None), ("kamikaze drones", None), True, id="the-other-inside-the-one"),
        pytest.param(("drones", None), ("tanks", None), False, id="different-things"),
        pytest.param((None, "km"), (None, "km"), True, id="one-unit"),
        pytest.param((None, "km"), ("road", "km"), False, id="a-unit-against-a-counted-thing"),
        pytest.param((None, "km"), (None, "mile"), False, id="two-units"),
        pytest.param((None, "km"), (None, None), False, id="a-unit-against-a-bare-number"),
    ],
)
def test_figures_count_the_same_thing_by_their_words_else_by_their_unit(
    first: tuple[str | None, str | None], second: tuple[str | None, str | None], same: bool
) -> None:
    def counted(concept: str | None, unit: str | None) -> Quantity:
        return Quantity("5", 0, 1, 5, unit, concept)

    assert same_concept(counted(*first), counted(*second)) is same


def test_a_toll_is_left_to_the_claim_readers_even_against_a_bare_count() -> None:
    # `five people were killed` is a casualty claim, compared by person and role in the claims; set
    # against `six people were at the terminal` it is no numeric conflict: they count different things.
    killed, present = "Five people were killed at the terminal.", "Six people were at the terminal."
    found = find_divergences(
        [
            article("a", "Meridian", killed, quantities=[quantity(killed, "Five people", 5, "people")]),
            article("b", "Lantern", present, quantities=[quantity(present, "Six people", 6, "people")]),
        ]
    )
    assert not [d for d in found if d.type == "numeric_conflict"]


# One outlet's sentence, the figure's words in it, its value, unit and concept.
Figure = tuple[str, str, float, str | None, str | None]
# Each after a first sentence, so that offsets within a sentence and within the text differ.
SHELTER = "Storms hit Tyler. Volunteers came in {} to the shelter on Sunday."
GUNMAN = "Shots rang out in Tyler. The gunman, a {} man from Tyler, was arrested at the shelter on Sunday."
CHARGES = "Shots rang out in Tyler. The man faces {} after the shooting at the shelter on Sunday."


def shelter(words: str, figure: str, value: float) -> Figure:
    return SHELTER.format(words), figure, value, None, "group"


def gunman(age: str, value: float, unit: str) -> Figure:
    return GUNMAN.format(age), age, value, unit, None


def charges(words: str, value: float) -> Figure:
    return CHARGES.format(words), words.split(" of ")[0], value, None, "counts"


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            shelter("one group from Tyler", "one group", 1),
            shelter("two groups", "two groups", 2),
            True,
            id="groups",
        ),
        # `one group from Tyler and another from Longview` starts a list: it counts no groups.
        pytest.param(
            shelter("one group from Tyler and another from Longview", "one group", 1),
            shelter("two groups", "two groups", 2),
            False,
            id="one-and-another",
        ),
        pytest.param(gunman("34 years", 34, "years"), gunman("35 years", 35, "years"), True, id="years"),
        # An age is the claim readers' to compare, by person: never as a bare number.
        pytest.param(
            gunman("34 years old", 34, "years old"), gunman("35 years old", 35, "years old"), False, id="ages"
        ),
        pytest.param(
            charges("two counts of murder", 2), charges("three counts of murder", 3), True, id="murder"
        ),
        # Counts of different crimes count different things.
        pytest.param(
            charges("two counts of murder", 2), charges("three counts of arson", 3), False, id="murder-arson"
        ),
    ],
)
def test_figures_that_count_nothing_or_different_things_are_no_conflict(
    first: Figure, second: Figure, conflict: bool
) -> None:
    def told(ident: str, outlet: str, figure: Figure) -> CoverageArticle:
        text, words, value, unit, concept = figure
        start = text.index(words)
        found = Quantity(words, start, start + len(words), value, unit, concept)
        return article(ident, outlet, text, quantities=[found])

    found = find_divergences([told("a", "Meridian", first), told("b", "Lantern", second)])
    assert bool([d for d in found if d.type == "numeric_conflict"]) is conflict


def _analyzed(ident: str, outlet: str, text: str) -> CoverageArticle:
    from newsprism.compare.article.analysis import analyze_article

    return CoverageArticle(
        ident, outlet, f"https://{ident}.example/a", f"Title {ident}", text, WHEN, analyze_article(text)
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "A judge sentenced Dale Rusk, 25, on Monday to 20 years in prison for the killing.",
            "Dale Rusk, 25, was sentenced on Monday and must serve seven years before parole for it.",
        ),
        (
            "Prosecutors said Ray Oliver is charged with two counts of attempted murder in the shooting.",
            "Prosecutors said Hasmeek Coles is charged with three counts of attempted murder in it.",
        ),
        (
            "More than 100 people were at the party on Saturday when the shooting began, police said.",
            "Police said 5 people stood on the porch of the party on Saturday as the shooting began.",
        ),
    ],
    ids=["term-and-parole", "two-suspects-charges", "people-with-no-role"],
)
def test_other_things_or_people_s_figures_in_aligned_sentences_do_not_conflict(left: str, right: str) -> None:
    found = find_divergences([_analyzed("a", "Meridian", left), _analyzed("b", "Sever", right)])
    assert [d.summary for d in found if d.type == "numeric_conflict"] == []


def test_figures_that_say_what_they_count_still_conflict_in_aligned_sentences() -> None:
    left = "Prosecutors said Oliver is charged with two counts of attempted murder in the shooting."
    right = "Prosecutors said Oliver is charged with three counts of attempted murder in the shooting."
    found = find_divergences([_analyzed("a", "Meridian", left), _analyzed("b", "Sever", right)])
    assert [d.type for d in found].count("numeric_conflict") == 1


def test_one_remark_quoted_in_two_pieces_by_one_outlet_and_whole_by_another_has_one_speaker_each() -> None:
    left = (
        '"He was kind to everyone," said Marta Voss, a neighbour. '
        '"He coached the youth team every Saturday and never missed a game."'
    )
    right = (
        '"He coached the youth team every Saturday and never missed a game," said Lena Voss, the boy\'s aunt.'
    )
    found = find_divergences([_analyzed("a", "Meridian", left), _analyzed("b", "Sever", right)])
    assert [d.type for d in found].count("speaker_conflict") == 1


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        ('"We will find whoever did this," Chief Ana Ruiz said on Sunday.', True),
        ('Chief Ana Ruiz spoke on Sunday. "We will find whoever did this."', False),
        ('"We will find whoever did this," Chief Ana Ruiz continued.', False),
    ],
    ids=["credited-in-the-sentence", "a-piece-of-a-remark", "carried-on"],
)
def test_a_quote_is_a_unique_claim_only_where_its_sentence_credits_it(extra: str, kept: bool) -> None:
    base = (
        "Two men were shot outside a bar on Main Street in Corvale late Saturday, police said. "
        "Both were taken to a hospital in stable condition. Officers are looking for a gray sedan."
    )
    found = find_divergences(
        [
            _analyzed("a", "Meridian", base),
            _analyzed("b", "Lantern", base),
            _analyzed("c", "Sever", f"{base} {extra}"),
        ]
    )
    unique = [d for d in found if d.type == "unique_claim" and "find whoever" in d.summary]
    assert bool(unique) is kept


def test_a_sentence_announcing_a_list_is_no_omission() -> None:
    """`Police released the names of the dead:` tells what follows; the names are the fact."""

    def analysed(ident: str, outlet: str, text: str) -> CoverageArticle:
        return replace(article(ident, outlet, text), analysis=analyze_article(text, WHEN.date()))

    def omissions(closing: str) -> list[Divergence]:
        told = " ".join([*STORY, closing])
        found = find_divergences(
            [
                analysed("a", "Meridian", told),
                analysed("b", "Lantern", told),
                analysed("c", "Ledger", " ".join(STORY)),
            ]
        )
        return [d for d in found if d.type == "omission" and "identified the three" in d.summary]

    lead_in = "Police Chief Ann Marsh said on Friday that officers had identified the three people who died"
    assert omissions(lead_in + ":") == []
    assert omissions(lead_in + ".") != []


def _in_some_window(core: frozenset[str], sentences: list[frozenset[str]]) -> bool:
    """`states_otherwise` as it was first written: every sentence and every two in a row intersected."""
    windows = [*sentences, *(a | b for a, b in itertools.pairwise(sentences))]
    return bool(core) and any(len(core & window) >= 0.5 * len(core) for window in windows)


# An outlet's sentences, as terms: the fact (kim, train, left, artyom, sunday) told whole, in halves
# across two sentences in a row or two apart, at the first and the last place, or only a third of it.
_KIM = frozenset({"kim", "train", "left", "artyom", "sunday"})
_OTHER = [frozenset({"governor", "gift"}), frozenset({"shoigu", "bomber", "kim"}), frozenset()]


@pytest.mark.parametrize(
    "sentences",
    [
        [*_OTHER, _KIM],
        [frozenset({"kim", "train"}), frozenset({"left", "sunday"}), *_OTHER],
        [*_OTHER, frozenset({"kim", "train"}), frozenset({"left", "sunday"})],
        [frozenset({"kim", "train"}), _OTHER[0], frozenset({"left", "sunday"})],
        [frozenset({"kim", "train"}), frozenset({"kim", "artyom"}), _OTHER[0]],
        [frozenset({"kim", "train"}), frozenset({"left"}), frozenset({"artyom", "sunday"})],
        [*_OTHER],
        [],
    ],
    ids=["whole", "halves-first", "halves-last", "halves-apart", "overlap", "thirds", "unrelated", "none"],
)
def test_what_an_outlet_states_otherwise_is_what_one_sentence_or_two_in_a_row_hold(
    sentences: list[frozenset[str]],
) -> None:
    said = OutletWording.of(sentences)
    for size in range(len(_KIM) + 1):
        for core in map(frozenset, itertools.combinations(sorted(_KIM | {"shoigu", "gift"}), size)):
            assert states_otherwise(core, said) == _in_some_window(core, sentences), sorted(core)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("# drones were shot down over kyiv.", "over kyiv # drones were downed."),
        ("police said\u00a0the man\u2003fled", "the man fled,\tpolice\nsaid"),
        ("  Zoë told Émile\u3000that Ángel left ", "émile and zoë: ángel left\u2028today"),
        ("it was it was the the end", "the end"),
        ("", "something said"),
        ("", ""),
    ],
    ids=["plain", "odd-spaces", "accents", "repeated", "one-empty", "both-empty"],
)
def test_sorted_words_score_as_token_sort_ratio_does(left: str, right: str) -> None:
    # Alignment sorts each sentence's words once and scores pairs with `fuzz.ratio`: the same figure.
    assert fuzz.ratio(sorted_words(left), sorted_words(right)) == fuzz.token_sort_ratio(left, right)


def _dated(ident: str, outlet: str, text: str, days: dict[str, date]) -> CoverageArticle:
    dates = [
        DateMention(m.group(), m.start(), m.end(), days[m.group()]) for m in re.finditer("|".join(days), text)
    ]
    return article(ident, outlet, text, dates=dates, entities=kims(text))


def test_one_weekday_resolved_a_week_apart_is_no_date_conflict() -> None:
    # Two stories a week apart both say `Thursday`: the analysis dates each to its own week.
    early = _dated(
        "a",
        "Ledger",
        "Kim's train left Artyom station early Thursday morning.",
        {"Thursday": date(2023, 9, 14)},
    )
    late = _dated(
        "b",
        "Meridian",
        "Kim's train left Artyom station on Thursday morning.",
        {"Thursday": date(2023, 9, 21)},
    )
    assert not [d for d in find_divergences([early, late]) if d.type == "date_conflict"]


@pytest.mark.parametrize(
    "text",
    [
        "Kim's next court hearing at Artyom station is set for Sunday.",
        "On Sunday, the governor of Artyom station said the train had been cleaned.",
        "(Published Sunday, September 17, Artyom station)",
    ],
    ids=["court-date", "the-day-of-a-statement", "publication-line"],
)
def test_days_of_proceedings_statements_and_pages_are_no_date_conflict(text: str) -> None:
    told = _dated(
        "a", "Ledger", "Kim's train left Artyom station on Saturday.", {"Saturday": date(2023, 9, 16)}
    )
    other = _dated("b", "Meridian", text, {"Sunday": date(2023, 9, 17)})
    assert not [d for d in find_divergences([told, other]) if d.type == "date_conflict"]


_BIRCH_BASE = (
    "Two men were shot on Birch Avenue in Corvale late Saturday, police said. "
    "Both were taken to a hospital in stable condition."
)


@pytest.mark.parametrize(
    ("sever_adds", "meridian_adds", "unique"),
    [
        (
            '"The gunman fired from a dark sedan and sped off down Birch Avenue," Sgt. Tomas Bell said.',
            "Police said the shooter opened fire from a dark car and drove away on Birch Avenue.",
            False,
        ),
        (
            '"We found the handgun on the front seat and the victim in the trunk," Sgt. Tomas Bell said.',
            "Officers found a firearm on the passenger seat of the vehicle and a body in its trunk.",
            False,
        ),
        (
            '"The gunman fired 14 shots from a dark sedan on Birch Avenue," Sgt. Tomas Bell said.',
            "Police said the shooter opened fire from a dark car on Birch Avenue.",
            True,
        ),
        (
            '"We found a rifle and two masks in a burned truck on Elm Road," Sgt. Tomas Bell said.',
            "Police said the shooter opened fire from a dark car and drove away on Birch Avenue.",
            True,
        ),
        ('"It was chaos out there," Sgt. Tomas Bell said.', "Police said the scene was chaotic.", True),
    ],
    ids=["car-as-sedan", "firearm-as-handgun", "a-new-figure-stays", "another-fact", "too-short-to-tell"],
)
def test_a_unique_claim_another_outlet_states_in_other_words_is_left_out(
    sever_adds: str, meridian_adds: str, unique: bool
) -> None:
    """Lemmas and a few news-domain senses (`car`/`sedan`, `firearm`/`handgun`, `fired`/`opened fire`)
    find what another outlet tells in its own words; a figure only one outlet gives is still news."""
    found = find_divergences(
        [
            _analyzed("a", "Meridian", f"{_BIRCH_BASE} {meridian_adds}"),
            _analyzed("b", "Sever", f"{_BIRCH_BASE} {sever_adds}"),
        ]
    )
    alone = [d for d in found if d.type == "unique_claim" and d.claims[0].outlet == "Sever"]
    assert bool(alone) is unique, [d.summary for d in found]


@pytest.mark.parametrize(
    ("sever_adds", "omitted"),
    [
        ("Police said a number of shots hit the vehicles of responding deputies.", False),
        ("Police said a neighbour called 911 after hearing the gunfire.", True),
    ],
    ids=["told-in-other-words", "left-out"],
)
def test_an_outlet_telling_the_omitted_sentence_in_other_words_is_not_said_to_leave_it_out(
    sever_adds: str, omitted: bool
) -> None:
    reported = "When an officer responded, the suspect shot at the squad car, police said."
    found = find_divergences(
        [
            _analyzed("a", "Meridian", f"{_BIRCH_BASE} {reported}"),
            _analyzed("b", "Lantern", f"{_BIRCH_BASE} {reported}"),
            _analyzed("c", "Sever", f"{_BIRCH_BASE} {sever_adds}"),
        ]
    )
    left_out = [d for d in found if d.type == "omission" and "squad car" in d.summary]
    assert bool(left_out) is omitted, [d.summary for d in found]


def test_an_outlet_whose_page_holds_no_story_is_not_said_to_leave_anything_out() -> None:
    reported = "When an officer responded, the suspect shot at the squad car, police said."
    playlist = "1:02 Riverton mayor on the budget Pause\n\n0:44 Three easy tips for holiday decorating"
    found = find_divergences(
        [
            _analyzed("a", "Meridian", f"{_BIRCH_BASE} {reported}"),
            _analyzed("b", "Lantern", f"{_BIRCH_BASE} {reported}"),
            _analyzed("c", "Sever", playlist),
        ]
    )
    assert not [d for d in found if d.type == "omission" and "Sever" in d.extra["missing_from"]]


@pytest.mark.parametrize(
    ("pieces", "reworded"),
    [
        (
            "he is \u201cnot going anywhere\u201d and had \u201calways conducted myself appropriately\u201d",
            False,
        ),
        ("\u201cLet me be very clear. I have always conducted myself. I am not going anywhere.\u201d", True),
    ],
    ids=["pieces-in-another-order", "words-dropped-inside-one-quotation"],
)
def test_pieces_of_one_remark_quoted_in_another_order_are_no_rewording(pieces: str, reworded: bool) -> None:
    whole = (
        "\u201cLet me be very clear. I have always conducted myself appropriately."
        " I am not going anywhere.\u201d"
    )
    texts = [f"{whole} Kozlov said.", f"Kozlov said {pieces}."]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], whole, "Kozlov")])
    quoted = pieces[pieces.find("\u201c") :]
    b = article("b", "Lantern", texts[1], attributions=[said(texts[1], quoted, "Kozlov")])
    assert bool([d for d in find_divergences([a, b]) if d.type == "quote_wording"]) is reworded


def test_a_piece_of_a_quotation_reworded_is_found_by_its_closest_piece() -> None:
    first_quote = "\u201cThe end is coming for all of them\u201d"
    second_quote = (
        "\u201cthe end was coming for all of them\u201d"
        " and that he was \u201cgoing to hurt and kill more\u201d"
    )
    texts = [
        f"Brown said the gunman told police, {first_quote}.",
        f"Brown said the gunman mentioned {second_quote}.",
    ]
    a = article("a", "Meridian", texts[0], attributions=[said(texts[0], first_quote, "Brown")])
    b = article("b", "Lantern", texts[1], attributions=[said(texts[1], second_quote, "Brown")])
    (wording,) = [d for d in find_divergences([a, b]) if d.type == "quote_wording"]
    assert wording.diff == "the end [-is-] {+was+} coming for all of them"
