"""The `newsprism` command line, the composition root: global options and the registered commands.

Each command lives in `newsprism.commands` and calls one library function. Errors a user can act on
become one line on standard error and exit status 1; usage errors are exit status 2.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import Annotated

import typer

from newsprism.commands.analysis import analyze_command
from newsprism.commands.cluster import cluster_status_command, worker_command
from newsprism.commands.crawling import crawl_command, export_command, import_command, schedule_command
from newsprism.commands.database import init_command
from newsprism.commands.demo import demo_command
from newsprism.commands.events import events_command, report_command
from newsprism.commands.outlets import outlets_command
from newsprism.commands.web import search_command, serve_command
from newsprism.settings import Settings, database_url, log_level

app = typer.Typer(
    name="newsprism",
    help="Compare how outlets cover the same event: who said what, the numbers, what is left out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="SQLAlchemy database URL [default: $NEWSPRISM_DB or sqlite:///newsprism.db]"
        ),
    ] = None,
    # Counting flags take no value: an empty metavar keeps the help from showing "<int>", which
    # invited "-v 2" (a usage error).
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, metavar="", help="More logging (-vv: debug).")
    ] = 0,
    quiet: Annotated[
        int, typer.Option("-q", "--quiet", count=True, metavar="", help="Less logging, no progress.")
    ] = 0,
) -> None:
    logging.basicConfig(
        level=log_level(verbose, quiet), format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = Settings(database_url(db), verbose, quiet)


# One line per command; the command modules never import this one.
app.command("init")(init_command)
app.command("analyze")(analyze_command)
app.command("demo")(demo_command)
app.command("crawl")(crawl_command)
app.command("schedule")(schedule_command)
app.command("import")(import_command)
app.command("export")(export_command)
app.command("search")(search_command)
app.command("serve")(serve_command)
app.command("events")(events_command)
app.command("report")(report_command)
app.command("outlets")(outlets_command)
app.command("worker")(worker_command)
cluster_commands = typer.Typer(name="cluster", help="The distributed engine's state.", no_args_is_help=True)
cluster_commands.command("status")(cluster_status_command)
app.add_typer(cluster_commands)


def main() -> None:
    try:
        app()
    finally:
        # What the command made is left out of the collections the interpreter runs as it exits: they
        # scanned every object once more, 0.3-0.5 s after a crawl, to free memory the exit frees anyway.
        gc.freeze()
