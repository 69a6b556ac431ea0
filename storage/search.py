"""Full-text search over the current text and title of every stored article, inside the database.

The index lives next to the data and is kept in sync by triggers created in the `search` migration:
an FTS5 table (external content over the `articles_current` view, bm25 ranking, `snippet()`) on
SQLite, a tsvector table with a GIN index (`ts_rank`, `ts_headline`) on PostgreSQL. Users write one
query language on both back-ends (words, "phrases", prefix*, AND, OR, NOT or -word, parentheses);
it is parsed here, so a query the engine could not parse is an `InputError` naming the problem, and
the compiled query only ever reaches SQL as a bound parameter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, column, exists, func, literal_column, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.errors import InputError
from storage.models import Article, Attribution, EventArticle, Outlet

# Objects of the search migration that the models do not declare (autogenerate must leave them alone).
SQLITE_FTS_TABLE = "articles_fts"
POSTGRES_SEARCH_TABLE = "articles_search"
POSTGRES_TEXT_CONFIG = "english"

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
# Private markers around a match in a snippet; removed before a snippet leaves this module.
_MARK_START, _MARK_END = "\x02", "\x03"


def is_search_index_table(name: str | None) -> bool:
    """True for the tables the search migration owns (FTS5 and its shadow tables, the tsvector table)."""
    return bool(name) and (
        name == POSTGRES_SEARCH_TABLE
        or name == SQLITE_FTS_TABLE
        or str(name).startswith(SQLITE_FTS_TABLE + "_")
    )


def include_schema_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """An Alembic `include_name` hook: compare everything but the search index tables."""
    return not (type_ == "table" and is_search_index_table(name))


# --- the query language ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or several in a row (a phrase); `prefix` matches any word starting with the last."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


Node = Term | Not | And | Or

_TOKEN = re.compile(
    r'\s*(?:(?P<paren>[()])|(?P<minus>-(?=["(]))|(?P<quote>"[^"]*(?:"\*?|$))|(?P<word>[^\s()"]+))'
)
_WORD_PIECE = re.compile(r"[^\W_]+")
_OPERATORS = {"AND", "OR", "NOT"}


def parse_query(query: str) -> Node:
    """Parse a search query; InputError names what is wrong with it.

    >>> parse_query('drones -"state media"')
    And(items=(Term(words=('drones',), prefix=False), Not(item=Term(words=('state', 'media'), prefix=False))))
    """
    if "\x00" in query:
        raise InputError("the search query contains a NUL character")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the search query is {len(query)} characters long; at most {MAX_QUERY_CHARS}")
    tokens = _tokens(query)
    if not tokens:
        raise InputError(f"nothing to search for in {query!r}: give at least one word")
    parser = _Parser(tokens, query)
    node = parser.parse()
    _check_searchable(node, query)
    if _term_count(node) > MAX_QUERY_TERMS:
        raise InputError(f"the search query has more than {MAX_QUERY_TERMS} words")
    return node


def _tokens(query: str) -> list[str]:
    tokens = []
    for match in _TOKEN.finditer(query):
        word = match.group("word")
        if word is not None and word not in _OPERATORS and not _WORD_PIECE.search(word):
            continue  # stray punctuation ("--", "';") is not a search term, as in any search box
        piece = match.group("paren") or match.group("minus") or match.group("quote") or word
        if piece:
            tokens.append(piece)
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary ([AND] unary)*; unary := (NOT|-) unary | atom."""

    def __init__(self, tokens: list[str], query: str) -> None:
        self.tokens, self.position, self.query = tokens, 0, query

    def fail(self, why: str) -> InputError:
        return InputError(f"cannot parse search query {self.query!r}: {why}")

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node:
        node = self.parse_or()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()!r} (a ')' without its '('?)")
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node:
        items = [self.parse_unary()]
        while (token := self.peek()) is not None and token not in {"OR", ")"}:
            if token == "AND":
                self.take()
            items.append(self.parse_unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self) -> Node:
        token = self.peek()
        if token == "NOT":
            self.take()
            return Not(self.parse_unary())
        if token == "-":
            self.take()
            return Not(self.parse_unary())
        if token is not None and token.startswith("-") and len(token) > 1:
            self.tokens[self.position] = token[1:]
            return Not(self.parse_unary())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail("it ends where a word was expected")
        if token in _OPERATORS or token == ")":
            raise self.fail(f"{token!r} must stand between two words")
        self.take()
        if token == "(":
            node = self.parse_or()
            if self.peek() != ")":
                raise self.fail("unbalanced '(': add the closing ')'")
            self.take()
            return node
        return self._term(token)

    def _term(self, token: str) -> Term:
        prefix = token.endswith("*")
        if token.startswith('"'):
            body = token[:-1] if prefix else token
            if len(body) == 1 or not body.endswith('"'):
                raise self.fail("unbalanced '\"': add the closing quote")
        words = tuple(_WORD_PIECE.findall(token))
        if not words:
            raise self.fail(f"{token!r} has no letters or digits to search for")
        return Term(words, prefix)


