"""`cluster status`: what a cluster is doing, asked of its broker, its workers and its ledger.

Workers alive are those answering a ping on the cluster's own control exchange within a second;
queued tasks are the messages ready in its work queue; running ones, what the workers say they
hold; the per-host backlog, the articles of unfinished passes not yet settled; failures and the
quarantine, what the ledger kept, newest first. Read-only.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from newsprism.cluster.engine import cluster_app, quarantine_queue, work_queue
from newsprism.cluster.ledger import PassLedger
from newsprism.cluster.passes import connect_coordination, reaching
from newsprism.crawler.config import ClusterSettings

# Passes looked at for the backlog: the most recent, as an unfinished one is.
RECENT_PASSES = 50


def cluster_status(cluster: ClusterSettings, *, timeout: float = 1.0) -> dict[str, Any]:
    """The cluster's state as JSON-ready values (the shape `cluster status --json` prints)."""
    app = cluster_app(cluster)
    ledger = PassLedger(connect_coordination(cluster), cluster.name)
    with reaching(cluster):
        workers = sorted(name for reply in app.control.ping(timeout=timeout) or [] for name in reply)
        active = app.control.inspect(timeout=timeout).active() or {} if workers else {}
        return {
            "cluster": cluster.name,
            "workers": workers,
            "queued": queued(app, work_queue(cluster)),
            "running": sum(len(tasks) for tasks in active.values()),
            "backlog": host_backlog(ledger),
            "quarantined": queued(app, quarantine_queue(cluster)),
            "quarantine": ledger.quarantined(),
            "failures": ledger.failures(),
        }


def queued(app: Celery, queue: str) -> int:
    """Messages ready in `queue` (0 when the broker has never seen it)."""
    with app.connection_for_write() as connection, connection.channel() as channel:
        try:
            _name, count, _consumers = channel.queue_declare(queue=queue, passive=True)
        except connection.channel_errors:  # the broker's "not found": no task was ever sent there
            return 0
    return int(count)


def host_backlog(ledger: PassLedger) -> list[dict[str, Any]]:
    """Articles discovered but not yet settled, per host, over the recent unfinished passes."""
    pending: dict[str, int] = {}
    for pass_id in ledger.recent_passes(RECENT_PASSES):
        state = ledger.progress(pass_id)
        if state.regrouped:
            continue
        hosts = ledger.hosts(pass_id)
        for outlet, counts in state.outlets.items():
            found = state.discovered.get(outlet) or 0
            settled = sum(
                counts.get(status, 0) for status in ("new", "updated", "unchanged", "failed", "skipped")
            )
            host = hosts.get(outlet, outlet)
            pending[host] = pending.get(host, 0) + max(0, found - settled)
    return [{"host": host, "pending": count} for host, count in sorted(pending.items()) if count]


def status_lines(status: dict[str, Any]) -> list[str]:
    """`cluster status` for a person: one line per fact, then the failures and the quarantine."""
    lines = [
        f"cluster {status['cluster']}: {len(status['workers'])} worker(s) alive, {status['queued']} task(s) "
        f"queued, {status['running']} running, {status['quarantined']} quarantined",
        *(f"  worker {name}" for name in status["workers"]),
    ]
    lines += [f"  backlog {item['host']}: {item['pending']} article(s)" for item in status["backlog"]]
    lines += [
        f"  quarantined {q['at']} {q['task']} {q['subject']}: {q['reason']}" for q in status["quarantine"]
    ]
    lines += [f"  failed {f['at']} {f['task']} {f['subject']}: {f['reason']}" for f in status["failures"]]
    return lines
