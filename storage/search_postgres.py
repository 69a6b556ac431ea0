"""How a PostgreSQL search picks the matches it ranks, reading as few documents as it can.

What costs time on PostgreSQL is reading tsvectors (~2.9 kB each), not the GIN index. So:

- A GIN index alone finds the candidates, from posting lists, without reading a document: for a
  query without phrase, the query itself; with one, the query over words and adjacent word pairs
  (`newsprism.storage.search_pairs`, the index of revision 0006), where a two-word phrase is one pair lexeme
  and so exact. Other phrases (three words, a stop word inside) are then checked on those few
  candidates only, in `articles_search_inline`, the copy of each tsvector that is stored in its row
  (revision 0005) and so reads ~6x faster than the TOASTed one.
- Up to `EXACT_LIMIT` candidates the total is exact; past it, counting every match would cost more
  than the rest of the search, so the newest matches are found by walking `articles_search_inline`
  backwards by article id, and the total is extrapolated from how far back that walk went
  (`total_is_estimate`).
- The page is ranked (`ts_rank`) among the `RANK_WINDOW` newest matches at most (`ranked_newest`).

Planner settings are changed for the search's statements only: JIT compiles for ~100 ms, far more
than these statements run, and the planner, which counts `@@` as nearly free, prefers a sequential
scan that reads every document to a bitmap scan of the GIN index.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    any_,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    null,
    select,
    table,
    union_all,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.orm import Session

from newsprism.storage.models import Article, Outlet
from newsprism.storage.search_pairs import PairQuery, query_words, to_pair_tsquery
from newsprism.storage.search_query import Node, has_phrase, to_tsquery, to_tsquery_superset

SEARCH_TABLE = "articles_search"
INLINE_TABLE = "articles_search_inline"
TEXT_CONFIG = "english"
EXACT_LIMIT = 10_000
RANK_WINDOW = 1_000
# Planner estimates above this skip listing the candidates (surely more than EXACT_LIMIT) altogether.
SURELY_MANY = 2 * EXACT_LIMIT
# A facet over very many matches is counted among the newest of them, found as for a first page.
FACET_SAMPLE = 20
# Article ids walked back at first when matches are many; the next range is 4x as long, and so on
# (each range of a phrase costs a GIN bitmap of its words' whole posting lists, so few of them).
SCAN_SPAN = 20_000

_SEARCH = table(SEARCH_TABLE, column("article_id"), column("document"))
_INLINE = table(INLINE_TABLE, column("article_id"), column("document"))
# Parallel workers take longer to start than these statements take to run.
SEARCH_SETTINGS = {"jit": "off", "enable_seqscan": "off", "max_parallel_workers_per_gather": "0"}
_AnySelect = TypeVar("_AnySelect", bound=Select[Any])


@dataclass(frozen=True, slots=True)
class Window:
    """The matches a page is ranked among, as (article id, score), and how many match in all."""

    scored: list[tuple[int, float]]
    total: int
    total_is_estimate: bool
    ranked_newest: int | None  # len(scored) when they are not every match

    def page(self, limit: int, offset: int) -> list[tuple[int, float]]:
        """Best first; among equal scores, lower ids first (as on SQLite)."""
        return sorted(self.scored, key=lambda row: (-row[1], row[0]))[offset : offset + limit]


class PostgresQuery:
    """A parsed query as the tsqueries PostgreSQL needs: exact, and the GIN-only candidates.

    Without a phrase the candidates are the query itself over `articles_search.document`; with one,
    they come from the word-pair index of revision 0006 (`newsprism.storage.search_pairs`), which needs the
    words' lexemes: build it with `PostgresQuery.prepare`, which asks the database for them.
    """

    def __init__(self, node: Node, pairs: PairQuery | None = None) -> None:
        self.config: ColumnElement[Any] = literal_column(f"'{TEXT_CONFIG}'::regconfig")
        self.exact = func.to_tsquery(self.config, to_tsquery(node))
        self.pairs = pairs if pairs is not None and pairs.text is not None else None
        self.has_phrase = has_phrase(node)
        # The candidates need checking against word positions unless the pairs say it all.
        self.needs_check = self.has_phrase and (self.pairs is None or not self.pairs.exact)
        self.candidates_text = to_tsquery_superset(node) if self.pairs is None else str(self.pairs.text)

    @classmethod
    def prepare(cls, session: Session, node: Node) -> PostgresQuery:
        """The query with its phrases as word pairs (one statement to stem the words). Read-only."""
        if not has_phrase(node):
            return cls(node)
        stemmed = sql_text(
            f"SELECT word, tsvector_to_array(to_tsvector('{TEXT_CONFIG}'::regconfig, word)) "
            "FROM unnest(CAST(:words AS text[])) AS word"
        )
        rows = session.execute(stemmed, {"words": sorted(query_words(node))})
        lexemes = {str(word): tuple(found) for word, found in rows}
        return cls(node, to_pair_tsquery(node, lexemes))

    def candidates(self, document: ColumnElement[Any]) -> ColumnElement[bool]:
        """`document @@ ...` answered by a GIN index alone: every match, maybe more (`needs_check`)."""
        if self.pairs is None:
            return document.op("@@")(func.to_tsquery(self.config, self.candidates_text))
        terms = func.newsprism_search_terms(document)
        return terms.op("@@")(cast(bindparam(None, self.candidates_text), TSQUERY))

    def candidates_sql(self) -> str:
        """`candidates` as SQL text over `document`, with the query bound as `:query`."""
        if self.pairs is None:
            return f"document @@ to_tsquery('{TEXT_CONFIG}'::regconfig, :query)"
        return "newsprism_search_terms(document) @@ CAST(:query AS tsquery)"


@contextmanager
def planner_settings(session: Session, **values: str) -> Iterator[None]:
    """Planner settings for the statements run inside (default `SEARCH_SETTINGS`); then the caller's.

    Not restored when the block raises: the transaction has failed and its rollback undoes them.
    """
    wanted = values or SEARCH_SETTINGS
    # One round trip: a select list is evaluated left to right, so each value is read before set.
    reads = [f"current_setting('{name}')" for name in wanted]
    before = session.execute(sql_text(f"SELECT {', '.join(reads)}, {_setting(wanted)}"), wanted).one()
    yield
    restored = dict(zip(wanted, before[: len(wanted)], strict=True))
    session.execute(sql_text(f"SELECT {_setting(restored)}"), restored)


def _setting(values: dict[str, str]) -> str:
    return ", ".join(f"set_config('{name}', :{name}, true)" for name in values)


def find_window(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]], needed: int
) -> Window:
    """The scored matches to rank a page ending at `needed` among, and the total. Read-only."""
    if not query.needs_check:
        return _counted_and_scored(session, query, clauses, needed) or _newest_matches(
            session, query, clauses, needed
        )
    candidates = _candidate_ids(session, query, clauses)
    if candidates is None:
        return _newest_matches(session, query, clauses, needed)
    # A phrase matches few of its candidates: checking and scoring them is one read of each.
    scored = sorted(_scores(session, query, candidates, check=True), reverse=True)
    window = scored[: max(RANK_WINDOW, needed)]
    return Window(window, len(scored), False, len(window) if len(window) < len(scored) else None)


def outlet_counts(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]]
) -> tuple[dict[str, int], bool]:
    """Matches per outlet name, and whether they are estimates (scaled from the newest matches)."""
    matched = _every_match(session, query, clauses)
    window = None if matched is not None else _newest_matches(session, query, clauses, FACET_SAMPLE)
    ids = matched if window is None else [article_id for article_id, _ in window.scored]
    if not ids:
        return {}, False
    count = func.count()
    stmt = (
        select(Outlet.name, count)
        .join(Article, Article.outlet_id == Outlet.id)
        .where(Article.id == any_(_id_array(ids)))
        .group_by(Outlet.name)
    )
    counts = {str(name): int(n) for name, n in session.execute(stmt)}
    if window is None or not window.total_is_estimate:
        return counts, False
    return {name: max(1, round(n * window.total / len(ids))) for name, n in counts.items()}, True


def _counted_and_scored(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]], needed: int
) -> Window | None:
    # Without a phrase the candidates are the matches: one statement counts them (up to
    # EXACT_LIMIT + 1) and scores the newest. None when there are more than EXACT_LIMIT.
    if not clauses and _planned_rows(session, query) > SURELY_MANY:
        return None
    size = max(RANK_WINDOW, needed)
    found = _candidates(query, clauses).limit(EXACT_LIMIT + 1).cte("found").prefix_with("MATERIALIZED")
    total = select(func.count()).select_from(found).scalar_subquery()
    newest = select(found.c.article_id).order_by(found.c.article_id.desc()).limit(size).subquery()
    key = _INLINE.c.article_id
    scored = (
        select(total, key, func.ts_rank(_INLINE.c.document, query.exact))
        .select_from(newest.join(_INLINE, key == newest.c.article_id))
        .where(total <= EXACT_LIMIT)
    )
    # The count comes back in a row of its own even when nothing is scored: counting again to tell
    # "none" from "too many" cost as much as the first statement.
    counted = select(total, null(), null())
    rows = session.execute(union_all(counted, scored)).all()
    matched = next(int(count) for count, i, _ in rows if i is None)
    if matched > EXACT_LIMIT:
        return None
    window = [(int(i), float(s)) for _, i, s in rows if i is not None]
    return Window(window, matched, False, len(window) if len(window) < matched else None)


def _scores(
    session: Session, query: PostgresQuery, ids: Sequence[int], *, check: bool
) -> list[tuple[int, float]]:
    # (id, score) of those of `ids` that match, read from the inline copy; `check`: test the phrase.
    if not ids:
        return []
    score = func.ts_rank(_INLINE.c.document, query.exact)
    stmt = select(_INLINE.c.article_id, score).where(_INLINE.c.article_id == any_(_id_array(ids)))
    if check:
        stmt = stmt.where(_INLINE.c.document.op("@@")(query.exact))
    return [(int(i), float(s)) for i, s in session.execute(stmt)]


def _every_match(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]]
) -> list[int] | None:
    # None when there are more than EXACT_LIMIT candidates: listing them all would cost too much.
    candidates = _candidate_ids(session, query, clauses)
    if candidates is None or not query.needs_check:
        return candidates
    return [article_id for article_id, _ in _scores(session, query, candidates, check=True)]


def _candidate_ids(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]]
) -> list[int] | None:
    if not clauses and _planned_rows(session, query) > SURELY_MANY:
        return None
    candidates = list(session.scalars(_candidates(query, clauses).limit(EXACT_LIMIT + 1)))
    return None if len(candidates) > EXACT_LIMIT else candidates


def _planned_rows(session: Session, query: PostgresQuery) -> float:
    # The planner's guess from the column statistics, close for frequent words (which are what
    # matters here) and ~1 ms, against tens of ms to list 10,000 candidates before giving up.
    explain = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {SEARCH_TABLE} WHERE {query.candidates_sql()}"
    plan = session.execute(sql_text(explain), {"query": query.candidates_text}).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def _candidates(query: PostgresQuery, clauses: Sequence[ColumnElement[bool]]) -> Select[tuple[Any]]:
    found = select(_SEARCH.c.article_id).where(query.candidates(_SEARCH.c.document))
    if not clauses:
        return found
    # Materialized, so the index answers first: otherwise the planner walks an outlet's articles and
    # reads each one's TOASTed document to test it.
    matched = found.cte("matched").prefix_with("MATERIALIZED")
    return _joined(select(matched.c.article_id), matched.c.article_id).where(*clauses)


def _joined(stmt: _AnySelect, key: Any) -> _AnySelect:
    return stmt.join(Article, Article.id == key).join(Outlet, Outlet.id == Article.outlet_id)


def _newest_matches(
    session: Session, query: PostgresQuery, clauses: Sequence[ColumnElement[bool]], needed: int
) -> Window:
    # Walks back through ever longer ranges of article ids until the page can be filled.
    size = max(RANK_WINDOW, needed)
    bounds = select(func.max(_INLINE.c.article_id), func.min(_INLINE.c.article_id))
    top, bottom = session.execute(bounds).one()
    if top is None:
        return Window([], 0, False, None)
    scored: list[tuple[int, float]] = []
    upper, span = int(top), SCAN_SPAN
    while True:
        lower = max(upper - span, int(bottom) - 1)
        scored += _newest_in(session, query, clauses, (lower, upper), size - len(scored))
        if len(scored) >= needed or lower < bottom:
            break
        upper, span = lower, span * 4
    if len(scored) < size and lower < bottom:  # every article was read: the count is exact
        return Window(scored, len(scored), False, None)
    reached = scored[-1][0] if len(scored) >= size else lower + 1
    estimate = round(len(scored) * (int(top) - int(bottom) + 1) / max(1, int(top) - reached + 1))
    # Without a phrase the candidates were the matches, and there were more than EXACT_LIMIT.
    total = estimate if query.has_phrase else max(estimate, EXACT_LIMIT + 1)
    return Window(scored, total, True, len(scored))


def _newest_in(
    session: Session,
    query: PostgresQuery,
    clauses: Sequence[ColumnElement[bool]],
    ids: tuple[int, int],
    size: int,
) -> list[tuple[int, float]]:
    # The `size` newest matches with lower < article id <= upper, scored.
    key = _INLINE.c.article_id
    stmt = select(key, func.ts_rank(_INLINE.c.document, query.exact)).where(
        key > ids[0], key <= ids[1], _INLINE.c.document.op("@@")(query.exact)
    )
    if clauses:
        stmt = _joined(stmt, key).where(*clauses)
    stmt = stmt.order_by(key.desc()).limit(size)
    if not query.has_phrase:
        # Most documents match: walking the primary key backwards reads few more than it keeps.
        return [(int(i), float(s)) for i, s in session.execute(stmt)]
    # A phrase matches few of them: only the range's candidates, the GIN bitmap ANDed with the
    # range's (index scans off so the planner does that), are read and checked.
    search = _SEARCH.c
    stmt = stmt.join(_SEARCH, search.article_id == key).where(
        query.candidates(search.document), search.article_id > ids[0], search.article_id <= ids[1]
    )
    with planner_settings(session, enable_indexscan="off"):
        return [(int(i), float(s)) for i, s in session.execute(stmt)]


def _id_array(ids: Sequence[int]) -> Any:
    # One array parameter rather than an IN list of thousands of bound values.
    return bindparam(None, list(ids), type_=ARRAY(Integer))
