"""The outlet page's profile of one outlet: what it covers, which kinds of source it leans on over
time, and how well its pages are extracted over time (the share with a title, a date, authors, text).

Time is cut into periods sized to the outlet's history (days for a month of articles, weeks for half
a year, months beyond), so a new outlet and an old one both get a readable handful of bars. Read-only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from newsprism.compare.reports.view import RelianceChart, stacked_chart
from newsprism.storage.articles import outlet_named
from newsprism.storage.profiles import (
    ArticleHealth,
    outlet_article_health,
    outlet_events,
    outlet_source_types,
)

# Beyond these spans a finer period would give more bars than a reader can compare.
DAYS_AS_DAYS = 31
DAYS_AS_WEEKS = 183
MOST_PERIODS = 24  # the most recent ones are shown
RECENT_ARTICLES = 20
HEALTH_FIELDS = ("title", "date", "authors", "text")


def period_size(moments: Sequence[datetime]) -> str:
    """`day`, `week` or `month`: the period that cuts this history into a readable number of bars."""
    if not moments:
        return "day"
    days = (max(moments) - min(moments)).days
    return "day" if days <= DAYS_AS_DAYS else "week" if days <= DAYS_AS_WEEKS else "month"


def period_of(moment: datetime, size: str) -> str:
    """The period a moment falls in, as a label that sorts in time order.

    >>> period_of(datetime(2023, 9, 17), "week")
    '2023 week 37'
    """
    if size == "day":
        return f"{moment:%Y-%m-%d}"
    if size == "week":
        year, week, _ = moment.isocalendar()
        return f"{year} week {week:02d}"
    return f"{moment:%Y-%m}"


def period_label(key: str, size: str) -> str:
    """A period key of `period_of` as a reader writes it (`2023-09-14` is `14 Sep 2023`).

    >>> period_label("2023-09", "month")
    'Sep 2023'
    """
    if size == "day":
        day = datetime.strptime(key, "%Y-%m-%d")
        return f"{day.day} {day:%b %Y}"
    if size == "month":
        return f"{datetime.strptime(key, '%Y-%m'):%b %Y}"
    return key


def appeared(article: ArticleHealth) -> datetime:
    """When an article appeared: its publication, else when the crawler first saw it."""
    return article.published or article.first_seen


@dataclass(frozen=True, slots=True)
class HealthPeriod:
    """The articles first seen in one period and the share of them with each piece of metadata."""

    period: str
    pages: int
    shares: dict[str, int]  # field: whole percent


def health_by_period(articles: Sequence[ArticleHealth], size: str) -> list[HealthPeriod]:
    """Extraction health per period, oldest first. An article counts in the period it appeared
    (published, else first seen): the same clock as the source chart beside it."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    pages: Counter[str] = Counter()
    for article in articles:
        period = period_of(appeared(article), size)
        pages[period] += 1
        flags = (article.has_title, article.has_date, article.has_authors, article.has_text)
        found[period].update(name for name, present in zip(HEALTH_FIELDS, flags, strict=True) if present)
    periods = sorted(pages)[-MOST_PERIODS:]
    shares = {p: {name: round(100 * found[p][name] / pages[p]) for name in HEALTH_FIELDS} for p in periods}
    return [HealthPeriod(period_label(p, size), pages[p], shares[p]) for p in periods]


def reliance_by_period(citations: Sequence[tuple[datetime, str, int]], size: str) -> RelianceChart:
    """Citations stacked by source type, one bar per period, oldest first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for moment, kind, n in citations:
        counts[period_of(moment, size)][kind] += n
    periods = sorted(counts)[-MOST_PERIODS:]
    return stacked_chart([(period_label(p, size), counts[p], "") for p in periods])


def outlet_profile(session: Session, name: str) -> dict[str, Any]:
    """Everything the outlet page shows of the outlet `name`; NotFoundError when there is none."""
    outlet = outlet_named(session, name)
    articles = outlet_article_health(session, outlet.id)
    citations = outlet_source_types(session, outlet.id)
    size = period_size([appeared(a) for a in articles])
    return {
        "outlet": {
            "name": outlet.name,
            "homepage": outlet.homepage,
            "kind": outlet.kind,
            "country": outlet.country,
            "language": outlet.language,
            "articles": len(articles),
        },
        "events": outlet_events(session, outlet.id),
        "recent": articles[:RECENT_ARTICLES],
        "period": size,
        "health": health_by_period(articles, size),
        "reliance": reliance_by_period(citations, size),
    }
