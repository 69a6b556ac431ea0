"""Attributions on hand-written sentences: every layout, source cue and resolution rule the issue names."""

from __future__ import annotations

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.article.attribution import statements
from newsprism.compare.findings import Attribution


def _by_content(text: str, needle: str, cue: str | None = None) -> Attribution:
    found = [
        a
        for a in analyze_article(text).attributions
        if needle in a.content and (cue is None or (a.cue is not None and cue in a.cue))
    ]
    assert found, f"no attribution holding {needle!r} in {analyze_article(text).attributions}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "needle", "kind", "speaker", "cue"),
    [
        ('"The bridge will hold," Marta Ilves said.', "bridge will hold", "direct", "Marta Ilves", "said"),
        ("Marta Ilves said: “The bridge will hold.”", "bridge will hold", "direct", "Marta Ilves", "said"),
        (
            '"The bridge will hold," said Marta Ilves, the city engineer.',
            "bridge",
            "direct",
            "Marta Ilves",
            "said",
        ),
        ("“We are not leaving,” the mayor told reporters.", "not leaving", "direct", "the mayor", "told"),
        (
            "Marta Ilves said the bridge would reopen in May.",
            "bridge would reopen",
            "indirect",
            "Marta Ilves",
            "said",
        ),
        (
            "Marta Ilves said that the tolls would stay.",
            "tolls would stay",
            "indirect",
            "Marta Ilves",
            "said",
        ),
        (
            "The ferry will stop running next week, the operator warned.",
            "ferry will stop",
            "indirect",
            "the operator",
            "warned",
        ),
        (
            "Dr. Ansel Moreau told reporters the clinic had run out of vaccine.",
            "clinic had run out",
            "indirect",
            "Dr. Ansel Moreau",
            "told",
        ),
        (
            "The minister added that no decision had been taken.",
            "no decision",
            "indirect",
            "The minister",
            "added",
        ),
    ],
    ids=[
        "quote-then-cue",
        "cue-colon-quote",
        "inverted-apposition",
        "told-reporters",
        "said-clause",
        "said-that",
        "postposed-plain",
        "told-object",
        "added-that",
    ],
)
def test_layouts(text: str, needle: str, kind: str, speaker: str, cue: str) -> None:
    attribution = _by_content(text, needle)
    assert attribution.kind == kind
    assert attribution.speaker is not None and speaker in attribution.speaker
    assert attribution.cue is not None and cue in attribution.cue


@pytest.mark.parametrize(
    ("text", "needle", "cue", "speaker", "source_type"),
    [
        (
            "Six fishing boats were seized near the island, official TASS news agency said Sunday.",
            "fishing boats",
            "said",
            "official TASS news agency",
            "agency",
        ),
        (
            "“The talks were warm,” the envoy said, as per a NDTV report.",
            "talks were warm",
            "as per",
            "a NDTV report",
            "media",
        ),
        (
            "According to a report in DW, the port will be closed for a month.",
            "port will be closed",
            "According to",
            "a report in DW",
            "media",
        ),
        (
            "The Kremlin has said no agreement has been signed.",
            "no agreement",
            "has said",
            "The Kremlin",
            "official",
        ),
        (
            "The strike cost the airline millions, according to company documents.",
            "strike cost",
            "according to",
            "company documents",
            "document",
        ),
        (
            "Two officials who spoke on condition of anonymity said the plan was dropped.",
            "plan was dropped",
            "said",
            "Two officials who spoke on condition of anonymity",
            "anonymous",
        ),
        (
            "The rally drew large crowds, Russian state media said.",
            "rally drew",
            "said",
            "Russian state media",
            "state_media",
        ),
        (
            "Citing sources familiar with the matter, the paper said the deal was close.",
            "deal was close",
            "said",
            "the paper",
            "media",
        ),
        (
            "Citing sources familiar with the matter, the paper said the deal was close.",
            "deal was close",
            "Citing",
            "sources familiar with the matter",
            "anonymous",
        ),
    ],
    ids=[
        "tass-said-sunday",
        "as-per-ndtv",
        "report-in-dw",
        "kremlin-has-said",
        "documents",
        "anonymous-officials",
        "state-media",
        "paper",
        "citing-sources",
    ],
)
def test_source_cues(text: str, needle: str, cue: str, speaker: str, source_type: str) -> None:
    attribution = _by_content(text, needle, cue)
    assert attribution.speaker == speaker
    assert attribution.source_type == source_type


def test_second_quoted_paragraph_belongs_to_the_speaker() -> None:
    text = (
        "Alexander Kozlov, the fisheries minister, spoke after the visit.\n"
        'Kozlov said, "The talks covered grain and flights."\n'
        '"We will meet again in the autumn."'
    )
    second = _by_content(text, "meet again")
    assert second.kind == "direct"
    assert second.speaker_resolved == "Alexander Kozlov"


@pytest.mark.parametrize(
    ("text", "needle", "resolved"),
    [
        (
            "Ingrid Solheim, the harbour chief, arrived late. Solheim said the cranes were broken.",
            "cranes were broken",
            "Ingrid Solheim",
        ),
        (
            "Ingrid Solheim said the cranes were broken. She said repairs would take weeks.",
            "repairs would take",
            "Ingrid Solheim",
        ),
        (
            "Paulo Mendes said the vote was fair. He said the count would be published.",
            "count would be published",
            "Paulo Mendes",
        ),
        (
            "Russia's natural resources minister Alexander Kozlov said a lot was discussed.",
            "a lot was discussed",
            "Alexander Kozlov",
        ),
        ("Retired Gen. Tomas Varga said the army was ready.", "army was ready", "Tomas Varga"),
    ],
    ids=[
        "surname-to-full-name",
        "she-to-last-speaker",
        "he-to-last-speaker",
        "description-carried",
        "title-dropped",
    ],
)
def test_speaker_resolution(text: str, needle: str, resolved: str) -> None:
    assert _by_content(text, needle).speaker_resolved == resolved


def test_description_types_a_later_bare_surname() -> None:
    text = (
        "Russia's natural resources minister Alexander Kozlov said grain was discussed. "
        "Officials will meet in November, according to Kozlov."
    )
    later = _by_content(text, "Officials will meet")
    assert later.speaker_resolved == "Alexander Kozlov"
    assert later.source_type == "official"


