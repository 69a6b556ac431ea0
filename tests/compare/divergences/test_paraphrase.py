"""What the coverage gaps count as one fact told in other words (`compare/divergences/paraphrase.py`)."""

from __future__ import annotations

import pytest

from newsprism.compare.divergences.paraphrase import OutletWording, meaning_terms, states_otherwise


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        (
            "the suspect fired at the squad car",
            "a number of shots at the vehicles of responding officers",
            {"gunfire", "vehicle"},
        ),
        ("an argument escalated", "after a verbal and physical altercation", {"dispute"}),
        ("a handgun was recovered by deputies", "officers found a pistol", {"gun", "police"}),
        ("six children were inside the home", "6 kids were in the house", {"6", "child", "home"}),
    ],
    ids=["fired-shots-car-vehicle", "argument-altercation", "handgun-pistol", "number-words-as-digits"],
)
def test_words_reporters_use_for_one_another_share_a_meaning(
    first: str, second: str, shared: set[str]
) -> None:
    assert shared <= meaning_terms(first) & meaning_terms(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("a gun was found", "shots were fired"), ("the mayor spoke", "the police spoke")],
    ids=["a-gun-is-not-gunfire", "mayor-is-not-police"],
)
def test_words_that_only_relate_keep_their_own_meaning(first: str, second: str) -> None:
    assert not (meaning_terms(first) & meaning_terms(second)) - meaning_terms("spoke")


def test_a_figure_of_the_fact_must_be_told_too() -> None:
    core = meaning_terms("Six children were inside the home when the shots were fired")
    one_child = OutletWording.of([meaning_terms("A child inside the home was hurt when shots were fired")])
    six_kids = OutletWording.of([meaning_terms("Shots were fired while 6 kids were inside the house")])
    assert not states_otherwise(core, one_child)
    assert states_otherwise(core, six_kids)


def test_the_least_number_of_meanings_held_is_a_floor_under_the_half() -> None:
    core = frozenset({"gunman", "vehicle", "dark", "flee"})
    two = OutletWording.of([frozenset({"gunman", "vehicle", "police"})])
    assert states_otherwise(core, two)
    assert not states_otherwise(core, two, least=3)
