"""Blocks of a street (`compare.claims.places`) and the place conflict they make."""

from __future__ import annotations

import pytest
from claim_events import conflict_summaries

from newsprism.compare.claims.places import block_claims
from newsprism.compare.types import Statement


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(c.subject, c.value) for c in block_claims(Statement("a", "O", "u", text, 0, len(text), 0))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shots were fired in the 2300 block of Washington Street East.", [("washington", "2300 block")]),
        ("The bar is located near 2500 W. Washington St. in the city.", [("washington", "2500 block")]),
        ("He was found in the 7500 block of South St. Lawrence on Friday.", [("st. lawrence", "7500 block")]),
        (
            "The party in the 2900 block of Aspen Meadow started around midnight.",
            [("aspen meadow", "2900 block")],
        ),
        ("Police said 2500 people attended the rally downtown.", []),
    ],
)
def test_a_sentence_gives_the_block_of_a_street(text: str, expected: list[tuple[str, str]]) -> None:
    assert _blocks(text) == expected


def _place_conflicts(*texts: str) -> list[str]:
    return conflict_summaries("place_conflict", *texts, days=tuple(range(1, len(texts) + 1)))


def test_two_blocks_of_one_street_are_a_place_conflict_whatever_its_kind_and_direction() -> None:
    first = "A man was shot outside a bar near 2500 W. Washington St. early Saturday, police said."
    second = "A man was shot outside a bar in the 2300 block of Washington Street East early Saturday."
    [summary] = _place_conflicts(first, second)
    assert "Washington" in summary
    assert "2500 W. Washington St." in summary
    assert "O1 published later" in summary


def test_one_block_or_an_article_naming_two_blocks_of_the_street_makes_no_conflict() -> None:
    scene = "A man was shot in the 400 block of Elm Street on Friday, police said."
    same = "Police said the man was shot at 412 Elm St. on Friday night."
    assert _place_conflicts(scene, same) == []
    chase = "A man was shot in the 400 block of Elm Street and fled to the 900 block of Elm Street."
    assert _place_conflicts(scene, chase) == []


def test_one_block_of_a_street_spelt_two_ways_is_a_name_conflict() -> None:
    first = "A man was shot in the 16400 block of Fairmount on Friday, police said."
    second = "A man was shot in the 16400 block of Fairmont on Friday, police said."
    summaries = conflict_summaries("name_conflict", first, second, days=(1, 2))
    assert any("spell a street differently" in s and "Fairmont" in s for s in summaries)
    numbered = conflict_summaries(
        "name_conflict",
        "Shots hit a car in the 3300 block of 8th Avenue.",
        "Shots hit a car in the 3300 block of 18th Avenue.",
        days=(1, 2),
    )
    assert not any("spell a street" in s for s in numbered)
