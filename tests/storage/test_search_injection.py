"""Search input never reaches SQL unparsed: any query, built from the characters FTS5, tsquery and SQL
give meaning to, either searches or fails with an InputError, and the tables are whole afterwards.
Runs on a SQLite file and, when it answers, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from newsprism.errors import InputError
from newsprism.storage.articles import FetchedArticle, OutletInfo, save_outlet, store_article
from newsprism.storage.database import Database
from newsprism.storage.models import Article, ArticleVersion, Outlet
from newsprism.storage.search import SearchFilters, outlet_facets, search_articles
from newsprism.storage.search_query import parse_query, to_fts5, to_tsquery

NOW = datetime(2024, 5, 3, 12, 0, tzinfo=UTC)
# Pieces with a meaning to FTS5 (quotes, NEAR, *, ^, column filters), tsquery (&|!:<->) or SQL.
HOSTILE_QUERY = st.lists(
    st.sampled_from(
        [
            '"',
            "'",
            "(",
            ")",
            "NEAR",
            "NEAR(",
            "AND",
            "OR",
            "NOT",
            "-",
            "*",
            "^",
            ":",
            "title:",
            "{",
            "}",
            "--",
            ";",
            "DROP TABLE articles",
            "articles_fts",
            "&",
            "|",
            "!",
            "<->",
            ":*",
            "\\",
            "%",
            "_",
            "+",
            "/",
            "drones",
            "Vladivostok",
            "train",
            " ",
            " ",
            "é",
            "\u200b",
            "1=1",
            "'1'='1",
            "\t",
        ]
    ),
    max_size=14,
).map("".join)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    made = Database(database_url)
    with made.transaction() as session:
        save_outlet(session, OutletInfo("Harbour Wire", kind="agency"))
        for n, text in enumerate(["The armoured train left Vladivostok with five drones.", "Drones flew."]):
            url = f"https://wire.example/{n}"
            store_article(session, FetchedArticle(url, url, "Harbour Wire", text, NOW, title=f"Story {n}"))
    yield made
    made.close()


def _sizes(database: Database) -> tuple[int | None, ...]:
    with database.session() as session:
        return tuple(session.scalar(select(func.count(m.id))) for m in (Article, ArticleVersion, Outlet))


def test_any_query_searches_or_is_an_input_error(database: Database) -> None:
    before = _sizes(database)

    @settings(max_examples=150, deadline=None)
    @given(HOSTILE_QUERY)
    @example("'; DROP TABLE articles; --")
    @example('drones" OR "1"="1')
    @example("NEAR(drones train, 2)")
    @example("drones:* & !train")
    def search(query: str) -> None:
        with database.session() as session:
            try:
                page = search_articles(session, query, SearchFilters(outlet="Harbour Wire' OR '1'='1"))
                outlet_facets(session, query)
            except InputError:
                return
        assert page.total == 0  # the outlet filter is a value, never SQL: no outlet has that name

    search()
    assert _sizes(database) == before
    with database.session() as session:
        assert search_articles(session, "drones").total == 2


@settings(max_examples=300, deadline=None)
@given(HOSTILE_QUERY)
def test_a_parsed_query_compiles_to_quoted_words_only(query: str) -> None:
    try:
        node = parse_query(query)
    except InputError:
        return
    fts5, tsquery = to_fts5(node), to_tsquery(node)
    # Outside the quotes FTS5 sees only operators and parentheses; no column filter, NEAR or ^.
    outside = "".join(fts5.split('"')[::2])
    assert set(outside.replace("AND", "").replace("OR", "").replace("NOT", "")) <= set("()* ")
    assert "'" not in "".join(tsquery.split("'")[1::2])  # a tsquery word holds no quote of its own
