"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): ranking, snippets, filters, the index
following every new version, and bad queries refused with a clear message instead of a crash."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, text

from alembic import command
from newsprism.errors import InputError
from newsprism.storage import search, search_postgres
from newsprism.storage.articles import FetchedArticle, OutletInfo, save_outlet, store_article
from newsprism.storage.database import Database, alembic_config, upgrade_to_head
from newsprism.storage.events import EventMembership, save_events
from newsprism.storage.findings import save_findings
from newsprism.storage.search import (
    SearchFilters,
    check_index,
    outlet_facet_counts,
    outlet_facets,
    search_articles,
)
from newsprism.storage.search_query import parse_query, to_fts5, to_tsquery, to_tsquery_superset

NOW = datetime(2024, 5, 3, 12, 0, tzinfo=UTC)


@dataclass
class Quote:
    content: str
    start: int
    end: int
    speaker: str | None
    speaker_resolved: str | None
    source_type: str = "person"
    kind: str = "direct"
    cue: str | None = "said"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass
class Findings:
    attributions: list[Quote] = field(default_factory=list)
    # Searches read quotes only: these stay empty (Any: whatever finding records storage takes).
    quantities: list[Any] = field(default_factory=list)
    entities: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)


ARTICLES = [
    (
        "https://wire.example/1",
        "Harbour Wire",
        "Armoured train leaves Vladivostok",
        "The armoured train left Vladivostok on Sunday with five kamikaze drones aboard, TASS said.",
        0,
    ),
    (
        "https://daily.example/2",
        "Eastern Daily",
        "Leader heads home",
        "Officials said the leader received drones and a bulletproof vest as gifts from the governor.",
        1,
    ),
    (
        "https://daily.example/3",
        "Eastern Daily",
        "Typhoon batters port",
        "A typhoon battered Port Velasco; the coast guard counted 12 dead, Kozlov told reporters.",
        2,
    ),
    (
        "https://wire.example/4",
        "Harbour Wire",
        "Central bank raises rates",
        "The central bank raised its key rate to a fifteen-year high, citing stubborn inflation.",
        3,
    ),
]


def _page(url: str, outlet: str, title: str, body: str, age_days: int) -> FetchedArticle:
    return FetchedArticle(
        url=url,
        canonical_url=url,
        outlet=outlet,
        text=body,
        title=title,
        fetched_at=NOW,
        published=NOW - timedelta(days=age_days),
    )


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    made = Database(database_url)
    with made.transaction() as session:
        save_outlet(session, OutletInfo("Harbour Wire", kind="agency"))
        save_outlet(session, OutletInfo("Eastern Daily", kind="newspaper"))
        ids = [store_article(session, _page(*row)) for row in ARTICLES]
        save_findings(
            session, ids[0].version_id, Findings([Quote("left", 0, 4, "TASS", "TASS", "state_media")])
        )
        save_findings(
            session, ids[2].version_id, Findings([Quote("12 dead", 0, 4, "Kozlov", "Alexander Kozlov")])
        )
        save_events(
            session, [EventMembership("kim-train", "Kim leaves", [ids[0].article_id, ids[1].article_id])]
        )
    yield made
    made.close()


