"""SIGKILL at any moment of `init`, `crawl` or `import` leaves an intact database, and the next run
finishes the work: every page stored exactly once, analyzed once, grouped, searchable.

Real `newsprism` processes write a real SQLite file from a real loopback site (or a JSON Lines file)
and are killed with SIGKILL at varied moments: once a random number of pages is stored, plus a random
few milliseconds so the kill lands anywhere inside an article's transaction. The moments are drawn
from a seed named in every assertion message, so a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from loopback import LoopbackSite
from newsroom_site import PAGES, outlet_config, serve_newsroom, story
from pages import article_html

from newsprism.compare.article.analysis import analyze_article
from newsprism.crawler.importer import import_files
from newsprism.storage.database import Database

REPO = Path(__file__).resolve().parents[2]
KILLS = 3


def start(database: Path, *args: str) -> subprocess.Popen[bytes]:
    """A `newsprism` process in a session of its own, so that whatever it leaves behind can be found."""
    with (database.parent / "runs.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "newsprism", "-q", "--db", f"sqlite:///{database}", *args],
            cwd=database.parent,
            stdout=log,
            stderr=log,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )


def query(database: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of `sql`, read on a connection of our own (WAL: readers never wait for the writer)."""
    if not database.exists():
        return []
    with closing(sqlite3.connect(database, timeout=30)) as connection, connection:
        try:
            return list(connection.execute(sql))
        except sqlite3.OperationalError:  # the schema is not there yet
            return []


def stored(database: Path) -> int:
    rows = query(database, "SELECT count(*) FROM articles")
    return int(str(rows[0][0])) if rows else 0


@dataclass(frozen=True)
class Kill:
    """One killed run: its exit status, how many articles were stored then, and whether every process
    it had started (extraction workers, forkserver) was gone soon after."""

    exit_status: int | None
    stored_at_kill: int
    left_nothing_behind: bool


def kill_when(process: subprocess.Popen[bytes], database: Path, at_least: int, pause: float) -> Kill:
    """SIGKILL `process` `pause` seconds after it has stored `at_least` articles."""
    deadline = time.monotonic() + 120
    while stored(database) < at_least and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(pause)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return Kill(process.returncode, stored(database), group_ends(process.pid))


