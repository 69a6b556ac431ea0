"""A distributed crawl pass from the side that asks for it: enqueue it, follow it, sum it up.

`crawl --distributed` enqueues one discovery task per outlet and watches the pass ledger until the
workers have settled every article and regrouped, drawing the same progress and returning the same
`CrawlSummary` as a local pass. `schedule --distributed` runs `enqueue_scheduled_pass` from its
APScheduler jobs: the pass is enqueued and the job ends; the workers do the rest.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from celery import Celery
from kombu.exceptions import OperationalError as BrokerError
from redis import Redis
from redis.exceptions import RedisError

from newsprism.cluster.engine import cluster_app
from newsprism.cluster.ledger import PassLedger, PassProgress
from newsprism.cluster.tasks import DISCOVER, REGROUP, outlet_json
from newsprism.crawler.config import ClusterSettings, CrawlConfig, OutletConfig, load_config
from newsprism.crawler.crawl import CrawlSummary
from newsprism.crawler.progress import CrawlProgress
from newsprism.crawler.urls import host_key
from newsprism.errors import ClusterUnavailableError, InputError

log = logging.getLogger(__name__)
# How often the waiting command reads the ledger.
POLL_SECONDS = 0.2
# A pass complete this long without its regrouping (the task asking for it was lost with its
# worker at the wrong moment) has it asked for again; regrouping twice changes nothing.
REGROUP_PATIENCE = 30.0


def cluster_of(config: CrawlConfig) -> ClusterSettings:
    """The `[cluster]` table of `config`; InputError naming the file when it has none."""
    if config.cluster is None:
        raise InputError(f"{config.source}: no [cluster] table (name, broker, coordination) for the cluster")
    return config.cluster


def connect_coordination(cluster: ClusterSettings) -> Redis:
    """The cluster's Redis, checked to answer; ClusterUnavailableError saying where it was looked for."""
    redis = Redis.from_url(cluster.coordination, socket_connect_timeout=5)
    with reaching(cluster):
        redis.ping()
    return redis


@contextmanager
def reaching(cluster: ClusterSettings) -> Iterator[None]:
    """Turn a broker or Redis that does not answer into one ClusterUnavailableError naming its host."""
    try:
        yield
    except BrokerError as exc:
        raise ClusterUnavailableError(f"cannot reach the broker at {_where(cluster.broker)}: {exc}") from exc
    except (RedisError, OSError) as exc:
        where = _where(cluster.coordination)
        raise ClusterUnavailableError(f"cannot reach the coordination Redis at {where}: {exc}") from exc


def _where(url: str) -> str:
    # Host and port only: the URL may carry a password.
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def enqueue_pass(app: Celery, ledger: PassLedger, outlets: Iterable[OutletConfig]) -> str:
    """Open a pass over `outlets` in the ledger and enqueue their discovery; returns the pass id."""
    chosen = list(outlets)
    pass_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    ledger.open_pass(
        pass_id, [outlet.name for outlet in chosen], {o.name: host_key(o.homepage) for o in chosen}
    )
    for outlet in chosen:
        app.send_task(
            DISCOVER, args=[pass_id, outlet_json(outlet)], task_id=f"{pass_id}:discover:{outlet.name}"
        )
    return pass_id


def crawl_distributed(
    config: CrawlConfig,
    *,
    outlets: Iterable[str] | None = None,
    progress: CrawlProgress,
    clock: Callable[[], float] = time.monotonic,
) -> CrawlSummary:
    """One pass over the outlets of `config` (all, or those named), run by the cluster's workers;
    returns when they have stored every article and regrouped. Follows the pass on `progress`."""
    cluster = cluster_of(config)
    chosen = config.select(outlets)
    started = clock()
    app, ledger = cluster_app(cluster), PassLedger(connect_coordination(cluster), cluster.name)
    with reaching(cluster):
        if not app.control.ping(timeout=1.0):
            log.warning("no worker of cluster %r answers yet; the pass waits for one", cluster.name)
        pass_id = enqueue_pass(app, ledger, chosen)
        _follow(app, ledger, pass_id, progress, clock)
        return ledger.summary(pass_id, clock() - started)


def _follow(
    app: Celery, ledger: PassLedger, pass_id: str, progress: CrawlProgress, clock: Callable[[], float]
) -> None:
    shown = _Shown(progress)
    complete_since: float | None = None
    while True:
        state = ledger.progress(pass_id)
        if not state.outlets:
            # Redis keeps the ledger in memory: restarted, it has forgotten the pass (docs/cluster.md).
            raise ClusterUnavailableError(
                f"pass {pass_id} is no longer in the coordination Redis (restarted?)"
            )
        shown.update(state)
        if state.regrouped:
            return
        if state.complete:
            complete_since = complete_since or clock()
            if clock() - complete_since > REGROUP_PATIENCE:
                app.send_task(REGROUP, args=[pass_id], task_id=f"{pass_id}:regroup")
                complete_since = clock()
        time.sleep(POLL_SECONDS)


class _Shown:
    """What the progress display was told so far, so each change is told once."""

    def __init__(self, progress: CrawlProgress) -> None:
        self.progress = progress
        self.discovered: set[str] = set()
        self.settled: dict[str, dict[str, int]] = {}

    def update(self, state: PassProgress) -> None:
        for outlet, count in state.discovered.items():
            if count is not None and outlet not in self.discovered:
                self.discovered.add(outlet)
                self.progress.discovered(outlet, count)
        for outlet, counts in state.outlets.items():
            told = self.settled.setdefault(outlet, {})
            for status, count in counts.items():
                if status == "unchanged_listings":
                    continue
                for _ in range(count - told.get(status, 0)):
                    self.progress.advanced(outlet, status)
                told[status] = count


def enqueue_scheduled_pass(config_path: str, outlet: str, database_url: str) -> str:
    """The job `schedule --distributed` runs for one outlet: enqueue its pass, and say so.

    `database_url` is unused: the workers store into their own `--db`, which must be the same.
    """
    config = load_config(Path(config_path))
    cluster = cluster_of(config)
    app, ledger = cluster_app(cluster), PassLedger(connect_coordination(cluster), cluster.name)
    with reaching(cluster):
        pass_id = enqueue_pass(app, ledger, config.select([outlet]))
    return f"pass {pass_id} enqueued on cluster {cluster.name!r}"
