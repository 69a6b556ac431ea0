"""Dates named in hand-written sentences, resolved against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.compare.article.dates import find_dates

PUBLISHED = date(2024, 4, 18)  # a Thursday


@pytest.mark.parametrize(
    ("text", "surface", "resolved"),
    [
        ("The convoy left on Sunday.", "on Sunday", date(2024, 4, 14)),
        ("The talks began last Tuesday.", "last Tuesday", date(2024, 4, 16)),
        ("The vote is due next Monday.", "next Monday", date(2024, 4, 22)),
        ("Ministers met on Thursday.", "on Thursday", date(2024, 4, 18)),
        ("The dam burst in February.", "February", date(2024, 2, 1)),
        ("The summit will be held in July.", "July", date(2024, 7, 1)),
        ("The ship sank on November 13.", "November 13", date(2023, 11, 13)),
        ("The law passed on 3 March 2021.", "3 March 2021", date(2021, 3, 3)),
        ("Polls opened yesterday.", "yesterday", date(2024, 4, 17)),
        ("The treaty dates from Jan. 5, 2020.", "Jan. 5, 2020", date(2020, 1, 5)),
    ],
    ids=[
        "on-weekday",
        "last-weekday",
        "next-weekday",
        "same-weekday",
        "month-past",
        "month-ahead",
        "month-day-last-year",
        "day-month-year",
        "yesterday",
        "abbreviated-month",
    ],
)
def test_resolved(text: str, surface: str, resolved: date) -> None:
    mentions = [m for m in find_dates(text, PUBLISHED) if m.text == surface]
    assert mentions, find_dates(text, PUBLISHED)
    assert mentions[0].resolved == resolved
    assert text[mentions[0].start : mentions[0].end] == surface


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Prices may rise again.", PUBLISHED) == []


def test_without_publication_date_only_full_dates_resolve() -> None:
    resolved = {m.text: m.resolved for m in find_dates("On Sunday, and on 3 March 2021.", None)}
    assert resolved == {"On Sunday": None, "3 March 2021": date(2021, 3, 3)}
