"""Events on SQLite and PostgreSQL: regrouping moves and rescores articles, drops empty events, and the
list is ordered and paged in SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from stored_pages import NOW, page

from newsprism.errors import NotFoundError
from newsprism.storage import models
from newsprism.storage.articles import FetchedArticle, store_article
from newsprism.storage.database import Database
from newsprism.storage.events import (
    EventMembership,
    count_events,
    delete_empty_events,
    event_listing,
    get_event,
    list_events,
    save_events,
)


def test_events_regroup_rescores_stayers_and_leaves_unsaved_events_alone(
    database: Database,
) -> None:
    with database.transaction() as s:
        a, b, c, d = (
            store_article(s, page(f"https://wire.example/{n}", f"Text {n}.")).article_id for n in range(4)
        )
        save_events(
            s, [EventMembership("k1", "Visit", [a, b], {b: 0.9}), EventMembership("k2", "Typhoon", [c, d])]
        )
    with database.transaction() as s:
        # b stays in k1 with a new score, a leaves k1 for a new event, k2 is not regrouped at all.
        (visit, fresh) = save_events(
            s, [EventMembership("k1", "Visit", [b], {b: 0.6}), EventMembership("k3", "Talks", [a])]
        )
        assert [(m.article_id, m.similarity) for m in visit.members] == [(b, 0.6)]
        assert [m.article_id for m in fresh.members] == [a]
    with database.session() as s:
        members = {
            row.article_id: (row.event.key, row.similarity) for row in s.scalars(select(models.EventArticle))
        }
        assert members == {a: ("k3", 1.0), b: ("k1", 0.6), c: ("k2", 1.0), d: ("k2", 1.0)}


def test_events_regroup_moves_articles_and_drops_empty_events(database: Database) -> None:
    with database.transaction() as s:
        a = store_article(s, page("https://wire.example/1", "One.")).article_id
        b = store_article(s, page("https://wire.example/2", "Two.")).article_id
        save_events(s, [EventMembership("k1", "Visit", [a]), EventMembership("k2", "Typhoon", [b])])
    with database.transaction() as s:
        save_events(s, [EventMembership("k1", "Visit", [a, b], {b: 0.7})])
        assert delete_empty_events(s) == 1
    with database.session() as s:
        (event,) = list_events(s)
        assert event.key == "k1" and sorted(m.article_id for m in event.members) == [a, b]
        assert event.first_published == NOW - timedelta(hours=2)
        assert get_event(s, event.id).title == "Visit"
        with pytest.raises(NotFoundError, match="no event with id 999"):
            get_event(s, 999)


def test_events_are_listed_most_covered_then_newest_and_paged_in_that_order(
    database: Database,
) -> None:
    # Sizes with ties, and events whose articles have no date (listed after the dated ones of their size).
    hours: list[list[int | None]] = [[0, 5, 9], [1, 2], [7, 3], [None, None], [4], [8], [None], [6], [6]]
    with database.transaction() as s:
        memberships = []
        for n, event_hours in enumerate(hours):
            ids = []
            for m, hour in enumerate(event_hours):
                published = None if hour is None else NOW + timedelta(hours=hour)
                url = f"https://wire.example/{n}-{m}"
                fetched = FetchedArticle(
                    url, url, "Harbour Wire", f"Story {n}, part {m}.", NOW, published=published
                )
                ids.append(store_article(s, fetched).article_id)
            memberships.append(EventMembership(f"k{n}", f"Story {n}", ids))
        save_events(s, memberships)
    with database.session() as s:
        listed = list_events(s)
        order = [event.key for event in listed]
        pages = [e.id for offset in range(0, 9, 4) for e in event_listing(s, limit=4, offset=offset)]
        since = NOW + timedelta(hours=6)
        recent = [event.key for event in list_events(s, since)]
        assert count_events(s) == 9 and count_events(s, since) == len(recent)
        members = {e.id: sorted(m.article_id for m in e.members) for e in listed}
        for chosen, rows in [
            (listed, event_listing(s)),
            (listed[4:8], event_listing(s, limit=4, offset=4)),
            (listed[6:], event_listing(s, offset=6)),
            ([e for e in listed if e.key in recent], event_listing(s, since)),
        ]:
            assert [row.id for row in rows] == [event.id for event in chosen]
            assert all(sorted(a.id for a in row.articles) == members[row.id] for row in rows)
    assert order == ["k0", "k2", "k1", "k3", "k5", "k7", "k8", "k4", "k6"]
    assert pages == [event.id for event in listed]
    assert recent == ["k0", "k2", "k5", "k7", "k8"]
