"""Rule-based entities on hand-written text: labels, trimming and alias merging within an article."""

from __future__ import annotations

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import Entity


def _entities(text: str) -> list[Entity]:
    return analyze_article(text).entities


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("The delegation flew to Vladivostok on Monday.", "Vladivostok", "GPE"),
        ("Talks were held in North Korea and Norway.", "North Korea", "GPE"),
        ("The Russian navy sailed at dawn.", "Russian", "NORP"),
        ("A spokesman for the Defence Ministry declined to comment.", "Defence Ministry", "ORG"),
        ("The Kremlin said nothing.", "Kremlin", "ORG"),
        ("President Ilse Varga opened the session.", "Ilse Varga", "PERSON"),
        ("Ships crossed the Black Sea overnight.", "Black Sea", "LOC"),
        ("Teams arrived for the Winter Olympics in the north.", "Winter Olympics", "EVENT"),
        ("Reporters from KCNA were present.", "KCNA", "ORG"),
    ],
    ids=[
        "city",
        "country",
        "nationality",
        "ministry",
        "gazetteer-org",
        "titled-person",
        "sea",
        "event",
        "acronym",
    ],
)
def test_label(text: str, surface: str, label: str) -> None:
    matches = [e for e in _entities(text) if e.text == surface]
    assert matches, _entities(text)
    assert matches[0].label == label


def test_surname_and_first_token_merge_with_the_full_name() -> None:
    text = (
        "North Korean leader Kim Jong Un left by train. Kim waved from the platform.\n"
        "Defence minister Sergei Shoigu saw him off. Shoigu later flew home."
    )
    canon = {e.text: e.canonical for e in _entities(text) if e.label == "PERSON"}
    assert canon["Kim"] == "Kim Jong Un"
    assert canon["Shoigu"] == "Sergei Shoigu"


def test_aliases_of_one_country_share_a_canonical_name() -> None:
    text = "The U.S. and the United States Navy are not the same; America said so."
    canonicals = {e.text: e.canonical for e in _entities(text)}
    assert canonicals["U.S."] == "United States"
    assert canonicals["America"] == "United States"


def test_sentence_initial_words_and_possessives_are_trimmed() -> None:
    text = "Later, Putin's aides met. The ministry's envoy left."
    surfaces = [e.text for e in _entities(text)]
    assert "Later" not in surfaces
    assert "Putin" in surfaces
    for entity in _entities(text):
        assert text[entity.start : entity.end] == entity.text
