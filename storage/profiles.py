"""What the outlet page and the event timeline read: an outlet's articles with what extraction found
of each, the kinds of source it cites, the events it covers, and when each article's versions came.

Reads like those of `newsprism.storage.reading`, kept apart because they serve one page's profile of
an outlet rather than storing or finding articles. Read-only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsprism.storage.models import Article, ArticleVersion, Attribution, Event, EventArticle


@dataclass(frozen=True, slots=True)
class ArticleHealth:
    """One stored article and which of its metadata extraction found (current version)."""

    id: int
    title: str | None
    published: datetime | None
    first_seen: datetime
    has_title: bool
    has_date: bool
    has_authors: bool
    has_text: bool


def outlet_article_health(session: Session, outlet_id: int) -> list[ArticleHealth]:
    """Every article of an outlet, newest first, with what its extraction found. Read-only."""
    text_length = func.length(func.trim(func.coalesce(ArticleVersion.text, "")))
    rows = session.execute(
        select(Article.id, Article.title, Article.published, Article.first_seen, Article.authors, text_length)
        .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
        .where(Article.outlet_id == outlet_id)
        .order_by(func.coalesce(Article.published, Article.first_seen).desc(), Article.id.desc())
    ).all()
    return [
        ArticleHealth(
            id,
            title,
            published,
            first_seen,
            bool(title and title.strip()),
            published is not None,
            bool(authors),
            bool(length),
        )
        for id, title, published, first_seen, authors, length in rows
    ]


def outlet_source_types(session: Session, outlet_id: int) -> list[tuple[datetime, str, int]]:
    """(when the article appeared, source type, attributions) over the current versions of an
    outlet's articles: how its reliance on kinds of source moves over time. Read-only."""
    when = func.coalesce(Article.published, Article.first_seen)
    count = func.count(Attribution.id)
    rows = session.execute(
        select(Article.id, when, Attribution.source_type, count)
        .join(Attribution, Attribution.version_id == Article.current_version_id)
        .where(Article.outlet_id == outlet_id)
        .group_by(Article.id, when, Attribution.source_type)
    ).all()
    return [(moment, str(kind), int(n)) for _, moment, kind, n in rows]


@dataclass(frozen=True, slots=True)
class CoveredEvent:
    """An event an outlet covers: how many of its articles are in it, and how many outlets in all."""

    id: int
    title: str
    first_published: datetime | None
    articles: int
    outlets: int


def outlet_events(session: Session, outlet_id: int) -> list[CoveredEvent]:
    """The events an outlet has articles in, most recent first. Read-only."""
    mine = (
        select(EventArticle.event_id, func.count(EventArticle.article_id).label("articles"))
        .join(Article, Article.id == EventArticle.article_id)
        .where(Article.outlet_id == outlet_id)
        .group_by(EventArticle.event_id)
        .subquery()
    )
    outlets = (
        select(EventArticle.event_id, func.count(func.distinct(Article.outlet_id)).label("outlets"))
        .join(Article, Article.id == EventArticle.article_id)
        .group_by(EventArticle.event_id)
        .subquery()
    )
    rows = session.execute(
        select(Event.id, Event.title, Event.first_published, mine.c.articles, outlets.c.outlets)
        .join(mine, mine.c.event_id == Event.id)
        .join(outlets, outlets.c.event_id == Event.id)
        .order_by(Event.first_published.desc(), Event.id.desc())
    ).all()
    return [CoveredEvent(int(i), str(t), f, int(a), int(o)) for i, t, f, a, o in rows]


def version_times(session: Session, article_ids: Iterable[int]) -> dict[int, list[datetime]]:
    """When each version of the given articles was fetched, oldest first, by article id. Read-only."""
    ids = sorted(set(article_ids))
    times: dict[int, list[datetime]] = defaultdict(list)
    if not ids:
        return {}
    rows = session.execute(
        select(ArticleVersion.article_id, ArticleVersion.fetched_at)
        .where(ArticleVersion.article_id.in_(ids))
        .order_by(ArticleVersion.article_id, ArticleVersion.number)
    ).all()
    for article_id, fetched_at in rows:
        times[int(article_id)].append(fetched_at)
    return dict(times)
