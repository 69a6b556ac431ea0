"""How the shooting came about (`compare.claims.manner`): accident, on purpose, or still open."""

from __future__ import annotations

import pytest
from claim_events import conflict_summaries

from newsprism.compare.claims.manner import ACCIDENT, ON_PURPOSE, OPEN, article_manner, manner_claims
from newsprism.compare.types import Statement


def _manner(text: str) -> list[str]:
    return [c.value for c in manner_claims(Statement("a", "O", "u", text, 0, len(text), 0))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A father accidentally shot his 9-month-old daughter while cleaning his gun.", [ACCIDENT]),
        ("Deputies are treating it as an accidental shooting.", [ACCIDENT]),
        ("The rifle went off accidentally in the truck.", [ACCIDENT]),
        ("Investigators believe the shooting was an accident.", [ACCIDENT]),
        ("Police said the gunman deliberately fired into the crowd.", [ON_PURPOSE]),
        ("The judge told him the shooting was not an accident.", [ON_PURPOSE]),
        ("Detectives believe the two men were targeted by the gunfire.", [ON_PURPOSE]),
        ("It is not clear whether the shooting was intentional or accidental.", [OPEN]),
        ("Detectives are trying to determine if the gun was fired on purpose.", [OPEN]),
        ("Police have not said whether the shooting was an accident.", [OPEN]),
        ('"We don\'t know if it was an accident yet," the lieutenant said of the shooting.', [OPEN]),
    ],
)
def test_a_sentence_tells_the_manner_by_its_structure(text: str, expected: list[str]) -> None:
    assert _manner(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a guess, a denial, a question without a frame, and accidents of another kind
        "He may have accidentally shot himself while showing friends the gun.",
        "It does not appear that anyone was targeted, police said after the gunfire.",
        "Whether it was an accident or not, the child should never have found the gun.",
        "Two students killed in a traffic accident were remembered before the shooting vigil.",
        "An accident reconstruction expert drew the diagram of where the officers fired.",
        "The boy was accidentally left alone at home on Tuesday.",
    ],
)
def test_guesses_denials_and_other_accidents_tell_no_manner(text: str) -> None:
    assert _manner(text) == []


def test_an_article_that_leaves_the_manner_open_answers_open() -> None:
    told = "The man told police he accidentally shot his daughter with his handgun."
    asked = (
        "Police are still trying to determine whether his claim that the shooting was an accident is true."
    )
    statements = [Statement("a", "O", "u", t, 0, len(t), i) for i, t in enumerate((told, asked))]
    assert [c.value for c in article_manner(statements)] == [OPEN]


def test_an_article_saying_both_an_accident_and_on_purpose_gives_no_answer() -> None:
    first = "Police first said the girl was shot by accident with her father's gun."
    second = "Prosecutors now say the shooting was no accident."
    statements = [Statement("a", "O", "u", t, 0, len(t), i) for i, t in enumerate((first, second))]
    assert article_manner(statements) == []


def _manner_conflicts(*texts: str, days: tuple[int, ...] = ()) -> list[str]:
    return conflict_summaries("manner_conflict", *texts, days=days)


def test_an_accident_against_a_question_still_open_is_a_manner_conflict_with_the_later_named() -> None:
    settled = "A Philadelphia man accidentally shot and killed his 4-year-old daughter, police said."
    open_ = "Police are investigating whether the shooting of the 4-year-old girl was accidental."
    [summary] = _manner_conflicts(open_, settled, days=(1, 2))
    assert "still open" in summary
    assert "O1 published later" in summary


def test_an_accident_against_on_purpose_is_a_manner_conflict() -> None:
    accident = "A 4-year-old girl was shot in her home in what police called an accidental shooting."
    purpose = "Prosecutors say the father shot the 4-year-old girl on purpose."
    [summary] = _manner_conflicts(accident, purpose)
    assert "still open" not in summary


def test_outlets_agreeing_on_the_manner_make_no_conflict() -> None:
    first = "A 3-year-old boy accidentally shot himself with a handgun he found in a car."
    second = "The shooting of the 3-year-old boy appears to be accidental, deputies said."
    assert _manner_conflicts(first, second) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said the toddler accidently shot himself in the chest.", [ACCIDENT]),
        ("The boy was wounded in what may have been an accidental shooting.", []),
        (
            "Police said the shooting appeared to be accidental, but they are not ruling out other causes.",
            [OPEN],
        ),
    ],
)
def test_a_misspelling_a_guess_and_a_cause_not_ruled_out(text: str, expected: list[str]) -> None:
    assert _manner(text) == expected
