"""Full-text search over the current text and title of every stored article, inside the database.

The index lives next to the data and is kept in sync by triggers created in the `search` migration:
an FTS5 table (external content over the `articles_current` view, bm25 ranking, `snippet()`) on
SQLite, a tsvector table with a GIN index (`ts_rank`, `ts_headline`) on PostgreSQL. The query
language is parsed in `newsprism.storage.search_query`; here it is only ever bound as a parameter.

A search runs as short queries: the total, the ranked ids of one page, then snippets and article
details for those ids only (a snippet or headline per match would dominate the time). When more than
`RANK_WINDOW` articles match, ranking considers the most recently stored `RANK_WINDOW` of them
(`SearchPage.ranked_newest` says so), so a query for a very common word answers in tens of
milliseconds, not hundreds. PostgreSQL's plan (`newsprism.storage.search_postgres`) also estimates the total
past 10,000 candidates (`SearchPage.total_is_estimate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, column, exists, func, literal_column, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from newsprism.errors import InputError
from newsprism.storage import search_postgres
from newsprism.storage.models import Article, ArticleVersion, Attribution, EventArticle, Outlet
from newsprism.storage.search_query import Node, parse_query, to_fts5

# Objects of the search migration that the models do not declare (autogenerate must leave them alone).
SQLITE_FTS_TABLE = "articles_fts"
POSTGRES_SEARCH_TABLE = search_postgres.SEARCH_TABLE
POSTGRES_INLINE_TABLE = search_postgres.INLINE_TABLE
RANK_WINDOW = 5_000
# Private markers around a match in a snippet; removed before a snippet leaves this module.
_MARK_START, _MARK_END = "\x02", "\x03"

AnySelect = Select[*tuple[Any, ...]]


def is_search_index_table(name: str | None) -> bool:
    """True for the tables the search migration owns (FTS5 and its shadow tables, the tsvector table)."""
    if not name:
        return False
    owned = {POSTGRES_SEARCH_TABLE, POSTGRES_INLINE_TABLE, SQLITE_FTS_TABLE}
    return name in owned or name.startswith(SQLITE_FTS_TABLE + "_")


def include_schema_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """An Alembic `include_name` hook: compare everything but the search index tables."""
    return not (type_ == "table" and is_search_index_table(name))


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Narrow a search: outlet name, publication window [since, until), event, cited source, speaker."""

    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    event_id: int | None = None
    source: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article; `highlights` are [start, end) offsets of the matches in `snippet`."""

    article_id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results, best first, and how many articles match in all.

    `total_is_estimate`: `total` was extrapolated from the newest matches, not counted (PostgreSQL,
    more than 10,000 candidates). `ranked_newest`: when set, the hits are the best of the N most
    recently stored matches, not of all of them.
    """

    query: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]
    total_is_estimate: bool = False
    ranked_newest: int | None = None


@dataclass(frozen=True, slots=True)
class _Shown:
    """One hit as read for the page: the article's details and its snippet with private marks."""

    id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None
    snippet: str | None


@dataclass(frozen=True, slots=True)
class _Ranking:
    """What a back-end found for one page: its (id, score) rows, best first, and the total."""

    rows: list[tuple[int, float]]
    total: int
    total_is_estimate: bool = False
    ranked_newest: int | None = None