def group_ends(group: int, timeout: float = 15.0) -> bool:
    """Whether every process of the session `group` exits within `timeout`; the rest are killed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    return False


def kill_runs(database: Path, args: list[str], rng: random.Random) -> list[Kill]:
    """KILLS runs, each killed once a random number of articles (more each time) is stored."""
    thresholds = sorted(rng.sample(range(1, PAGES - 40), KILLS))
    # A few milliseconds past the threshold, so the kill lands inside some article's transaction; with
    # up to 0.2 s a fast run stored the last 41 articles before the kill and was not killed mid-run.
    return [kill_when(start(database, *args), database, at, rng.uniform(0, 0.02)) for at in thresholds]


def assert_killed_mid_run(kills: list[Kill], context: str) -> None:
    assert [kill.exit_status for kill in kills] == [-signal.SIGKILL] * KILLS, context
    assert all(kill.stored_at_kill < PAGES for kill in kills), context
    assert all(kill.left_nothing_behind for kill in kills), f"orphaned processes: {context}"


def finish(database: Path, args: list[str]) -> tuple[int, str]:
    """Run to the end; the exit status and everything the runs wrote."""
    process = start(database, *args)
    process.wait(timeout=300)
    return process.returncode, (database.parent / "runs.log").read_text(errors="replace")


def assert_whole(database: Path, urls: list[str], context: str) -> None:
    """Every URL stored once, with one analyzed version whose findings are stored once, grouped into
    an event and indexed for search; SQLite and the full-text index intact."""
    assert query(database, "PRAGMA integrity_check") == [("ok",)], context
    assert query(database, "PRAGMA foreign_key_check") == [], context
    assert query(database, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')") == []
    rows = query(database, "SELECT url, count(*) FROM articles GROUP BY url")
    assert sorted(str(url) for url, _ in rows) == sorted(urls), context
    assert query(database, "SELECT count(*), count(DISTINCT content_hash) FROM article_versions") == [
        (len(urls), len(urls))
    ], context
    half_done = """SELECT count(*) FROM articles a LEFT JOIN article_versions v ON v.id = a.current_version_id
                   WHERE v.id IS NULL OR NOT v.analysed
                      OR a.id NOT IN (SELECT article_id FROM event_articles)"""
    assert query(database, half_done) == [(0,)], context
    assert query(database, "SELECT count(*) FROM articles_fts") == [(len(urls),)], context
    assert_findings_stored_once(database, context)


def assert_findings_stored_once(database: Path, context: str) -> None:
    """Each version holds exactly the findings a fresh analysis of its text gives: none lost, none twice."""
    counted = """SELECT v.text,
                        (SELECT count(*) FROM attributions WHERE version_id = v.id),
                        (SELECT count(*) FROM quantities WHERE version_id = v.id)
                 FROM article_versions v ORDER BY v.id"""
    for text, attributions, quantities in query(database, counted):
        fresh = analyze_article(str(text), None)
        assert (attributions, quantities) == (len(fresh.attributions), len(fresh.quantities)), context
        assert attributions and quantities, context


def seeded() -> tuple[random.Random, str]:
    seed = random.SystemRandom().randrange(1_000_000)
    return random.Random(seed), f"seed {seed}"


@pytest.mark.slow
def test_a_crawl_killed_three_times_resumes_to_every_page_once(tmp_path: Path, site: LoopbackSite) -> None:
    urls = serve_newsroom(site)
    database = tmp_path / "newsprism.db"
    args = ["crawl", "--config", str(outlet_config(tmp_path, site))]
    rng, seed = seeded()
    kills = kill_runs(database, args, rng)
    context = f"{seed}, {kills}"
    assert_killed_mid_run(kills, context)
    status, said = finish(database, args)
    assert status == 0, (context, said)
    assert_whole(database, urls, context)


def jsonl_articles(path: Path) -> list[str]:
    """PAGES articles as JSON Lines, some as plain text and some as pages to extract."""
    urls, lines = [], []
    for number in range(PAGES):
        url = f"https://wire.example/2024/05/story-{number}"
        record: dict[str, str] = {"url": url, "outlet": "Imported Wire", "published": "2024-05-03"}
        if number % 10:
            record["text"] = "\n\n".join(story(number))
        else:
            record["html"] = article_html(f"Story {number}", story(number))
        urls.append(url)
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


@pytest.mark.slow
def test_an_import_killed_three_times_resumes_to_every_article_once(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    urls = jsonl_articles(source)
    database = tmp_path / "newsprism.db"
    rng, seed = seeded()
    kills = kill_runs(database, ["import", str(source)], rng)
    context = f"{seed}, {kills}"
    assert_killed_mid_run(kills, context)
    status, said = finish(database, ["import", str(source)])
    assert status == 0, (context, said)
    assert_whole(database, urls, context)


def tables(database: Path) -> set[str]:
    return {str(row[0]) for row in query(database, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def kill_init(database: Path, moment: Callable[[], bool]) -> tuple[int | None, set[str]]:
    """Start `init` on a new file, SIGKILL it once `moment()` holds; its status and the tables left."""
    process = start(database, "init")
    deadline = time.monotonic() + 60
    while not moment() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return process.returncode, tables(database)


def any_table_shows(database: Path) -> Callable[[], bool]:
    return lambda: bool(tables(database))


def after_the_file_appears(database: Path, delay: float) -> Callable[[], bool]:
    appeared: list[float] = []

    def moment() -> bool:
        if not appeared and database.exists():
            appeared.append(time.monotonic())
        return bool(appeared) and time.monotonic() >= appeared[0] + delay

    return moment


@pytest.mark.slow
def test_init_killed_while_it_migrates_leaves_no_half_built_schema(tmp_path: Path) -> None:
    rng, seed = seeded()
    complete = tables_at_head(tmp_path / "reference.db")
    databases = [tmp_path / f"run{run}.db" for run in range(2)]
    # Once any table shows (without one transaction, the first of many), then anywhere in the migration.
    moments = [any_table_shows(databases[0])]
    moments += [after_the_file_appears(database, rng.uniform(0.05, 0.4)) for database in databases[1:]]
    for database, moment in zip(databases, moments, strict=True):
        status, left = kill_init(database, moment)
        context = f"{seed}, {database.name}: exit {status}, tables {sorted(left)}"
        assert left in (set(), complete), context
        assert tables_at_head(database) == complete, context
        assert query(database, "PRAGMA integrity_check") == [("ok",)], context


def tables_at_head(database: Path) -> set[str]:
    """The tables of `database` once `Database` (what every command does first) has run."""
    database_url = f"sqlite:///{database}"
    Database(database_url).close()
    return tables(database)


def test_the_next_import_analyzes_and_groups_what_an_earlier_run_left_undone(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    urls = jsonl_articles(source)[1:6]
    source.write_text("".join(source.read_text().splitlines(keepends=True)[1:6]), encoding="utf-8")
    database = tmp_path / "newsprism.db"
    with Database(f"sqlite:///{database}") as opened:
        # The library without the shell's analysis hook: stored, never analyzed nor grouped, as a run
        # of an older newsprism or a script using the crawler alone leaves them.
        import_files([source], opened)
    assert query(database, "SELECT count(*) FROM article_versions WHERE NOT analysed") == [(5,)]
    status, said = finish(database, ["import", str(source)])
    assert status == 0, said
    assert_whole(database, urls, "after the second import")
