"""Events, the groups of articles about one story: saving what grouping found, the fingerprint that
lets a pass skip regrouping, and reading events for the list, the reports and the pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from newsprism.errors import NotFoundError
from newsprism.storage.bulk import in_chunks
from newsprism.storage.models import (
    Article,
    ArticleVersion,
    Event,
    EventArticle,
    GroupingState,
    Outlet,
    table_of,
)


@dataclass(frozen=True, slots=True)
class EventMembership:
    """An event found by grouping, keyed stably, with the ids of its articles."""

    key: str
    title: str
    article_ids: list[int]
    similarities: dict[int, float] = field(default_factory=dict)


def save_events(session: Session, groups: Iterable[EventMembership]) -> list[Event]:
    """Create or update events from grouping; an article moves to the event that now holds it. Flushes.

    Set-based (a few statements for any number of events): regrouping after every crawl pass
    rewrites every event, and a query or two per event cost more than the grouping itself.
    """
    groups = list(groups)
    known = {event.key: event for event in session.scalars(select(Event))}
    events = [known.get(group.key) or Event(key=group.key) for group in groups]
    for event, group in zip(events, groups, strict=True):
        event.title = group.title
    session.add_all(events)
    session.flush()
    _set_memberships(session, events, groups)
    _set_spans(session, events)
    return events


def _set_memberships(session: Session, events: list[Event], groups: list[EventMembership]) -> None:
    """Membership rows as grouping found them: an article that left a saved event or moved to another
    is deleted (and inserted again where it moved), one that stayed only gets its new similarity."""
    wanted = {
        article_id: (event.id, group.similarities.get(article_id, 1.0))
        for event, group in zip(events, groups, strict=True)
        for article_id in group.article_ids
    }
    saved = {event.id for event in events}
    table = table_of(EventArticle)
    current = {row.article_id: (row.event_id, row.similarity) for row in session.execute(select(table))}
    gone = {
        article_id
        for article_id, (event_id, _) in current.items()
        if wanted.get(article_id, (event_id,))[0] != event_id
        or (article_id not in wanted and event_id in saved)
    }
    for chunk in in_chunks(sorted(gone)):
        session.execute(delete(table).where(table.c.article_id.in_(chunk)))
    if joined := [a for a in wanted if a not in current or a in gone]:
        rows = [{"event_id": wanted[a][0], "article_id": a, "similarity": wanted[a][1]} for a in joined]
        session.execute(insert(table), rows)
    rescored = [a for a, old in current.items() if a in wanted and a not in gone and wanted[a] != old]
    if rescored:
        session.execute(
            update(table)
            .where(table.c.article_id == bindparam("member"))
            .values(similarity=bindparam("score")),
            [{"member": a, "score": wanted[a][1]} for a in rescored],
        )
    for event in events:  # collections loaded before would still show the old members
        session.expire(event, ["members"])


def _set_spans(session: Session, events: list[Event]) -> None:
    """Each event's first and last publication time, from its members, in one query."""
    spans = {
        event_id: (first, last)
        for event_id, first, last in session.execute(
            select(EventArticle.event_id, func.min(Article.published), func.max(Article.published))
            .join(Article, Article.id == EventArticle.article_id)
            .group_by(EventArticle.event_id)
        )
    }
    for event in events:
        event.first_published, event.last_published = spans.get(event.id, (None, None))
    session.flush()


def delete_empty_events(session: Session) -> int:
    """Remove events left without articles after re-grouping; returns how many. Flushes."""
    empty = session.scalars(
        select(Event).where(~select(EventArticle).where(EventArticle.event_id == Event.id).exists())
    ).all()
    for event in empty:
        session.delete(event)
    session.flush()
    return len(empty)


# Every input of event grouping, per article: the current version stands for its title and text (the
# article's metadata changes only with a new version), `analyzed` for its findings.
_GROUPING_INPUTS = (
    select(
        Article.id,
        Article.current_version_id,
        Article.syndicated_from_id,
        Article.published,
        ArticleVersion.analyzed,
    )
    .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
    .order_by(Article.id)
)


_EVENTS_STATE = "events"


@dataclass(frozen=True, slots=True)
class GroupingInputs:
    """A fingerprint of what event grouping would read now, and how many articles that is."""

    fingerprint: str
    articles: int


def grouping_inputs(session: Session, revision: str) -> GroupingInputs:
    """The fingerprint of every article's grouping inputs, and of the grouping `revision` (a new
    grouping rule regroups what an older one grouped). Read-only; 100,000 articles take well under
    a second, against 40 s to regroup them."""
    rows = session.execute(_GROUPING_INPUTS).all()
    digest = hashlib.sha256(revision.encode())
    digest.update("\n".join(f"{i},{v},{s},{p and p.isoformat()},{a}" for i, v, s, p, a in rows).encode())
    return GroupingInputs(digest.hexdigest(), len(rows))


def grouped_inputs(session: Session) -> str | None:
    """The fingerprint the stored events were grouped from; None before the first grouping."""
    return session.scalar(select(GroupingState.fingerprint).where(GroupingState.name == _EVENTS_STATE))