def _titles(database: Database, query: str, filters: SearchFilters | None = None) -> list[str]:
    with database.session() as session:
        return [hit.title or "" for hit in search_articles(session, query, filters).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Vladivostok", ["Armoured train leaves Vladivostok"], id="rare-word"),
        pytest.param("vladivostok", ["Armoured train leaves Vladivostok"], id="case-insensitive"),
        pytest.param("drone", ["Armoured train leaves Vladivostok", "Leader heads home"], id="stemmed"),
        pytest.param('"bulletproof vest"', ["Leader heads home"], id="phrase"),
        pytest.param('"vest bulletproof"', [], id="phrase-order"),
        pytest.param("drones -governor", ["Armoured train leaves Vladivostok"], id="minus-excludes"),
        pytest.param("drones NOT train", ["Leader heads home"], id="not-excludes"),
        pytest.param("typhoon OR inflation", ["Typhoon batters port", "Central bank raises rates"], id="or"),
        pytest.param("(typhoon OR inflation) AND bank", ["Central bank raises rates"], id="parentheses"),
        pytest.param("Vladi*", ["Armoured train leaves Vladivostok"], id="prefix"),
        pytest.param("fifteen-year", ["Central bank raises rates"], id="hyphenated-word-is-a-phrase"),
        pytest.param("'; DROP TABLE articles; --", [], id="sql-in-query-is-just-words"),
        pytest.param("title:drones", [], id="no-column-filter-syntax"),
    ],
)
def test_search_finds(database: Database, query: str, expected: list[str]) -> None:
    assert sorted(_titles(database, query)) == sorted(expected)
    with database.session() as session:
        assert inspect(session.get_bind()).has_table("articles")


def test_title_match_ranks_first(database: Database) -> None:
    with database.transaction() as session:
        store_article(
            session,
            _page(
                "https://wire.example/5",
                "Harbour Wire",
                "Typhoon season opens",
                "Forecasters expect an active season.",
                0,
            ),
        )
    titles = _titles(database, "typhoon")
    assert titles[0] == "Typhoon season opens" or titles[0] == "Typhoon batters port"
    with database.session() as session:
        hits = search_articles(session, "typhoon").hits
    assert hits[0].score >= hits[1].score


def test_snippet_highlights_the_match(database: Database) -> None:
    with database.session() as session:
        hit = search_articles(session, "bulletproof").hits[0]
    assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
    assert [hit.snippet[start:end].lower() for start, end in hit.highlights] == ["bulletproof"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(SearchFilters(outlet="Eastern Daily"), ["Leader heads home"], id="outlet"),
        pytest.param(
            SearchFilters(since=NOW - timedelta(days=0, hours=1)),
            ["Armoured train leaves Vladivostok"],
            id="since",
        ),
        pytest.param(SearchFilters(until=NOW - timedelta(hours=1)), ["Leader heads home"], id="until"),
        pytest.param(SearchFilters(source="tass"), ["Armoured train leaves Vladivostok"], id="source-cited"),
        pytest.param(SearchFilters(source="Nobody"), [], id="source-not-cited"),
    ],
)
def test_filters(database: Database, filters: SearchFilters, expected: list[str]) -> None:
    assert _titles(database, "drones", filters) == expected


def test_event_and_speaker_filters(database: Database) -> None:
    with database.session() as session:
        event_id = session.scalar(text("SELECT id FROM events"))
    assert len(_titles(database, "drones", SearchFilters(event_id=event_id))) == 2
    assert _titles(database, "typhoon OR drones", SearchFilters(speaker="kozlov")) == ["Typhoon batters port"]
    assert _titles(database, "typhoon", SearchFilters(speaker="100%_")) == []


def test_a_new_version_replaces_the_indexed_text(database: Database) -> None:
    with database.transaction() as session:
        row = ARTICLES[3]
        changed = _page(*row[:3], "The central bank held its key rate; analysts had expected a hike.", row[4])
        assert store_article(session, changed).status == "updated"
    assert _titles(database, "inflation") == []
    assert _titles(database, "analysts") == ["Central bank raises rates"]
    with database.session() as session:
        check_index(session)


def test_paging_total_and_facets(database: Database) -> None:
    with database.session() as session:
        first = search_articles(session, "drones OR typhoon OR bank", limit=2)
        second = search_articles(session, "drones OR typhoon OR bank", limit=2, offset=2)
        facets = outlet_facets(session, "drones OR typhoon OR bank", SearchFilters(outlet="Harbour Wire"))
    assert first.total == second.total == 4
    ids = [h.article_id for h in first.hits + second.hits]
    assert len(set(ids)) == 4
    assert facets == {"Eastern Daily": 2, "Harbour Wire": 2}


