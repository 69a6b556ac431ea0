"""The distributed engine, all real: worker processes on this machine's RabbitMQ, Redis and PostgreSQL
crawling a loopback wire service of many outlets (tests/newsprism/wire_site.py).

A pass with three workers, one SIGKILLed mid-pass, stores every page once; no outlet's server saw
more requests at once than its `concurrency`, nor two closer than its `delay`; a page that kills its
worker ends in quarantine; two clusters on one broker keep to their own tasks.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from cluster_services import (
    COORDINATION,
    Workers,
    absent_service,
    cluster_name,
    command,
    environment,
    forget_cluster,
)
from crawl_results import rows, total_row
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy import Engine, text
from wire_site import POISON_PATH, Served, WireService

from newsprism.cluster.engine import cluster_app
from newsprism.cluster.ledger import PassLedger
from newsprism.cluster.passes import cluster_of, enqueue_pass
from newsprism.cluster.status import cluster_status
from newsprism.cluster.tasks import MAX_STARTS
from newsprism.crawler.config import load_config, parse_config
from newsprism.crawler.hostturns import SharedHostTurns

OUTLETS, PAGES = 6, 12
DELAY, CONCURRENCY = 0.2, 2
# Request starts are spaced on Redis's clock; the server logs arrivals, each a little after its start
# (the lease's answer, the connection, the scheduler of a loaded two-core machine): that is the margin.
ARRIVAL_JITTER = 0.03

pytestmark = [pytest.mark.cluster, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def services() -> None:
    absent = absent_service()
    if absent is not None:
        pytest.skip(f"the cluster tests need RabbitMQ, Redis and PostgreSQL on this machine: {absent}")


@pytest.fixture(scope="module")
def make_database(postgres_admin: Engine) -> Iterator[Iterator[str]]:
    """Fresh PostgreSQL databases, each dropped at the end of the module."""
    made: list[str] = []

    def databases() -> Iterator[str]:
        while True:
            name = f"newsprism_cluster_{uuid.uuid4().hex[:10]}"
            with postgres_admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            made.append(name)
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"

    yield databases()
    with postgres_admin.connect() as connection:
        for name in made:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def stored_articles(database_url: str) -> int:
    return int(str(rows(database_url, "SELECT count(*) FROM articles")[0][0]))


def crawl(database_url: str, config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(database_url, "crawl", "--config", str(config), "--distributed"),
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_articles(database_url: str, count: int, crawling: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and crawling.poll() is None:
        try:
            if stored_articles(database_url) >= count:
                return
        except Exception:  # the schema is not there yet: the crawl command creates it
            pass
        time.sleep(0.2)
    raise AssertionError(f"never {count} articles stored")


# --- a pass with a worker killed halfway ----------------------------------------------------------


@dataclass
class KilledPass:
    database_url: str
    wire: WireService
    output: str
    errors: str
    returncode: int
    stored_when_killed: int


@pytest.fixture(scope="module")
def killed_pass(
    tmp_path_factory: pytest.TempPathFactory, make_database: Iterator[str]
) -> Iterator[KilledPass]:
    """Three workers crawl six outlets; one is SIGKILLed (with its processes) once 20 pages are in."""
    name, database_url = cluster_name(), next(make_database)
    wire = WireService(OUTLETS, PAGES, latency=0.05)
    config = wire.config(
        tmp_path_factory.mktemp("killed") / "outlets.toml", cluster=name, delay=DELAY, concurrency=CONCURRENCY
    )
    workers = Workers(database_url, config)
    try:
        doomed, *_ = workers.start(3)
        crawling = crawl(database_url, config)
        wait_for_articles(database_url, 20, crawling)
        workers.kill(doomed)
        stored = stored_articles(database_url)
        output, errors = crawling.communicate(timeout=180)
        yield KilledPass(database_url, wire, output, errors, crawling.returncode, stored)
    finally:
        workers.stop_all()
        wire.close()
        forget_cluster(name)


def test_a_pass_with_a_worker_killed_midway_stores_every_page_once(killed_pass: KilledPass) -> None:
    assert killed_pass.returncode == 0, killed_pass.errors
    # Killed mid-pass indeed: with pages stored and pages still to come.
    assert 20 <= killed_pass.stored_when_killed < OUTLETS * PAGES
    total = total_row(killed_pass.output)
    assert total["discovered"] == OUTLETS * PAGES and total["failed"] == 0, killed_pass.output
    assert total["new"] + total["unchanged"] == OUTLETS * PAGES, killed_pass.output
    stored = rows(killed_pass.database_url, "SELECT url FROM articles")
    assert sorted(str(url) for (url,) in stored) == sorted(killed_pass.wire.article_urls())
    assert rows(killed_pass.database_url, "SELECT count(*) FROM article_versions") == [(OUTLETS * PAGES,)]
    assert rows(killed_pass.database_url, "SELECT count(*) FROM article_versions WHERE NOT analysed") == [
        (0,)
    ]
    ungrouped = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles)"
    assert rows(killed_pass.database_url, ungrouped) == [(0,)]


def most_at_once(requests: list[Served]) -> int:
    """The most requests a server was answering at one moment, from its own arrival/answer log."""
    edges = sorted([(r.arrived, 1) for r in requests] + [(r.answered, -1) for r in requests])
    busy = most = 0
    for _, change in edges:
        busy += change
        most = max(most, busy)
    return most


def closest_arrivals(requests: list[Served]) -> tuple[float, str, str]:
    """The shortest time between two arrivals at a server, and the two paths asked for."""
    arrivals = sorted(requests, key=lambda request: request.arrived)
    return min((b.arrived - a.arrived, a.path, b.path) for a, b in pairwise(arrivals))


def test_no_host_saw_more_than_its_concurrency_nor_requests_closer_than_its_delay(
    killed_pass: KilledPass,
) -> None:
    for outlet in killed_pass.wire.outlets:
        served = outlet.served
        assert len(served) >= PAGES + 1  # the sitemap and every page (some twice, after the kill)
        assert most_at_once(served) <= CONCURRENCY, f"outlet {outlet.number}"
        closest = closest_arrivals(served)
        assert closest[0] >= DELAY - ARRIVAL_JITTER, f"outlet {outlet.number}: {closest}"


# --- politeness in Redis, directly ------------------------------------------------------------------


async def test_host_turns_in_redis_hold_concurrency_and_delay_across_clients() -> None:
    """Three clients (as three workers would be) share one host's turns: never more than two at once,
    starts 50 ms apart at least."""
    name = cluster_name()
    clients = [AsyncRedis.from_url(COORDINATION) for _ in range(3)]
    turns = [SharedHostTurns(client, f"newsprism:{name}") for client in clients]
    starts: list[float] = []
    inside = most = 0

    async def request(turn: SharedHostTurns) -> None:
        nonlocal inside, most
        async with turn.turn("wire.example:443", 0.05, 2):
            starts.append(time.monotonic())
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.08)
            inside -= 1

    try:
        await asyncio.gather(*(request(turns[i % 3]) for i in range(12)))
    finally:
        for client in clients:
            await client.aclose()
        forget_cluster(name)
    assert most == 2
    starts.sort()
    assert min(b - a for a, b in pairwise(starts)) >= 0.045


async def test_a_dead_holders_lease_lapses_and_frees_its_host() -> None:
    """A lease taken and never renewed nor given back (its worker died) frees the host when it lapses,
    not before."""
    name = cluster_name()
    client = AsyncRedis.from_url(COORDINATION)
    turns = SharedHostTurns(client, f"newsprism:{name}", lease_seconds=0.5)
    try:
        await turns.take("wire.example:443", 0.0, 1)
        started = time.monotonic()
        async with turns.turn("wire.example:443", 0.0, 1):
            waited = time.monotonic() - started
    finally:
        await client.aclose()
        forget_cluster(name)
    assert 0.4 <= waited < 2.0


# --- a poison page ------------------------------------------------------------------------------


def test_a_page_that_kills_its_worker_ends_in_quarantine_not_in_a_loop(
    tmp_path: Path, make_database: Iterator[str]
) -> None:
    name, database_url = cluster_name(), next(make_database)
    wire = WireService(1, 3, poison=True)
    config = wire.config(tmp_path / "outlets.toml", cluster=name, delay=0.0, concurrency=2)
    workers = Workers(database_url, config)
    try:
        workers.start(1)
        crawling = crawl(database_url, config)
        output, errors = crawling.communicate(timeout=120)
        status = cluster_status(cluster_of(load_config(config)))
    finally:
        workers.stop_all()
        wire.close()
        forget_cluster(name)
    assert crawling.returncode == 0, errors
    total = total_row(output)
    assert (total["discovered"], total["new"], total["failed"]) == (4, 3, 1), output
    # Each try killed the process that fetched it; after MAX_STARTS the task was put aside unfetched.
    assert [r.path for r in wire.served()].count(POISON_PATH) == MAX_STARTS
    assert status["quarantined"] == 1, status
    assert status["quarantine"][0]["subject"].endswith(POISON_PATH)
    assert f"died {MAX_STARTS} times" in status["quarantine"][0]["reason"]
    assert "quarantined" in output  # the summary names the page and why it failed


# --- two clusters, one broker -------------------------------------------------------------------


def test_two_clusters_on_one_broker_keep_to_their_own_tasks(
    tmp_path: Path, make_database: Iterator[str]
) -> None:
    ours, theirs = WireService(2, 3), WireService(2, 3)
    database_url, names = next(make_database), (cluster_name(), cluster_name())
    config = ours.config(tmp_path / "ours.toml", cluster=names[0], delay=0.0, concurrency=2)
    other = parse_config(
        theirs.config(tmp_path / "theirs.toml", cluster=names[1], delay=0.0, concurrency=2).read_text()
    )
    assert other.cluster is not None
    redis = Redis.from_url(COORDINATION)
    workers = Workers(database_url, config)
    try:
        # Their pass waits on the shared broker, with no worker of theirs to take it.
        their_pass = enqueue_pass(
            cluster_app(other.cluster), PassLedger(redis, other.cluster.name), other.outlets
        )
        workers.start(1)
        crawling = crawl(database_url, config)
        output, errors = crawling.communicate(timeout=120)
        asked = subprocess.run(
            command(database_url, "cluster", "status", "--config", str(tmp_path / "theirs.toml"), "--json"),
            env=environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        status = json.loads(asked.stdout)
        their_progress = PassLedger(redis, other.cluster.name).progress(their_pass)
    finally:
        workers.stop_all()
        ours.close()
        theirs.close()
        for name in names:
            forget_cluster(name)
        redis.close()
    assert crawling.returncode == 0, errors
    assert total_row(output)["new"] == 6
    assert theirs.served() == []
    assert (status["workers"], status["queued"]) == ([], 2), status
    assert their_progress.discovered == {"Wire 0": None, "Wire 1": None}
    assert status["cluster"] == names[1] and status["backlog"] == [], status


# --- the schedule, distributed ------------------------------------------------------------------


def test_a_distributed_schedule_enqueues_passes_and_stops_on_sigterm(tmp_path: Path) -> None:
    wire, name = WireService(2, 1), cluster_name()
    config = wire.config(tmp_path / "outlets.toml", cluster=name, delay=0.0, concurrency=1)
    database_url = f"sqlite:///{tmp_path / 'schedule.db'}"  # the schedule's lock; no worker stores here
    schedule = subprocess.Popen(
        command(database_url, "schedule", "--config", str(config), "--distributed"),
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    redis = Redis.from_url(COORDINATION)
    try:
        ledger = PassLedger(redis, name)
        deadline = time.monotonic() + 60
        while len(ledger.recent_passes()) < 2 and time.monotonic() < deadline and schedule.poll() is None:
            time.sleep(0.2)
        passed = sorted(outlet for one in ledger.recent_passes() for outlet in ledger.outlet_names(one))
        schedule.send_signal(signal.SIGTERM)
        output, errors = schedule.communicate(timeout=60)
        queued = cluster_status(cluster_of(load_config(config)))["queued"]
    finally:
        if schedule.poll() is None:
            schedule.kill()
        wire.close()
        forget_cluster(name)
        redis.close()
    assert schedule.returncode == 0, errors
    # One pass per outlet, each its discovery task on the queue (no worker here to take them).
    assert passed == ["Wire 0", "Wire 1"]
    assert queued == 2
    assert sorted(line.split(":")[0] for line in output.splitlines()) == ["Wire 0", "Wire 1"], output
    assert all("enqueued on cluster" in line for line in output.splitlines()), output


# --- a worker stopped with SIGTERM ----------------------------------------------------------------


def test_a_worker_stopped_by_sigterm_finishes_what_it_holds_and_exits_zero(
    tmp_path: Path, make_database: Iterator[str]
) -> None:
    """Celery's warm shutdown: the tasks in hand are finished and acknowledged, none fetched twice."""
    name, database_url = cluster_name(), next(make_database)
    wire = WireService(3, 8, latency=0.2)
    config = wire.config(tmp_path / "outlets.toml", cluster=name, delay=0.0, concurrency=2)
    workers = Workers(database_url, config)
    try:
        stopping, _ = workers.start(2)
        crawling = crawl(database_url, config)
        wait_for_articles(database_url, 6, crawling)
        stopping.send_signal(signal.SIGTERM)
        stopped = stopping.wait(timeout=60)
        output, errors = crawling.communicate(timeout=120)
    finally:
        workers.stop_all()
        wire.close()
        forget_cluster(name)
    assert stopped == 0 and crawling.returncode == 0, errors
    assert total_row(output)["new"] == 24, output
    articles = [r.path for r in wire.served() if r.path.startswith("/news/")]
    assert sorted(articles) == sorted(set(articles)) and len(articles) == 24
