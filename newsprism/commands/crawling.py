"""`crawl`, `schedule`, `import` and `export`: thin skins over the crawler and storage.

Each command parses its options, opens the database (bringing it to the schema head) and calls one
library function; crawled and imported articles are analyzed through the pipeline's `analyze_stored`
inside the transaction that stores them, and grouped into events after the pass.

The crawler, storage and rich are imported inside the commands that use them: `newsprism --help`
imports every command module, and must not wait for the whole crawler to load (issue 17).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from newsprism.console import reports_errors, settings_of
from newsprism.errors import InputError
from newsprism.settings import Settings

if TYPE_CHECKING:
    from rich.table import Table

    from newsprism.crawler.config import CrawlConfig
    from newsprism.crawler.crawl import CrawlSummary
    from newsprism.crawler.importer import ImportSummary
    from newsprism.crawler.progress import ImportProgress

# The module of the page preparation a local crawl's extraction workers run (`analyze_page`).
PAGE_PREPARATION = "newsprism.preparation"
ConfigOption = Annotated[
    Path, typer.Option("--config", help="The outlet configuration (TOML).", exists=False, dir_okay=False)
]


@reports_errors
def crawl_command(
    ctx: typer.Context,
    config: ConfigOption,
    outlet: Annotated[
        list[str] | None, typer.Option("--outlet", help="Crawl only this outlet (repeatable).")
    ] = None,
    distributed: Annotated[
        bool, typer.Option("--distributed", help="Run the pass on the workers of the [cluster] table.")
    ] = False,
) -> None:
    """One crawl pass over the configured outlets: discover, fetch, extract, store, analyse."""
    from newsprism.storage.bulk import fewer_collections

    if not distributed:
        # Before this process imports the crawler: the extraction workers' server makes its own
        # imports meanwhile, on the other core, and the first page finds its workers ready.
        from newsprism.crawler.workers import start_worker_server

        start_worker_server([PAGE_PREPARATION])
    # The imports and the migrations make objects that live as long as the command; collected as
    # Python does by default (every 700 allocations), they took 0.16-0.33 s before the pass began.
    # The pass's own block then leaves them out of its collections.
    with fewer_collections(freeze=False):
        _crawl_and_report(ctx, config, outlet, distributed)


def _crawl_and_report(ctx: typer.Context, config: Path, outlet: list[str] | None, distributed: bool) -> None:
    from rich.console import Console

    from newsprism.crawler.config import load_config

    settings = settings_of(ctx)
    crawl_config = load_config(config)
    run_pass = _distributed_pass if distributed else _local_pass
    summary = run_pass(crawl_config, outlet, settings.database_url, settings.show_progress)
    Console(soft_wrap=True).print(crawl_table(summary))
    # Plain lines under the table, without -v: an outlet that gave nothing says why and what to do.
    for line in summary.explanations():
        typer.echo(line)


def _local_pass(
    crawl_config: CrawlConfig, outlet: list[str] | None, database_url: str, show_progress: bool
) -> CrawlSummary:
    from newsprism.database import Database

    with Database(database_url) as database:
        return database.crawl(crawl_config, outlets=outlet, progress=show_progress)


def _distributed_pass(
    crawl_config: CrawlConfig, outlet: list[str] | None, database_url: str, show_progress: bool
) -> CrawlSummary:
    from newsprism.cluster.passes import cluster_of, crawl_distributed
    from newsprism.crawler.progress import RichProgress, SilentProgress
    from newsprism.storage.database import Database

    cluster_of(crawl_config)  # no [cluster] table: said before any database is made
    # The workers store into their own --db; this one only gets the schema to head before they run.
    Database(database_url).close()
    if not show_progress:
        return crawl_distributed(crawl_config, outlets=outlet, progress=SilentProgress())
    with RichProgress() as bar:
        return crawl_distributed(crawl_config, outlets=outlet, progress=bar)


def crawl_table(summary: CrawlSummary) -> Table:
    """The closing table of a pass: one row per outlet and a total."""
    from rich.table import Table

    table = Table(title=f"crawl pass ({summary.elapsed:.1f}s)")
    columns = ("discovered", "new", "updated", "unchanged", "failed", "skipped")
    table.add_column("outlet")
    for column in columns:
        table.add_column(column, justify="right")
    for row in [*summary.outlets, summary.total()]:
        table.add_row(row.outlet, *(str(getattr(row, column)) for column in columns))
    return table


def scheduled_crawl(config_path: str, outlet: str, database_url: str) -> CrawlSummary:
    """The job `schedule` runs for one outlet: a crawl pass with analysis, then grouping."""
    from newsprism.crawler.schedule import crawl_job
    from newsprism.pipeline import analyze_page, analyze_stored, complete_stored
    from newsprism.storage.database import Database

    summary = crawl_job(config_path, outlet, database_url, after_store=analyze_stored, prepare=analyze_page)
    with Database(database_url) as database:
        complete_stored(database)
    return summary


@reports_errors
def schedule_command(
    ctx: typer.Context,
    config: ConfigOption,
    distributed: Annotated[
        bool, typer.Option("--distributed", help="Enqueue the passes for the workers of the [cluster] table.")
    ] = False,
) -> None:
    """Crawl each outlet on its `every` in the foreground until SIGINT/SIGTERM, then stop cleanly."""
    from newsprism.crawler.schedule import run_schedule

    settings = settings_of(ctx)
    job: Callable[..., object] | str = scheduled_crawl
    if distributed:
        from newsprism.cluster.passes import cluster_of, enqueue_scheduled_pass
        from newsprism.crawler.config import load_config

        cluster_of(load_config(config))  # no [cluster] table: one line now, not one per job
        job = enqueue_scheduled_pass

    def started(outlets: int) -> None:
        typer.echo(f"newsprism: scheduling {outlets} outlet(s); stop with Ctrl-C or SIGTERM", err=True)

    # One line per outlet per pass on standard output (click flushes each), for the journal or a log.
    run_schedule(config, settings.database_url, job=job, on_started=started, on_pass=typer.echo)
    typer.echo("newsprism: schedule stopped", err=True)


@reports_errors
def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="JSON Lines or WARC (.warc, .warc.gz) files.")],
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet of WARC pages [default: the site's host].")
    ] = None,
    progress: Annotated[
        bool,
        typer.Option(
            "--progress",
            help="Show progress on standard error even off a terminal (a plain line every 10 s).",
        ),
    ] = False,
) -> None:
    """Import articles from JSON Lines or WARC files; each is stored and analysed like a crawled one."""
    from newsprism.crawler.importer import import_files
    from newsprism.pipeline import analyze_stored, complete_stored
    from newsprism.storage.database import Database

    settings = settings_of(ctx)
    with Database(settings.database_url) as database:
        with import_progress(settings, forced=progress) as shown:
            summary = import_files(paths, database, after_store=analyze_stored, outlet=outlet, progress=shown)
        complete_stored(database)
    for problem in summary.problems:
        typer.echo(f"newsprism: error: {problem}", err=True)
    typer.echo(_import_line(summary))
    if summary.problems:
        raise typer.Exit(1)


def import_progress(settings: Settings, *, forced: bool) -> AbstractContextManager[ImportProgress]:
    """A bar on a terminal (unless -q); with `forced` and no terminal, plain lines on standard error."""
    from newsprism.crawler.progress import PlainImportProgress, RichImportProgress, SilentImportProgress

    if forced and not sys.stderr.isatty():
        return nullcontext(PlainImportProgress(sys.stderr))
    if forced or settings.show_progress:
        # RichImportProgress draws nothing when standard error is not a terminal.
        return RichImportProgress()
    return nullcontext(SilentImportProgress())


def _import_line(summary: ImportSummary) -> str:
    return (
        f"imported: {summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.skipped} skipped (not articles), {len(summary.problems)} bad"
    )


class ExportFormat(StrEnum):
    """The formats `export` writes."""

    jsonl = "jsonl"
    csv = "csv"


@reports_errors
def export_command(
    ctx: typer.Context,
    format_: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet's articles.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles published on or after DATE.")
    ] = None,
) -> None:
    """Every stored article (its current version), one per line, to standard output."""
    from newsprism.database import Database

    since_time = _since(since)
    with Database(settings_of(ctx).database_url, must_exist=True) as database:
        write_export(database.articles(outlet=outlet, since=since_time), format_.value, sys.stdout)


def _since(value: str | None) -> datetime | None:
    from newsprism.crawler.importer import parse_published

    try:
        return parse_published(value)
    except ValueError:
        raise InputError(f"--since must be an ISO 8601 date like 2024-05-03, got {value!r}") from None


def write_export(records: Iterable[dict[str, Any]], format_: str, out: TextIO) -> None:
    """Write export records as JSON Lines or CSV (authors joined by "; ") to the stream `out`."""
    import csv
    import json

    from newsprism.storage.reading import EXPORT_KEYS

    if format_ == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(out, fieldnames=EXPORT_KEYS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({**record, "authors": "; ".join(record["authors"])})
