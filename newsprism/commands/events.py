"""`newsprism events` and `newsprism report`: the stored events, and the divergence report of one.

Thin: listing comes from `newsprism.web.queries.events_json` (the same data as `GET /api/events`) and
reports from `newsprism.reports.render_event_report`; this module only parses options and prints.
Storage and rich are imported inside the commands, so that `newsprism --help` stays quick.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsprism.console import reports_errors, settings_of
from newsprism.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@reports_errors
def events_command(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="Only events with an article published on or after DATE.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the events as JSON.")] = False,
) -> None:
    """List the events: groups of articles from any outlets about the same story."""
    from rich.console import Console

    from newsprism.database import Database
    from newsprism.web.queries import parse_when

    with Database(settings_of(ctx).database_url, must_exist=True) as database:
        events = database.events(since=parse_when(since, "--since"))
    if as_json:
        typer.echo(json.dumps(events, ensure_ascii=False, indent=2))
    else:
        Console(soft_wrap=True).print(_table(events))


def _table(events: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title=f"{len(events)} event(s)")
    for column in ("id", "title", "articles", "outlets", "last published"):
        table.add_column(column, overflow="fold")
    for event in events:
        table.add_row(
            event["id"],
            event["title"],
            str(len(event["articles"])),
            ", ".join(event["outlets"]),
            (event["last_published"] or "")[:16].replace("T", " "),
        )
    return table


@reports_errors
def report_command(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="The event id, as `newsprism events` shows it.")],
    format_: Annotated[ReportFormat, typer.Option("--format", help="md, html or json.")] = ReportFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the report here instead of printing it.")
    ] = None,
) -> None:
    """The divergence report of one event: where its outlets disagree, and what some leave out."""
    from newsprism.reports import render_event_report
    from newsprism.storage.database import Database

    if not event_id.isdigit():
        raise InputError(f"no event with id {event_id!r}")
    with Database(settings_of(ctx).database_url, must_exist=True) as database, database.session() as session:
        text = render_event_report(session, int(event_id), format_.value)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {str(out)!r}: {exc.strerror}") from exc
    typer.echo(f"report of event {event_id} written to {out}")