@pytest.mark.parametrize(
    ("text", "first", "last", "speaker"),
    [
        (
            '"It is a hard choice," said the senator, "because both sides have a point."',
            "hard choice",
            "both sides",
            "the senator",
        ),
        (
            "“We will rebuild,” Mayor Lena Brandt said. “It will take years, not months.”",
            "We will rebuild",
            "take years",
            "Mayor Lena Brandt",
        ),
        (
            "“The pier is gone,” the harbour master said on Friday. “We saw it go in an hour.” Then he left.",
            "pier is gone",
            "in an hour",
            "the harbour master",
        ),
    ],
    ids=["split-by-comma", "split-by-full-stop", "split-then-narration"],
)
def test_split_quote_is_one_attribution(text: str, first: str, last: str, speaker: str) -> None:
    attributions = analyze_article(text).attributions
    assert len(attributions) == 1, attributions
    (joined,) = attributions
    assert joined.kind == "mixed"
    assert first in joined.content and last in joined.content
    assert joined.speaker == speaker
    assert joined.cue is not None and joined.cue in joined.content


def test_quote_after_a_cue_first_layout_stays_separate() -> None:
    text = "Marta Ilves said: “The bridge will hold.” “It was built for floods.”"
    contents = [a.content for a in analyze_article(text).attributions]
    assert contents == ["“The bridge will hold.”", "“It was built for floods.”"]


@pytest.mark.parametrize(
    ("text", "needle", "cue", "speaker"),
    [
        ("The mayor denounced the ferry contract as a giveaway.", "ferry contract", "denounced", "The mayor"),
        (
            "Halvorsen Foods is expected to cut 300 jobs this week.",
            "cut 300 jobs",
            "is expected",
            "Halvorsen Foods",
        ),
        ("The minister refused to comment on the audit.", "comment on the audit", "refused", "The minister"),
        (
            "Ilves was referring to the closure of the old bridge.",
            "closure of the old bridge",
            "referring to",
            "Ilves",
        ),
        ("Most farmers see the drought as the main threat.", "drought", "see", "Most farmers"),
        (
            "The council seemed to soften its stance on the tolls.",
            "soften its stance",
            "seemed",
            "The council",
        ),
        ("Brandt cited the rising cost of steel.", "rising cost", "cited", "Brandt"),
    ],
    ids=["denounced-as", "is-expected-to", "refused-to", "referring-to", "see-as", "seemed-to", "cited"],
)
def test_wider_cue_lexicon(text: str, needle: str, cue: str, speaker: str) -> None:
    attribution = _by_content(text, needle)
    assert attribution.cue is not None and attribution.cue.endswith(cue)
    assert attribution.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The state-of-the-art reactor opened in March.",
        "Her report on the floods was published on Monday.",
        "The river is believed to be the longest in the region.",
        "The terrorist attack on the embassy killed four guards.",
        "Their plans for the harbour were shelved in May.",
        "The ferry continued to the island.",
    ],
    ids=[
        "hyphenated-state",
        "noun-report",
        "passive-believed",
        "noun-attack",
        "noun-plans",
        "continued-to-place",
    ],
)
def test_no_attribution(text: str) -> None:
    assert analyze_article(text).attributions == []


def test_offsets_and_cue_spans_point_into_the_text() -> None:
    text = "“We will rebuild,” Mayor Lena Brandt said on Tuesday. Brandt added that funds were short."
    for a in analyze_article(text).attributions:
        assert text[a.start : a.end] == a.content
        if a.speaker_start is not None and a.speaker_end is not None:
            assert text[a.speaker_start : a.speaker_end] == a.speaker
        if a.cue_start is not None and a.cue_end is not None:
            assert text[a.cue_start : a.cue_end] == a.cue


@pytest.mark.parametrize(
    ("text", "needle", "cue_class"),
    [
        pytest.param("Marta Ilves said the bridge would reopen in May.", "bridge", "speech", id="said"),
        pytest.param("“The bridge will hold,” the engineer told reporters.", "bridge", "speech", id="told"),
        pytest.param(
            "According to the city, the bridge will reopen in May.",
            "bridge",
            "speech",
            id="according-to-a-speaker",
        ),
        pytest.param(
            "According to a council report, the bridge will reopen in May.",
            "bridge",
            "document",
            id="according-to-a-document",
        ),
        pytest.param(
            "A new survey found that most commuters back the toll.",
            "commuters",
            "document",
            id="survey-found",
        ),
        pytest.param("Marta Ilves believes the bridge is unsafe.", "unsafe", "belief", id="believes"),
        pytest.param(
            "Officials fear that the bridge will not last the winter.", "winter", "belief", id="fear-that"
        ),
        pytest.param(
            "The mayor intends to close the bridge in May.", "close the bridge", "intention", id="intends-to"
        ),
        pytest.param("The mayor vowed to rebuild the bridge by May.", "rebuild", "speech", id="vowed-to"),
        pytest.param(
            "The ferry captain promised to sail at dawn.", "sail at dawn", "speech", id="promised-to"
        ),
        pytest.param(
            "The warden asked the hikers to leave the ridge before dark.",
            "leave the ridge",
            "speech",
            id="asked-them-to",
        ),
        pytest.param("The council hopes to reopen the bridge in May.", "reopen", "intention", id="hopes-to"),
        pytest.param("Tomas Reyes called for calm after the flood.", "calm", "intention", id="called-for"),
        pytest.param(
            "The opposition charged that the tender had been rigged.",
            "tender",
            "belief",
            id="charged-that-is-an-accusation",
        ),
        pytest.param(
            "The mayor closed the bridge, admitting that the repairs had failed.",
            "repairs",
            "speech",
            id="admitting-doubled-consonant",
        ),
        pytest.param(
            "Marta Ilves referred to the collapse as a warning.",
            "collapse",
            "belief",
            id="referred-doubled-consonant",
        ),
        pytest.param(
            "The mayor responded to a reporter that the bridge was safe.",
            "bridge was safe",
            "speech",
            id="to-a-person-is-no-infinitive",
        ),
        pytest.param("Divers saw that the pillars had cracked.", "pillars", "perception", id="saw-that"),
    ],
)
def test_cue_class_is_the_act_the_cue_reports(text: str, needle: str, cue_class: str) -> None:
    assert _by_content(text, needle).cue_class == cue_class


