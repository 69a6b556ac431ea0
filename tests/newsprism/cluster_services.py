"""Real cluster parts for the tests: this machine's RabbitMQ, Redis and PostgreSQL, and worker processes.

A test skips, saying which, when one of the three services does not answer. Each test's cluster has
a name of its own, so runs side by side (or another engineer's) never share a queue or a key; its
queues and keys are deleted afterwards, and every worker it started (with its forked processes) is
gone before it ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from redis import Redis

REPO = Path(__file__).resolve().parents[2]
SERVICES = {"RabbitMQ": ("127.0.0.1", 5672), "Redis": ("127.0.0.1", 6379), "PostgreSQL": ("127.0.0.1", 5432)}
COORDINATION = "redis://127.0.0.1:6379/0"


def absent_service() -> str | None:
    """The first of the three services that does not accept a connection, or None."""
    for name, address in SERVICES.items():
        try:
            socket.create_connection(address, timeout=1).close()
        except OSError:
            return f"{name} does not answer at {address[0]}:{address[1]}"
    return None


def cluster_name() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


def command(database_url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsprism", "-q", "--db", database_url, *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}


class Workers:
    """`newsprism worker` processes, each the leader of its own process group (it and its forks)."""

    def __init__(self, database_url: str, config: Path) -> None:
        self.database_url, self.config = database_url, config
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, count: int, concurrency: int = 2) -> list[subprocess.Popen[bytes]]:
        started = [self._one(concurrency) for _ in range(count)]
        self.processes += started
        return started

    def _one(self, concurrency: int) -> subprocess.Popen[bytes]:
        args = ["worker", "--config", str(self.config), "--concurrency", str(concurrency)]
        return subprocess.Popen(
            command(self.database_url, *args),
            env=environment(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self, worker: subprocess.Popen[bytes]) -> None:
        """SIGKILL a worker and its forked processes at once, as a machine that dies."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    def stop_all(self) -> None:
        """SIGTERM (warm shutdown), then SIGKILL what is left; no process of any worker remains."""
        for worker in self.processes:
            _signal_group(worker.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for worker in self.processes:
            while _group_alive(worker.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
                worker.poll()
            _signal_group(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        for worker in self.processes:
            for _ in range(50):
                if not _group_alive(worker.pid):
                    break
                time.sleep(0.1)
            assert not _group_alive(worker.pid), f"worker {worker.pid} left processes behind"


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except ProcessLookupError:
        pass


def _group_alive(pgid: int) -> bool:
    # A zombie leader still counts as the group; the group is gone once signal 0 finds nobody.
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return any(_in_group(pid, pgid) for pid in _pids())


def _pids() -> Iterator[int]:
    return (int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit())


def _in_group(pid: int, pgid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[2]) == pgid and fields[0] != "Z"


def forget_cluster(name: str) -> None:
    """Delete a test cluster's queues on RabbitMQ and its keys in Redis."""
    from kombu import Connection

    with Connection("amqp://guest:guest@127.0.0.1:5672//") as connection:
        channel = connection.channel()
        for queue in (f"newsprism.{name}.work", f"newsprism.{name}.quarantine"):
            channel.queue_delete(queue)
        channel.close()
    redis = Redis.from_url(COORDINATION)
    keys = list(redis.scan_iter(f"newsprism:{name}:*", count=1000))
    if keys:
        redis.delete(*keys)
    redis.close()