def record_grouping(session: Session, inputs: GroupingInputs, at: datetime) -> None:
    """Note that the stored events were grouped from `inputs`. Flushes."""
    state = session.get(GroupingState, _EVENTS_STATE) or GroupingState(name=_EVENTS_STATE)
    state.fingerprint, state.articles, state.grouped_at = inputs.fingerprint, inputs.articles, at
    session.add(state)
    session.flush()


def forget_grouping(session: Session) -> None:
    """The next regrouping regroups everything (findings were replaced in place)."""
    session.execute(delete(GroupingState).where(GroupingState.name == _EVENTS_STATE))


def count_events(session: Session, since: datetime | None = None) -> int:
    """How many events there are (of those last published from `since`). Read-only."""
    query = select(func.count()).select_from(Event)
    if since is not None:
        query = query.where(Event.last_published >= since)
    return session.scalar(query) or 0


def _events_in_order(since: datetime | None) -> Select[Event]:
    """Events, most covered first then newest (then by id), from `since` when given.

    Ordered in SQL, so that a page is cut there: the events page of a 100,000-article database
    loaded all 21,000 events and their 100,000 articles (7-8 s) to show 20 of them.
    """
    members = (
        select(EventArticle.event_id, func.count().label("members"))
        .group_by(EventArticle.event_id)
        .subquery()
    )
    query = (
        select(Event)
        .outerjoin(members, members.c.event_id == Event.id)
        .order_by(
            func.coalesce(members.c.members, 0).desc(), Event.last_published.desc().nulls_last(), Event.id
        )
    )
    return query if since is None else query.where(Event.last_published >= since)


def list_events(session: Session, since: datetime | None = None) -> Sequence[Event]:
    """Events, most covered first then newest, with their member articles loaded. Read-only."""
    query = _events_in_order(since).options(
        selectinload(Event.members).selectinload(EventArticle.article).selectinload(Article.outlet)
    )
    return session.scalars(query).all()


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An event's article as the events list shows it."""

    id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event as the events list shows it: no findings, no texts."""

    id: int
    title: str
    first_published: datetime | None
    last_published: datetime | None
    articles: list[ListedArticle]


def event_listing(
    session: Session, since: datetime | None = None, *, limit: int | None = None, offset: int = 0
) -> list[ListedEvent]:
    """What `list_events` gives, as plain rows in two queries: the whole list of 21,000 events and
    their 100,000 articles took 6.5 s as ORM objects. Read-only."""
    page = _events_in_order(since).offset(offset).limit(limit).subquery()
    events = session.execute(
        select(page.c.id, page.c.title, page.c.first_published, page.c.last_published)
    ).all()
    articles: dict[int, list[ListedArticle]] = {event.id: [] for event in events}
    members = (
        select(EventArticle.event_id, Article.id, Article.url, Outlet.name, Article.title, Article.published)
        .join(Article, Article.id == EventArticle.article_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
    )
    # A page names its events (joined to the ordered page instead, SQLite sorted every event again);
    # past an offset without a limit, the members of the events skipped are read and left out.
    if limit is not None:
        members = members.where(EventArticle.event_id.in_(list(articles)))
    elif since is not None:
        members = members.join(Event, Event.id == EventArticle.event_id).where(Event.last_published >= since)
    for event_id, article_id, url, outlet, title, published in session.execute(members):
        if (listed := articles.get(event_id)) is not None:
            listed.append(ListedArticle(article_id, url, outlet, title, published))
    return [ListedEvent(e.id, e.title, e.first_published, e.last_published, articles[e.id]) for e in events]


def event_report_inputs(session: Session, event_id: int) -> tuple[Any, ...]:
    """What one event's report is built from, to tell a report built before still current: the
    event's title and, for each member article, its current version (its text and metadata change
    only with a new one) and whether that was analyzed yet (its findings are written once), its
    syndication link and its outlet. NotFoundError for an unknown id. Read-only."""
    title = session.scalar(select(Event.title).where(Event.id == event_id))
    if title is None:
        raise NotFoundError(f"no event with id {event_id}")
    members = (
        select(
            Article.id,
            Article.current_version_id,
            ArticleVersion.analyzed,
            Article.syndicated_from_id,
            Outlet.name,
            Outlet.kind,
        )
        .join(EventArticle, EventArticle.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
        .where(EventArticle.event_id == event_id)
        .order_by(Article.id)
    )
    return (title, *(tuple(row) for row in session.execute(members)))


def check_event(session: Session, event_id: int) -> None:
    """NotFoundError when there is no event `event_id`. Read-only."""
    if session.get(Event, event_id) is None:
        raise NotFoundError(f"no event with id {event_id}")


def get_event(session: Session, event_id: int) -> Event:
    """One event with its articles, their outlets and current versions with findings. Read-only."""
    event = session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.members)
            .selectinload(EventArticle.article)
            .options(
                selectinload(Article.outlet),
                selectinload(Article.current_version).options(
                    selectinload(ArticleVersion.attributions),
                    selectinload(ArticleVersion.quantities),
                    selectinload(ArticleVersion.entities),
                    selectinload(ArticleVersion.dates),
                ),
            )
        )
    )
    if event is None:
        raise NotFoundError(f"no event with id {event_id}")
    return event


def event_id_of_article(session: Session, article_id: int) -> int | None:
    """The event an article belongs to, if any. Read-only."""
    return session.scalar(select(EventArticle.event_id).where(EventArticle.article_id == article_id))