def test_statements_keep_speech_and_documents_only() -> None:
    text = "Marta Ilves said the bridge was safe. Officials fear that the bridge will not last the winter."
    assert [a.speaker for a in statements(analyze_article(text).attributions)] == ["Marta Ilves"]


def test_an_aspectual_verb_reports_no_statement() -> None:
    text = "Fuel prices continued to climb across the valley after the storm."
    assert statements(analyze_article(text).attributions) == []


def test_cue_class_is_in_the_analyze_json() -> None:
    found = analyze_article("Marta Ilves said the bridge would reopen in May.").to_json()
    assert found["attributions"][0]["cue_class"] == "speech"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        pytest.param(
            "The council hired an engineer who said the bridge was unsafe.",
            "said",
            "an engineer",
            "the bridge was unsafe",
            id="restrictive-who-names-its-antecedent",
        ),
        pytest.param(
            "Lena Brandt, who said the bridge was safe, told reporters that it would reopen.",
            "said",
            "Lena Brandt",
            "the bridge was safe",
            id="set-off-who-ends-at-its-comma",
        ),
        pytest.param(
            "Lena Brandt, who has long said the bridge was safe, told reporters it would reopen.",
            "told",
            "Lena Brandt, who has long said the bridge was safe,",
            "it would reopen",
            id="main-verb-after-a-relative-cue",
        ),
        pytest.param(
            "Ilse Varga, a lawyer for the fishermen's union, who has fought the dredging for years, "
            "said the plan was reckless.",
            "said",
            "Ilse Varga",
            "the plan was reckless",
            id="apposition-and-relative-before-the-cue",
        ),
        pytest.param(
            "The mayor was defensive when asked about a builder who said he was never paid, saying, "
            "“Maybe he did a poor job.”",
            "said",
            "a builder",
            "he was never paid",
            id="participle-ends-the-relative-content",
        ),
        pytest.param(
            "The mayor was defensive when asked about a builder who said he was never paid, saying, "
            "“Maybe he did a poor job.”",
            "saying",
            "The mayor",
            "“Maybe he did a poor job.”",
            id="participle-belongs-to-the-main-clause",
        ),
        pytest.param(
            "The harbour master complained about the dredging on Monday, even suggesting that the "
            "port could close.",
            "suggesting",
            "The harbour master",
            "that the port could close",
            id="adverb-before-a-participle",
        ),
        pytest.param(
            "A study that appeared in a medical journal found that the drug failed.",
            "found",
            "A study that appeared in a medical journal",
            "that the drug failed",
            id="that-relative-inside-the-subject",
        ),
        pytest.param(
            "The vote is a test for Lena Brandt, who pointedly refused to back the plan.",
            "refused",
            "Lena Brandt",
            "to back the plan",
            id="who-after-a-clause-is-no-postposed-speaker",
        ),
    ],
)
def test_relative_clauses_and_participles(text: str, cue: str, speaker: str, content: str) -> None:
    found = [a for a in analyze_article(text).attributions if a.cue is not None and a.cue.endswith(cue)]
    assert [a.content for a in found] == [content]
    assert speaker in {found[0].speaker, found[0].speaker_resolved}


@pytest.mark.parametrize(
    ("text", "source_type"),
    [
        pytest.param(
            "Officials who had seen the report said the toll would rise.",
            "official",
            id="relative-clause-does-not-type-the-source",
        ),
        pytest.param(
            "A study that appeared in a medical journal found that the drug failed.",
            "document",
            id="document-head-before-a-relative",
        ),
        pytest.param(
            "The losing side in the harbour ruling said it would appeal.",
            "unknown",
            id="a-document-in-an-attached-phrase-does-not-speak",
        ),
        pytest.param(
            "A copy of the harbour report says the pier is unsafe.",
            "document",
            id="a-document-after-of-is-the-head",
        ),
    ],
)
def test_the_head_of_a_speaker_phrase_types_the_source(text: str, source_type: str) -> None:
    assert [a.source_type for a in analyze_article(text).attributions] == [source_type]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "In a video posted on Sunday, Lena Brandt said the port would reopen.",
            [("Lena Brandt", "said")],
            id="passive-participle-in-an-opening-phrase-is-no-cue",
        ),
        pytest.param(
            "In a radio interview Lena Brandt declared that the port would reopen.",
            [("Lena Brandt", "declared")],
            id="name-after-an-opening-phrase",
        ),
        pytest.param(
            "In a statement announcing the closure, the ministry called the port unsafe.",
            [("a statement", "announcing"), ("the ministry", "called")],
            id="active-participle-speaks-for-its-noun",
        ),
        pytest.param(
            "In March, Halvorsen bluntly dismissed the plan as reckless.",
            [("Halvorsen", "dismissed")],
            id="a-month-is-no-name-and-an-adverb-no-speaker",
        ),
        pytest.param(
            "The royal family said the visit would go ahead.",
            [("The royal family", "said")],
            id="a-noun-ending-in-ly-stays",
        ),
    ],
)
def test_opening_phrases_and_adverbs_are_not_speakers(text: str, speakers: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.cue) for a in analyze_article(text).attributions] == speakers


