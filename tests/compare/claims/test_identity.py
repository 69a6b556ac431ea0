"""Whether the victims' names are out (`newsprism.compare.claims.identity`), and the conflict it makes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.claims.conflicts import claim_conflicts
from newsprism.compare.claims.identity import identity_status, named_claims, withheld_claims
from newsprism.compare.divergences.alignment import statements_of
from newsprism.compare.types import CoverageArticle, Divergence, Statement


def sentence(text: str) -> Statement:
    return Statement("a", "Outlet", "https://a.example/1", text, 0, len(text), 0)


def article(ident: str, outlet: str, text: str, day: int = 1) -> CoverageArticle:
    published = datetime(2024, 5, day, tzinfo=UTC)
    url = f"https://{ident}.example/a"
    return CoverageArticle(
        ident, outlet, url, "t", text, published, analysis=analyze_article(text, published.date())
    )


def identity_conflicts(*articles: CoverageArticle) -> list[Divergence]:
    found = claim_conflicts(list(articles), {a.id: statements_of(a) for a in articles})
    return [d for d in found if d.type == "identity_conflict"]


@pytest.mark.parametrize(
    "text",
    [
        "The victim's name has not been released.",
        "The names of those killed were not immediately released pending notification of relatives.",
        "Police did not identify any of the victims on Sunday.",
        "The woman killed has not yet been identified, the coroner said.",
        "The identity of the man is being withheld until his family is told.",
    ],
    ids=["not-released", "not-immediately", "did-not-identify", "not-yet-identified", "withheld"],
)
def test_a_victims_name_withheld_is_read(text: str) -> None:
    assert [c.value for c in withheld_claims(sentence(text))] == ["not released"]


@pytest.mark.parametrize(
    "text",
    [
        "The suspect's name has not been released.",
        "Police have not identified a suspect in the killing.",
        "Names of the officers involved were not released.",
        "The other victims have not been identified.",
        "Police have not released information on the condition of the wounded.",
        "An unidentified man walked into the store.",
    ],
    ids=["suspect", "suspect-object", "officers", "other-victims", "information", "a-description"],
)
def test_a_name_withheld_of_someone_else_or_no_name_at_all_is_not_read(text: str) -> None:
    assert withheld_claims(sentence(text)) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The medical examiner identified the dead man as 26-year-old Carl Vetter Jr.", ["Carl Vetter"]),
        ("Dana Orwell, 41, died at the scene, police said.", ["Dana Orwell"]),
        ("The victim, identified as Lorne Pike, was found in the yard.", ["Lorne Pike"]),
        ("Dana Orwell, 41, was charged with murder in the death of her neighbour.", []),
        ("A 19-year-old Brenton Falls man died at the hospital.", []),
        ("Police said 23-year-old Ray Adley shot three people before fleeing.", []),
        ("Dana Orwell, 41, said she heard shots across the street.", []),
    ],
    ids=["identified-as", "name-age-died", "identified-as-apposition", "charged", "town", "agent", "witness"],
)
def test_a_victim_is_named_only_in_a_sentence_of_harm_and_not_as_the_one_who_did_it(
    text: str, names: list[str]
) -> None:
    assert [c.value for c in named_claims(sentence(text))] == names


def test_an_article_that_names_one_victim_and_withholds_another_names_its_victims() -> None:
    told = "Dana Orwell, 41, died at the scene. The name of a second man killed was not released."
    assert identity_status(statements_of(article("a", "A", told))).answer is True


def test_a_victim_named_by_a_later_story_against_a_name_withheld_is_an_identity_conflict() -> None:
    first = article(
        "a", "Sunday Post", "A man was shot dead on Elm Street. His name has not been released.", 1
    )
    later = article(
        "b", "Monday Times", "A man shot dead on Elm Street was identified as Lorne Pike, 34, of Harlow.", 2
    )
    (found,) = identity_conflicts(first, later)
    assert "Monday Times names the victim (Lorne Pike)" in found.summary
    assert "Sunday Post says the name has not been released" in found.summary
    assert "Monday Times published later" in found.summary
    assert {c.outlet for c in found.claims} == {"Sunday Post", "Monday Times"}


@pytest.mark.parametrize(
    "withheld",
    [
        "Two women died in the shooting on Elm Street. Police have withheld the names of the two survivors.",
        "Two died on Elm Street. The identity of the 14-year-old boy also killed has not been released.",
    ],
    ids=["the-wounded-against-the-dead", "ages-differ"],
)
def test_a_withheld_name_of_another_person_than_the_one_named_is_no_conflict(withheld: str) -> None:
    named = "Dana Orwell, 41, died in the shooting on Elm Street, police said."
    assert identity_conflicts(article("a", "A", withheld), article("b", "B", named, 2)) == []


def test_an_outlet_that_named_the_victim_in_another_story_is_no_side() -> None:
    early = article("a", "Post", "A man was shot dead on Elm Street. His name has not been released.", 1)
    late = article("b", "Post", "The man shot dead on Elm Street was identified as Lorne Pike.", 2)
    other = article("c", "Times", "A man was shot dead on Elm Street. Lorne Pike, 34, died at the scene.", 2)
    assert identity_conflicts(early, late, other) == []