@pytest.mark.parametrize(
    ("query", "named"),
    [
        pytest.param('"unbalanced', "closing quote", id="unbalanced-quote"),
        pytest.param("AND OR (", "'AND' must stand between two words", id="dangling-operators"),
        pytest.param("(drones", "unbalanced '('", id="open-paren"),
        pytest.param("drones)", "unexpected ')'", id="close-paren"),
        pytest.param("drones OR", "ends where a word was expected", id="trailing-or"),
        pytest.param("-drones", "only exclude", id="only-excluded"),
        pytest.param("NOT drones", "only exclude", id="only-not"),
        pytest.param("drones OR -tass", "cannot be one side of OR", id="or-not"),
        pytest.param("   ", "at least one word", id="empty"),
        pytest.param("*** --", "at least one word", id="no-letters"),
        pytest.param('drones ""', "no letters or digits", id="empty-phrase"),
        pytest.param("x" * 501, "at most 500", id="too-long"),
        pytest.param("drones\x00", "NUL", id="nul"),
    ],
)
def test_bad_queries_are_input_errors(database: Database, query: str, named: str) -> None:
    pattern = named.replace("(", r"\(").replace(")", r"\)")
    with database.session() as session, pytest.raises(InputError, match=pattern):
        search_articles(session, query)


@pytest.mark.parametrize(
    ("query", "fts5", "tsquery"),
    [
        pytest.param("drones", '"drones"', "'drones'", id="word"),
        pytest.param('"state media"*', '"state media"*', "('state' <-> 'media':*)", id="phrase-prefix"),
        pytest.param("a b", '("a" AND "b")', "('a' & 'b')", id="implicit-and"),
        pytest.param("a OR b -c", '("a" OR (("b") NOT "c"))', "('a' | ('b' & !'c'))", id="or-and-not"),
        pytest.param("-(a OR b) c", '(("c") NOT ("a" OR "b"))', "(!('a' | 'b') & 'c')", id="exclude-group"),
        pytest.param(
            "and or not",
            '("and" AND "or" AND "not")',
            "('and' & 'or' & 'not')",
            id="lowercase-operators-are-words",
        ),
    ],
)
def test_query_compiles(query: str, fts5: str, tsquery: str) -> None:
    node = parse_query(query)
    assert to_fts5(node) == fts5
    assert to_tsquery(node) == tsquery


def test_upgrade_indexes_existing_articles(database_url: str) -> None:
    database = Database(database_url)
    engine = database.engine
    try:
        command.downgrade(alembic_config(engine), "-1")
        with database.transaction() as session:
            save_outlet(session, OutletInfo("Harbour Wire"))
            store_article(session, _page(*ARTICLES[0]))
        upgrade_to_head(engine)
        assert _titles(database, "Vladivostok") == ["Armoured train leaves Vladivostok"]
    finally:
        engine.dispose()


def test_views_for_generic_tools(database: Database) -> None:
    with database.session() as session:
        current = session.execute(
            text("SELECT outlet, title, text, version FROM articles_current ORDER BY id")
        ).all()
        cited = session.execute(
            text("SELECT outlet, source, source_type, citations FROM attributions_by_outlet ORDER BY outlet")
        ).all()
    assert [(r.outlet, r.version) for r in current][:2] == [("Harbour Wire", 1), ("Eastern Daily", 1)]
    assert current[0].text.startswith("The armoured train")
    assert [tuple(r) for r in cited] == [
        ("Eastern Daily", "Alexander Kozlov", "person", 1),
        ("Harbour Wire", "TASS", "state_media", 1),
    ]