def _check_searchable(node: Node, query: str) -> None:
    # An index finds documents that contain something; "everything except X" is not a search.
    if isinstance(node, Not):
        raise InputError(f"cannot search {query!r}: a query cannot only exclude words")
    if isinstance(node, And):
        if all(isinstance(item, Not) for item in node.items):
            raise InputError(f"cannot search {query!r}: a query cannot only exclude words")
        for item in node.items:
            _check_searchable(item.item if isinstance(item, Not) else item, query)
    if isinstance(node, Or):
        for item in node.items:
            if isinstance(item, Not):
                raise InputError(f"cannot search {query!r}: an excluded word cannot be one side of OR")
            _check_searchable(item, query)


def _term_count(node: Node) -> int:
    if isinstance(node, Term):
        return len(node.words)
    if isinstance(node, Not):
        return _term_count(node.item)
    return sum(_term_count(item) for item in node.items)


def to_fts5(node: Node) -> str:
    """The FTS5 MATCH expression of a parsed query (every word quoted, so none is an operator)."""
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(item) for item in node.items) + ")"
    if isinstance(node, Not):  # only inside And, see _check_searchable
        return to_fts5(node.item)
    wanted = [to_fts5(i) for i in node.items if not isinstance(i, Not)]
    expression = "(" + " AND ".join(wanted) + ")"
    for item in node.items:
        if isinstance(item, Not):
            expression = f"({expression} NOT {to_fts5(item)})"
    return expression


def to_tsquery(node: Node) -> str:
    """The PostgreSQL `to_tsquery` text of a parsed query."""
    if isinstance(node, Term):
        quoted = [f"'{word}'" for word in node.words]
        if node.prefix:
            quoted[-1] += ":*"
        return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"
    if isinstance(node, Not):
        return f"!{to_tsquery(node.item)}"
    joiner = " | " if isinstance(node, Or) else " & "
    return "(" + joiner.join(to_tsquery(item) for item in node.items) + ")"


AnySelect = Select[*tuple[Any, ...]]

# --- searching ------------------------------------------------------------------------------------


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
    """One page of results, best first, and how many articles match in all."""

    query: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]


def search_articles(
    session: Session, query: str, filters: SearchFilters | None = None, *, limit: int = 20, offset: int = 0
) -> SearchPage:
    """Articles matching `query`, best first. Read-only; InputError for a query that cannot be parsed.

    >>> search_articles(session, '"armoured train" -parade', SearchFilters(outlet="Harbour Wire"))
    """
    if limit < 0 or offset < 0:
        raise InputError("limit and offset must not be negative")
    node = parse_query(query)
    engine = _engine_for(session)
    where = [engine.matches(node), *_filter_clauses(filters or SearchFilters())]
    try:
        total = session.scalar(engine.from_matches(select(func.count())).where(*where)) or 0
        rows = session.execute(engine.page(where, limit, offset)).all()
    except DBAPIError as exc:
        raise InputError(f"the search engine refused query {query!r}: {exc.orig}") from exc
    return SearchPage(query, int(total), limit, offset, [_hit(row) for row in rows])


def outlet_facets(session: Session, query: str, filters: SearchFilters | None = None) -> dict[str, int]:
    """How many articles match `query` at each outlet, all other filters applied. Read-only."""
    node = parse_query(query)
    engine = _engine_for(session)
    given = filters or SearchFilters()
    unfiltered = SearchFilters(None, given.since, given.until, given.event_id, given.source, given.speaker)
    stmt = (
        engine.from_matches(select(Outlet.name, func.count()))
        .where(engine.matches(node), *_filter_clauses(unfiltered))
        .group_by(Outlet.name)
        .order_by(func.count().desc(), Outlet.name)
    )
    return {str(name): int(count) for name, count in session.execute(stmt).all()}


