"""The outlet page's periods: sized to the outlet's history, labelled for a reader, and the share of
pages with each piece of metadata counted per period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsprism.storage.profiles import ArticleHealth
from newsprism.web.outlet_profile import (
    MOST_PERIODS,
    health_by_period,
    period_label,
    period_of,
    period_size,
    reliance_by_period,
)

START = datetime(2023, 9, 14, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("days", "size"),
    [
        pytest.param(0, "day", id="one-day"),
        pytest.param(31, "day", id="a-month"),
        pytest.param(32, "week", id="past-a-month"),
        pytest.param(183, "week", id="half-a-year"),
        pytest.param(184, "month", id="past-half-a-year"),
    ],
)
def test_period_size_follows_the_history(days: int, size: str) -> None:
    assert period_size([START, START + timedelta(days=days)]) == size


@pytest.mark.parametrize(
    ("size", "key", "label"),
    [
        pytest.param("day", "2023-09-14", "14 Sep 2023", id="day"),
        pytest.param("week", "2023 week 37", "2023 week 37", id="week"),
        pytest.param("month", "2023-09", "Sep 2023", id="month"),
    ],
)
def test_periods_sort_by_key_and_read_by_label(size: str, key: str, label: str) -> None:
    assert period_of(START, size) == key and period_label(key, size) == label


def _article(day: int, *, title: bool = True, published: bool = True, authors: bool = False) -> ArticleHealth:
    seen = START + timedelta(days=day)
    return ArticleHealth(
        day, "t" if title else None, seen if published else None, seen, title, published, authors, True
    )


def test_health_counts_each_fields_share_per_period() -> None:
    articles = [_article(0), _article(0, title=False, authors=True), _article(1, published=False)]
    periods = health_by_period(articles, "day")
    assert [(p.period, p.pages) for p in periods] == [("14 Sep 2023", 2), ("15 Sep 2023", 1)]
    assert periods[0].shares == {"title": 50, "date": 100, "authors": 50, "text": 100}
    assert periods[1].shares["date"] == 0


def test_only_the_most_recent_periods_are_kept() -> None:
    articles = [_article(day) for day in range(MOST_PERIODS + 5)]
    periods = health_by_period(articles, "day")
    assert len(periods) == MOST_PERIODS and periods[-1].period == period_label(
        period_of(START + timedelta(days=MOST_PERIODS + 4), "day"), "day"
    )


def test_reliance_by_period_stacks_source_types_in_time_order() -> None:
    citations = [(START + timedelta(days=1), "agency", 2), (START, "official", 3), (START, "agency", 1)]
    chart = reliance_by_period(citations, "day")
    assert [(row.outlet, row.total) for row in chart.rows] == [("14 Sep 2023", 4), ("15 Sep 2023", 2)]
    assert [(p.source_type, p.count) for p in chart.rows[0].pieces] == [("agency", 1), ("official", 3)]
