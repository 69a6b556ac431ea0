"""The events list over a large database: one page of the events page, against every event at once.

Fills an empty database with N synthetic articles (default 100,000; one short version each, nothing to
search or analyze) grouped into events of 1 to 13 articles, then times what the events page asks for a
page of 20 (`events_json` with a limit, and `events_total`) at a few offsets, and `events_json` of
every event, which `newsprism events` and `GET /api/events` return. A database that already holds
articles is used as it is.

    .venv/bin/python scripts/bench_events.py --db sqlite:////tmp/events.db [--articles 100000]
    .venv/bin/python scripts/bench_events.py --db postgresql+psycopg://postgres@127.0.0.1:5432/events
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from newsprism.storage.database import Database
from newsprism.storage.models import Article, ArticleVersion, Event, EventArticle, Outlet
from newsprism.web import queries

START = datetime(2024, 1, 1, tzinfo=UTC)
EVENT_SIZES = (1, 1, 2, 3, 5, 8, 13)
PAGE = 20
BATCH = 5_000


def fill(database: Database, articles: int) -> None:
    """Articles, their versions and their events, by plain bulk INSERTs."""
    with database.transaction() as session:
        session.execute(insert(Outlet), [{"name": "Harbour Wire", "kind": "agency"}])
        for first in range(1, articles + 1, BATCH):
            ids = range(first, min(first + BATCH, articles + 1))
            session.execute(insert(Article), [_article(i) for i in ids])
            session.execute(insert(ArticleVersion), [_version(i) for i in ids])
        session.execute(update(Article).values(current_version_id=Article.id))
        events, members = _events(articles)
        session.execute(insert(Event), events)
        for start in range(0, len(members), BATCH):
            session.execute(insert(EventArticle), members[start : start + BATCH])


def _article(i: int) -> dict[str, Any]:
    moment = START + timedelta(minutes=5 * i)
    url = f"https://wire.example/{i}"
    return {
        "id": i,
        "url": url,
        "canonical_url": url,
        "outlet_id": 1,
        "title": f"Story {i}",
        "authors": [],
        "published": moment,
        "first_seen": moment,
        "last_fetched": moment,
    }


def _version(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "article_id": i,
        "number": 1,
        "title": f"Story {i}",
        "text": f"Story {i}.",
        "content_hash": f"{i:064x}",
        "fetched_at": START,
        "analyzed": True,
    }


def _events(articles: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    chosen = random.Random(1)
    events: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    first = 1
    while first <= articles:
        last = min(articles, first + chosen.choice(EVENT_SIZES) - 1)
        key = len(events) + 1
        events.append(
            {
                "id": key,
                "key": f"event-{key}",
                "title": f"Event {key}",
                "first_published": START + timedelta(minutes=5 * first),
                "last_published": START + timedelta(minutes=5 * last),
            }
        )
        members += [{"event_id": key, "article_id": i, "similarity": 0.5} for i in range(first, last + 1)]
        first = last + 1
    return events, members


def timed(database: Database, ask: Callable[[Session], object], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        with database.session() as session:
            started = time.perf_counter()
            ask(session)
            seconds.append(time.perf_counter() - started)
    return seconds


def _page_at(offset: int) -> Callable[[Session], object]:
    def page(session: Session) -> object:
        return queries.events_json(session, limit=PAGE, offset=offset), queries.events_total(session)

    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args(argv)
    database = Database(args.db)
    with database.session() as session:
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
    if not stored:
        fill(database, args.articles)
    with database.session() as session:
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
        total = queries.events_total(session)
    print(f"{stored} articles, {total} events")
    pages = [
        seconds
        for offset in (0, total // 2, max(0, total - PAGE))
        for seconds in timed(database, _page_at(offset), 5)
    ]
    every = timed(database, queries.events_json, 2)
    page_ms = statistics.median(pages) * 1000, max(pages) * 1000
    print(f"one page of {PAGE} and the total: median {page_ms[0]:.0f} ms, max {page_ms[1]:.0f} ms")
    print(f"every event at once: median {statistics.median(every):.2f} s, max {max(every):.2f} s")
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
