"""`newsprism search` and `newsprism serve`: the database answered on a terminal and over HTTP.

Both open the database (bringing it to the schema head) and call one library function: the search of
`newsprism.web.queries`, or the application of `newsprism.web.app` under uvicorn. Those, storage and
rich are imported inside the commands, so that `newsprism --help` does not wait for them.
"""

from __future__ import annotations

import json
import socket
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsprism.console import reports_errors, settings_of
from newsprism.errors import InputError

if TYPE_CHECKING:
    from rich.text import Text

DEFAULT_HOST = "127.0.0.1"


@reports_errors
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, OR, NOT or -word, (groups).')],
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before (YYYY-MM-DD).")] = None,
    event: Annotated[int | None, typer.Option("--event", help="Only articles of this event.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only articles citing this source.")] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only articles quoting this speaker.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as one JSON object.")] = False,
) -> None:
    """Full-text search over the stored articles, best match first."""
    from newsprism.storage.database import Database
    from newsprism.web import queries

    filters = queries.search_filters(
        outlet=outlet, since=since, until=until, event=event, source=source, speaker=speaker
    )
    with Database(settings_of(ctx).database_url, must_exist=True) as database, database.session() as session:
        # An outlet or event that does not exist is an error (queries.check_named), not "0 results".
        result = queries.search_json(session, query, filters, limit=limit, facets=as_json)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=_iso))
    else:
        _print_table(result)


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stdout, soft_wrap=False)
    table = Table(title=_search_title(result), title_justify="left")
    for name in ("id", "outlet", "published", "title", "snippet"):
        table.add_column(name, overflow="fold")
    for hit in result["hits"]:
        published = hit["published"].date().isoformat() if hit["published"] else ""
        table.add_row(str(hit["id"]), hit["outlet"], published, hit["title"] or "", _snippet(hit))
    console.print(table)


def _search_title(result: dict[str, Any]) -> str:
    # Says so when the total was extrapolated or the ranking only saw the newest matches.
    about = "about " if result.get("total_is_estimate") else ""
    title = f"{about}{result['total']} article(s) match {result['query']!r}; best {len(result['hits'])}"
    newest = result.get("ranked_newest")
    return title + (f" of the {newest} newest matches shown" if newest else " shown")


def _snippet(hit: dict[str, Any]) -> Text:
    from rich.text import Text

    # A Text built piece by piece: article text is never read as rich markup.
    text, at = Text(), 0
    for start, end in hit["highlights"]:
        text.append(hit["snippet"][at:start])
        text.append(hit["snippet"][start:end], style="bold reverse")
        at = end
    text.append(hit["snippet"][at:])
    return text


@reports_errors
def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless told).")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the JSON API (OpenAPI at /openapi.json) and the web pages until interrupted."""
    import uvicorn

    from newsprism.storage.database import Database
    from newsprism.web.app import create_app

    settings = settings_of(ctx)
    refuse_a_busy_port(host, port)
    app = create_app(Database(settings.database_url, must_exist=True))
    level = "info" if settings.verbose else "warning"
    typer.echo(f"newsprism serving on http://{host}:{port}/ (the API: /docs; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=level, access_log=settings.verbose > 0)


def refuse_a_busy_port(host: str, port: int) -> None:
    """InputError naming the address when nothing can listen on it (uvicorn would print "serving on"
    and then exit 3); a probe, so another program may still take the port in between."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise InputError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc} (another program listens there? "
            "choose another with --port)"
        ) from exc