def test_he_and_she_refer_to_people_not_to_documents() -> None:
    text = "Data from the Harbour Freight Survey show that ships are late. She said the port would reopen."
    she = _by_content(text, "port would reopen")
    assert (she.speaker, she.speaker_resolved) == ("She", None)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "The mayor never missed a chance to remind voters that the port was hers.",
            [("The mayor", "remind")],
            id="subject-control",
        ),
        pytest.param(
            "The new law requires harbour police to tell the coroner when a sailor dies.",
            [("harbour police", "tell")],
            id="object-control",
        ),
        pytest.param(
            "The coach told them what to say to the press.",
            [("The coach", "told")],
            id="a-question-word-infinitive-has-no-agent",
        ),
    ],
)
def test_an_infinitive_cue_is_said_by_its_agent(text: str, speakers: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.cue) for a in analyze_article(text).attributions] == speakers


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        pytest.param(
            "The harbour master has long said that the pier is unsafe.",
            "The harbour master",
            "has long said",
            id="adverb-inside-the-verb-group",
        ),
        pytest.param(
            "The ferry company did not immediately respond to requests for comment.",
            "The ferry company",
            "did not immediately respond",
            id="do-is-an-auxiliary",
        ),
        pytest.param(
            "Halvorsen repeatedly said that the pier was safe.",
            "Halvorsen",
            "said",
            id="an-adverb-without-an-auxiliary-stays-out",
        ),
    ],
)
def test_the_cue_takes_its_whole_verb_group(text: str, speaker: str, cue: str) -> None:
    assert [(a.speaker, a.cue) for a in analyze_article(text).attributions] == [(speaker, cue)]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "The port reopened on Monday. But Lena Brandt said the toll would stay.",
            [("Lena Brandt", "said")],
            id="conjunction-opening-a-later-sentence",
        ),
        pytest.param(
            "The port reopened. Separately the harbour master said the toll would stay.",
            [("the harbour master", "said")],
            id="adverb-opening-a-later-sentence",
        ),
        pytest.param(
            "The port reopened on Monday.\n\nOn Thursday, however, the mayor spoke to harbour "
            "owners, promising to lift the fishing limits.",
            [("the mayor", "promising")],
            id="participle-of-a-promise-after-a-filler",
        ),
        pytest.param(
            "The harbour flooded on Monday.\n\nEMBED >More News Videos Witnesses said the water "
            "rose within minutes.",
            [("Witnesses", "said")],
            id="embed-label-in-a-later-paragraph",
        ),
        pytest.param(
            "The vote failed . However , harbour aides told reporters that a deal was near.",
            [("harbour aides", "told")],
            id="tokenised-text-with-a-spaced-comma",
        ),
        pytest.param(
            "The vote added to her lead, adding to concerns in the party.", [], id="adding-to-is-no-report"
        ),
    ],
)
def test_later_sentences_read_like_the_first(text: str, speakers: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.cue) for a in analyze_article(text).attributions if a.cue != "added"] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Reid said a source told him the harbour tax went unpaid.",
            [("Reid", "said")],
            id="a-statement-inside-a-statement-is-its-account",
        ),
        pytest.param(
            "Lena Brandt had told harbour officials that she did not want the escort, the source added.",
            [("the source", "added")],
            id="the-postposed-holder-keeps-the-report",
        ),
        pytest.param(
            "According to the harbour board, the mayor said the port was safe.",
            [("the harbour board", "According to"), ("the mayor", "said")],
            id="a-source-cue-backs-the-main-clause",
        ),
        pytest.param(
            '"He asked about every detail," Halvorsen told reporters at the pier, according to AP.',
            [("Halvorsen", "told"), ("AP", "according to")],
            id="a-postposed-source-cue-names-who-reports-the-statement",
        ),
        pytest.param(
            "The ministry has said that it is studying a new toll, Reuters reported, a step that "
            "would have been unthinkable a year ago.",
            [("Reuters", "reported"), ("The ministry", "has said")],
            id="a-news-outlet-reporting-keeps-the-statement-it-reports",
        ),
    ],
)
def test_statements_reported_inside_statements(text: str, speakers: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.cue) for a in statements(analyze_article(text).attributions)] == speakers


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Back when he wrote his book, Mr. Halvorsen said that he considered debt a last resort.",
            [("he", "his book"), ("Mr. Halvorsen", "that he considered debt a last resort")],
            id="an-opening-subordinate-clause-ends-at-its-comma",
        ),
        pytest.param(
            'In a statement, the company said: "The port did well when it opened," adding that its '
            "value quadrupled in a year.",
            [
                ("the company", '"The port did well when it opened,"'),
                ("the company", "that its value quadrupled in a year"),
            ],
            id="participle-after-a-closing-quote",
        ),
    ],
)
def test_contents_end_where_their_clause_ends(text: str, found: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.content) for a in analyze_article(text).attributions] == found


def test_a_quotation_after_a_relative_clause_continues_the_main_speaker() -> None:
    text = (
        "The dredging stopped on Monday, said Ilse Varga, who has long criticised the mines.\n\n"
        "“I am skeptical the port can pull it off.”"
    )
    quote = _by_content(text, "skeptical")
    assert (quote.speaker_resolved, quote.cue_class) == ("Ilse Varga", "speech")


@pytest.mark.parametrize(
    ("text", "speaker", "resolved", "content"),
    [
        pytest.param(
            "Ona Petrauskas, 58, a retired welder from Kaunas, said the plant should never have closed.",
            "Ona Petrauskas, 58, a retired welder from Kaunas,",
            "Ona Petrauskas",
            "the plant should never have closed",
            id="an-age-between-name-and-description",
        ),
        pytest.param(
            "Halvard Moe (who chairs the harbour board) said the quay would be rebuilt by spring.",
            "Halvard Moe (who chairs the harbour board)",
            "Halvard Moe",
            "the quay would be rebuilt by spring",
            id="a-bracketed-relative-clause",
        ),
        pytest.param(
            "Sen. Dara Quint (D-Ore.), said the vote was rigged from the start.",
            "Sen. Dara Quint (D-Ore.),",
            "Dara Quint",
            "the vote was rigged from the start",
            id="a-stray-comma-after-the-party",
        ),
        pytest.param(
            "A former harbour master -- Edwin Sallow, who ran the port for a decade -- said the dredging "
            "had been botched.",
            "A former harbour master -- Edwin Sallow, who ran the port for a decade --",
            "Edwin Sallow",
            "the dredging had been botched",
            id="an-aside-set-off-by-dashes",
        ),
        pytest.param(
            "“We never saw the money,” said ferry captain and union steward Orla Brennick, a mother of two.",
            "ferry captain and union steward Orla Brennick, a mother of two",
            "Orla Brennick",
            "“We never saw the money,”",
            id="a-long-lower-case-description-before-a-name",
        ),
    ],
)
def test_speaker_phrases_with_asides(text: str, speaker: str, resolved: str, content: str) -> None:
    attribution = _by_content(text, content)
    assert (attribution.speaker, attribution.speaker_resolved, attribution.content) == (
        speaker,
        resolved,
        content,
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("Several said the ferry had been late all winter.", "Several", id="several"),
        pytest.param("Most agreed that the tolls were too high.", "Most", id="most"),
        pytest.param("Both denied that the harbour had been sold.", "Both", id="both"),
    ],
)
def test_a_quantifier_alone_is_a_subject(text: str, speaker: str) -> None:
    assert [a.speaker for a in analyze_article(text).attributions] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Some alleged abuses were never looked into by the board.", id="alleged-before-a-noun"),
        pytest.param("Many expected gains from the tolls never came.", id="expected-before-a-noun"),
    ],
)
def test_a_participle_after_a_quantifier_is_no_cue(text: str) -> None:
    assert analyze_article(text).attributions == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A Harbour Herald poll showed the mayor ahead by 12 points.", id="outlet-poll"),
        pytest.param(
            "The latest Reuters/Ipsos survey found that most voters favoured the tolls.", id="wire-survey"
        ),
        pytest.param("A CNN analysis shows that the ferries ran late on most days.", id="outlet-analysis"),
    ],
)
def test_an_outlets_document_is_a_document(text: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.source_type, attribution.cue_class) == ("document", "document")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            "“Who will pay for the bridge?” Mayor Ilves asked on Monday.",
            "“Who will pay for the bridge?”",
            "Mayor Ilves",
            id="question-then-named-cue",
        ),
        pytest.param(
            "''Do you want the port sold to a stranger?'' said Kalev Sepp, a dock worker.",
            "''Do you want the port sold to a stranger?''",
            "Kalev Sepp, a dock worker",
            id="two-apostrophes-close-a-question",
        ),
    ],
)
def test_a_question_or_exclamation_takes_its_postposed_cue(text: str, content: str, speaker: str) -> None:
    attribution = _by_content(text, content)
    assert (attribution.content, attribution.speaker) == (content, speaker)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "On Harbour TV's “Morning Tide,” Mayor Ilves said the ferry would run again in May.",
            "Mayor Ilves",
            "the ferry would run again in May",
            id="a-show-after-a-possessive",
        ),
        pytest.param(
            'In an interview on "The Week Ahead," Kalev Sepp said that the port had been sold.',
            "Kalev Sepp",
            "that the port had been sold",
            id="a-show-after-on",
        ),
    ],
)
def test_a_quoted_title_is_no_quotation(text: str, speaker: str, content: str) -> None:
    assert [(a.speaker, a.content) for a in analyze_article(text).attributions] == [(speaker, content)]


