"""The cluster's tasks: discover an outlet, crawl one article (fetch, extract, analyze, store), regroup.

A pass is a set of chains, not a flood: discovering an outlet records its links in the ledger and
enqueues `concurrency` articles; each article, once stored, enqueues the one `concurrency` places
further on. So an outlet never has more tasks out than it may have requests in flight, a worker
process never sits waiting on one busy host while others have work, and many outlets interleave by
themselves. The last article of a pass asks for the regrouping.

Delivery is at least once; storing is once. Every task is acknowledged after it returns, its work
committed. An article's outcome is recorded once in the ledger (a redelivered task finds it and
only makes sure its successor is enqueued) and storage is idempotent by canonical URL and content
hash. A failure that may pass (the database restarting) is retried with backoff; a task whose worker
died under it too often, or that failed every retry, goes to the quarantine queue with its reason,
and its article counts as failed so that the pass still ends.
"""

from __future__ import annotations

import logging
import os
import random
from dataclasses import asdict, dataclass
from typing import Any

# Imported here, in the worker's parent process, so that its forked processes start with them loaded.
# httpcore imports anyio on a process's first request: 0.15 s between taking a host's turn and the
# request reaching the host, which brought that request closer than `delay` to the next one.
import anyio  # noqa: F401  (loaded for the forked processes, see above)
from celery import Celery, Task
from celery.signals import worker_process_init
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

import newsprism.crawler.extract
from newsprism.cluster.engine import quarantine_queue
from newsprism.cluster.ledger import PassLedger
from newsprism.crawler.config import ClusterSettings, CrawlConfig, OutletConfig
from newsprism.crawler.diagnosis import CrawlProblem
from newsprism.crawler.discovery import DiscoveredLink
from newsprism.crawler.fetch import fetching_for
from newsprism.crawler.hostturns import SharedHostTurns
from newsprism.crawler.piecework import OutletListing, Piecework
from newsprism.errors import InputError
from newsprism.pipeline import analyze_page, analyze_stored, complete_stored
from newsprism.storage.database import Database

log = logging.getLogger(__name__)
DISCOVER = "newsprism.discover_outlet"
CRAWL_ARTICLE = "newsprism.crawl_article"
REGROUP = "newsprism.regroup"
# A task started this often at one attempt has had its worker die under it every time: a page that
# crashes the extractor, exhausts memory or wedges the process. Quarantined instead of a fourth try.
MAX_STARTS = 3
# Retries of a task that raised (the database or Redis away for a moment), with doubling backoff.
MAX_RETRIES = 3
RETRY_BACKOFF = 1.0


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What `newsprism worker` hands its processes: the configuration and the shared database."""

    config: CrawlConfig
    cluster: ClusterSettings
    database_url: str


_SETUP: WorkerSetup | None = None


# A page to extract and analyze once before forking (see `prepare_worker`).
_WARM_UP_PAGE = (
    b"<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1><p>The harbour"
    b" authority said on Tuesday that five cargo ships had been held outside the port for three days.</p>"
    b"<p>Officials told reporters that the delays would end by the weekend, about 40 km away.</p>"
    b"</article></body></html>"
)


def prepare_worker(setup: WorkerSetup) -> None:
    """Set what this worker's processes crawl with, and warm them; called once, before the fork.

    Extraction and analysis load models, tables and modules on their first page (most of a second):
    done here once, every forked process starts with them, instead of each paying it on its first
    task of a pass.
    """
    global _SETUP
    _SETUP = setup
    newsprism.crawler.extract.extract_fetched(
        _WARM_UP_PAGE, "text/html", "https://warm-up.invalid/", analyze_page
    )


class WorkerRuntime:
    """One worker process's crawler, database and ledger, made on its first task after the fork."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.pid = os.getpid()
        # `newsprism worker` brought the schema to head before forking this process.
        self.database = Database(setup.database_url, migrate=False)
        self.redis = Redis.from_url(setup.cluster.coordination)
        self.ledger = PassLedger(self.redis, setup.cluster.name)
        turns = SharedHostTurns(AsyncRedis.from_url(setup.cluster.coordination), self.ledger.prefix)
        self.piecework = Piecework(
            setup.config.settings, self.database, turns, after_store=analyze_stored, prepare=analyze_page
        )


