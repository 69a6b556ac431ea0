"""Phrases find exactly the articles with the words side by side, on SQLite (FTS5 positions) and on
PostgreSQL, where revision 0006 finds them through an index of adjacent word pairs: words present but
apart, across a sentence end, around a stop word, three-word phrases whose two pairs both occur but
not in a row, prefixes, exclusions, new versions and an upgrade of a database that already has
articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from alembic import command
from newsprism.storage import search_postgres
from newsprism.storage.articles import FetchedArticle, OutletInfo, save_outlet, store_article
from newsprism.storage.database import Database, alembic_config, upgrade_to_head
from newsprism.storage.search import outlet_facet_counts, search_articles
from newsprism.storage.search_pairs import PairQuery, pair_lexeme, to_pair_tsquery
from newsprism.storage.search_query import parse_query, to_tsquery

NOW = datetime(2024, 5, 3, 12, 0, tzinfo=UTC)

ARTICLES = {
    "ferry": ("Ferry resumes service", "The ferry left Dalian at dawn. Storm warnings were lifted by noon."),
    "cranes": ("Port reopens", "Port cranes stopped on Monday. Cranes worked again by night, said the port."),
    "storm": ("Storm warnings lifted", "Forecasters lifted the warnings as the storm moved north."),
}


def _page(key: str, age_days: int) -> FetchedArticle:
    url = f"https://wire.example/{key}"
    title, body = ARTICLES[key]
    return FetchedArticle(
        url, url, "Harbour Wire", body, NOW, title=title, published=NOW - timedelta(days=age_days)
    )


def _store(database: Database, keys: list[str]) -> None:
    with database.transaction() as session:
        save_outlet(session, OutletInfo("Harbour Wire", kind="agency"))
        for age, key in enumerate(keys):
            store_article(session, _page(key, age))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    made = Database(database_url)
    _store(made, list(ARTICLES))
    yield made
    made.close()


def _titles(database: Database, query: str) -> list[str]:
    with database.session() as session:
        return sorted(hit.title or "" for hit in search_articles(session, query).hits)


FERRY, CRANES, STORM = (ARTICLES[key][0] for key in ("ferry", "cranes", "storm"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param('"port cranes"', [CRANES], id="two-words"),
        pytest.param('"cranes port"', [], id="two-words-reversed"),
        pytest.param('"cranes night"', [], id="both-words-present-apart"),
        pytest.param('"dawn storm"', [FERRY], id="across-a-sentence-end"),
        pytest.param('"dalian dawn"', [], id="a-word-between"),
        pytest.param('"storm warnings"', [FERRY, STORM], id="title-and-text"),
        pytest.param('"port cranes stopped"', [CRANES], id="three-words"),
        pytest.param('"port cranes worked"', [], id="three-words-both-pairs-apart"),
        pytest.param('"storm warn*"', [FERRY, STORM], id="prefix"),
        pytest.param('"storm wax*"', [], id="prefix-not-following"),
        pytest.param('warnings -"dawn storm"', [STORM], id="excluded-phrase"),
        pytest.param('lifted -"port cranes worked"', [FERRY, STORM], id="excluded-three-words"),
        pytest.param('"port cranes" OR "dawn storm"', [CRANES, FERRY], id="or-of-phrases"),
        pytest.param('"the ferry"', [FERRY], id="stop-word-first"),
        pytest.param('"warning lifting"', [STORM], id="stemmed"),
        pytest.param('"warnings lifted"', [STORM], id="stop-word-between-in-one"),
    ],
)
def test_phrase_finds_exactly_the_adjacent_words(database: Database, query: str, expected: list[str]) -> None:
    assert _titles(database, query) == sorted(expected)


def test_phrase_total_and_facets_count_only_matches(database: Database) -> None:
    with database.session() as session:
        page = search_articles(session, '"storm warnings"')
        apart = search_articles(session, '"cranes night"')
        facets, estimated = outlet_facet_counts(session, '"storm warnings"')
    assert (page.total, page.total_is_estimate, page.ranked_newest) == (2, False, None)
    assert (apart.total, apart.hits) == (0, [])
    assert (facets, estimated) == ({"Harbour Wire": 2}, False)


def test_a_new_version_replaces_the_indexed_pairs(database: Database) -> None:
    with database.transaction() as session:
        changed = _page("cranes", 1)
        body = "Port cranes idle; dockers walked out at dawn."
        store_article(
            session, FetchedArticle(changed.url, changed.url, changed.outlet, body, NOW, title="Port")
        )
    assert _titles(database, '"cranes worked"') == []
    assert _titles(database, '"dockers walked"') == ["Port"]


def test_upgrade_indexes_the_pairs_of_existing_articles(database_url: str) -> None:
    database = Database(database_url)
    engine = database.engine
    try:
        command.downgrade(alembic_config(engine), "0005")
        _store(database, ["ferry", "cranes"])
        upgrade_to_head(engine)
        assert _titles(database, '"dawn storm"') == [FERRY]
        assert _titles(database, '"port cranes stopped"') == [CRANES]
        assert _titles(database, '"port cranes worked"') == []
    finally:
        engine.dispose()


def test_postgres_phrase_is_looked_up_in_the_pair_index(database: Database) -> None:
    with database.session() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("the pair index is PostgreSQL's")
        query = search_postgres.PostgresQuery.prepare(session, parse_query('"port cranes"'))
        assert query.candidates_text == "' port crane'" and not query.needs_check
        with search_postgres.planner_settings(session):
            plan = session.execute(
                text(f"EXPLAIN SELECT article_id FROM articles_search WHERE {query.candidates_sql()}"),
                {"query": query.candidates_text},
            ).scalars()
            assert "ix_articles_search_terms" in "\n".join(plan)


STATE, MEDIA, TASS = ("state",), ("media",), ("tass",)


@pytest.mark.parametrize(
    ("query", "lexemes", "expected"),
    [
        pytest.param(
            '"state media"',
            {"state": STATE, "media": MEDIA},
            PairQuery("' state media'", True),
            id="pair-is-exact",
        ),
        pytest.param(
            '"a state media"',
            {"a": (), "state": STATE, "media": MEDIA},
            PairQuery("' state media'", False),
            id="stop-word-is-checked",
        ),
        pytest.param(
            '"state media tass"',
            {"state": STATE, "media": MEDIA, "tass": TASS},
            PairQuery("(' state media' & ' media tass')", False),
            id="three-words-are-checked",
        ),
        pytest.param(
            '"state the media"',
            {"state": STATE, "the": (), "media": MEDIA},
            PairQuery("('state' & 'media')", False),
            id="words-apart-are-and",
        ),
        pytest.param(
            '"state med"*',
            {"state": STATE, "med": ("med",)},
            PairQuery("' state med':*", True),
            id="prefix-of-the-second",
        ),
        pytest.param(
            'tass -"state media"',
            {"state": STATE, "media": MEDIA, "tass": TASS},
            PairQuery("('tass' & !' state media')", True),
            id="excluded-pair",
        ),
        pytest.param(
            'tass -"state media tass"',
            {"state": STATE, "media": MEDIA, "tass": TASS},
            PairQuery("('tass')", False),
            id="excluded-superset-left-out",
        ),
        pytest.param(
            '"o\'brien said"',
            {"o": ("o",), "brien": ("brien",), "said": ("said",)},
            PairQuery("(' o brien' & ' brien said')", False),
            id="pieces",
        ),
        pytest.param("it's", {"it": (), "s": ()}, PairQuery(None, False), id="only-stop-words"),
    ],
)
def test_pair_query_compiles(query: str, lexemes: dict[str, tuple[str, ...]], expected: PairQuery) -> None:
    assert to_pair_tsquery(parse_query(query), lexemes) == expected


def test_pair_lexeme_never_equals_a_word() -> None:
    assert pair_lexeme("state", "media") == " state media"
    assert to_pair_tsquery(parse_query('"x y"'), {"x": ("o'k",), "y": ("a\\b",)}).text == "' o''k a\\\\b'"


TRICKY_TEXT = (
    "The state-run media said the well-known 2.5 kg drone's camera, an F-16's, was fine; "
    "officials in Kyiv's port said: state media lied. It's the end of an era at 10:30 for O'Brien."
)


@pytest.mark.parametrize(
    "query",
    [
        '"state media"',
        '"state-run media"',
        '"run media"',
        '"media said"',
        '"well known"',
        '"drone camera"',
        '"f 16"',
        '"kyiv port"',
        '"port said"',
        '"end of an era"',
        '"end era"',
        '"o brien"',
        '"it s"',
        '"2 5 kg"',
        '"said state"',
        '"stat med"*',
        '"media lie"*',
        'drone -"state media"',
        '"state media" OR "media state"',
        '"lied it"',
    ],
)
def test_postgres_pair_candidates_hold_every_match(database: Database, query: str) -> None:
    """The pair tsquery finds every tsvector the exact query matches, and only those when exact."""
    with database.session() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("the pair index is PostgreSQL's")
        node = parse_query(query)
        pairs = search_postgres.PostgresQuery.prepare(session, node)
        both = text(
            f"SELECT document @@ to_tsquery('english', :exact), {pairs.candidates_sql()} "
            "FROM (SELECT to_tsvector('english', :doc) AS document) AS one"
        )
        for doc in (TRICKY_TEXT, TRICKY_TEXT.replace(" ", "  x "), "state"):
            values = {"doc": doc, "exact": to_tsquery(node), "query": pairs.candidates_text}
            matches, found = session.execute(both, values).one()
            assert found if matches else (pairs.needs_check or not found), doc
