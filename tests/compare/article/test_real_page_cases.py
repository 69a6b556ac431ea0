"""The speaker and quantity errors issue 16 saw on real pages, as sentences of the same shape.

The sentences are written here, not copied from any page: each keeps the structure that went
wrong (page furniture before a subject, a title chain before a name, two coordinated speakers …).
"""

from __future__ import annotations

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import Attribution, Quantity


def _attributions(text: str) -> list[Attribution]:
    return analyze_article(text).attributions


def _holding(text: str, needle: str) -> Attribution:
    found = [a for a in _attributions(text) if needle in a.content]
    assert found, f"no attribution holding {needle!r} in {_attributions(text)}"
    return found[0]


def _names(attribution: Attribution) -> str:
    return f"{attribution.speaker} / {attribution.speaker_resolved}"


@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        pytest.param(
            "EMBED >More News Videos Bystanders said the smoke rose from the basement.",
            "smoke rose",
            "Bystanders",
            id="embed-furniture",
        ),
        pytest.param(
            "A Number 10 spokesperson said the cabinet would meet on Thursday.",
            "cabinet would meet",
            "Downing Street spokesperson",
            id="number-10",
        ),
        pytest.param(
            "Senate Armed Services Committee Chairwoman Dana Whitcombe said the vote would slip.",
            "vote would slip",
            "Dana Whitcombe",
            id="committee-chain-title",
        ),
        pytest.param(
            "House Ways and Means Committee Chairman Kevin Brady said the bill would pass this week.",
            "bill would pass",
            "Kevin Brady",
            id="ways-and-means",
        ),
        pytest.param(
            "Irina Sokolova, the region's deputy governor, who greeted the delegation at the pier,"
            " said the talks had gone well.",
            "talks had gone well",
            "Irina Sokolova",
            id="apposition-then-relative",
        ),
    ],
)
def test_speaker_resolves_to_the_person(text: str, needle: str, speaker: str) -> None:
    attribution = _holding(text, needle)
    assert attribution.speaker_resolved == speaker, _names(attribution)


def test_number_10_is_an_official_source() -> None:
    attribution = _holding("A Number 10 spokesperson said the cabinet would meet on Thursday.", "cabinet")
    assert attribution.source_type == "official"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Petrov appeared to enjoy the role of host as the visitors toured the shipyard.",
            id="appeared-to-enjoy",
        ),
        pytest.param("A spokeswoman for the insurer declined to comment.", id="declined-to"),
    ],
)
def test_no_statement_without_a_verb_of_saying(text: str) -> None:
    statements = [(a.speaker, a.cue) for a in _attributions(text) if a.cue_class in {"speech", "document"}]
    assert statements == []


@pytest.mark.parametrize(
    ("text", "not_a_speaker"),
    [
        pytest.param(
            "Related: Residents demand answers after the flood\nThe council said the dam was inspected.",
            "Residents",
            id="related-link",
        ),
        pytest.param(
            "Marek Lind allegedly got a shotgun from his cousin's garage, pointing it at the clerk.",
            "Marek Lind",
            id="subject-without-cue",
        ),
        pytest.param(
            "Marek Lind allegedly got a shotgun and threatened the clerk with it.",
            "Marek Lind",
            id="threatened-object",
        ),
    ],
)
def test_no_speaker_without_a_cue_of_saying(text: str, not_a_speaker: str) -> None:
    assert [a.cue for a in _attributions(text) if a.speaker == not_a_speaker] == []


def test_belief_goes_to_its_holder_not_to_the_embedded_subject() -> None:
    found = _attributions("Officials there suspect that Beijing wants to buy more wheat this year.")
    assert [(a.speaker, getattr(a, "cue_class", None)) for a in found] == [("Officials", "belief")]


