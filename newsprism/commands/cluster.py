"""`worker` and `cluster status`: thin skins over `newsprism.cluster` (docs/cluster.md)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from newsprism.commands.crawling import ConfigOption
from newsprism.console import reports_errors, settings_of


@reports_errors
def worker_command(
    ctx: typer.Context,
    config: ConfigOption,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", min=1, help="Worker processes, each one task at a time [default: 4]."),
    ] = None,
) -> None:
    """A worker of the cluster in FILE's [cluster] table: takes crawl and analysis tasks until
    SIGINT/SIGTERM, then finishes what it holds."""
    from newsprism.cluster.worker import run_worker
    from newsprism.crawler.config import load_config

    settings = settings_of(ctx)
    status = run_worker(
        load_config(config), settings.database_url, concurrency=concurrency, verbose=settings.verbose
    )
    raise typer.Exit(status)


@reports_errors
def cluster_status_command(
    config: ConfigOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """The cluster: workers alive, tasks queued and running, per-host backlog, recent failures."""
    from newsprism.cluster.passes import cluster_of
    from newsprism.cluster.status import cluster_status, status_lines
    from newsprism.crawler.config import load_config

    status = cluster_status(cluster_of(load_config(config)))
    if as_json:
        typer.echo(json.dumps(status, ensure_ascii=False, indent=2))
        return
    for line in status_lines(status):
        typer.echo(line)