def test_a_title_case_slogan_is_still_a_quotation() -> None:
    attribution = _by_content("“Build The Bridge Now,” Mayor Ilves said.", "Build The Bridge")
    assert (attribution.speaker, attribution.kind) == ("Mayor Ilves", "direct")


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "Crossing the strait in winter, the pilots said, can be deadly.",
            "the pilots",
            "Crossing the strait in winter, the pilots said, can be deadly",
            id="cue-inside-its-clause",
        ),
        pytest.param(
            "Whether the quay can be saved, Ms. Varga said, is not yet clear.",
            "Ms. Varga",
            "Whether the quay can be saved, Ms. Varga said, is not yet clear",
            id="a-clause-subject-before-the-cue",
        ),
    ],
)
def test_an_interjected_cue_reports_the_whole_clause(text: str, speaker: str, content: str) -> None:
    assert [(a.speaker, a.content) for a in analyze_article(text).attributions] == [(speaker, content)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The port reopened on Monday.\n\nContributing: Ann Lee and Kalev Sepp.", id="credit"),
        pytest.param("CORRECTION: An earlier version of this story misstated the toll.", id="correction"),
        pytest.param("Email: harbour@example.org with your questions about the tolls.", id="email"),
    ],
)
def test_furniture_labels_are_no_speakers(text: str) -> None:
    assert analyze_article(text).attributions == []


@pytest.mark.parametrize(
    ("text", "cue", "content", "cue_class"),
    [
        pytest.param(
            "Ilves called for a recount of the harbour vote.",
            "called for",
            "a recount of the harbour vote",
            "intention",
            id="called-for",
        ),
        pytest.param(
            "Sepp joked about moving the ferry to the island.",
            "joked about",
            "moving the ferry to the island",
            "speech",
            id="joked-about",
        ),
        pytest.param(
            "The pilots warned of storms in the strait this week.",
            "warned of",
            "storms in the strait this week",
            "speech",
            id="warned-of",
        ),
        pytest.param(
            "Ilves vowed to rebuild the quay by May.",
            "vowed",
            "to rebuild the quay by May",
            "speech",
            id="to-stays",
        ),
    ],
)
def test_a_cue_takes_the_preposition_of_its_complement(
    text: str, cue: str, content: str, cue_class: str
) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.cue, attribution.content, attribution.cue_class) == (cue, content, cue_class)
    assert text[attribution.cue_start : attribution.cue_end] == cue


def test_a_recipient_ending_the_sentence_is_no_content() -> None:
    (attribution,) = analyze_article(
        "The ferry will run again in May, port officials told the Harbour Herald."
    ).attributions
    assert (attribution.speaker, attribution.content) == ("port officials", "The ferry will run again in May")


def test_an_infinitive_after_the_cue_is_its_complement_not_a_circumstance() -> None:
    (attribution,) = analyze_article(
        "Despite the storm, the port continues to load grain every night."
    ).attributions
    assert (attribution.speaker, attribution.content, attribution.cue_class) == (
        "the port",
        "to load grain every night",
        "intention",
    )


def test_a_participle_after_a_number_is_no_cue() -> None:
    assert analyze_article("Ilves leads Sepp by roughly 270 pledged delegates.").attributions == []


def test_to_and_a_plural_noun_after_the_cue_is_a_circumstance() -> None:
    (attribution,) = analyze_article("The ferry will run again in May, Ilves said to reporters.").attributions
    assert (attribution.speaker, attribution.content) == ("Ilves", "The ferry will run again in May")


@pytest.mark.parametrize(
    ("text", "speaker", "resolved"),
    [
        pytest.param(
            "For months, Ilves has stayed out of the dispute, arguing that the port board should decide.",
            "Ilves",
            "Ilves",
            id="opening-phrase-before-the-subject-of-a-participle",
        ),
        pytest.param(
            "Hours later, Kalev Sepp returned the compliment, telling the Herald that Ilves was right.",
            "Kalev Sepp",
            "Kalev Sepp",
            id="opening-time-before-the-subject",
        ),
        pytest.param(
            "Lena Brandt, the port director, this past week announced that the quay would close.",
            "Lena Brandt, the port director,",
            "Lena Brandt",
            id="a-time-after-the-apposition",
        ),
        pytest.param(
            "Ona Petrauskas, the mother of a ferry worker, forcefully rejected the claim that it sank.",
            "Ona Petrauskas, the mother of a ferry worker,",
            "Ona Petrauskas",
            id="a-manner-adverb-after-the-apposition",
        ),
    ],
)
def test_times_and_opening_phrases_are_no_speakers(text: str, speaker: str, resolved: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.speaker, attribution.speaker_resolved) == (speaker, resolved)


