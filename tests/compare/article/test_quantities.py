"""Quantities on hand-written sentences: values, units, concepts, ranges, approximations, changes."""

from __future__ import annotations

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import Quantity


def _quantities(text: str) -> list[Quantity]:
    return analyze_article(text).quantities


@pytest.mark.parametrize(
    ("text", "value", "high", "unit", "concept", "change"),
    [
        ("The governor handed over five kamikaze drones.", 5, None, "drone", "kamikaze drones", "="),
        ("Officials counted a dozen tents by the river.", 12, None, "tent", "tents", "="),
        ("The fund holds 1.5 million shares.", 1_500_000, None, "share", "shares", "="),
        ("The city borrowed $2 billion last year.", 2_000_000_000, None, "dollar", None, "="),
        ("It ended a six-day visit to the coast.", 6, None, "day", "visit", "="),
        ("Tens of thousands of people marched.", 10_000, 100_000, "people", "people", "="),
        ("Prices rose by 3.5% in May.", 3.5, None, "percent", "prices", "up"),
        ("Exports fell 12 per cent.", 12, None, "percent", "exports", "down"),
        ("About 40 families were moved.", 40, None, "family", "families", "approx"),
        ("Turnout was between 55 and 60 percent.", 55, 60, "percent", None, "="),
        ("The repairs will cost €300,000.", 300_000, None, "euro", None, "="),
        ("The trucks drove 120 km to the depot.", 120, None, "km", None, "="),
        ("Twenty-five volunteers arrived.", 25, None, "volunteer", "volunteers", "="),
        ("Storms left hundreds of homes without power.", 100, 1000, "home", "homes", "="),
        ("The temperature dropped to minus 12 degrees.", -12, None, "degree", None, "down"),
        ("A 34-year-old driver was arrested.", 34, None, "year-old", "driver", "="),
        (
            "The governor, Oleg Kozhemyako, gave Kim six kamikaze drones.",
            6,
            None,
            "drone",
            "kamikaze drones",
            "=",
        ),
        ("The envoy gave Ilves 12 signed letters.", 12, None, "letter", "signed letters", "="),
        ("Pharmacies sell Tylenol 500mg tablets.", 500, None, "mg", None, "="),
        ("Nearly two-thirds of the voters stayed home.", 2 / 3, None, "voter", "voters", "approx"),
        ("A third of the harbour workers went on strike.", 1 / 3, None, "worker", "harbour workers", "="),
        ("One in five households has no car.", 0.2, None, "household", "households", "="),
        ("Fees run 15 per cent to 20 per cent of the profit.", 15, 20, "percent", None, "="),
        (
            "Bitcoin fell from $36,040 at 10.45pm last night to $34,935 at dawn.",
            36_040,
            34_935,
            "dollar",
            None,
            "down",
        ),
        ("Mileage rose from 20 mpg in 2008 to 29 mpg in 2020.", 20, 29, "mpg", None, "up"),
        ("The error rate fell to .001 per cent.", 0.001, None, "percent", None, "down"),
    ],
    ids=[
        "count-concept",
        "a-dozen",
        "scale-word",
        "currency-billion",
        "hyphen-duration",
        "tens-of-thousands",
        "rose-by-percent",
        "fell-per-cent",
        "approximation",
        "between-range",
        "euro",
        "kilometres",
        "compound-word",
        "hundreds-of",
        "minus",
        "age",
        "number-after-a-name",
        "digits-after-a-name",
        "unit-after-a-name",
        "fraction-two-thirds",
        "fraction-a-third",
        "one-in-five",
        "range-without-from",
        "range-words-between",
        "range-after-a-year",
        "leading-decimal-point",
    ],
)
def test_quantity(
    text: str, value: float, high: float | None, unit: str, concept: str | None, change: str
) -> None:
    quantities = _quantities(text)
    assert len(quantities) == 1, quantities
    quantity = quantities[0]
    assert quantity.value == pytest.approx(value)
    assert quantity.value_high == (None if high is None else pytest.approx(high))
    assert quantity.unit == unit
    assert quantity.concept == concept
    assert quantity.change == change
    assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1994 after long talks.",
        "The meeting is on September 13 in the capital.",
        "Voting closes at 8 p.m. on the island.",
        "The COVID-19 ward reopened.",
        "She bought the new iPhone 15 in the spring.",
        "No one knew where the boat had gone.",
        "The team finished in the bottom three.",
        "They played a long game of chess.",
        "Sales doubled in the first half of the year.",
        "The category 4 storm reached the coast.",
        "The Big 12 schools met in Dallas.",
    ],
    ids=[
        "year",
        "date",
        "clock-time",
        "identifier",
        "product-number",
        "pronoun-one",
        "bare-word-number",
        "article-a",
        "first-half-of",
        "category-number",
        "name-with-number",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert _quantities(text) == []


def test_increase_by_then_level_is_two_quantities() -> None:
    quantities = _quantities("The deficit increased by $40 billion to $400 billion.")
    assert [q.value for q in quantities] == [40e9, 400e9]
    assert quantities[0].change == "up"


def test_from_to_with_units_is_one_range() -> None:
    (quantity,) = _quantities("Fees range from 1 per cent to 1.5 per cent.")
    assert (quantity.value, quantity.value_high, quantity.unit) == (1, 1.5, "percent")


def test_json_keeps_integers_whole() -> None:
    (quantity,) = _quantities("Police found seven boats.")
    assert quantity.to_json()["value"] == 7
    assert "value_high" not in quantity.to_json()
