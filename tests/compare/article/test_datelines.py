"""Datelines found by their position and shape, and what the analysis does with them."""

# Typographic dashes are what these sentences hold, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.article.datelines import find_datelines


@pytest.mark.parametrize(
    ("text", "city", "wire"),
    [
        pytest.param("TROMSØ, Norway — Ice closed the fjord.", "TROMSØ", None, id="city-country-dash"),
        pytest.param(
            "ST. JOHN'S, Newfoundland (CP) -- Fog held.", "ST. JOHN'S", "CP", id="wire-double-hyphen"
        ),
        pytest.param("PORT MERIDA (Reuters) – The ferry sailed.", "PORT MERIDA", "Reuters", id="two-words"),
    ],
)
def test_dateline_shapes(text: str, city: str, wire: str | None) -> None:
    [dateline] = find_datelines(text)
    assert (text[dateline.city_start : dateline.city_end], dateline.wire) == (city, wire)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The NATO summit — held in May — ended early.", id="acronym-inside-sentence"),
        pytest.param("Ice closed the fjord, officials said.", id="no-capitals"),
    ],
)
def test_no_dateline_without_its_shape(text: str) -> None:
    assert find_datelines(text) == []


def test_dateline_of_a_later_paragraph_is_left_out_of_content() -> None:
    text = "Ice closed the fjord.\nTROMSØ, Norway — The port will reopen on Monday, the harbour master said."
    [attribution] = analyze_article(text).attributions
    assert attribution.content == "The port will reopen on Monday"


def test_the_wire_under_its_other_name_is_not_a_source() -> None:
    text = "OSLO (AFP) — Ministers would not say when the talks resume, Agence France-Presse reported."
    found = analyze_article(text).attributions
    assert [(a.speaker, a.content) for a in found] == [("Ministers", "when the talks resume")]


def test_another_wire_cited_stays_a_source() -> None:
    text = "OSLO (AFP) — The talks will resume in June, Reuters reported."
    assert [a.speaker for a in analyze_article(text).attributions] == ["Reuters"]
