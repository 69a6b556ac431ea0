"""Tolls read from the shapes met among the tune split's misread tolls (judged-tolls.json, even
incident ids): whose a count is, whom it leaves out and what hurt them. Sentences are our own."""

from __future__ import annotations

import pytest

from newsprism.compare.claims.casualties import casualty_claims
from newsprism.compare.types import Statement


def sentence(text: str, index: int = 0) -> Statement:
    return Statement("a", "Outlet", "https://a.example/1", text, 0, len(text), index)


def read(text: str, index: int = 0) -> set[tuple[str, str]]:
    return {(c.subject, c.value) for c in casualty_claims(sentence(text, index))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marta and her two sons were shot dead in the farmhouse.", {("killed", "3")}),
        ("A woman and her three daughters were killed in the fire-lit house.", {("killed", "4")}),
        ("He and his two young nephews were wounded by the stray bullets.", {("injured", "3")}),
        ("Two brothers were shot and killed outside the store.", {("killed", "2")}),
        # The possessive binds the kin to the person before it; anyone else named is not counted.
        ("Ramos and his lawyer said two people were hurt.", {("injured", "2")}),
        ("Ortega said three of her neighbours were hurt.", set()),
        ("Two brothers shot dead in Camden", {("killed", "2")}),
    ],
    ids=[
        "name-and-her-sons",
        "a-woman-and-her-daughters",
        "he-and-his-nephews",
        "kin-counted",
        "not-kin-of",
        "partitive",
        "kin-headline",
    ],
)
def test_a_person_and_their_kin_counted_are_one_subject(text: str, expected: set[tuple[str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        (
            "15-year-old girl killed, another teen wounded at bus stop",
            -1,
            {("killed", "1"), ("injured", "1")},
        ),
        (
            "One man was killed and another was wounded outside the bar.",
            0,
            {("killed", "1"), ("injured", "1")},
        ),
        ("A woman was shot dead and another woman was hurt.", 0, {("killed", "1"), ("injured", "1")}),
        # One of a list of the same role is no toll: `the other`, `another` shot as well.
        ("One was shot in the leg, and another was shot in the arm.", 0, set()),
        ("Police said one was shot in the thigh; the other was shot in the hand.", 0, set()),
        # Another incident, not another person: the sentence is not this event's.
        ("A man was killed, and another shooting wounded two people.", 0, set()),
    ],
    ids=[
        "headline-killed-another-wounded",
        "one-and-another",
        "another-of-a-noun",
        "same-role",
        "the-other",
        "another-shooting",
    ],
)
def test_one_of_a_role_and_another_of_another_role_are_two_tolls(
    text: str, index: int, expected: set[tuple[str, str]]
) -> None:
    assert read(text, index) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six students were injured in a brawl at the middle school last week.", set()),
        ("About 20 people were hurt in the stampede as the crowd fled.", set()),
        ("Two others were hurt while fleeing the gunfire.", set()),
        ("Three people were injured in a crash during the chase.", set()),
        # What hurt them is the shooting, or is not said: the count stands.
        ("Two people were injured in the shooting at the bar.", {("injured", "2")}),
        ("Four people were wounded in a drive-by on Elm Street.", {("injured", "4")}),
        ("Two men were killed in a shootout with deputies.", {("killed", "2")}),
    ],
    ids=["brawl", "stampede", "while-fleeing", "crash", "the-shooting", "drive-by", "shootout"],
)
def test_people_hurt_by_another_cause_are_not_the_shooting_s_toll(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The man who admits killing three people at a clinic idolized a gunman who killed a doctor"
            " more than two decades earlier.",
            set(),
        ),
        ("Years before, two people were wounded in a shooting at the same park.", set()),
        # A span of time inside this event's own telling is no background.
        (
            "Two people were killed and three wounded, police said two hours later.",
            {("killed", "2"), ("injured", "3")},
        ),
    ],
    ids=["decades-earlier", "years-before", "hours-later"],
)
def test_a_toll_told_years_back_is_another_incident_s(text: str, expected: set[tuple[str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 17-year-old was charged Tuesday in the shooting death of a 15-year-old.", {("killed", "1")}),
        ("Two brothers are charged in the killings of four women at an apartment.", {("killed", "4")}),
        ("Police have a suspect in the fatal shooting of a teenage boy.", {("killed", "1")}),
        ("Deputies are investigating the slaying of two men near the river.", {("killed", "2")}),
        # A death of something that is no person, or of no count, is no toll.
        ("The death of a dream hit the family hard.", set()),
        ("He spoke about the deaths of his parents.", set()),
        # A death told as what came before the event is another incident's.
        ('Police are asking whether the shooting was "payback" for the slaying of a man on Monday.', set()),
        ("The attack comes after the shooting deaths of two teens recently.", set()),
        ("Three men are charged with the attempted murders of four teenagers.", set()),
    ],
    ids=[
        "shooting-death-of-an-age",
        "killings-of-four",
        "fatal-shooting-of",
        "slaying-of-two",
        "not-a-person",
        "no-count",
        "retaliation-for",
        "came-after",
        "attempted",
    ],
)
def test_a_death_of_people_counted_is_a_toll_of_the_killed(text: str, expected: set[tuple[str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 22-month-old boy was wounded in the drive-by, police said.", {("injured", "1")}),
        ("An 8-week-old girl was killed when the bullet came through the wall.", {("killed", "1")}),
        ("Two 10-month-old twins were hurt by flying glass and one bullet.", {("injured", "2")}),
        ("Three toddlers were wounded at the daycare.", {("injured", "3")}),
    ],
    ids=["months-old", "weeks-old", "twins", "toddlers"],
)
def test_the_youngest_are_counted_by_their_age_in_months_or_a_noun_of_infancy(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were found shot dead in a parked car.", {("killed", "2")}),
        ("Five people were found dead inside the home on Saturday.", {("killed", "5")}),
        ("Three people were found wounded near the trail.", {("injured", "3")}),
    ],
    ids=["found-shot-dead", "found-dead", "found-wounded"],
)
def test_people_found_dead_or_hurt_are_counted(text: str, expected: set[tuple[str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Man charged in Elmwood triple homicide", {("killed", "3")}),
        ("Police investigate a double killing on the east side.", {("killed", "2")}),
        ("Suspect arrested in quadruple murder at farmhouse", {("killed", "4")}),
        # A murder-suicide counts the shooter too; a shooting counts the wounded too.
        ("Police call it a double murder-suicide.", set()),
        ("Police investigate a double shooting on the east side.", set()),
    ],
    ids=["triple-homicide", "double-killing", "quadruple-murder", "murder-suicide", "double-shooting"],
)
def test_a_multiple_killing_counts_the_killed(text: str, expected: set[tuple[str, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One man died, and six others were being treated at local hospitals Saturday.",
            [("hospitalised", "6")],
        ),
        ("Ten victims were treated at Bridgeport Hospital, police said.", [("hospitalised", "10")]),
        ("An eight victim was taken to hospital before police arrived.", []),
        ("Residents strolled by as a young man was being arrested.", []),
    ],
    ids=[
        "being-treated-at-hospitals",
        "treated-at-a-named-hospital",
        "an-ordinal-misspelt",
        "a-scene-of-an-arrest",
    ],
)
def test_people_treated_at_a_hospital_are_counted_and_a_misspelt_ordinal_is_not(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = casualty_claims(Statement("a", "A", "u", text, 0, len(text), 0))
    assert [(c.subject, c.value) for c in found if c.subject in ("hospitalised", "arrested")] == expected