_RUNTIME: WorkerRuntime | None = None


def _runtime_at_start(**_: object) -> None:
    """Each forked process opens its connections as it starts, not on its first task."""
    if _SETUP is not None:
        runtime()


worker_process_init.connect(_runtime_at_start, weak=False)


def runtime() -> WorkerRuntime:
    """This process's runtime (a forked process makes its own: connections do not survive a fork)."""
    global _RUNTIME
    if _SETUP is None:
        raise RuntimeError("the cluster's tasks run in `newsprism worker` only")
    if _RUNTIME is None or _RUNTIME.pid != os.getpid():
        _RUNTIME = WorkerRuntime(_SETUP)
    return _RUNTIME


def outlet_json(outlet: OutletConfig) -> dict[str, Any]:
    return asdict(outlet)


def outlet_from(item: dict[str, Any]) -> OutletConfig:
    tuples = {key: tuple(item[key]) for key in ("feeds", "sitemaps", "sections")}
    return OutletConfig(**{**item, **tuples})


# --- the tasks -----------------------------------------------------------------------------------


def discover_outlet(task: Task, pass_id: str, outlet_item: dict[str, Any]) -> None:
    """Discover one outlet's articles for a pass and start its chains."""
    work, outlet = runtime(), outlet_from(outlet_item)
    links = work.ledger.discovered_links(pass_id, outlet.name)
    if links is None:
        listing = _listing(task, work, pass_id, outlet)
        if isinstance(listing, str):
            listing = OutletListing([], [CrawlProblem("homepage", outlet.homepage, listing)], 0, [])
        work.ledger.record_discovery(
            pass_id, outlet.name, listing.links, listing.unchanged_listings, listing.problems, listing.fresh
        )
        links = work.ledger.discovered_links(pass_id, outlet.name) or []
    for index in range(min(outlet.concurrency, len(links))):
        _enqueue_article(task.app, work.ledger, pass_id, outlet_item, index)
    _regroup_when_complete(task.app, work.ledger, pass_id)


def _listing(task: Task, work: WorkerRuntime, pass_id: str, outlet: OutletConfig) -> OutletListing | str:
    """What discovering `outlet` found, or why it was quarantined."""
    if not _admitted(task, work, pass_id, outlet.homepage):
        return f"discovery quarantined: its worker died {MAX_STARTS} times running it"
    try:
        return work.piecework.discover(outlet)
    except Exception as exc:  # retried, then quarantined with its reason; the pass goes on
        return f"discovery quarantined: {_retry_or_quarantine(task, work, outlet.homepage, exc)}"


def crawl_article(task: Task, pass_id: str, outlet_item: dict[str, Any], index: int) -> None:
    """Fetch, extract, analyze and store an outlet's `index`-th article; enqueue its successor."""
    work, outlet = runtime(), outlet_from(outlet_item)
    link = work.ledger.link(pass_id, outlet.name, index)
    if link is not None and work.ledger.article_outcome(pass_id, outlet.name, index) is None:
        fetching_for.set(outlet.name)
        status, reason = _article_outcome(task, work, pass_id, outlet, link)
        problem = CrawlProblem("article", link.url, reason) if reason is not None else None
        work.ledger.record_article(pass_id, outlet.name, index, status, problem)
        if status == "failed":
            work.ledger.record_failure(task.name, link.url, reason or "failed")
    _enqueue_article(task.app, work.ledger, pass_id, outlet_item, index + outlet.concurrency)
    _regroup_when_complete(task.app, work.ledger, pass_id)


def _article_outcome(
    task: Task, work: WorkerRuntime, pass_id: str, outlet: OutletConfig, link: DiscoveredLink
) -> tuple[str, str | None]:
    """The article's status and the reason it was not stored, as a local pass has them."""
    if not _admitted(task, work, pass_id, link.url):
        return "failed", f"quarantined: its worker died {MAX_STARTS} times crawling it"
    try:
        return work.piecework.article(outlet, link)
    except InputError as exc:  # the page's own problem (a value the database refuses): no retry helps
        return "failed", str(exc)
    except Exception as exc:  # retried with backoff, then quarantined with its reason
        return "failed", f"quarantined: {_retry_or_quarantine(task, work, link.url, exc)}"