def test_coordinated_countries_are_one_official_source() -> None:
    attribution = _holding("Both Japan and South Korea said the drills would go ahead.", "drills")
    assert attribution.speaker_resolved not in {"Korea", "South Korea"}
    assert attribution.source_type == "official"


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        pytest.param(
            "The insurer, which declined to comment, said the claims were paid.",
            "declined",
            id="declined-inside-subject",
        ),
        pytest.param(
            "NAKHODKA, Russia — The harbour will stay closed for a week, they said.",
            "NAKHODKA",
            id="dateline-in-content",
        ),
        pytest.param(
            "NAKHODKA, Russia (AP) — Officials would not say how many ships left port,"
            " The Associated Press reported.",
            "Associated Press",
            id="outlet-of-the-dateline",
        ),
    ],
)
def test_never_a_source(text: str, bad: str) -> None:
    for attribution in _attributions(text):
        assert bad not in (attribution.speaker_resolved or attribution.speaker or ""), _names(attribution)
        assert bad not in attribution.content


def test_dateline_city_is_a_place() -> None:
    entities = analyze_article("NAKHODKA, Russia — The harbour stayed closed.").entities
    assert [(e.text, e.label) for e in entities if e.text == "NAKHODKA"] == [("NAKHODKA", "GPE")]


def test_coordinated_clauses_keep_their_speakers() -> None:
    text = "The sheriff said 9 people drowned on Friday, while firefighters said at least 14 had died."
    speakers = {a.speaker: a.content for a in _attributions(text)}
    assert speakers.keys() == {"The sheriff", "firefighters"}
    assert "9 people" in speakers["The sheriff"] and "14" not in speakers["The sheriff"]
    assert "at least 14" in speakers["firefighters"] and "9 people" not in speakers["firefighters"]


def test_aliases_of_one_agency_merge() -> None:
    text = (
        "Xinhua said the ferry left on time. The Chinese state news agency said the crossing took six"
        " hours. China's Xinhua said the passengers were safe."
    )
    sources = {(a.speaker_resolved, a.source_type) for a in _attributions(text)}
    assert sources == {("Xinhua", "agency")}


def test_cape_is_a_place() -> None:
    entities = analyze_article("The trawler anchored off Cape Vesk before dawn.").entities
    assert [(e.text, e.label) for e in entities] == [("Cape Vesk", "LOC")]


@pytest.mark.parametrize("place", ["Harlow Park", "Elm Street", "Lake County", "Fort Riley"])
def test_streets_parks_and_counties_are_places(place: str) -> None:
    entities = analyze_article(f"The shooting happened near {place} on Friday, police said.").entities
    assert [(e.text, e.label) for e in entities] == [(place, "LOC")]


def _quantity(text: str, surface: str) -> Quantity:
    found = [q for q in analyze_article(text).quantities if surface in q.text]
    assert found, f"no quantity holding {surface!r} in {analyze_article(text).quantities}"
    return found[0]


def test_percentage_keeps_what_it_measures() -> None:
    quantity = _quantity("Unemployment reached 5.8 percent in March, up from 5.1 percent in February.", "5.8")
    assert quantity.concept is not None and "unemployment" in quantity.concept.lower()


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param(
            "Unemployment reached 5.8 percent in March, up from 5.1 percent in February.",
            "5.1",
            id="up-from",
        ),
        pytest.param(
            "The deficit shrank to 2 percent, down from 3.6 percent a year earlier.",
            "3.6",
            id="down-from",
        ),
    ],
)
def test_up_from_is_the_earlier_value(text: str, surface: str) -> None:
    assert _quantity(text, surface).change == "="


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "unit", "concept"),
    [
        pytest.param(
            "Lawyers filed a five- to six-page motion on Friday.",
            "six-page",
            5,
            6,
            "page",
            "motion",
            id="hyphen-range",
        ),
        pytest.param(
            "She began a nine-day tour of the coast.",
            "nine-day",
            9,
            None,
            "day",
            "tour",
            id="six-day",
        ),
        pytest.param(
            "A 13-year-old girl was pulled from the lake.",
            "13-year-old",
            13,
            None,
            "year-old",
            "girl",
            id="year-old",
        ),
    ],
)
def test_compound_modifiers_bind_to_their_noun(
    text: str, surface: str, value: float, high: float | None, unit: str, concept: str
) -> None:
    quantity = _quantity(text, surface)
    assert (quantity.value, quantity.value_high, quantity.unit, quantity.concept) == (
        value,
        high,
        unit,
        concept,
    )