@pytest.mark.parametrize(
    ("text", "speaker", "resolved"),
    [
        pytest.param(
            "Former Minister of Defence Ana Lind, a pilot, drew a contrast, saying the navy had left.",
            "Former Minister of Defence Ana Lind",
            "Ana Lind",
            id="title-of-office-before-a-participle",
        ),
        pytest.param(
            "Kalev Sepp changed his mind on the spot \u2013 saying he would vote for the tolls.",
            "Kalev Sepp",
            "Kalev Sepp",
            id="participle-after-a-dash",
        ),
    ],
)
def test_participle_clauses_and_titles_of_office(text: str, speaker: str, resolved: str) -> None:
    attribution = _by_content(text, "", "saying")
    assert (attribution.speaker, attribution.speaker_resolved) == (speaker, resolved)


@pytest.mark.parametrize(
    ("text", "speaker", "resolved"),
    [
        pytest.param(
            "“It is rotten,” said one engineer who inspected it for Lena Brandt but asked not to be named.",
            "one engineer who inspected it for Lena Brandt but asked not to be named",
            None,
            id="a-restrictive-relative-after-an-inverted-cue",
        ),
        pytest.param(
            "“We will strike,” said a Sepp supporter who runs the dockers' union.",
            "a Sepp supporter who runs the dockers' union",
            None,
            id="a-name-modifying-a-noun-is-not-who-speaks",
        ),
        pytest.param(
            "“We will strike,” said Sen. Dara Quint of Oregon.",
            "Sen. Dara Quint of Oregon",
            "Dara Quint",
            id="a-place-after-of-is-not-the-name",
        ),
        pytest.param(
            "“We will strike,” said harbour board chairman Kalev Sepp.",
            "harbour board chairman Kalev Sepp",
            "Kalev Sepp",
            id="the-name-after-a-description",
        ),
    ],
)
def test_whose_name_a_speaker_phrase_gives(text: str, speaker: str, resolved: str | None) -> None:
    attribution = _by_content(text, "”")
    assert (attribution.speaker, attribution.speaker_resolved) == (speaker, resolved)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He hosts the Harbour TV show “Morning Tide” every day.", id="tv-show"),
        pytest.param("Ilves spoke on a conference call with the ferry operators.", id="conference-call"),
    ],
)
def test_a_noun_like_cue_after_a_singular_modifier_is_a_noun(text: str) -> None:
    assert analyze_article(text).attributions == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("Ilves, speaking in Tallinn, said the quay would close.", "Ilves", id="participle"),
        pytest.param("Sepp, by contrast, said the quay would stay open.", "Sepp", id="adverbial"),
        pytest.param(
            "The survey, released on Monday, found that most pilots quit.", "The survey", id="past-participle"
        ),
        pytest.param(
            "Ilves, a harbour pilot, said the quay would close.", "Ilves, a harbour pilot,", id="apposition"
        ),
        pytest.param("Friday, he said the quay would close.", "he", id="a-day-is-no-name"),
        pytest.param("Perhaps, they said, the quay would close.", "they", id="an-adverb-is-no-name"),
        pytest.param(
            "At a stop in Haapsalu, Estonia, the harbour master said the quay would close.",
            "the harbour master",
            id="a-place-after-a-place",
        ),
    ],
)
def test_what_a_speaker_phrase_takes_from_its_commas(text: str, speaker: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert attribution.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The port authority later said the quay was safe.", "The port authority", id="later"),
        pytest.param("Ilves even suggested that the port be sold.", "Ilves", id="even"),
        pytest.param(
            "The harbour board on Tuesday said the quay was safe.", "The harbour board", id="on-a-day"
        ),
        pytest.param(
            "The harbour board issued a statement saying the quay was safe.",
            "The harbour board",
            id="issued-a-statement",
        ),
        pytest.param(
            "Ilves released a short video message saying the quay was safe.", "Ilves", id="released-a-message"
        ),
    ],
)
def test_words_between_the_speaker_and_the_cue_are_not_the_speaker(text: str, speaker: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert attribution.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "“It is rotten,” said Lena Brandt, a professor of engineering at Tartu University and a "
            "former head of the harbour board who has advised the mayor.",
            "Lena Brandt, a professor of engineering at Tartu University and a former head of the "
            "harbour board who has advised the mayor",
            id="a-long-apposition-runs-to-the-end",
        ),
        pytest.param(
            "“It is rotten,” said Kalev Sepp, who founded the dockers' union.",
            "Kalev Sepp, who founded the dockers' union",
            id="a-who-clause-describes-the-speaker",
        ),
        pytest.param(
            "“It is rotten,” said Kalev Sepp in the Harbour Herald.", "Kalev Sepp", id="where-not-who"
        ),
        pytest.param(
            "“It is rotten,” said Navy Lt. Ona Lind.", "Navy Lt. Ona Lind", id="a-rank-abbreviation"
        ),
        pytest.param(
            "“It is rotten,” said Sepp, whose union runs the quay.", "Sepp", id="a-whose-clause-is-left-out"
        ),
        pytest.param(
            "“It is rotten,” said Sepp, citing the inspectors.", "Sepp", id="a-participle-is-left-out"
        ),
    ],
)
def test_an_inverted_speaker_runs_to_its_sentence_end(text: str, speaker: str) -> None:
    attribution = _by_content(text, "rotten")
    assert attribution.speaker == speaker


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "Sepp said the ferry was sold in May, but Sepp gave no price.",
            "the ferry was sold in May",
            id="but-and-the-speakers-name",
        ),
        pytest.param(
            "Ilves stated that the board had seen the plan, which she described as reckless.",
            "that the board had seen the plan",
            id="which-and-the-speakers-pronoun",
        ),
        pytest.param(
            "Sepp said the ferry was sold in May, but Ilves kept the quay.",
            "the ferry was sold in May, but Ilves kept the quay",
            id="but-and-another-name-goes-on",
        ),
    ],
)
def test_a_trailing_clause_about_the_speaker_ends_the_content(text: str, content: str) -> None:
    assert analyze_article(text).attributions[0].content == content