def _hit(row: Any) -> SearchHit:
    snippet, highlights = _split_marks(row.snippet or "")
    return SearchHit(
        article_id=row.id,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
        score=round(float(row.score), 6),
        snippet=snippet,
        highlights=highlights,
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


class _SqliteSearch:
    """FTS5: `articles_fts MATCH ?`, bm25 with the title weighing more, snippet of the text column."""

    fts = table(SQLITE_FTS_TABLE, column("rowid"))
    name: ColumnElement[Any] = literal_column(SQLITE_FTS_TABLE)

    def matches(self, node: Node) -> ColumnElement[bool]:
        return sql_text(f"{SQLITE_FTS_TABLE} MATCH :fts_query").bindparams(fts_query=to_fts5(node))  # type: ignore[return-value]

    def from_matches(self, stmt: AnySelect) -> AnySelect:
        return stmt.select_from(self.fts).join(Article, Article.id == self.fts.c.rowid).join(Outlet)

    def page(self, where: Sequence[ColumnElement[bool]], limit: int, offset: int) -> AnySelect:
        score = func.bm25(self.name, 4.0, 1.0)
        snippet = func.snippet(self.name, 1, _MARK_START, _MARK_END, "…", 24)
        stmt = select(*_hit_columns(), (-score).label("score"), snippet.label("snippet"))
        return self.from_matches(stmt).where(*where).order_by(score, Article.id).limit(limit).offset(offset)


class _PostgresSearch:
    """tsvector table with a GIN index: `document @@ to_tsquery(...)`, ts_rank, ts_headline per page row."""

    index = table(POSTGRES_SEARCH_TABLE, column("article_id"), column("document"))
    config: ColumnElement[Any] = literal_column(f"'{POSTGRES_TEXT_CONFIG}'::regconfig")

    def __init__(self) -> None:
        self.tsquery: ColumnElement[Any] | None = None

    def matches(self, node: Node) -> ColumnElement[bool]:
        self.tsquery = func.to_tsquery(self.config, to_tsquery(node))
        return self.index.c.document.op("@@")(self.tsquery)

    def from_matches(self, stmt: AnySelect) -> AnySelect:
        return (
            stmt.select_from(self.index)
            .join(Article, Article.id == self.index.c.article_id)
            .join(Outlet, Outlet.id == Article.outlet_id)
        )

    def page(self, where: Sequence[ColumnElement[bool]], limit: int, offset: int) -> AnySelect:
        score = func.ts_rank(self.index.c.document, self.tsquery)
        ranked = (
            self.from_matches(select(*_hit_columns(), Article.current_version_id, score.label("score")))
            .where(*where)
            .order_by(score.desc(), Article.id)
            .limit(limit)
            .offset(offset)
            .subquery()
        )
        return self._with_headline(ranked)

    def _with_headline(self, ranked: Any) -> AnySelect:
        # ts_headline re-parses the whole text, so it runs on the page's rows only, never on all matches.
        from storage.models import ArticleVersion

        options = f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2"
        headline = func.ts_headline(
            self.config, func.coalesce(ArticleVersion.text, ""), self.tsquery, options
        )
        return (
            select(
                ranked.c.id,
                ranked.c.url,
                ranked.c.outlet,
                ranked.c.title,
                ranked.c.published,
                ranked.c.score,
                headline.label("snippet"),
            )
            .select_from(ranked)
            .outerjoin(ArticleVersion, ArticleVersion.id == ranked.c.current_version_id)
            .order_by(ranked.c.score.desc(), ranked.c.id)
        )


def _hit_columns() -> list[Any]:
    return [Article.id, Article.url, Outlet.name.label("outlet"), Article.title, Article.published]


def _engine_for(session: Session) -> _SqliteSearch | _PostgresSearch:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return _SqliteSearch()
    if dialect == "postgresql":
        return _PostgresSearch()
    raise InputError(f"full-text search is not available on {dialect} databases")


def check_index(session: Session) -> None:
    """Raise if the SQLite FTS5 index disagrees with the articles (FTS5 `integrity-check`)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            sql_text(
                f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
            )
        )


__all__ = [
    "And",
    "Not",
    "Or",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "Term",
    "check_index",
    "include_schema_name",
    "outlet_facets",
    "parse_query",
    "search_articles",
]