@pytest.mark.parametrize(
    ("text", "speaker", "cue_class"),
    [
        pytest.param(
            "Analysts said the mill plans to cut 200 jobs.", "Analysts", "speech", id="plan-inside-speech"
        ),
        pytest.param(
            "Doctors believe that the minister hopes to resign.", "Doctors", "belief", id="hope-inside-belief"
        ),
    ],
)
def test_a_mind_ascribed_inside_a_report_is_the_reporters_claim(
    text: str, speaker: str, cue_class: str
) -> None:
    assert [(a.speaker, a.cue_class) for a in _attributions(text)] == [(speaker, cue_class)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        pytest.param("The guard pointed a torch at the gate, witnesses said.", ["said"], id="pointed-object"),
        pytest.param("The mayor pointed out that the gate was locked.", ["pointed out"], id="pointed-out"),
        pytest.param("Her private email server was seized, the court heard.", [], id="email-noun"),
        pytest.param("The rebels threatened the town with artillery.", [], id="threatened-object"),
        pytest.param("The rebels threatened to shell the town.", ["threatened"], id="threatened-to"),
    ],
)
def test_cues_that_need_their_complement(text: str, cues: list[str]) -> None:
    assert [a.cue for a in _attributions(text)] == cues


def test_place_adverb_is_not_part_of_the_speaker() -> None:
    assert [a.speaker for a in _attributions("Residents here said the water was brown.")] == ["Residents"]


def test_unnamed_head_of_a_relative_clause_is_the_source() -> None:
    [attribution] = _attributions("The union, which represents dockers, said the strike would go on.")
    assert attribution.speaker_resolved == "The union"


def test_quoted_transcript_line_names_its_speaker() -> None:
    text = '"HOLM: We will not sign this treaty as it stands.'
    assert [a.speaker for a in _attributions(text)] == ["HOLM"]


def test_coordinated_verb_phrases_share_their_speaker() -> None:
    found = _attributions("The minister praised the crews and said the dyke would hold until spring.")
    said = [a for a in found if a.cue == "said"]
    assert [(a.speaker, a.content) for a in said] == [("The minister", "the dyke would hold until spring")]
    assert all("dyke" not in a.content for a in found if a.cue != "said")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Storm Over Harbour: Ferries stay in port for a third day.", id="function-word"),
        pytest.param("The Briefing: Ferries stay in port for a third day.", id="the-label"),
    ],
)
def test_title_case_headline_label_is_no_speaker(text: str) -> None:
    assert _attributions(text) == []


def test_gerund_after_a_preposition_is_no_cue() -> None:
    text = "The coach was right in saying the pitch was too wet to play."
    assert [a.cue for a in _attributions(text)] == []


def test_title_case_headline_verb_is_a_cue() -> None:
    [attribution] = _attributions("Harbour Chief Warns Ferry Fares Will Double Next Year")
    assert (attribution.speaker, attribution.cue) == ("Harbour Chief", "Warns")


def test_headline_verb_is_no_part_of_a_name() -> None:
    entities = analyze_article("Mayor Ilse Borrow Vows To Reopen The Tram Depot").entities
    assert ("Ilse Borrow", "PERSON") in [(e.text, e.label) for e in entities]


@pytest.mark.parametrize(
    ("text", "cue_class"),
    [
        pytest.param("The inspectors found that the dam was sound.", "belief", id="officials-found"),
        pytest.param("A council audit found that the dam was sound.", "document", id="audit-found"),
    ],
)
def test_finding_is_a_documents_statement_only_when_a_document_finds(text: str, cue_class: str) -> None:
    assert [a.cue_class for a in _attributions(text)] == [cue_class]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Please tell the council the truth about the budget.", id="please-tell"),
        pytest.param("Perhaps ask the ferry company why the fares doubled.", id="perhaps-ask"),
        pytest.param("Mayor Ilse Borrow Goes After The Harbour Board", id="headline-goes-after"),
    ],
)
def test_imperatives_and_particle_verbs_in_headlines_report_nothing(text: str) -> None:
    assert _attributions(text) == []
