"""Several processes on one database at once, all real: two `newsprism crawl` on one PostgreSQL
database store each page once and neither loses work to the other (a lost race on a unique key is run
again, not counted as failed; both start on an empty database, so they also race to create the
schema); `newsprism serve` keeps answering searches while a crawl writes the SQLite file it reads.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from crawl_results import rows, total_row
from loopback import LoopbackSite
from newsroom_site import outlet_config, serve_newsroom

from newsprism.compare.article.analysis import analyze_article

REPO = Path(__file__).resolve().parents[2]
PAGES = 60


def start_crawl(database_url: str, config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "-q", "--db", database_url, "crawl", "--config", str(config)],
        cwd=config.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"},
    )


@pytest.mark.postgres
@pytest.mark.slow
def test_two_crawlers_on_one_postgres_database_store_each_page_once(
    tmp_path: Path, site: LoopbackSite, postgres_url: str
) -> None:
    urls = serve_newsroom(site, PAGES)
    config = outlet_config(tmp_path, site)
    crawls = [start_crawl(postgres_url, config) for _ in range(2)]
    results = [crawl.communicate(timeout=240) for crawl in crawls]
    assert [crawl.returncode for crawl in crawls] == [0, 0], [err for _, err in results]
    totals = [total_row(out) for out, _ in results]
    assert [total["failed"] for total in totals] == [0, 0], totals
    # Each page is new to exactly one of them and found stored (or not modified) by the other.
    assert sum(total["new"] for total in totals) == PAGES, totals
    assert sum(total["unchanged"] for total in totals) == PAGES, totals
    stored = rows(postgres_url, "SELECT url FROM articles")
    assert sorted(str(url) for (url,) in stored) == sorted(urls)
    assert rows(postgres_url, "SELECT count(*) FROM article_versions") == [(PAGES,)]
    assert rows(postgres_url, "SELECT count(*) FROM outlets") == [(1,)]
    ungrouped = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles)"
    assert rows(postgres_url, ungrouped) == [(0,)]
    assert_each_version_analyzed_once(postgres_url)


def assert_each_version_analyzed_once(database_url: str) -> None:
    counted = """SELECT v.text, v.analysed,
                        (SELECT count(*) FROM attributions WHERE version_id = v.id),
                        (SELECT count(*) FROM quantities WHERE version_id = v.id)
                 FROM article_versions v"""
    for version_text, analyzed, attributions, quantities in rows(database_url, counted):
        fresh = analyze_article(str(version_text), None)
        assert analyzed and (attributions, quantities) == (len(fresh.attributions), len(fresh.quantities))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def newsprism(database_url: str, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "-q", "--db", database_url, *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def wait_until_serving(api: httpx.Client, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while server.poll() is None and time.monotonic() < deadline:
        try:
            api.get("/api/outlets")
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"newsprism serve did not start: {server.communicate()[1]}")


@pytest.mark.slow
def test_the_api_keeps_answering_while_a_crawl_process_writes(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str
) -> None:
    # Each page answers after 0.2 s, 8 at a time: the crawl stores for 1.5 s or more, several of the
    # readers' turns, however quickly the command starts and extracts (without, it stored all 60
    # between two turns).
    serve_newsroom(site, 60, delay=0.2)
    config = outlet_config(tmp_path, site)
    port = free_port()
    # `serve` only reads, so it refuses a database that does not exist yet: create it first.
    init = newsprism(sqlite_url, "init", cwd=tmp_path)
    init.communicate(timeout=120)
    assert init.returncode == 0
    server = newsprism(sqlite_url, "serve", "--port", str(port), cwd=tmp_path)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as api:
            wait_until_serving(api, server)
            crawl = newsprism(sqlite_url, "crawl", "--config", str(config), cwd=tmp_path)
            answers: list[tuple[int, int, float, int | None]] = []
            while crawl.poll() is None:
                started = time.monotonic()
                found = api.get("/api/search", params={"q": "bridges"})
                listed = api.get("/api/articles", params={"limit": 5})
                seconds = time.monotonic() - started
                totals = found.json()["total"] if found.status_code == 200 else None
                answers.append((found.status_code, listed.status_code, seconds, totals))
                time.sleep(0.2)  # a reader's pace, leaving the two cores to the crawl
            _, said = crawl.communicate(timeout=60)
            assert crawl.returncode == 0, said
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert {(found, listed) for found, listed, _, _ in answers} == {(200, 200)}
    # The answers came while the crawl wrote: they saw the stored articles grow.
    assert len({total for *_, total in answers}) >= 3, answers
    assert max(seconds for _, _, seconds, _ in answers) < 5, answers