@pytest.mark.parametrize(
    ("text", "cue_class"),
    [
        pytest.param(
            "The port authority did not respond to a request for comment.", "intention", id="no-response"
        ),
        pytest.param("Ilves did not reply to several emails on Monday.", "intention", id="no-reply"),
        pytest.param("Ilves did not say whether the ferry was sold.", "speech", id="a-content-stays-speech"),
    ],
)
def test_an_unanswered_request_is_no_statement(text: str, cue_class: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert attribution.cue_class == cue_class


def test_a_who_clause_reporting_words_of_its_own_is_not_the_speaker() -> None:
    text = "“Tolls are rising,” said Kalev Sepp, who noted that the ferry had lost half its riders."
    found = [(a.speaker, a.cue) for a in analyze_article(text).attributions]
    assert found == [("Kalev Sepp", "said"), ("Kalev Sepp", "noted")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "The quay is rotten, Ilves said Tuesday in Tallinn, noting the board “never listened.”",
            [("Ilves", "The quay is rotten"), ("Ilves", "the board “never listened.”")],
            id="a-place-then-a-participle-after-the-cue",
        ),
        pytest.param(
            "The quay was rotten all along, he said Wednesday on CNN's “Harbour Hour.”",
            [("he", "The quay was rotten all along")],
            id="a-show-after-the-outlet",
        ),
        pytest.param(
            "The ferry had “hit the bottom” of the strait, she said in a video message to the crews.",
            [("she", "The ferry had “hit the bottom” of the strait")],
            id="the-whole-medium-is-circumstance",
        ),
        pytest.param(
            "Recalling his “bad luck,” Sepp said, “The quay was rotten before I came.”",
            [("Sepp", "“The quay was rotten before I came.”")],
            id="a-quotation-after-the-cue-beats-a-phrase-before-it",
        ),
        pytest.param(
            "He said, “We won,” and she said, “We lost.”",
            [("He", "“We won,”"), ("she", "“We lost.”")],
            id="two-speakers-joined-by-and",
        ),
    ],
)
def test_what_follows_a_cue(text: str, found: list[tuple[str, str]]) -> None:
    assert [(a.speaker, a.content) for a in analyze_article(text).attributions] == found


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        pytest.param(
            "Ilves isn\u2019t saying which quay will close.", "isn\u2019t saying", "Ilves", id="isnt"
        ),
        pytest.param(
            "The board didn't disclose how much the ferry cost.", "didn't disclose", "The board", id="didnt"
        ),
        pytest.param("Sepp won't say whether he will run again.", "won't say", "Sepp", id="wont"),
    ],
)
def test_a_negated_auxiliary_belongs_to_the_cue(text: str, cue: str, speaker: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.cue, attribution.speaker) == (cue, speaker)


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        pytest.param(
            "He's telling allies that the quay will close.",
            "'s telling",
            "He",
            "that the quay will close",
            id="he-is-telling-allies",
        ),
        pytest.param(
            "They've said the quay is safe.", "'ve said", "They", "the quay is safe", id="they-have-said"
        ),
        pytest.param(
            "Sepp's aides said the quay is safe.",
            "said",
            "Sepp's aides",
            "the quay is safe",
            id="a-possessive-stays",
        ),
    ],
)
def test_an_auxiliary_written_as_a_clitic_belongs_to_the_cue(
    text: str, cue: str, speaker: str, content: str
) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.cue, attribution.speaker, attribution.content) == (cue, speaker, content)


def test_two_clauses_before_an_inverted_cue_are_its_content() -> None:
    text = (
        "Even if the board closed, some of its work would be done by the port, said Ilves, who was "
        "elected to the U.S. House in 2012."
    )
    (attribution,) = analyze_article(text).attributions
    assert (attribution.speaker_resolved, attribution.content) == (
        "Ilves",
        "Even if the board closed, some of its work would be done by the port",
    )


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "As the harbour master put it, “The quay is older than the town.”",
            "the harbour master",
            "“The quay is older than the town.”",
            id="as-x-put-it",
        ),
        pytest.param(
            "Ilves, the port's engineer, put it bluntly: “The bridge is finished.”",
            "Ilves, the port's engineer,",
            "“The bridge is finished.”",
            id="put-it-with-an-adverb-and-a-colon",
        ),
        pytest.param(
            "As Sepp puts it, the ferry costs more than it earns.",
            "Sepp",
            "the ferry costs more than it earns",
            id="puts-it-before-a-clause",
        ),
    ],
)
def test_put_it_reports_words(text: str, speaker: str, content: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.speaker, attribution.content, attribution.cue_class) == (speaker, content, "speech")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("She put it on the table before the vote.", id="put-it-somewhere"),
        pytest.param("The council put it to a vote on Monday.", id="put-it-to-a-vote"),
        pytest.param("Sepp puts the cost at two million euros.", id="puts-a-figure"),
    ],
)
def test_putting_a_thing_somewhere_reports_nothing(text: str) -> None:
    assert analyze_article(text).attributions == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Asked whether the quay would close, Sepp said no decision had been taken.",
            [(None, "Asked", "whether the quay would close"), ("Sepp", "said", "no decision had been taken")],
            id="asked-whether",
        ),
        pytest.param(
            "When asked about the fees, Ilves said that the reforms were needed.",
            [(None, "asked about", "the fees"), ("Ilves", "said", "that the reforms were needed")],
            id="when-asked-about",
        ),
        pytest.param(
            "Asked on Monday if the ferry would run, the operator replied, “Not this week.”",
            [(None, "Asked", "if the ferry would run"), ("the operator", "replied", "“Not this week.”")],
            id="asked-on-a-day",
        ),
        pytest.param(
            "But asked what the new fares would be, the board said they were not set.",
            [(None, "asked", "what the new fares would be"), ("the board", "said", "they were not set")],
            id="but-asked-what",
        ),
        pytest.param(
            "Asked about the strike, the dockers were evenly divided.",
            [(None, "Asked about", "the strike")],
            id="asked-with-no-cue-after",
        ),
    ],
)
def test_a_question_opening_the_sentence_is_asked_by_no_one_named(
    text: str, found: list[tuple[str | None, str, str]]
) -> None:
    attributions = analyze_article(text).attributions
    assert [(a.speaker, a.cue, a.content) for a in attributions] == found
    assert attributions[0].cue_class == "speech"