def search_articles(
    session: Session, query: str, filters: SearchFilters | None = None, *, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Articles matching `query`, best first. Read-only; InputError for a query that cannot be parsed.

    For example `search_articles(session, '"armoured train" -parade', SearchFilters(outlet="Harbour
    Wire"))`: the phrase, without the word, in one outlet's articles.
    """
    if limit < 0 or offset < 0:
        raise InputError("limit and offset must not be negative")
    backend = _backend_for(session, parse_query(query))
    clauses = _filter_clauses(filters or SearchFilters())
    try:
        found = backend.rank(session, clauses, limit, offset)
        shown = backend.page_rows(session, [article_id for article_id, _ in found.rows])
    except DBAPIError as exc:
        raise InputError(f"the search engine refused query {query!r}: {exc.orig}") from exc
    hits = [_hit(shown[i], score) for i, score in found.rows if i in shown]
    return SearchPage(query, found.total, limit, offset, hits, found.total_is_estimate, found.ranked_newest)


def outlet_facets(session: Session, query: str, filters: SearchFilters | None = None) -> dict[str, int]:
    """How many articles match `query` at each outlet, all other filters applied. Read-only."""
    return outlet_facet_counts(session, query, filters)[0]


def outlet_facet_counts(
    session: Session, query: str, filters: SearchFilters | None = None
) -> tuple[dict[str, int], bool]:
    """`outlet_facets`, and whether the counts are estimates (PostgreSQL, very common terms). Read-only."""
    backend = _backend_for(session, parse_query(query))
    clauses = _filter_clauses(replace(filters or SearchFilters(), outlet=None))
    try:
        counts, estimated = backend.outlet_counts(session, clauses)
    except DBAPIError as exc:
        raise InputError(f"the search engine refused query {query!r}: {exc.orig}") from exc
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ordered), estimated


def _article_rows(ids: Sequence[int]) -> AnySelect:
    return (
        select(Article.id, Article.url, Outlet.name.label("outlet"), Article.title, Article.published)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Article.id.in_(ids))
    )


def _hit(row: Any, score: float) -> SearchHit:
    snippet, highlights = _split_marks(row.snippet or "")
    return SearchHit(
        row.id, row.url, row.outlet, row.title, row.published, round(float(score), 6), snippet, highlights
    )


def _split_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{_MARK_START}{_MARK_END}])", marked):
        if piece == _MARK_START:
            start = length
        elif piece == _MARK_END:
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), highlights


def _filter_clauses(filters: SearchFilters) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.outlet is not None:
        clauses.append(Outlet.name == filters.outlet)
    if filters.since is not None:
        clauses.append(Article.published >= filters.since)
    if filters.until is not None:
        clauses.append(Article.published < filters.until)
    if filters.event_id is not None:
        clauses.append(
            exists().where(EventArticle.article_id == Article.id, EventArticle.event_id == filters.event_id)
        )
    if filters.source is not None:
        clauses.append(_cites(func.lower(Attribution.speaker_resolved) == filters.source.lower()))
    if filters.speaker is not None:
        wanted = filters.speaker.lower()
        clauses.append(
            _cites(
                func.lower(Attribution.speaker).contains(wanted, autoescape=True)
                | func.lower(Attribution.speaker_resolved).contains(wanted, autoescape=True)
            )
        )
    return clauses


def _cites(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    # Only the current version counts: an attribution edited out of the article no longer stands.
    return exists().where(Attribution.version_id == Article.current_version_id, condition)


class _Backend:
    """What differs between the engines: the index table, the match, the score, the snippets."""

    key: ColumnElement[int]
    index: Any
    match: ColumnElement[bool]
    score: ColumnElement[float]

    def matching(
        self, *columns: Any, clauses: Sequence[ColumnElement[bool]] = (), joined: bool = False
    ) -> AnySelect:
        """SELECT columns over the matching articles; joins articles and outlets only when needed."""
        stmt = select(*columns).select_from(self.index).where(self.match)
        if clauses or joined:
            stmt = stmt.join(Article, Article.id == self.key).join(Outlet, Outlet.id == Article.outlet_id)
        return stmt.where(*clauses)

    def rank(
        self, session: Session, clauses: Sequence[ColumnElement[bool]], limit: int, offset: int
    ) -> _Ranking:
        """One page of (id, score), best first, among the RANK_WINDOW newest matches at most."""
        total = int(session.scalar(self.matching(func.count(), clauses=clauses)) or 0)
        floor = self._rank_floor(session, total, clauses, limit + offset)
        rows = session.execute(self.ranked(clauses, floor).limit(limit).offset(offset)).all()
        window = RANK_WINDOW if floor is not None else None
        return _Ranking([(int(i), float(score)) for i, score in rows], total, ranked_newest=window)

    def _rank_floor(
        self, session: Session, total: int, clauses: Sequence[ColumnElement[bool]], needed: int
    ) -> int | None:
        # The lowest article id among the RANK_WINDOW newest matches; ranking then skips older ones.
        if total <= RANK_WINDOW or needed > RANK_WINDOW:
            return None
        newest = self.matching(self.key, clauses=clauses).order_by(self.key.desc()).offset(RANK_WINDOW - 1)
        floor = session.scalar(newest.limit(1))
        return int(floor) if floor is not None else None

    def outlet_counts(
        self, session: Session, clauses: Sequence[ColumnElement[bool]]
    ) -> tuple[dict[str, int], bool]:
        """Matches per outlet name, and whether the counts are estimates."""
        count = func.count()
        stmt = self.matching(Outlet.name, count, clauses=clauses, joined=True).group_by(Outlet.name)
        return {str(name): int(n) for name, n in session.execute(stmt)}, False

    def ranked(self, clauses: Sequence[ColumnElement[bool]], floor: int | None) -> AnySelect:
        score = self.score.label("score")
        stmt = self.matching(self.key, score, clauses=clauses)
        if floor is not None:
            stmt = stmt.where(self.key >= floor)
        return stmt.order_by(score.desc(), self.key)

    def page_rows(self, session: Session, ids: Sequence[int]) -> dict[int, Any]:
        """Article details and marked `snippet` of the hits shown, by id."""
        if not ids:
            return {}
        snippets = {int(i): s or "" for i, s in session.execute(self.snippets(ids))}
        rows = session.execute(_article_rows(ids)).all()
        return {
            row.id: _Shown(row.id, row.url, row.outlet, row.title, row.published, snippets.get(row.id))
            for row in rows
        }

    def snippets(self, ids: Sequence[int]) -> AnySelect:
        raise NotImplementedError


class _SqliteSearch(_Backend):
    """FTS5: `articles_fts MATCH ?`, bm25 with the title weighing more, snippet() of the text column."""

    def __init__(self, node: Node) -> None:
        self.index = table(SQLITE_FTS_TABLE, column("rowid"))
        self.key = self.index.c.rowid
        name: ColumnElement[Any] = literal_column(SQLITE_FTS_TABLE)
        self.match = sql_text(f"{SQLITE_FTS_TABLE} MATCH :fts_query").bindparams(fts_query=to_fts5(node))  # type: ignore[assignment]
        self.score = -func.bm25(name, 4.0, 1.0)
        self.snippet = func.snippet(name, 1, _MARK_START, _MARK_END, "…", 24)

    def snippets(self, ids: Sequence[int]) -> AnySelect:
        return select(self.key, self.snippet).select_from(self.index).where(self.match, self.key.in_(ids))


class _PostgresSearch(_Backend):
    """tsvector table with a GIN index: `document @@ to_tsquery(...)`, ts_rank, ts_headline per hit."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.query = search_postgres.PostgresQuery(node)
        self.index = table(POSTGRES_SEARCH_TABLE, column("article_id"), column("document"))
        self.key = self.index.c.article_id
        self.config = self.query.config
        self.tsquery = self.query.exact
        self.match = self.index.c.document.op("@@")(self.tsquery)
        self.score = func.ts_rank(self.index.c.document, self.tsquery)

    def rank(
        self, session: Session, clauses: Sequence[ColumnElement[bool]], limit: int, offset: int
    ) -> _Ranking:
        with search_postgres.planner_settings(session):
            query = search_postgres.PostgresQuery.prepare(session, self.node)
            window = search_postgres.find_window(session, query, clauses, limit + offset)
        return _Ranking(
            window.page(limit, offset), window.total, window.total_is_estimate, window.ranked_newest
        )

    def outlet_counts(
        self, session: Session, clauses: Sequence[ColumnElement[bool]]
    ) -> tuple[dict[str, int], bool]:
        with search_postgres.planner_settings(session):
            query = search_postgres.PostgresQuery.prepare(session, self.node)
            return search_postgres.outlet_counts(session, query, clauses)

    def page_rows(self, session: Session, ids: Sequence[int]) -> dict[int, Any]:
        # Details and headline in one statement: under load every round trip waits for a CPU.
        if not ids:
            return {}
        options = f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2"
        headline = func.ts_headline(
            self.config, func.coalesce(ArticleVersion.text, ""), self.tsquery, options
        )
        stmt = _article_rows(ids).add_columns(headline.label("snippet"))
        stmt = stmt.outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
        return {row.id: row for row in session.execute(stmt)}


def _backend_for(session: Session, node: Node) -> _Backend:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _SqliteSearch(node)
    if dialect == "postgresql":
        return _PostgresSearch(node)
    raise InputError(f"full-text search is not available on {dialect} databases")


def check_index(session: Session) -> None:
    """Raise if the SQLite FTS5 index disagrees with the articles (FTS5 `integrity-check`)."""
    if session.get_bind().dialect.name == "sqlite":
        check = f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        session.execute(sql_text(check))


__all__ = [
    "RANK_WINDOW",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "check_index",
    "include_schema_name",
    "outlet_facet_counts",
    "outlet_facets",
    "parse_query",
    "search_articles",
]
