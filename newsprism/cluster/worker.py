"""`newsprism worker`: one machine's share of a cluster, a Celery worker of forked processes.

The worker brings the shared database to the schema head once, then forks its processes; each takes
one task at a time from the cluster's work queue. SIGTERM or SIGINT is Celery's warm shutdown: the
tasks in hand are finished (their results committed, then acknowledged) and nothing more is taken;
a second signal, or SIGKILL, stops at once and the broker gives the unacknowledged tasks to others.
"""

from __future__ import annotations

import logging
import os
import socket

from sqlalchemy.engine import make_url

from newsprism.cluster.engine import cluster_app, work_queue
from newsprism.cluster.passes import cluster_of, connect_coordination
from newsprism.cluster.tasks import WorkerSetup, prepare_worker
from newsprism.crawler.config import CrawlConfig
from newsprism.errors import InputError
from newsprism.storage.database import Database

# Processes per worker when not told: the crawl waits on far servers far more than it computes.
DEFAULT_PROCESSES = 4


def run_worker(
    config: CrawlConfig, database_url: str, *, concurrency: int | None = None, verbose: int = 0
) -> int:
    """Run a worker of `config`'s cluster until SIGTERM/SIGINT; returns its exit status."""
    cluster = cluster_of(config)
    if make_url(database_url).get_backend_name() != "postgresql":
        raise InputError(
            f"a cluster's workers share one PostgreSQL database; --db / $NEWSPRISM_DB names "
            f"{make_url(database_url).render_as_string(hide_password=True)!r}"
        )
    connect_coordination(cluster).close()  # one clear line now, not a failure on the first task
    Database(database_url).close()  # the schema at head before any process writes
    prepare_worker(WorkerSetup(config, cluster, database_url))
    app = cluster_app(cluster)
    worker = app.Worker(
        hostname=f"{cluster.name}-{os.getpid()}@{socket.gethostname()}",
        queues=[work_queue(cluster)],
        concurrency=concurrency or DEFAULT_PROCESSES,
        pool_cls="prefork",
        loglevel=logging.INFO if verbose else logging.WARNING,
        # Gossip and mingle talk to every worker on the control exchange at start: not needed here.
        without_gossip=True,
        without_mingle=True,
        quiet=True,
    )
    worker.start()
    return int(worker.exitcode or 0)
