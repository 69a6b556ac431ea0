"""Sentence ends around quotations: where a closing mark ends a sentence and where its cue follows."""

from __future__ import annotations

import pytest

from newsprism.compare.article.sentences import sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“Who pays for the bridge?” Mayor Ilves asked. “Not us.”",
            ["“Who pays for the bridge?” Mayor Ilves asked.", "“Not us.”"],
            id="a-named-cue-after-a-question",
        ),
        pytest.param(
            "''We won!'' Lund said on Sunday. The count went on.",
            ["''We won!'' Lund said on Sunday.", "The count went on."],
            id="two-apostrophes-and-an-exclamation",
        ),
        pytest.param(
            "“Who pays for the bridge?” Taxes rose anyway.",
            ["“Who pays for the bridge?”", "Taxes rose anyway."],
            id="a-new-sentence-after-a-question",
        ),
        pytest.param(
            "Who pays? Mayor Ilves said the city would.",
            ["Who pays?", "Mayor Ilves said the city would."],
            id="no-quotation-no-join",
        ),
    ],
)
def test_a_question_in_quotes_keeps_its_named_cue(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "She joined the U.S. Senate in 2010.", ["She joined the U.S. Senate in 2010."], id="us-senate"
        ),
        pytest.param(
            "He moved to the U.S. The next year he ran.",
            ["He moved to the U.S.", "The next year he ran."],
            id="us-then-a-new-sentence",
        ),
    ],
)
def test_a_country_abbreviation_before_one_of_its_bodies_ends_no_sentence(
    text: str, expected: list[str]
) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Two people died at an apartment complex.Deputies said a car drove up.",
            ["Two people died at an apartment complex.", "Deputies said a car drove up."],
            id="a-lost-line-break",
        ),
        pytest.param(
            "The shots came at 6:30 p.m.Police say the car fled.",
            ["The shots came at 6:30 p.m.", "Police say the car fled."],
            id="after-p.m.",
        ),
        pytest.param(
            'He stayed at the scene.\u201cWe kept our son close," she said.',
            ["He stayed at the scene.", '\u201cWe kept our son close," she said.'],
            id="before-an-opening-quote",
        ),
        pytest.param(
            "Mr.Smith moved to St.Louis in May.",
            ["Mr.Smith moved to St.Louis in May."],
            id="abbreviations-glued-to-a-name",
        ),
    ],
)
def test_two_sentences_glued_without_a_space_are_two(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_a_reference_mark_after_the_stop_ends_the_sentence_with_it() -> None:
    text = "He purchased some coffee.[9] He was later seen sitting in his car."
    assert _texts(text) == ["He purchased some coffee.[9]", "He was later seen sitting in his car."]
