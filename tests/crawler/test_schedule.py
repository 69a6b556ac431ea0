"""The scheduler: runs jobs, survives restarts without duplicating them, refuses a second instance,
and stops cleanly on SIGTERM (a real subprocess)."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from loopback import LoopbackSite, Reply
from pages import article_html
from sqlalchemy import func, select, text

from newsprism.crawler.schedule import JobExtractors, run_schedule
from newsprism.crawler.workers import ExtractedPage
from newsprism.storage.database import Database
from newsprism.storage.models import Article

REPO = Path(__file__).resolve().parents[2]


def outlet_config(tmp_path: Path, site: LoopbackSite, names: tuple[str, ...] = ("One", "Two")) -> Path:
    tables = ["[crawler]\nallow_private_networks = true\n"]
    tables += [
        f'[[outlet]]\nname = "{name}"\nhomepage = "{site.url("/")}"\n'
        f'feeds = ["{site.url("/rss.xml")}"]\nevery = "1h"\ndelay = "0s"\n'
        for name in names
    ]
    path = tmp_path / "outlets.toml"
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


def serve_one_story(site: LoopbackSite) -> None:
    link = site.url("/2024/05/03/scheduled-story")
    feed = f"<rss><channel><item><title>S</title><link>{link}</link></item></channel></rss>"
    site.route("/rss.xml", Reply(body=feed, content_type="application/rss+xml"))
    site.route("/2024/05/03/scheduled-story", Reply(body=article_html("Scheduled")))


def run_in_thread(config: Path, url: str, stop: threading.Event) -> threading.Thread:
    options = {"stop": stop, "heartbeat": 0.1}
    thread = threading.Thread(target=run_schedule, args=(config, url), kwargs=options)
    thread.start()
    return thread


def wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def count(database: Database, query: str) -> int:
    with database.session() as session:
        return int(session.execute(text(query)).scalar_one())


@pytest.mark.slow
def test_jobs_run_and_a_restart_does_not_duplicate_them(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str, database: Database
) -> None:
    serve_one_story(site)
    config = outlet_config(tmp_path, site)
    for _restart in range(2):
        stop = threading.Event()
        thread = run_in_thread(config, sqlite_url, stop)
        try:
            wait_for(lambda: count(database, "SELECT count(*) FROM articles") == 1)
            wait_for(lambda: count(database, "SELECT count(*) FROM apscheduler_jobs") == 2)
        finally:
            stop.set()
            thread.join(30)
        assert not thread.is_alive()
        assert count(database, "SELECT count(*) FROM apscheduler_jobs") == 2
        assert count(database, "SELECT count(*) FROM scheduler_locks") == 0
    with database.session() as session:
        assert session.scalar(select(func.count(Article.id))) == 1


@pytest.mark.slow
def test_each_pass_writes_one_line_per_outlet_with_its_counts_and_next_run(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str
) -> None:
    serve_one_story(site)
    config = outlet_config(tmp_path, site, names=("Beta Post",))
    gone = f'[[outlet]]\nname = "Gone Daily"\nhomepage = "{site.url("/")}"\n'
    gone += f'feeds = ["{site.url("/gone.xml")}"]\n'
    config.write_text(config.read_text("utf-8") + gone + 'every = "1h"\ndelay = "0s"\n', encoding="utf-8")
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=run_schedule,
        args=(config, sqlite_url),
        kwargs={"stop": stop, "heartbeat": 0.1, "on_pass": lines.append},
    )
    thread.start()
    try:
        wait_for(lambda: len(lines) == 2)
    finally:
        stop.set()
        thread.join(30)
    by_outlet = {line.split(":", 1)[0]: line for line in lines}
    assert re.fullmatch(
        r"Beta Post: 1 new, 0 updated, 0 unchanged, 0 failed; next run \d\d:\d\d", by_outlet["Beta Post"]
    )
    gone_line = by_outlet["Gone Daily"]
    assert gone_line.startswith("Gone Daily: 0 new, 0 updated, 0 unchanged, 0 failed; nothing stored: feed ")
    assert "/gone.xml: HTTP 404 (no such page: check the URL" in gone_line and "\n" not in gone_line
    assert re.search(r"; next run \d\d:\d\d$", gone_line)


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) >= 10, reason="the scheduler runs at most ten jobs at once")
def test_jobs_running_at_once_share_one_extraction_pool(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str, database: Database
) -> None:
    # One outlet more than there are cores: with a pool (one worker at least) per job they would
    # start more workers than the one shared pool may have.
    cores = os.cpu_count() or 1
    names = [f"Outlet{n}" for n in range(cores + 1)]
    tables = ["[crawler]\nallow_private_networks = true\n"]
    for name in names:
        link = site.url(f"/2024/05/03/story-{name.lower()}")
        feed = f"<rss><channel><item><title>S</title><link>{link}</link></item></channel></rss>"
        site.route(f"/rss-{name.lower()}.xml", Reply(body=feed, content_type="application/rss+xml"))
        # Slow pages keep every job's crawl going until all of them have started.
        site.route(
            f"/2024/05/03/story-{name.lower()}", Reply(body=article_html(f"Story of {name}"), delay=1.5)
        )
        tables.append(
            f'[[outlet]]\nname = "{name}"\nhomepage = "{site.url("/")}"\n'
            f'feeds = ["{site.url(f"/rss-{name.lower()}.xml")}"]\nevery = "1h"\ndelay = "0s"\n'
        )
    config = tmp_path / "outlets.toml"
    config.write_text("\n".join(tables), encoding="utf-8")
    workers: set[int] = set()
    stop = threading.Event()
    thread = run_in_thread(config, sqlite_url, stop)
    try:

        def all_stored() -> bool:
            workers.update(child.pid or 0 for child in multiprocessing.active_children())
            return count(database, "SELECT count(*) FROM articles") == len(names)

        wait_for(all_stored, timeout=60)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert 1 <= len(workers) <= cores
    assert not multiprocessing.active_children()  # the pool closed with the schedule


@pytest.mark.slow
def test_a_schedule_stopped_while_a_pass_is_in_flight_reports_it_and_returns(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str
) -> None:
    """Stopping waits for the pass in flight, whose end is reported; the report must not ask the
    scheduler while its shutdown holds the job store (it did, and the schedule never returned)."""
    link = site.url("/2024/05/03/slow-story")
    feed = f"<rss><channel><item><title>S</title><link>{link}</link></item></channel></rss>"
    site.route("/rss.xml", Reply(body=feed, content_type="application/rss+xml"))
    site.route("/2024/05/03/slow-story", Reply(body=article_html("Slow"), delay=2.0))
    config = outlet_config(tmp_path, site, names=("Slow Post",))
    lines: list[str] = []
    stop = threading.Event()
    options = {"stop": stop, "heartbeat": 0.1, "on_pass": lines.append}
    thread = threading.Thread(target=run_schedule, args=(config, sqlite_url), kwargs=options)
    thread.start()
    try:
        wait_for(lambda: any(r.path.endswith("slow-story") for r in site.requests))
    finally:
        stop.set()  # the page is still being served: the pass ends during the shutdown
        thread.join(30)
    assert not thread.is_alive()
    assert len(lines) == 1 and lines[0].startswith("Slow Post: ")
    assert lines[0].endswith("next run none (stopping)")


def test_an_outlet_removed_from_the_config_loses_its_job(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str, database: Database
) -> None:
    serve_one_story(site)
    for names, jobs in ((("One", "Two"), 2), (("One",), 1)):
        stop = threading.Event()
        thread = run_in_thread(outlet_config(tmp_path, site, names), sqlite_url, stop)
        try:
            wait_for(lambda jobs=jobs: count(database, "SELECT count(*) FROM apscheduler_jobs") == jobs)
        finally:
            stop.set()
            thread.join(30)


def newsprism(*args: str, db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "--db", db, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_the_command_stops_cleanly_on_sigterm_and_refuses_a_second_one(
    tmp_path: Path, site: LoopbackSite, sqlite_url: str, database: Database
) -> None:
    serve_one_story(site)
    config = outlet_config(tmp_path, site)
    first = newsprism("schedule", "--config", str(config), db=sqlite_url)
    try:
        wait_for(lambda: count(database, "SELECT count(*) FROM scheduler_locks") == 1, timeout=60)
        second = newsprism("schedule", "--config", str(config), db=sqlite_url)
        _, refused = second.communicate(timeout=60)
        assert second.returncode == 1
        assert f"pid {first.pid} on host" in refused and refused.count("\n") == 1
        wait_for(lambda: count(database, "SELECT count(*) FROM articles") == 1, timeout=60)
        first.send_signal(signal.SIGTERM)
        _, said = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert first.returncode == 0, said
    assert "schedule stopped" in said
    assert count(database, "SELECT count(*) FROM scheduler_locks") == 0


def test_the_shared_extraction_pool_lasts_until_the_last_schedule_of_the_process_stops() -> None:
    # Two schedules in one process (two databases): the first to stop must not close the pool the
    # other one's jobs are extracting with.
    extractors = JobExtractors()
    assert extractors.get(None) is None  # no schedule running: a job makes its own
    extractors.open()
    extractors.open()
    shared = extractors.get(None)
    assert shared is not None and extractors.get(None) is shared
    assert extractors.get(page_title) is None  # another preparation: not this pool
    extractors.close()
    assert extractors.get(None) is shared
    assert shared.extract_now(article_html("Still open"), "https://news.example/a") is not None
    extractors.close()
    assert extractors.get(None) is None
    assert not multiprocessing.active_children()


def page_title(page: ExtractedPage) -> str | None:
    return page.title