def test_a_question_does_not_take_the_speaker_before_it() -> None:
    text = "“The quay is safe,” Ilves said. Asked whether it would close, Sepp said it would not. “Never.”"
    attributions = analyze_article(text).attributions
    assert [(a.speaker, a.content) for a in attributions] == [
        ("Ilves", "“The quay is safe,”"),
        (None, "whether it would close"),
        ("Sepp", "it would not"),
        ("Sepp", "“Never.”"),
    ]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        pytest.param(
            "Sepp once backed the mayor, but now said the mayor had failed the port.",
            ("Sepp", "said", "the mayor had failed the port"),
            id="but-now-said",
        ),
        pytest.param(
            "Ilves said “no” twice, and specifically warned that the fees would rise.",
            ("Ilves", "warned", "that the fees would rise"),
            id="and-an-adverb-in-ly",
        ),
        pytest.param(
            "The board has criticised the fares, and on Monday vowed to cut them.",
            ("The board", "vowed", "to cut them"),
            id="and-a-day",
        ),
    ],
)
def test_a_coordinated_cue_after_an_adverb_shares_the_subject(
    text: str, second: tuple[str, str, str]
) -> None:
    attributions = analyze_article(text).attributions
    assert (attributions[-1].speaker, attributions[-1].cue, attributions[-1].content) == second
    assert second[0] not in attributions[0].content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "\"The harbour board still says 'trust us,' \" said Lea Sepp, a ferry captain.",
            "\"The harbour board still says 'trust us,' \"",
            id="a-space-before-the-closing-mark",
        ),
        pytest.param(
            "''The harbour board still says 'trust us,''' said Lea Sepp, a ferry captain.",
            "''The harbour board still says 'trust us,'''",
            id="three-apostrophes",
        ),
        pytest.param(
            "''The board's answer was 'wait,''' Lea Sepp said on Monday.",
            "''The board's answer was 'wait,'''",
            id="three-apostrophes-before-a-name",
        ),
    ],
)
def test_a_quotation_closing_on_a_nested_one_takes_its_cue(text: str, content: str) -> None:
    first = analyze_article(text).attributions[0]
    assert (first.speaker_resolved, first.content) == ("Lea Sepp", content)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param(
            "On fares, 47% say the board should cut them.", "47%", "the board should cut them", id="percent"
        ),
        pytest.param(
            "Some 42 percent backed the mayor, while 43 said the same of the governor.",
            "43",
            "the same of the governor",
            id="a-count",
        ),
        pytest.param(
            "Most backed the mayor, and more than 4 in 10 said the governor would do better.",
            "more than 4 in 10",
            "the governor would do better",
            id="more-than-a-share",
        ),
        pytest.param(
            "Of the delegates, 39 have said they back Sepp.", "39", "they back Sepp", id="a-count-with-have"
        ),
    ],
)
def test_a_count_or_share_of_people_speaks(text: str, speaker: str, content: str) -> None:
    last = analyze_article(text).attributions[-1]
    assert (last.speaker, last.content) == (speaker, content)


def test_a_space_alone_before_a_closing_mark_does_not_close_a_clause() -> None:
    # Tokenised text (a space before every mark): the quotation ends a sentence, not the cue's clause.
    text = "“ It is about the ferry . ” He said most riders want lower fares and the board agreed ."
    (attribution,) = analyze_article(text).attributions
    assert (attribution.speaker, attribution.content) == (
        "He",
        "most riders want lower fares and the board agreed",
    )


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        pytest.param(
            "The mayor mentioned the flooded ferry terminal twice.",
            "The mayor",
            "mentioned",
            "the flooded ferry terminal twice",
            id="mentioned-a-thing",
        ),
        pytest.param(
            "The port authority reported a loss of $4 million for the year.",
            "The port authority",
            "reported",
            "a loss of $4 million for the year",
            id="reported-a-sum",
        ),
        pytest.param(
            "Lea Sepp recalled her first winter on the island.",
            "Lea Sepp",
            "recalled",
            "her first winter on the island",
            id="recalled-an-event",
        ),
        pytest.param(
            "In his speech, Ilves did not mention the strike.",
            "Ilves",
            "did not mention",
            "the strike",
            id="base-form-after-an-auxiliary",
        ),
    ],
)
def test_a_verb_of_saying_reports_its_object(text: str, speaker: str, cue: str, content: str) -> None:
    (attribution,) = analyze_article(text).attributions
    assert (attribution.speaker, attribution.cue, attribution.content) == (speaker, cue, content)
    assert attribution.cue_class == "speech"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Lea Sepp reported from the harbour on Monday.", id="a-place"),
        pytest.param("The closure was first reported by the local radio.", id="a-passive-agent"),
        pytest.param("The ferry jobs report cheered the island's shopkeepers.", id="a-noun"),
        pytest.param("As the captain mentioned above, the fares will rise.", id="above"),
    ],
)
def test_a_verb_of_saying_without_an_object_reports_nothing(text: str) -> None:
    assert [a.cue for a in analyze_article(text).attributions if a.cue and "report" in a.cue] == []
    assert [a.cue for a in analyze_article(text).attributions if a.cue and "mention" in a.cue] == []


@pytest.mark.parametrize(
    "text",
    [
        "Officers responded to the scene and found two men shot.",
        "Just after 11:30 p.m. police responded to a shooting call in the 500 block of Hawthorne Drive.",
        "Deputies responding to reports of shots fired found a woman in the yard.",
    ],
)
def test_responding_to_a_scene_or_a_call_reports_no_words(text: str) -> None:
    cues = [a.cue or "" for a in analyze_article(text, None).attributions]
    assert not any(cue.startswith("respond") for cue in cues)


def test_responding_to_criticism_still_reports_what_was_said() -> None:
    said = analyze_article("The mayor responded that the plan was sound.", None).attributions
    assert [(a.speaker, a.content) for a in said] == [("The mayor", "that the plan was sound")]


def test_a_clock_time_before_the_subject_is_no_part_of_the_speaker() -> None:
    said = analyze_article("Just after 11:30 p.m. police said a man fired into a car.", None).attributions
    assert [a.speaker for a in said] == ["police"]
