"""Repository functions on SQLite and PostgreSQL: articles keep every version and nothing twice,
findings belong to the version they were found in, events can be regrouped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from newsprism.errors import NotFoundError
from newsprism.storage import models
from newsprism.storage.database import Database
from newsprism.storage.repository import (
    EventMembership,
    FetchedArticle,
    OutletInfo,
    content_hash,
    count_events,
    current_findings,
    delete_empty_events,
    event_listing,
    get_article,
    get_event,
    list_articles,
    list_events,
    save_events,
    save_findings,
    save_outlet,
    save_outlets,
    store_article,
)

NOW = datetime(2023, 9, 17, 8, 0, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    made = Database(database_url)
    with made.transaction() as session:
        save_outlet(session, OutletInfo("Harbour Wire", "https://wire.example/", "agency", "US", "en"))
        save_outlet(session, OutletInfo("Eastern Daily", kind="newspaper"))
    yield made
    made.close()


def page(url: str, text: str, outlet: str = "Harbour Wire", **extra: object) -> FetchedArticle:
    return FetchedArticle(
        url=url,
        canonical_url=str(extra.pop("canonical_url", url)),
        outlet=outlet,
        text=text,
        fetched_at=extra.pop("fetched_at", NOW),  # type: ignore[arg-type]
        title=str(extra.pop("title", "Leader boards armoured train")),
        published=NOW - timedelta(hours=2),
        html="<html><body><p>" + text + "</p></body></html>",
    )


def test_new_unchanged_updated_and_reverted(database: Database) -> None:
    url = "https://wire.example/news/train"
    with database.transaction() as s:
        first = store_article(s, page(url, "The train left Artyom on Sunday."))
    with database.transaction() as s:
        again = store_article(s, page(url, "The  train left Artyom\non Sunday. "))
    with database.transaction() as s:
        changed = store_article(s, page(url, "The train left Artyom on Saturday."))
    with database.transaction() as s:
        reverted = store_article(s, page(url, "The train left Artyom on Sunday."))
    assert (first.status, again.status, changed.status, reverted.status) == (
        "new",
        "unchanged",
        "updated",
        "updated",
    )
    assert again.version_id == first.version_id and reverted.version_id == first.version_id
    with database.session() as s:
        article = get_article(s, first.article_id)
        assert [v.number for v in article.versions] == [1, 2]
        assert article.current_version_id == first.version_id


def test_alias_and_canonical_url_are_one_article(database: Database) -> None:
    canonical = "https://wire.example/news/train"
    with database.transaction() as s:
        first = store_article(s, page(canonical + "?utm_source=rss", "Text one.", canonical_url=canonical))
        alias = store_article(s, page("https://wire.example/a/123", "Text one.", canonical_url=canonical))
    assert alias.article_id == first.article_id
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(models.Article)) == 1


def test_same_text_at_another_outlet_is_a_wire_copy(database: Database) -> None:
    text = "Kim received five kamikaze drones as a gift, the regional governor said."
    with database.transaction() as s:
        original = store_article(s, page("https://wire.example/drones", text))
    with database.transaction() as s:
        copy = store_article(
            s,
            page("https://daily.example/drones", text, outlet="Eastern Daily", fetched_at=NOW + timedelta(1)),
        )
    with database.session() as s:
        assert get_article(s, copy.article_id).syndicated_from_id == original.article_id
        assert get_article(s, original.article_id).syndicated_from_id is None


def test_unknown_outlet_is_refused_and_nothing_is_stored(database: Database) -> None:
    with pytest.raises(NotFoundError, match="'Nowhere Times'"), database.transaction() as s:
        store_article(s, page("https://x.example/1", "Text.", outlet="Nowhere Times"))
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(models.Article)) == 0


@dataclass
class FakeAttribution:
    kind: str = "direct"
    content: str = "a lot"
    start: int = 10
    end: int = 15
    cue: str | None = "said"
    cue_start: int | None = 17
    cue_end: int | None = 21
    speaker: str | None = "Kozlov"
    speaker_start: int | None = 0
    speaker_end: int | None = 6
    speaker_resolved: str | None = "Alexander Kozlov"
    source_type: str = "official"
    cue_class: str = "speech"


@dataclass
class FakeQuantity:
    text: str = "five kamikaze drones"
    start: int = 20
    end: int = 40
    value: float = 5
    unit: str | None = "drone"
    concept: str | None = "kamikaze drones"
    change: str = "="
    value_high: float | None = None


@dataclass
class FakeEntity:
    text: str = "Kim"
    label: str = "PERSON"
    start: int = 0
    end: int = 3
    canonical: str = "Kim Jong Un"


@dataclass
class FakeDate:
    text: str = "on Sunday"
    start: int = 41
    end: int = 50
    resolved: date | None = date(2023, 9, 17)


@dataclass
class FakeFindings:
    attributions: list[FakeAttribution] = field(default_factory=lambda: [FakeAttribution()])
    quantities: list[FakeQuantity] = field(default_factory=lambda: [FakeQuantity()])
    entities: list[FakeEntity] = field(
        default_factory=lambda: [FakeEntity(), FakeEntity("Putin", "PERSON", 5, 10, "Vladimir Putin")]
    )
    dates: list[FakeDate] = field(default_factory=lambda: [FakeDate()])


def test_findings_belong_to_their_version_and_are_replaced(database: Database) -> None:
    with database.transaction() as s:
        stored = store_article(s, page("https://wire.example/f", "Findings text."))
        save_findings(s, stored.version_id, FakeFindings())
        save_findings(s, stored.version_id, FakeFindings())  # re-analysis replaces, never duplicates
    with database.session() as s:
        version = s.get(models.ArticleVersion, stored.version_id)
        assert version is not None and version.analysed
        assert [(a.speaker_resolved, a.start_char, a.cue_class) for a in version.attributions] == [
            ("Alexander Kozlov", 10, "speech")
        ]
        assert [q.value for q in version.quantities] == [5]
        assert sorted(e.canonical for e in version.entities) == ["Kim Jong Un", "Vladimir Putin"]
        assert [d.resolved for d in version.dates] == [date(2023, 9, 17)]


def test_outlets_saved_together_are_created_or_updated(database: Database) -> None:
    infos = [
        OutletInfo("Eastern Daily", "https://daily.example/", "newspaper", "JP"),  # known: described further
        OutletInfo("Northern Post", kind="newspaper"),
        OutletInfo("Northern Post", kind="newspaper", language="en"),  # twice in one call: one outlet
    ]
    with database.transaction() as s:
        saved = save_outlets(s, infos)
        assert saved[1] is saved[2] and all(o.id for o in saved)
    with database.session() as s:
        outlets = {o.name: o for o in s.scalars(select(models.Outlet))}
        assert sorted(outlets) == ["Eastern Daily", "Harbour Wire", "Northern Post"]
        daily, post = outlets["Eastern Daily"], outlets["Northern Post"]
        assert (daily.kind, daily.country, daily.homepage) == ("newspaper", "JP", "https://daily.example/")
        assert (post.kind, post.language) == ("newspaper", "en")


def test_current_findings_of_the_kinds_asked(database: Database) -> None:
    with database.transaction() as s:
        stored = store_article(s, page("https://wire.example/k", "Kinds text."))
        save_findings(s, stored.version_id, FakeFindings())
    with database.session() as s:
        some = current_findings(s, ("entities", "attributions"))[stored.version_id]
        assert len(some.entities) == 2 and len(some.attributions) == 1
        assert some.quantities == [] and some.dates == []
        every = current_findings(s)[stored.version_id]
        assert [len(every.quantities), len(every.dates)] == [1, 1]
        with pytest.raises(ValueError, match="no such kind of finding: opinions"):
            current_findings(s, ("entities", "opinions"))


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


def test_list_articles_filters_by_outlet(database: Database) -> None:
    with database.transaction() as s:
        store_article(s, page("https://wire.example/1", "One."))
        store_article(s, page("https://daily.example/2", "Two.", outlet="Eastern Daily"))
    with database.session() as s:
        assert [a.url for a in list_articles(s, outlet="Eastern Daily")] == ["https://daily.example/2"]
        assert len(list_articles(s)) == 2


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\nc") == content_hash(" a b c ")
    assert content_hash("a b c") != content_hash("a b d")


def test_events_are_listed_most_covered_then_newest_and_paged_in_that_order(
    database: Database,
) -> None:
    # Sizes with ties, and events whose articles have no date (listed after the dated ones of their size).
    hours = [[0, 5, 9], [1, 2], [7, 3], [None, None], [4], [8], [None], [6], [6]]
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