def regroup(task: Task, pass_id: str) -> None:
    """After a pass: analyze what was left unanalyzed, regroup every article into events, and keep
    the listings' validators of each outlet whose articles were all stored."""
    work = runtime()
    if not _admitted(task, work, pass_id, f"pass {pass_id}"):
        return
    events = complete_stored(work.database)
    progress = work.ledger.progress(pass_id)
    for outlet, counts in progress.outlets.items():
        if counts.get("failed", 0) == 0:
            work.piecework.remember_listings(work.ledger.fresh_validators(pass_id, outlet))
    work.ledger.mark_regrouped(pass_id, events)


# --- delivery: successors, poison, retries -------------------------------------------------------


def _enqueue_article(
    app: Celery, ledger: PassLedger, pass_id: str, outlet_item: dict[str, Any], index: int
) -> None:
    name = str(outlet_item["name"])
    if ledger.link(pass_id, name, index) is None or ledger.enqueued(pass_id, f"article:{name}:{index}"):
        return
    # Enqueued before it is marked: a worker dying in between enqueues it twice, never not at all.
    app.send_task(CRAWL_ARTICLE, args=[pass_id, outlet_item, index], task_id=f"{pass_id}:{name}:{index}")
    ledger.mark_enqueued(pass_id, f"article:{name}:{index}")


def _regroup_when_complete(app: Celery, ledger: PassLedger, pass_id: str) -> None:
    if ledger.complete(pass_id) and not ledger.enqueued(pass_id, "regroup"):
        app.send_task(REGROUP, args=[pass_id], task_id=f"{pass_id}:regroup")
        ledger.mark_enqueued(pass_id, "regroup")


def _admitted(task: Task, work: WorkerRuntime, pass_id: str, subject: str) -> bool:
    """False (and the task quarantined) when its worker has died under it MAX_STARTS times."""
    starts = work.ledger.count_start(pass_id, str(task.request.id), int(task.request.retries or 0))
    if starts <= MAX_STARTS:
        return True
    _quarantine(task, work, subject, f"its worker died {starts - 1} times running it")
    return False


def _retry_or_quarantine(task: Task, work: WorkerRuntime, subject: str, exc: Exception) -> str:
    """Raise Celery's Retry (after a backoff) while retries are left; then quarantine the task and
    return the reason."""
    retries = int(task.request.retries or 0)
    reason = f"{type(exc).__name__}: {exc}"
    if retries < MAX_RETRIES:
        log.warning("%s %s failed (%s); retrying", task.name, subject, reason)
        # Doubling, with jitter, so that tasks failing together do not all come back together.
        countdown = RETRY_BACKOFF * 2**retries * (0.5 + random.random())
        raise task.retry(exc=exc, countdown=countdown, max_retries=MAX_RETRIES)
    reason = f"failed {retries + 1} times: {reason}"
    _quarantine(task, work, subject, reason)
    return reason


def _quarantine(task: Task, work: WorkerRuntime, subject: str, reason: str) -> None:
    """Put the task aside on the quarantine queue, reason attached, and keep it for `cluster status`."""
    log.error("%s %s quarantined: %s", task.name, subject, reason)
    task.app.send_task(
        task.name,
        args=list(task.request.args or []),
        task_id=str(task.request.id),
        queue=quarantine_queue(work_cluster()),
        headers={"quarantined": reason},
    )
    work.ledger.record_failure(task.name, subject, reason, quarantined=True)


def work_cluster() -> ClusterSettings:
    if _SETUP is None:
        raise RuntimeError("the cluster's tasks run in `newsprism worker` only")
    return _SETUP.cluster


def register_tasks(app: Celery, cluster: ClusterSettings) -> None:
    """Register the cluster's tasks on `app` (the same names on every cluster; queues set them apart)."""
    app.task(name=DISCOVER, bind=True)(discover_outlet)
    app.task(name=CRAWL_ARTICLE, bind=True)(crawl_article)
    app.task(name=REGROUP, bind=True)(regroup)
