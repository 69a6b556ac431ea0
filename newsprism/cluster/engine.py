"""The cluster's Celery application: its queues on RabbitMQ, and the delivery rules the tasks need.

Every name on the broker carries the cluster's `name` (its work queue, its quarantine queue, the
exchanges of its remote control and events), so two clusters on one RabbitMQ never take each other's
tasks nor answer each other's pings. A task is acknowledged only once it returns, after its result
is committed; a worker that dies holding one gives it back to the broker (acks_late,
reject_on_worker_lost), and each worker takes one task at a time per process (prefetch 1), so a
dead worker holds back no queue of others' work.
"""

from __future__ import annotations

from celery import Celery
from kombu import Exchange, Queue

from newsprism.crawler.config import ClusterSettings


def work_queue(cluster: ClusterSettings) -> str:
    """The queue of the cluster's discovery, article and regrouping tasks."""
    return f"newsprism.{cluster.name}.work"


def quarantine_queue(cluster: ClusterSettings) -> str:
    """Where a task that keeps killing workers or failing is put aside, with its reason, unconsumed."""
    return f"newsprism.{cluster.name}.quarantine"


def cluster_app(cluster: ClusterSettings) -> Celery:
    """The Celery application of `cluster`, its tasks registered (see `newsprism.cluster.tasks`)."""
    from newsprism.cluster.tasks import register_tasks

    app = Celery(f"newsprism-{cluster.name}", broker=cluster.broker, set_as_current=False)
    exchange = Exchange(f"newsprism.{cluster.name}", type="direct", durable=True)
    queues = [
        Queue(name, exchange, routing_key=name, durable=True)
        for name in (work_queue(cluster), quarantine_queue(cluster))
    ]
    app.conf.update(
        task_queues=queues,
        task_default_queue=work_queue(cluster),
        task_default_exchange=exchange.name,
        task_default_routing_key=work_queue(cluster),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        control_exchange=f"newsprism.{cluster.name}.control",
        event_exchange=f"newsprism.{cluster.name}.events",
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    register_tasks(app, cluster)
    return app
