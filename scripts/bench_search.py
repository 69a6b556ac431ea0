"""Search latency over a large synthetic database: p50/p95 of `search_articles` on SQLite and PostgreSQL.

Generates N articles (default 100,000) of Zipf-distributed pseudo-words across 20 outlets, inserts
them in bulk (the search index is fed by the migration's triggers, as for any write), then times a
fixed mix of queries: rare, mid-frequency and common words, two-word AND, a phrase, OR, a prefix, an
exclusion and an outlet filter. Each timing is one `search_articles` call (total count and the first
page of 20 with snippets) and, separately, the outlet facet the API adds. The goal is p95 <= 50 ms.

    .venv/bin/python scripts/bench_search.py --db sqlite:////tmp/bench.db [--articles 100000]
    .venv/bin/python scripts/bench_search.py --db postgresql+psycopg://postgres@127.0.0.1:5432/bench

An existing database with the requested number of articles is reused (generation takes minutes).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text, update

from newsprism.storage.database import Database
from newsprism.storage.models import Article, ArticleVersion, Outlet
from newsprism.storage.search import SearchFilters, SearchPage, outlet_facets, search_articles

VOCABULARY = 30_000
WORDS_PER_ARTICLE = (150, 400)
OUTLETS = 20
BATCH = 2_000
START = datetime(2023, 1, 1, tzinfo=UTC)
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ar", "en")]


def vocabulary(rng: random.Random) -> list[str]:
    """Distinct pronounceable pseudo-words, most frequent first."""
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.choices(SYLLABLES, k=rng.choice((2, 3, 3, 4))))] = None
    return list(words)


def articles(count: int, words: list[str], rng: random.Random) -> Iterator[tuple[int, str, str, datetime]]:
    """(outlet index, title, text, published) of each synthetic article."""
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(words))]
    cumulative = list(_accumulate(weights))
    for n in range(count):
        body = rng.choices(words, cum_weights=cumulative, k=rng.randint(*WORDS_PER_ARTICLE))
        sentences = [" ".join(body[i : i + 15]).capitalize() + "." for i in range(0, len(body), 15)]
        title = " ".join(rng.choices(words, cum_weights=cumulative, k=7)).capitalize()
        yield (
            n % OUTLETS,
            title,
            "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)),
            (START + timedelta(minutes=7 * n)),
        )


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def populate(database: Database, count: int, words: list[str], rng: random.Random) -> None:
    with database.transaction() as session:
        session.execute(
            insert(Outlet), [{"name": f"Outlet {i:02d}", "kind": "newspaper"} for i in range(OUTLETS)]
        )
        outlet_ids = list(session.scalars(select(Outlet.id).order_by(Outlet.name)))
    started, batch = time.perf_counter(), []
    for n, row in enumerate(articles(count, words, rng)):
        batch.append(row)
        if len(batch) == BATCH or n == count - 1:
            _insert_batch(database, outlet_ids, batch, n - len(batch) + 1)
            batch = []
            print(f"\r  {n + 1:>7} articles, {time.perf_counter() - started:6.1f} s", end="", file=sys.stderr)
    print(file=sys.stderr)


def _insert_batch(
    database: Database,
    outlet_ids: list[int],
    rows: list[tuple[int, str, str, datetime]],
    first: int,
) -> None:
    with database.transaction() as session:
        ids = [first + i + 1 for i in range(len(rows))]
        session.execute(
            insert(Article),
            [
                {
                    "id": i,
                    "url": f"https://bench.example/{i}",
                    "canonical_url": f"https://bench.example/{i}",
                    "outlet_id": outlet_ids[o],
                    "title": title,
                    "authors": [],
                    "published": published,
                    "first_seen": published,
                    "last_fetched": published,
                }
                for i, (o, title, _, published) in zip(ids, rows, strict=True)
            ],
        )
        session.execute(
            insert(ArticleVersion),
            [
                {
                    "id": i,
                    "article_id": i,
                    "number": 1,
                    "title": title,
                    "text": body,
                    "content_hash": f"{i:064x}",
                    "fetched_at": published,
                    "analyzed": True,
                }
                for i, (_, title, body, published) in zip(ids, rows, strict=True)
            ],
        )
        session.execute(
            update(Article)
            .where(Article.id.between(ids[0], ids[-1]))
            .values(current_version_id=Article.id)
            .execution_options(synchronize_session=False)
        )


def query_mix(words: list[str], rng: random.Random) -> list[tuple[str, str, SearchFilters | None]]:
    """(kind, query, filters): the same mix on every back-end for a given seed."""
    rare, mid, common = words[-10_000:], words[500:3_000], words[5:100]
    mix: list[tuple[str, str, SearchFilters | None]] = []
    for _ in range(20):
        mix += [
            ("rare word", rng.choice(rare), None),
            ("mid word", rng.choice(mid), None),
            ("common word", rng.choice(common), None),
            ("two words", f"{rng.choice(mid)} {rng.choice(mid)}", None),
            ("phrase", f'"{rng.choice(common)} {rng.choice(common)}"', None),
            ("or", f"{rng.choice(mid)} OR {rng.choice(rare)}", None),
            ("prefix", rng.choice(mid)[:4] + "*", None),
            ("exclusion", f"{rng.choice(mid)} -{rng.choice(common)}", None),
            ("outlet filter", rng.choice(mid), SearchFilters(outlet=f"Outlet {rng.randrange(OUTLETS):02d}")),
        ]
    return mix


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench(database: Database, mix: list[tuple[str, str, SearchFilters | None]]) -> None:
    by_kind: dict[str, list[float]] = {}
    searches, facets, approximate = [], [], Counter[str]()
    print(f"load average before: {_load()}")
    with database.session() as session:
        for _, query, filters in mix[:20]:  # warm the caches once
            search_articles(session, query, filters)
        for kind, query, filters in mix:
            started = time.perf_counter()
            page = search_articles(session, query, filters)
            spent = (time.perf_counter() - started) * 1000
            by_kind.setdefault(kind, []).append(spent)
            searches.append(spent)
            approximate.update(_approximations(kind, page))
            facets.append(timed(lambda q=query, f=filters: outlet_facets(session, q, f)))  # type: ignore[misc]
    print(f"{'query kind':<16}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, values in by_kind.items():
        print(
            f"{kind:<16}{len(values):>5}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values):>10.1f}"
        )
    for name, values in (("all searches", searches), ("outlet facet", facets)):
        print(
            f"{name:<16}{len(values):>5}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values):>10.1f}"
        )
    print(f"load average after: {_load()}")
    print("approximate answers: " + (", ".join(f"{k} {n}" for k, n in sorted(approximate.items())) or "none"))
    p95 = percentile(searches, 0.95)
    print(
        f"search p50 {statistics.median(searches):.1f} ms, p95 {p95:.1f} ms (goal <= 50 ms: "
        f"{'met' if p95 <= 50 else 'NOT met'})"
    )


def _approximations(kind: str, page: SearchPage) -> list[str]:
    marks = [f"{kind}: total estimated"] if page.total_is_estimate else []
    return marks + ([f"{kind}: ranked among newest"] if page.ranked_newest else [])


def _load() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            return " ".join(loadavg.read().split()[:3])
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of the benchmark database")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(rng)
    database = Database(args.db)
    with database.session() as session:
        stored = session.scalar(select(func.count(Article.id))) or 0
        backend = session.get_bind().dialect.name
    if stored == 0:
        print(f"generating {args.articles} articles into {backend} ...", file=sys.stderr)
        populate(database, args.articles, words, rng)
        _analyze(database, backend)
    elif stored != args.articles:
        print(
            f"{args.db} holds {stored} articles, not {args.articles}; use an empty database", file=sys.stderr
        )
        return 1
    print(f"{backend}: {args.articles} articles, seed {args.seed}")
    bench(database, query_mix(words, random.Random(args.seed + 1)))
    database.close()
    return 0


def _analyze(database: Database, backend: str) -> None:
    # Fresh planner statistics and, on PostgreSQL, a vacuumed heap (hint bits set, visibility map
    # filled), as a database that has lived for a while and met autovacuum would have.
    if backend == "postgresql":
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        return
    with database.transaction() as session:
        session.execute(text("ANALYZE"))
        session.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')"))


if __name__ == "__main__":
    sys.exit(main())