def test_deleting_an_article_keeps_the_index_whole(database: Database) -> None:
    with database.transaction() as session:
        session.execute(text("DELETE FROM event_articles"))
        session.execute(text("UPDATE articles SET current_version_id = NULL WHERE id = 2"))
        session.execute(text("DELETE FROM article_versions WHERE article_id = 2"))
        session.execute(text("DELETE FROM articles WHERE id = 2"))
    assert _titles(database, "bulletproof") == []
    with database.session() as session:
        check_index(session)


ANY_OF_FOUR = "drones OR typhoon OR bank"


def test_ranking_among_the_newest_matches_is_reported(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    monkeypatch.setattr(search_postgres, "RANK_WINDOW", 2)
    with database.session() as session:
        newest = set(session.scalars(text("SELECT id FROM articles ORDER BY id DESC LIMIT 2")))
        first = search_articles(session, ANY_OF_FOUR, limit=1)
        deep = search_articles(session, ANY_OF_FOUR, limit=4)
    assert (first.total, first.total_is_estimate, first.ranked_newest) == (4, False, 2)
    assert first.hits[0].article_id in newest
    assert deep.ranked_newest is None and len(deep.hits) == 4


def _postgres_only(database: Database) -> None:
    with database.session() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("the total is only estimated on PostgreSQL")


def test_postgres_estimates_the_total_past_the_exact_limit(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _postgres_only(database)
    monkeypatch.setattr(search_postgres, "EXACT_LIMIT", 2)
    monkeypatch.setattr(search_postgres, "SCAN_SPAN", 1)
    with database.session() as session:
        page = search_articles(session, ANY_OF_FOUR, limit=1)
        facets, estimated = outlet_facet_counts(session, ANY_OF_FOUR)
    # Only the newest article was read (1 id of 4): at least EXACT_LIMIT + 1 are known to match.
    assert (page.total, page.total_is_estimate, page.ranked_newest) == (4, True, 1)
    assert page.hits[0].title == "Central bank raises rates"
    # A facet walks back until it has FACET_SAMPLE matches or has read every article: here all.
    assert (facets, estimated) == ({"Eastern Daily": 2, "Harbour Wire": 2}, False)


def test_postgres_phrase_past_the_exact_limit_finds_older_matches(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _postgres_only(database)
    monkeypatch.setattr(search_postgres, "EXACT_LIMIT", 0)
    # The first range walked is ids 2-4: it holds the match (2) and leaves the oldest (1) unread.
    monkeypatch.setattr(search_postgres, "SCAN_SPAN", 3)
    with database.session() as session:
        one = search_articles(session, '"bulletproof vest"', limit=1)
        every = search_articles(session, '"bulletproof vest"')
        not_phrase = search_articles(session, '"vest bulletproof"')
    assert [h.title for h in one.hits] == [h.title for h in every.hits] == ["Leader heads home"]
    assert one.total_is_estimate and one.total == 1
    assert (every.total, every.total_is_estimate, every.ranked_newest) == (1, False, None)
    assert not_phrase.total == 0 and not not_phrase.hits


def test_postgres_search_gives_back_the_planner_settings(database: Database) -> None:
    _postgres_only(database)
    settings = text("SELECT current_setting('enable_seqscan'), current_setting('jit')")
    with database.session() as session:
        session.execute(text("SET LOCAL enable_seqscan = on"))
        before = tuple(session.execute(settings).one())
        search_articles(session, "drones")
        outlet_facets(session, "drones")
        assert tuple(session.execute(settings).one()) == before


@pytest.mark.parametrize(
    ("query", "superset"),
    [
        pytest.param('"state media"', "('state' & 'media')", id="phrase-becomes-and"),
        pytest.param('a -"b c" -d', "('a' & !'d')", id="excluded-phrase-dropped"),
        pytest.param('x* OR "y z"*', "('x':* | ('y' & 'z':*))", id="prefix-kept"),
    ],
)
def test_superset_query_has_no_phrase(query: str, superset: str) -> None:
    assert to_tsquery_superset(parse_query(query)) == superset
