"""How a distributed pass scales with workers: one worker against three, side by side, on this machine.

A loopback wire service of OUTLETS outlets (each its own server, answering every article after
LATENCY seconds, as far servers do) is crawled by `newsprism crawl --distributed` with one worker,
then three (each `--concurrency PROCESSES`), on this machine's RabbitMQ, Redis and PostgreSQL; each
run gets a fresh database and cluster name, its workers started and answering pings before the
pass. The pass time is the one the command prints (enqueue to regrouped); rounds alternate.

    .venv/bin/python scripts/bench_cluster.py                     # 8 outlets x 30 pages, 0.3 s, 2 rounds
    .venv/bin/python scripts/bench_cluster.py --workers 1 2 3 --rounds 1
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "newsprism"), str(ROOT)]
from cluster_services import Workers, absent_service, command, environment, forget_cluster  # noqa: E402
from wire_site import WireService  # noqa: E402

from newsprism.cluster.status import cluster_status  # noqa: E402
from newsprism.crawler.config import load_config  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"


@dataclass(frozen=True)
class Run:
    workers: int
    pages: int
    stored: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--outlets", type=int, default=8)
    parser.add_argument("--pages", type=int, default=30, help="articles per outlet")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds before each article's answer")
    parser.add_argument("--concurrency", type=int, default=2, help="each outlet's requests in flight")
    parser.add_argument("--processes", type=int, default=4, help="each worker's --concurrency")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--rounds", type=int, default=2)
    return parser.parse_args()


def one_pass(args: argparse.Namespace, workers: int, folder: Path) -> Run:
    name, database = f"bench-{uuid.uuid4().hex[:8]}", f"newsprism_bench_cluster_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{POSTGRES}/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    url = f"{POSTGRES}/{database}"
    wire = WireService(args.outlets, args.pages, latency=args.latency)
    config = wire.config(folder / f"{name}.toml", cluster=name, delay=0.0, concurrency=args.concurrency)
    started = Workers(url, config)
    try:
        started.start(workers, concurrency=args.processes)
        wait_until_alive(config, workers)
        done = subprocess.run(
            command(url, "crawl", "--config", str(config), "--distributed"),
            env=environment(),
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
        seconds = float(re.search(r"crawl pass \(([\d.]+)s\)", done.stdout).group(1))  # type: ignore[union-attr]
        stored = stored_articles(url)
    finally:
        started.stop_all()
        wire.close()
        forget_cluster(name)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
    return Run(workers, args.outlets * args.pages, stored, seconds)


def wait_until_alive(config: Path, workers: int) -> None:
    cluster = load_config(config).cluster
    assert cluster is not None
    deadline = time.monotonic() + 120
    while len(cluster_status(cluster)["workers"]) < workers:
        if time.monotonic() > deadline:
            raise SystemExit(f"only some of {workers} workers answered in 120 s")
        time.sleep(0.5)


def stored_articles(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())
    finally:
        engine.dispose()


def main() -> None:
    args = arguments()
    absent = absent_service()
    if absent is not None:
        raise SystemExit(f"bench_cluster needs RabbitMQ, Redis and PostgreSQL: {absent}")
    best: dict[int, Run] = {}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(args.rounds):
            order = args.workers if round_number % 2 == 0 else list(reversed(args.workers))
            for workers in order:
                run = one_pass(args, workers, Path(folder))
                said = f"{run.seconds:.1f} s, {run.rate:.1f} pages/s"
                print(f"round {round_number + 1}: {workers} worker(s): {said}")
                if workers not in best or run.seconds < best[workers].seconds:
                    best[workers] = run
    base = best[min(best)]
    setup = f"{args.outlets} outlets x {args.pages} articles, {args.latency} s per answer"
    print(f"\n{setup}, outlet concurrency {args.concurrency}, {args.processes} processes per worker")
    print(f"best of {args.rounds} rounds")
    print("| workers | pass (s) | articles/s | stored | speed-up |\n|---:|---:|---:|---:|---:|")
    for workers, run in sorted(best.items()):
        speedup = base.seconds / run.seconds
        stored = f"{run.stored}/{run.pages}"
        print(f"| {workers} | {run.seconds:.1f} | {run.rate:.1f} | {stored} | {speedup:.2f}x |")


if __name__ == "__main__":
    main()
